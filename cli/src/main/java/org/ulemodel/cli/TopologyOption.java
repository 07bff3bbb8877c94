// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ulemodel.core.topo.CpuGroup;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.core.topo.TopologyXml;
import org.ulemodel.trace.TextInput;

/**
 * The one parser of every command's topology option ({@code simulate}, {@code check},
 * {@code explore}, {@code replay}, {@code demo}): a spec such as {@code 8}, {@code 2x4} or
 * {@code 2x4x2} ({@link Topology#parse}), or a file holding FreeBSD's
 * {@code kern.sched.topology_spec} XML ({@link TopologyXml#read}), e.g. the output of
 * {@code sysctl -n kern.sched.topology_spec} on the machine to model. A value is read as a file
 * when it ends in {@code .xml} (any case) or names an existing regular file.
 *
 * <p>Invariant: every problem is a {@link UsageError} in one style, {@code OPTION: what}, where
 * what names the value — {@code topology '2x0': …} for a spec, {@code FILE: …} or
 * {@code FILE:LINE: <element>: …} for a file.
 */
public final class TopologyOption {
    /** The largest topology file read (a 1024-CPU machine's XML is a few hundred KiB). */
    static final long MAX_FILE_BYTES = 4L << 20;
    private static final String FORMS = "expected PxCxT such as 2x4x2, or a kern.sched.topology_spec XML file";

    private TopologyOption() {
    }

    /** The topology named by the value {@code arg} of {@code --topology}. */
    public static Topology parse(String arg) {
        return parse("--topology", arg);
    }

    /** The topology named by the value {@code arg} of {@code option}: an XML file, or else a spec string. */
    public static Topology parse(String option, String arg) {
        if (arg == null || arg.isBlank()) {
            throw new UsageError(option + ": empty topology: " + FORMS);
        }
        Path file = asFile(arg);
        if (file == null) {
            try {
                return Topology.parse(arg);
            } catch (IllegalArgumentException e) {
                throw new UsageError(option + ": " + e.getMessage() + "; or name a kern.sched.topology_spec XML file");
            }
        }
        String text;
        try {
            if (!Files.isRegularFile(file)) {
                throw new UsageError(option + ": " + arg + (Files.exists(file) ? ": not a regular file" : ": no such file")
                        + " (expected kern.sched.topology_spec XML)");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new UsageError(option + ": " + arg + ": file too large (expected at most 4 MiB of kern.sched.topology_spec XML)");
            }
            text = TextInput.read(file);
        } catch (org.ulemodel.trace.InputError e) {
            throw new UsageError(option + ": " + e.getMessage() + " (expected kern.sched.topology_spec XML)");
        } catch (IOException e) {
            throw new UsageError(option + ": " + arg + ": cannot read: " + e.getMessage());
        }
        try {
            // TopologyException's message is already "FILE:LINE: <element>: what was expected".
            return TopologyXml.read(text, arg);
        } catch (IllegalArgumentException e) {
            throw new UsageError(option + ": " + e.getMessage());
        }
    }

    /**
     * The {@code PxCxT} spec of {@code t} for the tools that name a machine by spec (the explorer,
     * its counterexamples and the replayer): {@code t}'s own spec when it was given as one, else
     * the shortest spec whose tree ULE cannot tell from {@code t}'s (same groups in the same order,
     * same CPU masks, cache levels and SMT-ness: all that ULE reads of a {@code cpu_group}; an XML
     * file may differ in other flags, such as HTT). A tree no spec builds is a usage error.
     */
    public static String spec(String option, String arg, Topology t) {
        if (!t.spec().startsWith("xml:")) {
            return t.spec();
        }
        for (String candidate : candidates(t.cpuCount())) {
            if (sameForUle(Topology.parse(candidate), t)) {
                return candidate;
            }
        }
        throw new UsageError(option + ": " + arg + ": a machine no PxCxT spec builds (" + t.cpuCount() + " CPUs in "
                + t.groupCount() + " groups); explore and replay name the machine by spec: expected the tree of a PxCxT machine");
    }

    /** Every spec of {@code n} CPUs, shortest form first: {@code N}, then {@code PxC}, then {@code PxCxT} with T &gt; 1. */
    private static List<String> candidates(int n) {
        List<String> out = new ArrayList<>();
        out.add(String.valueOf(n));
        for (int t = 1; t <= n; t++) {
            if (n % t != 0) {
                continue;
            }
            for (int p = 1; p <= n / t; p++) {
                if ((n / t) % p == 0) {
                    int c = n / t / p;
                    out.add(t == 1 ? p + "x" + c : String.format(Locale.ROOT, "%dx%dx%d", p, c, t));
                }
            }
        }
        return out;
    }

    /** True when ULE sees {@code a} and {@code b} alike: group by group the same place in the tree, mask, level and SMT-ness. */
    private static boolean sameForUle(Topology a, Topology b) {
        if (a.groupCount() != b.groupCount()) {
            return false;
        }
        for (int i = 0; i < a.groupCount(); i++) {
            CpuGroup x = a.group(i);
            CpuGroup y = b.group(i);
            if (x.parent() != y.parent() || !Arrays.equals(x.children(), y.children()) || !x.mask().equals(y.mask())
                    || x.level() != y.level() || x.isThreadGroup() != y.isThreadGroup()) {
                return false;
            }
        }
        return true;
    }

    /** The file {@code arg} names, or null when it is to be read as a spec. */
    private static Path asFile(String arg) {
        Path p;
        try {
            p = Paths.get(arg);
        } catch (InvalidPathException e) {
            return null;
        }
        return arg.toLowerCase(Locale.ROOT).endsWith(".xml") || Files.isRegularFile(p) ? p : null;
    }
}
