// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.ulemodel.core.machine.MigrateReason;

/**
 * The simulation's tables as rows of cells: per thread (CPU share, runs, wait percentiles,
 * migrations by reason, priority range) and per CPU (utilisation, switches). Shared by the text
 * and HTML outputs so both show the same figures.
 */
public final class Tables {
    /** Column names of the thread table. */
    public static final List<String> THREAD_COLUMNS = List.of("tid", "thread", "policy", "cpu%", "runs", "wait p50 ms",
            "wait p99 ms", "wait max ms", "migrations", "priority");
    /** Column names of the CPU table. */
    public static final List<String> CPU_COLUMNS = List.of("cpu", "busy%", "switches");

    private Tables() {
    }

    /** The {@code p}-th percentile (nearest rank) of sorted values, 0 when empty. */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static String ms(long us) {
        return String.format(Locale.ROOT, "%.3f", us / 1000.0);
    }

    static String pct(long part, long whole) {
        return whole <= 0 ? "0.0" : String.format(Locale.ROOT, "%.1f", 100.0 * part / whole);
    }

    /** "wakeup 3, steal 1" (reasons in enum order), or "-" when none. */
    public static String migrations(Map<MigrateReason, Integer> m) {
        if (m.isEmpty()) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<MigrateReason, Integer> e : new TreeMap<>(m).entrySet()) {
            parts.add(e.getKey().name().toLowerCase(Locale.ROOT) + " " + e.getValue());
        }
        return String.join(", ", parts);
    }

    /** One row per thread, in {@link #THREAD_COLUMNS}' order. */
    public static List<List<String>> threadRows(Engine.Result<?> r) {
        List<List<String>> rows = new ArrayList<>();
        for (Engine.ThreadStats t : r.threads()) {
            long[] w = t.waitsUs();
            rows.add(List.of(String.valueOf(t.tid()), t.comm(), t.policy(), pct(t.cpuUs(), r.durationUs()), String.valueOf(t.runs()),
                    ms(percentile(w, 50)), ms(percentile(w, 99)), ms(w.length == 0 ? 0 : w[w.length - 1]), migrations(t.migrations()),
                    t.minPri() == t.maxPri() ? String.valueOf(t.minPri()) : t.minPri() + ".." + t.maxPri()));
        }
        return rows;
    }

    /** One row per CPU, in {@link #CPU_COLUMNS}' order. */
    public static List<List<String>> cpuRows(Engine.Result<?> r) {
        List<List<String>> rows = new ArrayList<>();
        for (int c = 0; c < r.cpuBusyUs().length; c++) {
            rows.add(List.of(String.valueOf(c), pct(r.cpuBusyUs()[c], r.durationUs()), String.valueOf(r.cpuSwitches()[c])));
        }
        return rows;
    }

    /** A plain-text table with columns padded to their widest cell. */
    public static String text(List<String> header, List<List<String>> rows) {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(w[i], row.get(i).length());
            }
        }
        StringBuilder b = new StringBuilder();
        line(b, header, w);
        for (List<String> row : rows) {
            line(b, row, w);
        }
        return b.toString();
    }

    private static void line(StringBuilder b, List<String> cells, int[] w) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            if (i > 0) {
                l.append("  ");
            }
            String c = cells.get(i);
            l.append(c).append(" ".repeat(w[i] - c.length()));
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }
}
