// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec;

import java.util.List;
import org.ulemodel.core.machine.CpuState;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.SmpTunables;
import org.ulemodel.core.machine.ThreadState;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.runq.RunQueue;
import org.ulemodel.core.ule.UleVersion;

/**
 * ULE's two liveness properties of the invariant catalogue (docs/architecture.md, "Invariant
 * catalogue"), made checkable as bounded-time properties of paths, for both versions: {@code ule14}
 * and {@code ule15} run on the same {@link Machine}, and the wait monitor's rule is per version
 * ({@link #batchWaits}). They read ULE's own state
 * (slices, the calendar, steal tunables, pinning), so they are {@code PathProperty<Machine>}.
 * {@link #WORK_CONSERVING} is judged at each steal attempt of an idle CPU (an
 * {@link Event.IdleLoop}, FreeBSD {@code tdq_idled}); {@link #BOUNDED_WAIT} uses the
 * {@link WaitMonitor}'s per-thread wait counters, kept under {@link #BATCH_WAITS} in stathz ticks.
 */
public final class PathProperties {
    private PathProperties() {
    }

    /**
     * What ULE 14's monitor counts ({@link #batchWaits} gives either version's): waits of queued threads with a batch priority
     * ({@code PRI_MIN_BATCH..PRI_MAX_BATCH}, the calendar's band), starved while their CPU runs a
     * thread of a better priority than batch (realtime-queue threads). Reads only the view.
     */
    public static final WaitMonitor.Rule<SchedulerState> BATCH_WAITS = batchWaits(UleVersion.V14);

    /**
     * {@link #BATCH_WAITS} for {@code version}'s batch band ({@link UleVersion#isBatch}: 152..223
     * for FreeBSD 14, 115..223 for FreeBSD 15). Reads only the view.
     */
    public static WaitMonitor.Rule<SchedulerState> batchWaits(UleVersion version) {
        return new WaitMonitor.Rule<>() {
            @Override
            public boolean counts(SchedulerState state, int tid) {
                return version.isBatch(state.threadPriority(tid));
            }

            @Override
            public boolean betterClass(SchedulerState state, int tid) {
                return state.threadPriority(tid) < version.priMinBatch();
            }

            @Override
            public String toString() {
                return "batch-priority waits";
            }
        };
    }

    /** Where the bounded wait's bound comes from: one calendar revolution plus one full slice for each other live thread. */
    public static final String BOUND_RULE = "one calendar revolution (64 stathz ticks) plus one full slice for each other live thread";

    /**
     * The default BOUNDED_WAIT bound in stathz ticks for a state: {@code RQ_NQS + (live − 1) ·
     * sched_slice}. The calendar's insert index advances at most one queue per stathz tick, so a
     * batch thread's queue comes up within one revolution, give or take the slices of the threads
     * served before it. FreeBSD 15's 109-queue calendar advances 7 queues every 4 ticks, so its
     * revolution (⌈109 · 4 / 7⌉ = 63 ticks) fits the same 64.
     */
    public static int derivedBound(Machine m) {
        int live = 0;
        for (int t = 0; t < m.threadCount(); t++) {
            if (m.thread(t).alive()) {
                live++;
            }
        }
        return RunQueue.QUEUES + Math.max(0, live - 1) * m.config().params().slice();
    }

    /** BOUNDED_WAIT with the {@link #derivedBound derived bound}. */
    public static final PathProperty<Machine> BOUNDED_WAIT = boundedWait(-1);

