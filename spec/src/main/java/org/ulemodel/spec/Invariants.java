// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec;

import java.util.List;
import java.util.function.IntConsumer;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.MigrateReason;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.topo.CpuSet;

/**
 * The generic invariant catalogue: properties every scheduler model must keep, stated once with
 * their ids and judged through the policy-neutral {@link SchedulerState} view, so they apply to
 * any model. A model adds its own (ULE 14: {@link UleInvariants}). The two liveness properties,
 * which need the history of a path, are {@link PathProperties#BOUNDED_WAIT} and
 * {@link PathProperties#WORK_CONSERVING}.
 */
public final class Invariants {
    private Invariants() {
    }

    /** Every live thread is in exactly one place; exited threads are nowhere. */
    public static final Invariant<SchedulerState> CONSERVE = new NamedInvariant<>("CONSERVE",
            "every live thread is in exactly one place: running on one CPU, queued on one CPU, "
                    + "or sleeping; exited threads are nowhere") {
        @Override
        public String check(SchedulerState before, ModelStep<? extends SchedulerState> step) {
            SchedulerState m = step.state();
            int n = m.threadCount();
            QueuedPlaces queued = new QueuedPlaces(m);
            int[] seen = queued.seen;
            for (int c = 0; c < m.cpuCount(); c++) {
                int cur = m.running(c);
                if (cur != SchedulerState.IDLE) {
                    if (cur < 0 || cur >= n) {
                        return "CPU " + c + " runs unknown thread " + cur;
                    }
                    seen[cur]++;
                    if (m.threadState(cur) != RunState.RUNNING || m.threadCpu(cur) != c) {
                        return "CPU " + c + " runs thread " + cur + " whose state is " + m.threadState(cur) + " on CPU "
                                + m.threadCpu(cur);
                    }
                }
                String problem = queued.visit(c);
                if (problem != null) {
                    return problem;
                }
            }
            for (int t = 0; t < n; t++) {
                RunState st = m.threadState(t);
                int expected = st == RunState.RUNNING || st == RunState.QUEUED ? 1 : 0;
                if (seen[t] != expected) {
                    return "thread " + t + " (" + st + ") appears " + seen[t] + " times on CPUs and run queues, expected " + expected;
                }
            }
            return null;
        }
    };

    /**
     * {@link #CONSERVE}'s walk over the run queues: counts each queued thread's appearances in
     * {@link #seen} and keeps the first problem met (an unknown thread, or one that does not record
     * itself queued on that CPU). One per check, reused for every CPU.
     */
    private static final class QueuedPlaces implements IntConsumer {
        private final SchedulerState m;
        final int[] seen;
        private int cpu;
        private String problem;

        QueuedPlaces(SchedulerState m) {
            this.m = m;
            this.seen = new int[m.threadCount()];
        }

        /** Walks {@code cpu}'s queued threads; the first problem met there or on an earlier CPU, or null. */
        String visit(int cpu) {
            this.cpu = cpu;
            m.forEachQueued(cpu, this);
            return problem;
        }

        @Override
        public void accept(int t) {
            if (problem != null) {
                return;
            }
            if (t < 0 || t >= seen.length) {
                problem = "CPU " + cpu + " queues unknown thread " + t;
                return;
            }
            seen[t]++;
            if (m.threadState(t) != RunState.QUEUED || m.threadCpu(t) != cpu) {
                problem = "thread " + t + " is queued on CPU " + cpu + " but records " + m.threadState(t) + " on CPU " + m.threadCpu(t);
            }
        }
    }

    /** Threads run and wait only on online CPUs of their cpuset; bound threads never migrate. */
    public static final Invariant<SchedulerState> AFFINITY = new NamedInvariant<>("AFFINITY",
            "a thread runs or waits only on an online CPU of its cpuset (a running thread whose cpuset just changed may "
                    + "finish until the IPI pending on its CPU is delivered); bound threads never migrate "
                    + "(except a thread moving to the CPU it binds to)") {
        @Override
        public String check(SchedulerState before, ModelStep<? extends SchedulerState> step) {
            SchedulerState m = step.state();
            for (int t = 0; t < m.threadCount(); t++) {
                RunState st = m.threadState(t);
                if (st != RunState.RUNNING && st != RunState.QUEUED) {
                    continue;
                }
                int cpu = m.threadCpu(t);
                CpuSet set = m.threadCpuset(t);
                if (!set.contains(cpu) && !m.threadBound(t)) {
                    // sched_affinity lets a running thread finish its time on a CPU its new cpuset
                    // excludes until its next switch; queued threads must already have moved.
                    if (st == RunState.QUEUED || !m.ipiPending(cpu)) {
                        return "thread " + t + " is " + st + " on CPU " + cpu + " outside its cpuset " + set;
                    }
                }
                if (!m.online(cpu)) {
                    return "thread " + t + " is " + st + " on offline CPU " + cpu;
                }
            }
            List<Decision> ds = step.decisions();
            for (int k = 0; k < ds.size(); k++) {
                Decision d = ds.get(k);
                if (d instanceof Decision.Migrate) {
                    Decision.Migrate mg = (Decision.Migrate) d;
                    boolean wasBound = before != null && mg.tid() < before.threadCount() && before.threadBound(mg.tid());
                    if (wasBound && mg.why() != MigrateReason.BIND) {
                        return "pinned thread " + mg.tid() + " migrated from CPU " + mg.from() + " to " + mg.to() + " (" + mg.why() + ")";
                    }
                    if (!m.threadCpuset(mg.tid()).contains(mg.to())) {
                        return "thread " + mg.tid() + " migrated to CPU " + mg.to() + " outside its cpuset " + m.threadCpuset(mg.tid());
                    }
                }
            }
            return null;
        }
    };

    /** A pick examines a bounded number of status words, whatever the number of threads. */
    public static final Invariant<SchedulerState> PICK_COST = new NamedInvariant<>("PICK_COST",
            "a pick examines at most 4 status words (3 run queues, one word each, plus one wrap-around rescan), "
                    + "whatever the number of threads") {
        @Override
        public String check(SchedulerState before, ModelStep<? extends SchedulerState> step) {
            int words = step.cost().maxWordsPerPick();
            return words <= MAX_WORDS_PER_PICK ? null : "a pick examined " + words + " status words (bound " + MAX_WORDS_PER_PICK + ")";
        }
    };

    /** The bound of {@link #PICK_COST}: ULE 14's three one-word run queues plus the calendar's wrap-around rescan. */
    public static final int MAX_WORDS_PER_PICK = 4;

    /** The generic invariants, in a fixed order. */
    public static List<Invariant<SchedulerState>> generic() {
        return List.of(CONSERVE, AFFINITY, PICK_COST);
    }
}
