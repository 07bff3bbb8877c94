// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.smp;

import java.util.HashMap;
import java.util.Map;
import org.ulemodel.core.golden.GoldenTable;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;

/**
 * Decoding of the golden/smp encodings shared by the search and pickcpu tables: ';'-separated
 * per-CPU lists, lowercase hex masks (bit n = CPU n; ffffffffffffffff is CPU_FILL), u32 decimal
 * LCG states, and topology specs such as 2x4x2 (built once each).
 */
final class SmpGolden {
    private final Map<String, Topology> topologies = new HashMap<>();

    /** The topology of a row's {@code topo} column, checked against its {@code ncpu} column. */
    Topology topology(GoldenTable.Row row) {
        Topology t = topologies.computeIfAbsent(row.get("topo"), Topology::parse);
        if (t.cpuCount() != row.i("ncpu")) {
            throw new IllegalStateException(row.where() + ": topology " + row.get("topo") + " has " + t.cpuCount()
                    + " CPUs, row says ncpu=" + row.get("ncpu"));
        }
        return t;
    }

    /** A ';'-separated per-CPU list, CPU 0 first, of exactly {@code ncpu} values. */
    static int[] perCpu(GoldenTable.Row row, String column) {
        String[] parts = row.get(column).split(";", -1);
        int ncpu = row.i("ncpu");
        if (parts.length != ncpu) {
            throw new IllegalStateException(row.where() + ": column " + column + " has " + parts.length
                    + " values for " + ncpu + " CPUs");
        }
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i]);
        }
        return out;
    }

    /** A hex mask of at most 64 bits; {@code ffffffffffffffff} becomes CPU_FILL's first word. */
    static CpuSet mask(GoldenTable.Row row, String column) {
        return CpuSet.ofMask(Long.parseUnsignedLong(row.get(column), 16));
    }

    /** A u32 decimal as the int bit pattern. */
    static int u32(GoldenTable.Row row, String column) {
        long v = row.l(column);
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalStateException(row.where() + ": " + column + "=" + v + " is not a u32");
        }
        return (int) v;
    }

    /** The unsigned decimal text of a u32 held in an int, as the tables print it. */
    static String u32Text(int v) {
        return Integer.toUnsignedString(v);
    }

    /**
     * A LoadView over per-CPU arrays; a null {@code transferable} makes that field unreadable, so
     * a test also proves the function under test never reads it.
     */
    static LoadView view(int[] load, int[] lowpri, int[] transferable) {
        return LoadView.of(load, lowpri, transferable);
    }
}