    /**
     * BOUNDED_WAIT with an explicit bound in stathz ticks ({@code -1}: {@link #derivedBound}). A
     * violation whose every waiting tick had a better-class thread on the CPU is reported as ULE's
     * known starvation of batch threads (realtime-queue threads, including interactive timeshare
     * ones, always beat the calendar: Bouron et al., "The Battle of the Schedulers: FreeBSD ULE vs.
     * Linux CFS", USENIX ATC 2018); any other is the calendar failing its guarantee.
     */
    public static PathProperty<Machine> boundedWait(int bound) {
        return new PathProperty<>() {
            @Override
            public String id() {
                return "BOUNDED_WAIT";
            }

            @Override
            public String statement() {
                return "a runnable batch thread runs within " + (bound < 0 ? BOUND_RULE : bound + " stathz ticks")
                        + " unless better-class threads saturate its CPU (ULE's known starvation, reported as such)";
            }

            @Override
            public String check(Machine before, Event event, ModelStep<? extends Machine> step, WaitMonitor monitor) {
                Machine m = step.state();
                // the derived bound is at least RQ_NQS (slices are >= 0): counted only once a wait exceeds that
                int floor = bound < 0 ? RunQueue.QUEUES : bound;
                int limit = bound;
                for (int t = 0; t < m.threadCount(); t++) {
                    int w = monitor.waited(t);
                    if (w <= floor) {
                        continue;
                    }
                    if (limit < 0) {
                        limit = derivedBound(m);
                    }
                    if (w <= limit) {
                        continue;
                    }
                    ThreadState td = m.thread(t);
                    CpuState cpu = m.cpu(td.cpu());
                    String runner = cpu.isIdle() ? "the idle thread"
                            : "thread " + cpu.curthread() + " at priority " + m.thread(cpu.curthread()).priority();
                    String head = "batch thread " + t + " (priority " + td.priority() + ") has waited " + w + " stathz ticks on CPU "
                            + td.cpu() + ", past the bound of " + limit + " (" + (bound < 0 ? BOUND_RULE : "given") + ")";
                    int s = monitor.starved(t);
                    if (s == w) {
                        return head + ", and at every one of those ticks CPU " + td.cpu() + " ran a better-class thread (now " + runner
                                + "): " + STARVATION;
                    }
                    return head + "; only " + s + " of those ticks went to better-class threads (now " + runner
                            + "), so the calendar failed to serve it";
                }
                return null;
            }

            @Override
            public String toString() {
                return id() + ": " + statement();
            }
        };
    }

    /** The words a BOUNDED_WAIT violation uses when it is ULE's known starvation rather than a bug. */
    public static final String STARVATION = "ULE's known starvation of batch threads by interactive/realtime-queue threads, "
            + "which always beat the calendar (Bouron et al., The Battle of the Schedulers, ATC 2018)";

    /**
     * No online CPU stays idle past its next steal attempt while a CPU it may steal from has load
     * ≥ {@code steal_thresh} (2) and a transferable thread allowed on it. Judged right after an
     * {@link Event.IdleLoop} that left its CPU idle; vacuous when {@code steal_idle} is off or on
     * one CPU (FreeBSD does not steal then).
     */
    public static final PathProperty<Machine> WORK_CONSERVING = new PathProperty<>() {
        @Override
        public String id() {
            return "WORK_CONSERVING";
        }

        @Override
        public String statement() {
            return "no online CPU stays idle past its next steal attempt while a CPU it may steal from has load >= 2 and a "
                    + "transferable thread allowed on it";
        }

        @Override
        public String check(Machine before, Event event, ModelStep<? extends Machine> step, WaitMonitor monitor) {
            if (!(event instanceof Event.IdleLoop)) {
                return null;
            }
            Machine m = step.state();
            SmpTunables tun = m.config().tunables();
            int c = ((Event.IdleLoop) event).cpu();
            if (!m.config().smp() || !tun.stealIdle() || !m.cpu(c).online() || !m.cpu(c).isIdle()) {
                return null;
            }
            for (int v = 0; v < m.cpuCount(); v++) {
                CpuState victim = m.cpu(v);
                if (v == c || !victim.online() || victim.load() < Math.max(tun.stealThresh(), 1)) {
                    continue;
                }
                int tid = stealableFor(m, victim, c);
                if (tid >= 0) {
                    return "CPU " + c + " is still idle after its steal attempt while CPU " + v + " has load " + victim.load()
                            + " and queued thread " + tid + " may move to it (unpinned, cpuset " + m.thread(tid).cpuset() + ")";
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return id() + ": " + statement();
        }
    };

    private static int stealableFor(Machine m, CpuState victim, int c) {
        int[] found = {-1};
        victim.forEachQueued(t -> {
            ThreadState td = m.thread(t);
            if (found[0] < 0 && td.pinned() == 0 && td.cpuset().contains(c)) {
                found[0] = t;
            }
        });
        return found[0];
    }

    /** Both path properties, bounded wait with the derived bound. */
    public static List<PathProperty<Machine>> all() {
        return List.of(BOUNDED_WAIT, WORK_CONSERVING);
    }

    /** Both path properties, bounded wait with {@code waitBound} (-1: derived). */
    public static List<PathProperty<Machine>> all(int waitBound) {
        return List.of(waitBound < 0 ? BOUNDED_WAIT : boundedWait(waitBound), WORK_CONSERVING);
    }
}
