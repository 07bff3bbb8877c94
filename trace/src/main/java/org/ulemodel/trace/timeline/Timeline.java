// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.timeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What ran where and who waited when, kept for drawing ({@link TimelinePage}): a row per CPU (the
 * runs of threads on it, and the span it was followed for), a row per thread (its runs and its
 * waits for a CPU), a histogram of wait lengths, and marks (rule findings, intervals). Both
 * {@code simulate} and {@code audit} record into one; times are nanoseconds on the source's clock.
 *
 * <p>Memory grows with the rows, never with the length of the run: a row keeps at most
 * {@code 4 × columns} pieces. When it is full it doubles its column width (at least to its span
 * divided by its columns) and merges: runs of the same thread on the same CPU with less than a
 * column between them join (counted as several runs), and pieces shorter than a column that start
 * in the same column become one <em>mixed</em> piece that counts its runs and waits and is shown
 * as its longest one. A row of pieces that do not overlap then holds at most about two pieces per
 * column, so merging always makes room. Rows that never fill keep every run exactly.
 *
 * <p>Invariant: the statistics (CPU time and waits per thread, the histogram) count every piece recorded,
 * whatever the rows merged; pieces with {@code end < start} are refused.
 */
public final class Timeline {
    /** Columns of a CPU row: twice the page's plot width, so that a 2× zoom still shows single runs. */
    public static final int CPU_COLUMNS = 2400;
    /** Columns of a thread row (thread rows are many, so coarser). */
    public static final int THREAD_COLUMNS = 600;
    /** Marks kept; more are counted ({@link #marksDropped()}). */
    public static final int MAX_MARKS = 2000;
    /** Histogram buckets: below 1 µs, then [2^(k-1), 2^k) µs for k = 1 … 31, the last open-ended. */
    public static final int BUCKETS = 32;
    /** A priority the source did not show. */
    public static final int NO_PRIORITY = Integer.MIN_VALUE;

    /** What a mark shows. */
    public enum MarkKind {
        /** A rule finding at one instant. */
        FINDING,
        /** An interval worth attention (a wasted core: a CPU idle while a thread waited). */
        INTERVAL,
        /** An interval during which the CPU was offloaded to a dedicated service (out of scheduling). */
        OFFLOADED,
        /** The instant the machine's scheduling policy was replaced (drawn across every CPU). */
        SWITCH,
        /** An instant at which the migration hook refused moves ULE allowed (a steal, a balance or a wakeup placement). */
        HOOK_REFUSED
    }

    /** A mark on CPU {@code cpu}'s row from {@code startNs} to {@code endNs} (equal for a finding), with a label and details. */
    public record Mark(MarkKind kind, int cpu, long startNs, long endNs, String label, String detail) {
        /** Checks the fields. */
        public Mark {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(detail, "detail");
            if (cpu < 0 || endNs < startNs) {
                throw new IllegalArgumentException("a mark needs a CPU >= 0 and end >= start");
            }
        }
    }

    /** Per-thread figures and row. */
    static final class ThreadInfo {
        final int tid;
        String name;
        long cpuNs;
        long waits;
        long waitNs;
        long maxWaitNs;
        Row row;

        ThreadInfo(int tid) {
            this.tid = tid;
            this.name = "tid " + tid;
        }
    }

    private final List<Row> cpuRows = new ArrayList<>();
    private final Map<Integer, ThreadInfo> threads = new HashMap<>();
    private final long[] histogram = new long[BUCKETS];
    private final List<Mark> marks = new ArrayList<>();
    private final List<String> whys = new ArrayList<>();
    private final Map<String, Integer> whyIndex = new HashMap<>();
    private long marksDropped;
    private long openWaits;
    private long firstNs = Long.MAX_VALUE;
    private long lastNs = Long.MIN_VALUE;

    /** An empty timeline. */
    public Timeline() {
        why("");
    }

    /** Names thread {@code tid} (the latest name wins; unnamed threads show as "tid N"). */
    public void name(int tid, String name) {
        thread(tid).name = Objects.requireNonNull(name, "name");
    }

    /**
     * Thread {@code tid} ran on {@code cpu} from {@code startNs} to {@code endNs} at priority
     * {@code priority} ({@link #NO_PRIORITY} when unknown) and then left it because of {@code why}.
     */
    public void run(int cpu, int tid, long startNs, long endNs, int priority, String why) {
        check(cpu, startNs, endNs);
        int w = why(why);
        cpuRow(cpu).add(startNs, endNs, tid, priority, w, 1, 0, endNs - startNs, 0, endNs - startNs, false);
        ThreadInfo t = thread(tid);
        t.cpuNs += endNs - startNs;
        threadRow(t).add(startNs, endNs, cpu, priority, w, 1, 0, endNs - startNs, 0, endNs - startNs, false);
        span(startNs, endNs);
    }

