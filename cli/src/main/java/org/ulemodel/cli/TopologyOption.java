// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.ulemodel.core.topo.Topology;

/**
 * The value of a command's topology option: a spec such as {@code 2x4x2} ({@link Topology#parse}),
 * or a file holding FreeBSD's {@code kern.sched.topology_spec} XML ({@link Topology#fromXml}),
 * e.g. the output of {@code sysctl -n kern.sched.topology_spec} on the machine to model. An
 * argument is read as a file when a file of that name exists or when it ends in {@code .xml}.
 * Every problem is a {@link UsageError}; XML errors name the file and line.
 */
public final class TopologyOption {
    private TopologyOption() {
    }

    /** The topology named by {@code arg}: an XML file, or else a spec string. */
    public static Topology parse(String arg) {
        if (arg == null || arg.isBlank()) {
            throw new UsageError("empty topology: expected PxCxT such as 2x4x2, or a kern.sched.topology_spec XML file");
        }
        Path file = asFile(arg);
        if (file == null) {
            try {
                return Topology.parse(arg);
            } catch (IllegalArgumentException e) {
                throw new UsageError(e.getMessage() + "; or name a kern.sched.topology_spec XML file");
            }
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageError(arg + ": no such file (expected kern.sched.topology_spec XML)");
        } catch (MalformedInputException e) {
            throw new UsageError(arg + ": not UTF-8 text (expected kern.sched.topology_spec XML)");
        } catch (IOException e) {
            throw new UsageError(arg + ": cannot read: " + e.getMessage());
        }
        try {
            // TopologyException's message is already "FILE:LINE: <element>: what was expected".
            return Topology.fromXml(text, arg);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }

    /** The file {@code arg} names, or null when it is to be read as a spec. */
    private static Path asFile(String arg) {
        Path p;
        try {
            p = Paths.get(arg);
        } catch (InvalidPathException e) {
            return null;
        }
        return Files.exists(p) || arg.endsWith(".xml") ? p : null;
    }
}
