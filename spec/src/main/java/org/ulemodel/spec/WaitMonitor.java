// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec;

import java.util.Arrays;
import java.util.List;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerState;

/**
 * The path history that a bounded-wait property needs, as an immutable value that the explorer
 * keeps (and fingerprints) with each state: for every thread, the clock ticks it has spent queued
 * with a wait that counts since it last ran ({@code waited}), and how many of those ticks its CPU
 * spent running a thread of a better class ({@code starved}). It reads states only through the
 * policy-neutral {@link SchedulerState} view; what counts is a model's {@link Rule} and which
 * clock it ticks in is the caller's (ULE 14: batch-priority waits in stathz ticks,
 * {@link PathProperties#BATCH_WAITS}). Invariant: {@code 0 ≤ starved[t] ≤ waited[t]}; both are 0
 * for a thread that is not queued with a wait that counts.
 */
public final class WaitMonitor {
    private static final int[] NONE = new int[0];
    private static final WaitMonitor EMPTY = new WaitMonitor(NONE, NONE);
    private final int[] waited;
    private final int[] starved;

    /**
     * Which waits a model's monitor counts and what starves them. A rule reads only the view it is
     * given and keeps no state.
     *
     * @param <S> the state type the rule reads
     */
    public interface Rule<S extends SchedulerState> {
        /** Whether the wait of thread {@code tid}, queued in {@code state}, counts (ULE 14: it has a batch priority). */
        boolean counts(S state, int tid);

        /** Whether running thread {@code tid} of {@code state} is of a better class than a counted waiter (ULE 14: a realtime-queue priority). */
        boolean betterClass(S state, int tid);
    }

    private WaitMonitor(int[] waited, int[] starved) {
        this.waited = waited;
        this.starved = starved;
    }

    /** The monitor of a path's first state: nobody has waited yet. */
    public static WaitMonitor initial(SchedulerState m) {
        return new WaitMonitor(new int[m.threadCount()], new int[m.threadCount()]);
    }

    /** An empty monitor (no threads); also the trivial monitor of a model whose properties need none, which never changes. */
    public static WaitMonitor empty() {
        return EMPTY;
    }

    /**
     * The monitor after the step {@code before → step}, during which {@code ticks} ticks of the
     * caller's clock fired: a thread that was switched in during the step, or whose wait does not
     * count afterwards (not queued, or not counted by {@code rule}), starts again from 0; a thread
     * that was queued before and still waits adds the ticks, counted as starved when its CPU ran a
     * {@linkplain Rule#betterClass better-class} thread when they fired.
     */
    public <S extends SchedulerState> WaitMonitor next(Rule<? super S> rule, long ticks, S before, ModelStep<? extends S> step) {
        S m = step.state();
        int n = m.threadCount();
        int dt = (int) ticks;
        int[] w = null; // copied on the first change: most steps change nothing
        int[] s = null;
        long ran = -1; // threads 0..62 switched in during the step (bit 63: not yet scanned)
        for (int t = 0; t < n; t++) {
            int nw;
            int ns;
            boolean wasQueued = t < before.threadCount() && before.threadState(t) == RunState.QUEUED;
            if (wasQueued && ran == -1) {
                ran = switchedIn(step);
            }
            if (!wasQueued || m.threadState(t) != RunState.QUEUED || !rule.counts(m, t)
                    || (t < 63 ? (ran & (1L << t)) != 0 : ranDuring(step, t))) {
                nw = 0;
                ns = 0;
            } else {
                nw = waited(t) + dt;
                ns = starved(t);
                if (dt > 0) {
                    int cur = before.running(before.threadCpu(t));
                    if (cur != SchedulerState.IDLE && rule.betterClass(before, cur)) {
                        ns += dt;
                    }
                }
            }
            if (nw != waited(t) || ns != starved(t)) {
                if (w == null) {
                    w = Arrays.copyOf(waited, n);
                    s = Arrays.copyOf(starved, n);
                }
                w[t] = nw;
                s[t] = ns;
            }
        }
        if (w != null) {
            return new WaitMonitor(w, s);
        }
        return n == waited.length ? this : new WaitMonitor(Arrays.copyOf(waited, n), Arrays.copyOf(starved, n));
    }

    /** The threads 0..62 that {@code step} switched in, as bits (bit 63 clear): one scan of the decisions for them all. */
    private static long switchedIn(ModelStep<?> step) {
        long bits = 0;
        List<Decision> ds = step.decisions();
        for (int k = 0; k < ds.size(); k++) {
            if (ds.get(k) instanceof Decision.Switch) {
                int to = ((Decision.Switch) ds.get(k)).to();
                if (to >= 0 && to < 63) {
                    bits |= 1L << to;
                }
            }
        }
        return bits;
    }

    /** Whether {@code step} switched thread {@code tid} in. */
    private static boolean ranDuring(ModelStep<?> step, int tid) {
        List<Decision> ds = step.decisions();
        for (int k = 0; k < ds.size(); k++) {
            if (ds.get(k) instanceof Decision.Switch && ((Decision.Switch) ds.get(k)).to() == tid) {
                return true;
            }
        }
        return false;
    }

    /** Clock ticks thread {@code tid} has waited queued, with a wait that counts, since it last ran. */
    public int waited(int tid) {
        return tid < waited.length ? waited[tid] : 0;
    }

    /** Of {@link #waited}, the ticks during which its CPU ran a better-class thread. */
    public int starved(int tid) {
        return tid < starved.length ? starved[tid] : 0;
    }

    /** Number of threads covered. */
    public int threadCount() {
        return waited.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WaitMonitor && Arrays.equals(waited, ((WaitMonitor) o).waited)
                && Arrays.equals(starved, ((WaitMonitor) o).starved);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(waited) * 31 + Arrays.hashCode(starved);
    }

    @Override
    public String toString() {
        return "WaitMonitor{waited=" + Arrays.toString(waited) + ", starved=" + Arrays.toString(starved) + "}";
    }
}
