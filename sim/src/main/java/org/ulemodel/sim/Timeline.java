// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim;

import java.util.Arrays;

/**
 * What each CPU ran when: per CPU, consecutive segments [start, end) in µs with the thread id
 * that ran (idle time is not stored). Invariant: a CPU's segments are in time order and do not
 * overlap.
 */
public final class Timeline {
    private final long[][] starts;
    private final long[][] ends;
    private final int[][] tids;
    private final int[] count;
    private final int[] current;
    private final long[] since;

    public Timeline(int cpus) {
        starts = new long[cpus][16];
        ends = new long[cpus][16];
        tids = new int[cpus][16];
        count = new int[cpus];
        current = new int[cpus];
        since = new long[cpus];
        Arrays.fill(current, -1);
    }

    /** {@code cpu} switches to {@code tid} (-1 idle) at {@code now}. */
    public void switchTo(int cpu, long now, int tid) {
        close(cpu, now);
        current[cpu] = tid;
        since[cpu] = now;
    }

    private void close(int cpu, long now) {
        if (current[cpu] >= 0 && now > since[cpu]) {
            int n = count[cpu];
            if (n == starts[cpu].length) {
                starts[cpu] = Arrays.copyOf(starts[cpu], n * 2);
                ends[cpu] = Arrays.copyOf(ends[cpu], n * 2);
                tids[cpu] = Arrays.copyOf(tids[cpu], n * 2);
            }
            starts[cpu][n] = since[cpu];
            ends[cpu][n] = now;
            tids[cpu][n] = current[cpu];
            count[cpu] = n + 1;
        }
    }

    /** Closes the open segments at the end of the simulation. */
    public void finish(long now) {
        for (int c = 0; c < count.length; c++) {
            close(c, now);
            since[c] = now;
        }
    }

    public int cpus() {
        return count.length;
    }

    public int segments(int cpu) {
        return count[cpu];
    }

    public long start(int cpu, int i) {
        return starts[cpu][i];
    }

    public long end(int cpu, int i) {
        return ends[cpu][i];
    }

    public int tid(int cpu, int i) {
        return tids[cpu][i];
    }
}
