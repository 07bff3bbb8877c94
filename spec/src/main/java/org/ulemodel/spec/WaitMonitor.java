// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec;

import java.util.Arrays;
import org.ulemodel.core.machine.CpuState;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.machine.Scheduler;
import org.ulemodel.core.machine.StepResult;
import org.ulemodel.core.machine.ThreadState;
import org.ulemodel.core.prio.Priorities;

/**
 * The path history that {@link PathProperties#BOUNDED_WAIT} needs, as an immutable value that
 * the explorer keeps (and fingerprints) with each state: for every thread, the stathz ticks it
 * has spent queued with a batch priority since it last ran ({@code waited}), and how many of
 * those ticks its CPU spent running a thread of a better class than batch, i.e. realtime-queue
 * threads ({@code starved}). Invariant: {@code 0 ≤ starved[t] ≤ waited[t]}; both are 0 for a
 * thread that is not queued with a batch priority.
 */
public final class WaitMonitor {
    private static final int[] NONE = new int[0];
    private final int[] waited;
    private final int[] starved;

    private WaitMonitor(int[] waited, int[] starved) {
        this.waited = waited;
        this.starved = starved;
    }

    /** The monitor of a path's first state: nobody has waited yet. */
    public static WaitMonitor initial(Machine m) {
        return new WaitMonitor(new int[m.threadCount()], new int[m.threadCount()]);
    }

    /** An empty monitor (no threads). */
    public static WaitMonitor empty() {
        return new WaitMonitor(NONE, NONE);
    }

    /**
     * The monitor after the step {@code before → step}: a thread that was switched in during the
     * step, or is not queued with a batch priority afterwards, starts again from 0; a queued batch
     * thread adds the stathz ticks of the step, counted as starved when its CPU ran a better-class
     * (priority &lt; {@code PRI_MIN_BATCH}) thread when they fired.
     */
    public WaitMonitor next(Machine before, StepResult step) {
        Machine m = step.state();
        int n = m.threadCount();
        int ticks = (int) (Scheduler.statTicks(m) - Scheduler.statTicks(before));
        int[] w = Arrays.copyOf(waited, n);
        int[] s = Arrays.copyOf(starved, n);
        boolean changed = n != waited.length;
        for (int t = 0; t < n; t++) {
            ThreadState td = m.thread(t);
            int nw;
            int ns;
            boolean wasQueued = t < before.threadCount() && before.thread(t).state() == RunState.QUEUED;
            if (!wasQueued || td.state() != RunState.QUEUED || !Priorities.isBatch(td.priority()) || ranDuring(step, t)) {
                nw = 0;
                ns = 0;
            } else {
                nw = w[t] + ticks;
                ns = s[t];
                if (ticks > 0) {
                    CpuState cpu = before.cpu(before.thread(t).cpu());
                    if (!cpu.isIdle() && before.thread(cpu.curthread()).priority() < Priorities.PRI_MIN_BATCH) {
                        ns += ticks;
                    }
                }
            }
            if (nw != w[t] || ns != s[t]) {
                changed = true;
                w[t] = nw;
                s[t] = ns;
            }
        }
        return changed ? new WaitMonitor(w, s) : this;
    }

    private static boolean ranDuring(StepResult step, int tid) {
        for (Decision d : step.decisions()) {
            if (d instanceof Decision.Switch && ((Decision.Switch) d).to() == tid) {
                return true;
            }
        }
        return false;
    }

    /** Stathz ticks thread {@code tid} has waited queued with a batch priority since it last ran. */
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