    /**
     * Thread {@code tid} waited for a CPU ({@code cpu}, the one it was queued on) from
     * {@code startNs} to {@code endNs}; {@code ended} is false when it was still waiting when the
     * run ended (drawn, but not counted in the histogram). A wait of length 0 is only counted.
     */
    public void waited(int tid, int cpu, long startNs, long endNs, boolean ended) {
        check(cpu, startNs, endNs);
        ThreadInfo t = thread(tid);
        long len = endNs - startNs;
        if (ended) {
            t.waits++;
            t.waitNs += len;
            t.maxWaitNs = Math.max(t.maxWaitNs, len);
            histogram[bucket(len)]++;
        } else {
            openWaits++;
        }
        if (len > 0) {
            int w = why(ended ? "ran" : "still waiting at the end");
            threadRow(t).add(startNs, endNs, -1 - cpu, NO_PRIORITY, w, 0, 1, 0, len, len, false);
            span(startNs, endNs);
        }
    }

    /** What happened on {@code cpu} is known from {@code startNs} to {@code endNs} (the row is drawn blank outside). */
    public void followed(int cpu, long startNs, long endNs) {
        check(cpu, startNs, endNs);
        Row r = cpuRow(cpu);
        r.followStart = Math.min(r.followStart, startNs);
        r.followEnd = Math.max(r.followEnd, endNs);
        span(startNs, endNs);
    }

    /** Adds a mark (the first {@link #MAX_MARKS} are kept, the rest counted). */
    public void mark(Mark m) {
        cpuRow(m.cpu());
        span(m.startNs(), m.endNs());
        if (marks.size() < MAX_MARKS) {
            marks.add(m);
        } else {
            marksDropped++;
        }
    }

    /** The histogram bucket of a wait of {@code ns}: 0 below 1 µs, k for [2^(k-1), 2^k) µs. */
    public static int bucket(long ns) {
        long us = ns / 1000;
        return us == 0 ? 0 : Math.min(BUCKETS - 1, 64 - Long.numberOfLeadingZeros(us));
    }

    /** The lower bound of bucket {@code k} in ns. */
    public static long bucketStartNs(int k) {
        return k == 0 ? 0 : 1000L << (k - 1);
    }

    // ---- reading (for the page and tests) ------------------------------------------------------

    /** The earliest time recorded, or 0 when nothing was. */
    public long firstNs() {
        return firstNs == Long.MAX_VALUE ? 0 : firstNs;
    }

    /** The latest time recorded, or 0 when nothing was. */
    public long lastNs() {
        return lastNs == Long.MIN_VALUE ? 0 : lastNs;
    }

    /** Waits by {@link #bucket} (a copy). */
    public long[] histogram() {
        return histogram.clone();
    }

    /** Waits still open when the run ended. */
    public long openWaits() {
        return openWaits;
    }

    /** The marks kept. */
    public List<Mark> marks() {
        return Collections.unmodifiableList(marks);
    }

    /** Marks beyond {@link #MAX_MARKS}. */
    public long marksDropped() {
        return marksDropped;
    }

    /** The CPUs that have a row, ascending. */
    public int[] cpus() {
        int n = 0;
        for (Row r : cpuRows) {
            n += r == null ? 0 : 1;
        }
        int[] out = new int[n];
        n = 0;
        for (int c = 0; c < cpuRows.size(); c++) {
            if (cpuRows.get(c) != null) {
                out[n++] = c;
            }
        }
        return out;
    }

    /** Pieces kept on {@code cpu}'s row (0 without a row). */
    public int pieces(int cpu) {
        Row r = cpu < cpuRows.size() ? cpuRows.get(cpu) : null;
        return r == null ? 0 : r.n;
    }

    Row cpuRowOrNull(int cpu) {
        return cpu < cpuRows.size() ? cpuRows.get(cpu) : null;
    }

    /** Every thread with a run or a wait drawn, most CPU time first (then most waiting, then tid). */
    List<ThreadInfo> threadsByCpuTime() {
        List<ThreadInfo> all = new ArrayList<>();
        for (ThreadInfo t : threads.values()) {
            if (t.row != null) {
                all.add(t);
            }
        }
        all.sort((a, b) -> a.cpuNs != b.cpuNs ? Long.compare(b.cpuNs, a.cpuNs)
                : a.waitNs != b.waitNs ? Long.compare(b.waitNs, a.waitNs) : Integer.compare(a.tid, b.tid));
        return all;
    }

    ThreadInfo threadOrNull(int tid) {
        return threads.get(tid);
    }

    String whyText(int index) {
        return whys.get(index);
    }

    // ---- bookkeeping -------------------------------------------------------------------------

    private static void check(int cpu, long startNs, long endNs) {
        if (cpu < 0) {
            throw new IllegalArgumentException("CPU " + cpu + " < 0");
        }
        if (endNs < startNs) {
            throw new IllegalArgumentException("a piece ends (" + endNs + ") before it starts (" + startNs + ")");
        }
    }

    private void span(long startNs, long endNs) {
        firstNs = Math.min(firstNs, startNs);
        lastNs = Math.max(lastNs, endNs);
    }

