// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ulemodel.cli.UsageError;
import org.ulemodel.core.topo.Topology;

/** Parsing of the simulate/check option values: {@code --topology 2x4x2|FILE.xml} and {@code --duration 10s}. */
public final class Options {
    private Options() {
    }

    /** A PxCxT shape, or a topology_spec XML file (a value ending in .xml or naming an existing file). */
    public static Topology topology(String value) {
        try {
            Path p = Path.of(value);
            if (value.toLowerCase(Locale.ROOT).endsWith(".xml") || Files.isRegularFile(p)) {
                if (!Files.isRegularFile(p)) {
                    throw new UsageError("--topology " + value + ": no such file");
                }
                if (Files.size(p) > (4L << 20)) {
                    throw new UsageError("--topology " + value + ": file too large (at most 4 MiB)");
                }
                return Topology.fromXml(Files.readString(p, StandardCharsets.UTF_8), value);
            }
            return Topology.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--topology " + value + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UsageError("--topology " + value + ": cannot read: " + e.getMessage());
        }
    }

    /** A duration such as 10s, 250ms, 1.5s, 500us, or a bare number of seconds; returned in µs (at most a day). */
    public static long durationUs(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        double scale = 1_000_000;
        String num = v;
        if (v.endsWith("ms")) {
            scale = 1_000;
            num = v.substring(0, v.length() - 2);
        } else if (v.endsWith("us")) {
            scale = 1;
            num = v.substring(0, v.length() - 2);
        } else if (v.endsWith("s")) {
            num = v.substring(0, v.length() - 1);
        }
        double d;
        try {
            d = Double.parseDouble(num);
        } catch (NumberFormatException e) {
            throw new UsageError("--duration " + value + ": expected a time such as 10s, 250ms or 500us");
        }
        if (!(d > 0) || d * scale > 86_400e6) {
            throw new UsageError("--duration " + value + ": expected a time above 0 and at most 86400s");
        }
        return Math.max(1, Math.round(d * scale));
    }
}
