// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.gen;

/**
 * Relative weights of the event kinds the {@link EventInterpreter} chooses from. Tick bursts
 * come first so that a choice shrinking toward 0 becomes a single tick; per-CPU tick bursts
 * ({@code cpuTick}) come last, so that a mix without them chooses exactly as before they existed.
 * Invariant: every weight is ≥ 0 and their sum is positive.
 */
public record EventMix(int tickBurst, int create, int wake, int block, int yield, int exit, int fork, int nice,
        int cpuset, int bind, int unbind, int offline, int online, int ipi, int idle, int cpuTick) {
    public EventMix {
        int[] w = {tickBurst, create, wake, block, yield, exit, fork, nice, cpuset, bind, unbind, offline, online, ipi, idle, cpuTick};
        int sum = 0;
        for (int x : w) {
            if (x < 0) {
                throw new IllegalArgumentException("event weights must be >= 0");
            }
            sum += x;
        }
        if (sum == 0) {
            throw new IllegalArgumentException("at least one event weight must be positive");
        }
    }

    /** A mix without per-CPU ticks (the lock-step clock only). */
    public EventMix(int tickBurst, int create, int wake, int block, int yield, int exit, int fork, int nice,
            int cpuset, int bind, int unbind, int offline, int online, int ipi, int idle) {
        this(tickBurst, create, wake, block, yield, exit, fork, nice, cpuset, bind, unbind, offline, online, ipi, idle, 0);
    }

    /** Every kind, weighted like a busy mixed workload. */
    public static final EventMix MIXED = new EventMix(14, 10, 12, 10, 4, 3, 3, 3, 4, 3, 3, 2, 3, 8, 6);
    /** Mostly cpuset changes and binding, with the wakeups and ticks that make threads move. */
    public static final EventMix CPUSET_CHURN = new EventMix(10, 8, 10, 6, 2, 1, 1, 1, 24, 8, 6, 0, 0, 8, 5);
    /** Mostly CPUs going offline and online under a mixed workload. */
    public static final EventMix OFFLINE_CHURN = new EventMix(10, 8, 10, 6, 2, 1, 2, 1, 3, 2, 2, 14, 14, 8, 5);
    /**
     * {@link #MIXED} with the CPUs' clocks drifting apart: bursts of per-CPU ticks on one CPU
     * ({@code Event.CpuTick}) beside the lock-step ticks.
     */
    public static final EventMix CLOCK_DRIFT = new EventMix(6, 10, 12, 10, 4, 3, 3, 3, 4, 3, 3, 2, 3, 8, 6, 16);
    /** Only what a single CPU without affinity needs: ticks, life cycle, nice. */
    public static final EventMix UNIPROCESSOR = new EventMix(16, 10, 12, 10, 4, 3, 3, 4, 0, 0, 0, 0, 0, 4, 4);

    int total() {
        return tickBurst + create + wake + block + yield + exit + fork + nice + cpuset + bind + unbind + offline + online
                + ipi + idle + cpuTick;
    }

    /** The kind index (0 = tick burst … 14 = idle loop, 15 = per-CPU tick burst) that {@code roll} in {@code 0..total()-1} falls on. */
    int kind(int roll) {
        int[] w = {tickBurst, create, wake, block, yield, exit, fork, nice, cpuset, bind, unbind, offline, online, ipi, idle, cpuTick};
        for (int k = 0; k < w.length; k++) {
            if (roll < w[k]) {
                return k;
            }
            roll -= w[k];
        }
        throw new IllegalStateException("roll beyond the weights");
    }
}