    private int why(String text) {
        Integer i = whyIndex.get(text);
        if (i == null) {
            i = whys.size();
            whys.add(text);
            whyIndex.put(text, i);
        }
        return i;
    }

    private ThreadInfo thread(int tid) {
        return threads.computeIfAbsent(tid, ThreadInfo::new);
    }

    private Row cpuRow(int cpu) {
        while (cpuRows.size() <= cpu) {
            cpuRows.add(null);
        }
        Row r = cpuRows.get(cpu);
        if (r == null) {
            r = new Row(CPU_COLUMNS);
            cpuRows.set(cpu, r);
        }
        return r;
    }

    private static Row threadRow(ThreadInfo t) {
        if (t.row == null) {
            t.row = new Row(THREAD_COLUMNS);
        }
        return t.row;
    }

    /**
     * One row's pieces in start order. A piece has a key (a thread id on a CPU row; on a thread
     * row the CPU of a run, or {@code -1 - cpu} for a wait), the priority and reason of its last
     * run, how many runs and waits it stands for and their total lengths, and its longest part.
     */
    static final class Row {
        private static final int NEW = 0;
        private static final int EXTEND = 1;
        private static final int MIX = 2;

        final int columns;
        final int cap;
        long origin = Long.MAX_VALUE;
        long maxEnd = Long.MIN_VALUE;
        long q = 1;
        int n;
        long followStart = Long.MAX_VALUE;
        long followEnd = Long.MIN_VALUE;
        long[] start = new long[8];
        long[] end = new long[8];
        long[] busy = new long[8];
        long[] waited = new long[8];
        long[] longest = new long[8];
        int[] key = new int[8];
        int[] prio = new int[8];
        int[] why = new int[8];
        int[] runs = new int[8];
        int[] waits = new int[8];
        boolean[] mixed = new boolean[8];

        Row(int columns) {
            this.columns = columns;
            this.cap = 4 * columns;
        }

        boolean followed() {
            return followStart <= followEnd;
        }

        void add(long s, long e, int k, int p, int w, int nRuns, int nWaits, long busyNs, long waitNs, long longestNs,
                boolean isMixed) {
            origin = Math.min(origin, s);
            maxEnd = Math.max(maxEnd, e);
            place(s, e, k, p, w, nRuns, nWaits, busyNs, waitNs, longestNs, isMixed);
            while (n >= cap) {
                coarsen();
            }
        }

        private int fit(long s, long e, int k, boolean isMixed) {
            if (n == 0) {
                return NEW;
            }
            int last = n - 1;
            if (!mixed[last] && !isMixed && key[last] == k && s >= start[last] && s - end[last] < q) {
                return EXTEND;
            }
            if (e - s < q && Math.floorDiv(s - origin, q) == Math.floorDiv(start[last] - origin, q)) {
                return MIX;
            }
            return NEW;
        }

        private void place(long s, long e, int k, int p, int w, int nRuns, int nWaits, long busyNs, long waitNs,
                long longestNs, boolean isMixed) {
            int how = fit(s, e, k, isMixed);
            if (how == NEW) {
                grow();
                start[n] = s;
                end[n] = e;
                key[n] = k;
                prio[n] = p;
                why[n] = w;
                runs[n] = nRuns;
                waits[n] = nWaits;
                busy[n] = busyNs;
                waited[n] = waitNs;
                longest[n] = longestNs;
                mixed[n] = isMixed;
                n++;
                return;
            }
            int last = n - 1;
            end[last] = Math.max(end[last], e);
            runs[last] += nRuns;
            waits[last] += nWaits;
            busy[last] += busyNs;
            waited[last] += waitNs;
            if (how == MIX) {
                mixed[last] = true;
            }
            if (how == EXTEND || longestNs > longest[last]) {
                key[last] = k;
                prio[last] = p;
                why[last] = w;
            }
            longest[last] = Math.max(longest[last], longestNs);
        }

        private void grow() {
            if (n < start.length) {
                return;
            }
            int size = Math.min(cap, start.length * 2);
            start = Arrays.copyOf(start, size);
            end = Arrays.copyOf(end, size);
            busy = Arrays.copyOf(busy, size);
            waited = Arrays.copyOf(waited, size);
            longest = Arrays.copyOf(longest, size);
            key = Arrays.copyOf(key, size);
            prio = Arrays.copyOf(prio, size);
            why = Arrays.copyOf(why, size);
            runs = Arrays.copyOf(runs, size);
            waits = Arrays.copyOf(waits, size);
            mixed = Arrays.copyOf(mixed, size);
        }

        /** Doubles the column width (at least to span / columns) and merges the pieces in place. */
        void coarsen() {
            long span = maxEnd - origin;
            q = Math.max(q * 2, span / columns + 1);
            int m = n;
            n = 0;
            for (int j = 0; j < m; j++) {
                place(start[j], end[j], key[j], prio[j], why[j], runs[j], waits[j], busy[j], waited[j], longest[j], mixed[j]);
            }
        }
    }
}
