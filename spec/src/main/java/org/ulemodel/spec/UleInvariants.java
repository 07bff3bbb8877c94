// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec;

import java.util.List;
import java.util.function.IntConsumer;
import org.ulemodel.core.machine.CpuState;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.machine.SwitchReason;
import org.ulemodel.core.machine.ThreadState;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.prio.Priorities;
import org.ulemodel.core.runq.RunQueue;
import org.ulemodel.core.runq.RunQueue15;
import org.ulemodel.core.runq.RunqKind;
import org.ulemodel.core.ule.Calendar15;
import org.ulemodel.core.ule.Interactivity;
import org.ulemodel.core.ule.Priorities15;
import org.ulemodel.core.ule.SchedParams;
import org.ulemodel.core.ule.UleVersion;

/**
 * The invariants FreeBSD 14's ULE model contributes on top of the generic ones
 * ({@link Invariants}): they read ULE's own bookkeeping — run queues and status words
 * ({@code runq}), the calendar indices ({@code tdq_idx}/{@code tdq_ridx}), the counters of
 * {@code struct tdq}, the ranges of {@code td_sched}'s history and slice, and
 * {@code sched_shouldpreempt}. Each is stated once, with its id; {@link #all} is the full list a
 * ULE 14 run is checked against. FreeBSD 15's machine ({@link UleVersion#V15}) is checked against
 * {@link #all(UleVersion) all(V15)}: {@link #RUNQ15} and {@link #CALENDAR15} in place of
 * {@link #RUNQ} and {@link #CALENDAR} (its single 256-queue run queue with four status words, and
 * the {@code tdq_ts_off}/{@code tdq_ts_deq_off}/{@code tdq_ts_ticks} calendar), and
 * {@link #COUNTERS}, {@link #RANGES} and {@link #PREEMPT}, which read the machine's version.
 */
public final class UleInvariants {
    private UleInvariants() {
    }

    /** Status bits mirror queue occupancy; batch threads are only in the calendar. */
    public static final Invariant<Machine> RUNQ = new NamedInvariant<>("RUNQ",
            "a status bit is set iff its queue is non-empty; a queued thread's recorded run queue and index are where it sits; "
                    + "the calendar holds only batch-priority threads") {
        @Override
        public String check(Machine before, ModelStep<? extends Machine> step) {
            Machine m = step.state();
            for (int c = 0; c < m.cpuCount(); c++) {
                CpuState cpu = m.cpu(c);
                for (int k = 0; k < RunqKind.IN_ORDER.size(); k++) {
                    RunqKind kind = RunqKind.IN_ORDER.get(k);
                    RunQueue rq = cpu.runq(kind);
                    long status = rq.status();
                    int counted = 0;
                    for (long bits = status; bits != 0; bits &= bits - 1) {
                        int q = Long.numberOfTrailingZeros(bits);
                        int len = rq.queueSize(q);
                        counted += len;
                        if (len == 0) {
                            return "CPU " + c + " " + kind + " queue " + q + " has status bit 1 but 0 threads";
                        }
                        for (int i = 0; i < len; i++) {
                            int t = rq.get(q, i);
                            if (t < 0 || t >= m.threadCount()) {
                                return "CPU " + c + " " + kind + " queue " + q + " holds unknown thread " + t;
                            }
                            ThreadState td = m.thread(t);
                            if (td.queue() != kind || td.rqIndex() != q) {
                                return "thread " + t + " sits in CPU " + c + " " + kind + " queue " + q + " but records "
                                        + td.queue() + " queue " + td.rqIndex();
                            }
                        }
                    }
                    if (counted != rq.size()) {
                        // some queue without its status bit holds threads: find it for the report
                        for (int q = 0; q < RunQueue.QUEUES; q++) {
                            if ((status & (1L << q)) == 0 && rq.queueSize(q) > 0) {
                                return "CPU " + c + " " + kind + " queue " + q + " has status bit 0 but " + rq.queueSize(q) + " threads";
                            }
                        }
                        return "CPU " + c + " " + kind + " run queue counts " + rq.size() + " threads but its queues hold " + counted;
                    }
                }
                RunQueue ts = cpu.timeshare();
                for (long bits = ts.status(); bits != 0; bits &= bits - 1) {
                    int q = Long.numberOfTrailingZeros(bits);
                    for (int i = 0; i < ts.queueSize(q); i++) {
                        ThreadState td = m.thread(ts.get(q, i));
                        if (!Priorities.isBatch(td.priority())) {
                            return "thread " + td.tid() + " with priority " + td.priority() + " is in CPU " + c
                                    + "'s calendar (batch band is " + Priorities.PRI_MIN_BATCH + ".." + Priorities.PRI_MAX_BATCH + ")";
                        }
                    }
                }
            }
            return null;
        }
    };

    /** load, transferable and lowpri agree with what is running and queued. */
    public static final Invariant<Machine> COUNTERS = new NamedInvariant<>("COUNTERS",
            "load = running non-idle thread + queued threads; transferable = queued threads not pinned; "
                    + "best running-or-queued priority ≤ lowpri ≤ running priority (255 when idle)") {
        @Override
        public String check(Machine before, ModelStep<? extends Machine> step) {
            Machine m = step.state();
            QueueTally queued = new QueueTally(m);
            for (int c = 0; c < m.cpuCount(); c++) {
                CpuState cpu = m.cpu(c);
                int load = cpu.isIdle() ? 0 : 1;
                int trans = 0;
                int low = cpu.isIdle() ? Priorities.PRI_MAX_IDLE : m.thread(cpu.curthread()).priority();
                queued.tally(cpu);
                load += queued.count;
                trans += queued.unpinned;
                low = Math.min(low, queued.best);
                if (cpu.load() != load || cpu.sysload() != load) {
                    return "CPU " + c + " has load " + cpu.load() + " and sysload " + cpu.sysload() + " but " + load
                            + " threads running or queued";
                }
                if (cpu.transferable() != trans) {
                    return "CPU " + c + " has transferable " + cpu.transferable() + " but " + trans + " unpinned queued threads";
                }
                int cur = cpu.isIdle() ? Priorities.PRI_MAX_IDLE : m.thread(cpu.curthread()).priority();
                if (cpu.lowpri() > cur) {
                    return "CPU " + c + " has lowpri " + cpu.lowpri() + ", worse than its running priority " + cur;
                }
                if (cpu.lowpri() < low && !staleLowpriAllowed(before, step, c)) {
                    return "CPU " + c + " has lowpri " + cpu.lowpri() + ", better than every running or queued thread (best "
                            + low + ")";
                }
            }
            return null;
        }
    };

    /**
     * What {@link #COUNTERS} counts of the threads queued on one CPU: how many, how many unpinned,
     * and the best priority among them ({@link Priorities#PRI_MAX_IDLE} when none). One per check,
     * reused for every CPU.
     */
    private static final class QueueTally implements IntConsumer {
        private final Machine m;
        int count;
        int unpinned;
        int best;

        QueueTally(Machine m) {
            this.m = m;
        }

        /** Counts the threads queued on {@code cpu} afresh. */
        void tally(CpuState cpu) {
            count = 0;
            unpinned = 0;
            best = Priorities.PRI_MAX_IDLE;
            cpu.forEachQueued(this);
        }

        @Override
        public void accept(int t) {
            ThreadState td = m.thread(t);
            count++;
            unpinned += td.pinned() == 0 ? 1 : 0;
            best = Math.min(best, td.priority());
        }
    }

    /**
     * FreeBSD's {@code tdq_lowpri} is a hint, not the exact minimum: {@code sched_choose} sets it
     * to the chosen thread's priority (the calendar does not pick by priority), and
     * {@code sched_thread_priority} leaves it alone when a <em>queued</em> thread's priority gets
     * worse, so it can be better than every thread present. That staleness is allowed where ULE
     * creates it (a step that worsened a queued thread's {@code td_priority} on that CPU) and
     * while it persists unchanged; anywhere else it is a bug.
     */
    static boolean staleLowpriAllowed(Machine before, ModelStep<? extends Machine> step, int c) {
        Machine m = step.state();
        if (before != null && c < before.cpuCount() && before.cpu(c).lowpri() == m.cpu(c).lowpri()) {
            return true;
        }
        for (Decision d : step.decisions()) {
            if (d instanceof Decision.PriorityChange) {
                Decision.PriorityChange pc = (Decision.PriorityChange) d;
                ThreadState td = m.thread(pc.tid());
                if (!pc.user() && pc.to() > pc.from() && td.state() == RunState.QUEUED && td.cpu() == c) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The calendar's insert index is at most one slot ahead of its removal index. */
    public static final Invariant<Machine> CALENDAR = new NamedInvariant<>("CALENDAR", "idx − ridx ∈ {0, 1} (mod 64)") {
        @Override
        public String check(Machine before, ModelStep<? extends Machine> step) {
            Machine m = step.state();
            for (int c = 0; c < m.cpuCount(); c++) {
                CpuState cpu = m.cpu(c);
                int d = Math.floorMod(cpu.idx() - cpu.ridx(), RunQueue.QUEUES);
                if (d > 1) {
                    return "CPU " + c + " has idx " + cpu.idx() + " and ridx " + cpu.ridx() + " (difference " + d + ")";
                }
                if (d == 1 && cpu.timeshare().queueSize(cpu.ridx()) == 0) {
                    return "CPU " + c + " has idx " + cpu.idx() + " one ahead of ridx " + cpu.ridx()
                            + " but the ridx queue is empty";
                }
            }
            return null;
        }
    };

    /** Priorities, scores, history and slices stay in their ranges. */
    public static final Invariant<Machine> RANGES = new NamedInvariant<>("RANGES",
            "user priority inside its class band; interactivity score in [0, 100] ([0, 50] with default tunables); "
                    + "run+sleep history ≤ SLP_RUN_MAX + 1; slice count in [0, sched_slice); every CPU's clock at most "
                    + "as far as ticks (clock lag ≥ 0), the furthest exactly there") {
        @Override
        public String check(Machine before, ModelStep<? extends Machine> step) {
            Machine m = step.state();
            SchedParams p = m.config().params();
            UleVersion v = m.config().version();
            int minLag = Integer.MAX_VALUE;
            for (int c = 0; c < m.cpuCount(); c++) {
                int lag = m.cpu(c).clockLag();
                if (lag < 0) {
                    return "CPU " + c + "'s clock is " + (-lag) + " hz ticks past ticks = " + m.elapsed();
                }
                minLag = Math.min(minLag, lag);
            }
            if (minLag > 0) {
                return "no CPU's clock is at ticks = " + m.elapsed() + ": the nearest is " + minLag + " hz ticks behind";
            }
            for (int t = 0; t < m.threadCount(); t++) {
                ThreadState td = m.thread(t);
                if (!td.alive()) {
                    continue;
                }
                PriClass cls = td.priClass();
                if (td.userPri() < v.minPri(cls) || td.userPri() > v.maxPri(cls)) {
                    return "thread " + t + " (" + cls + ") has user priority " + td.userPri() + " outside " + v.minPri(cls)
                            + ".." + v.maxPri(cls);
                }
                if (td.priority() < 0 || td.priority() > Priorities.PRI_MAX_IDLE) {
                    return "thread " + t + " has priority " + td.priority() + " outside 0..255";
                }
                int score = Interactivity.score(td.runtime(), td.slptime(), p.interactThresh());
                int maxScore = p.interactThresh() <= Priorities.SCHED_INTERACT_HALF ? Priorities.SCHED_INTERACT_HALF
                        : Priorities.SCHED_INTERACT_MAX;
                if (score < 0 || score > maxScore) {
                    return "thread " + t + " has interactivity score " + score + " outside 0.." + maxScore;
                }
                long sum = Integer.toUnsignedLong(td.runtime()) + Integer.toUnsignedLong(td.slptime());
                if (sum > (long) p.slpRunMax() + 1) {
                    return "thread " + t + " has run+sleep history " + sum + " > SLP_RUN_MAX + 1 = " + (p.slpRunMax() + 1);
                }
                if (td.slice() < 0 || td.slice() >= p.slice()) {
                    return "thread " + t + " has slice count " + td.slice() + " outside 0.." + (p.slice() - 1);
                }
            }
            return null;
        }
    };

    /**
     * FreeBSD 14's preemption rule after delivery. A local add ({@code sched_add} on the running CPU
     * → {@code sched_setpreempt}) switches in the same step, on the way back to user mode; a remote
     * add ({@code tdq_notify}) leaves an {@code IPI_PREEMPT} pending until {@link
     * org.ulemodel.core.machine.Event.DeliverIpi}. So on every online CPU without a pending IPI,
     * no queued thread may be one that {@code sched_shouldpreempt(pri, cpri, local)} says should
     * preempt the running thread from a queue that {@code tdq_choose} serves first (the idle thread,
 * priority 255, is preempted by anything). Priorities that share a queue ({@code pri/4}) or the
 * calendar do not count: a local preemption by one of them requeues the preempted thread at the
 * head of that same queue and picks it again, a V14 quirk the model reproduces. The
     * local form is the one that must hold: the remote form (interactive beats batch) is only
     * applied when the thread arrives from another CPU, and a thread woken locally may legitimately
     * wait behind a batch thread. A second clause: a thread switched out by a preemption and
     * requeued on the same CPU goes to the head of its queue ({@code SRQ_PREEMPTED}).
     */
    public static final Invariant<Machine> PREEMPT = new NamedInvariant<>("PREEMPT",
            "once owed preemptions are delivered, no CPU runs a thread while one that shouldpreempt says may preempt it "
                    + "waits on that CPU in a queue served first; a preempted thread requeued on its CPU is at the head of its queue") {
        @Override
        public String check(Machine before, ModelStep<? extends Machine> step) {
            Machine m = step.state();
            Preemptor preemptor = new Preemptor(m);
            for (int c = 0; c < m.cpuCount(); c++) {
                CpuState cpu = m.cpu(c);
                if (!cpu.online() || cpu.ipiPending()) {
                    continue;
                }
                int cpri = cpu.isIdle() ? Priorities.PRI_MAX_IDLE : m.thread(cpu.curthread()).priority();
                int found = preemptor.first(cpu, cpri);
                if (found >= 0) {
                    ThreadState td = m.thread(found);
                    return "thread " + td.tid() + " (priority " + td.priority() + ") waits on CPU " + c + " with no IPI "
                            + "pending while " + (cpu.isIdle() ? "the idle thread" : "thread " + cpu.curthread())
                            + " (priority " + cpri + ") runs there, though shouldpreempt says it may preempt it and its "
                            + "queue is picked first";
                }
            }
            List<Decision> ds = step.decisions();
            for (int k = 0; k < ds.size(); k++) {
                if (!(ds.get(k) instanceof Decision.Switch)) {
                    continue;
                }
                Decision.Switch sw = (Decision.Switch) ds.get(k);
                if (sw.reason() != SwitchReason.PREEMPT || sw.from() < 0 || sliceEnded(before, ds, sw.from())) {
                    continue;
                }
                ThreadState td = m.thread(sw.from());
                if (td.state() != RunState.QUEUED || td.cpu() != sw.cpu() || laterHeadAdd(ds, k, td)) {
                    continue;
                }
                int head = m.cpu(td.cpu()).queuedAt(td.queue(), td.rqIndex(), 0);
                if (head != td.tid()) {
                    return "preempted thread " + td.tid() + " was requeued on CPU " + td.cpu() + " " + td.queue() + " queue "
                            + td.rqIndex() + " behind thread " + head + " instead of at its head";
                }
            }
            return null;
        }
    };

    /**
     * For {@link #PREEMPT}: the first thread queued on a CPU (in {@link CpuState#forEachQueued}
     * order) that {@code sched_shouldpreempt} (local form) says may preempt the running priority
     * from a queue served first, or -1. One per check, reused for every CPU.
     */
    private static final class Preemptor implements IntConsumer {
        private final Machine m;
        private final UleVersion v;
        private final int thresh;
        private boolean idle;
        private int cpri;
        private int found;

        Preemptor(Machine m) {
            this.m = m;
            this.v = m.config().version();
            this.thresh = m.config().params().preemptThresh();
        }

        /** The first thread queued on {@code cpu} that may preempt priority {@code cpri} running there, or -1. */
        int first(CpuState cpu, int cpri) {
            this.idle = cpu.isIdle();
            this.cpri = cpri;
            found = -1;
            cpu.forEachQueued(this);
            return found;
        }

        @Override
        public void accept(int t) {
            int pri = m.thread(t).priority();
            if (found < 0 && v.shouldPreempt(pri, cpri, false, thresh) && (idle || pickRank(v, pri) < pickRank(v, cpri))) {
                found = t;
            }
        }
    }

    /**
     * The order in which {@code tdq_choose} serves a priority: realtime queues by {@code pri/4}, then
     * the whole calendar as one rank (it is not served by priority), then idle queues by {@code pri/4}.
     * Two priorities of one rank are served in FIFO order, so neither can overtake the other.
     * FreeBSD 15: one queue per priority, the realtime range ending at 114 and the calendar at 115..223.
     */
    static int pickRank(UleVersion v, int pri) {
        if (v == UleVersion.V15) {
            RunqKind policy = Calendar15.policy(pri);
            return policy == RunqKind.TIMESHARE ? Priorities15.RQ_TS_POL_MIN : pri;
        }
        switch (RunqKind.forPriority(pri)) {
            case REALTIME:
                return pri / Priorities.RQ_PPQ;
            case TIMESHARE:
                return RunQueue.QUEUES;
            default:
                return RunQueue.QUEUES + 1 + pri / Priorities.RQ_PPQ;
        }
    }

    /** Whether {@code tid}'s slice had ended before or during the step (then its switch is not a preemption: SRQ_PREEMPTED is not set). */
    private static boolean sliceEnded(Machine before, List<Decision> ds, int tid) {
        if (before != null && tid < before.threadCount() && before.thread(tid).sliceEnd()) {
            return true;
        }
        for (Decision d : ds) {
            if (d instanceof Decision.SliceEnd && ((Decision.SliceEnd) d).tid() == tid) {
                return true;
            }
        }
        return false;
    }

    /** Whether, after decision {@code k}, something else went to the head of {@code td}'s queue or {@code td} moved again. */
    private static boolean laterHeadAdd(List<Decision> ds, int k, ThreadState td) {
        int own = 0;
        for (int j = k + 1; j < ds.size(); j++) {
            if (ds.get(j) instanceof Decision.Enqueue) {
                Decision.Enqueue e = (Decision.Enqueue) ds.get(j);
                if (e.tid() == td.tid()) {
                    own++;
                } else if (e.atHead() && e.cpu() == td.cpu() && e.queue() == td.queue() && e.index() == td.rqIndex()) {
                    return true;
                }
            }
        }
        return own > 1;
    }

    /** Every invariant a ULE 14 state is checked against — generic and ULE's own — in a fixed order (the first broken one is reported). */
    public static List<Invariant<? super Machine>> all() {
        return List.of(Invariants.CONSERVE, RUNQ, COUNTERS, CALENDAR, Invariants.AFFINITY, RANGES, Invariants.PICK_COST, PREEMPT);
    }

    /** Every invariant a state of {@code version}'s machine is checked against, generic and ULE's own, in a fixed order. */
    public static List<Invariant<? super Machine>> all(UleVersion version) {
        return version == UleVersion.V14 ? all()
                : List.of(Invariants.CONSERVE, RUNQ15, COUNTERS, CALENDAR15, Invariants.AFFINITY, RANGES, Invariants.PICK_COST,
                        PREEMPT);
    }

    /**
     * FreeBSD 15's single run queue: each of the four status words has bit {@code q % 64} set iff
     * queue {@code q} is non-empty; each queued thread records the policy range and absolute queue
     * it sits in; the calendar range (115..223) holds only batch-priority threads; the three V14
     * run queues are unused. FreeBSD 15: {@code struct runq}, {@code runq_add_idx},
     * {@code runq_remove}.
     */
    public static final Invariant<Machine> RUNQ15 = new NamedInvariant<>("RUNQ15",
            "FreeBSD 15: status word w bit i is set iff queue 64·w + i of the single 256-queue run queue is non-empty; "
                    + "a queued thread's recorded policy and queue are where it sits; queues 115..223 hold only batch priorities") {
        @Override
        public String check(Machine before, ModelStep<? extends Machine> step) {
            Machine m = step.state();
            for (int c = 0; c < m.cpuCount(); c++) {
                CpuState cpu = m.cpu(c);
                RunQueue15 rq = cpu.runq15();
                if (rq == null) {
                    return "CPU " + c + " has no FreeBSD 15 run queue";
                }
                if (cpu.realtime().size() + cpu.timeshare().size() + cpu.idleQueue().size() != 0) {
                    return "CPU " + c + " holds threads in FreeBSD 14's run queues";
                }
                int counted = 0;
                for (int q = 0; q < RunQueue15.QUEUES; q++) {
                    int len = rq.queueSize(q);
                    boolean bit = (rq.status(q >>> 6) & (1L << (q & 63))) != 0;
                    if (bit != (len > 0)) {
                        return "CPU " + c + " queue " + q + " has status bit " + (bit ? 1 : 0) + " in word " + (q >>> 6)
                                + " but " + len + " threads";
                    }
                    counted += len;
                    RunqKind policy = Calendar15.policy(q);
                    for (int i = 0; i < len; i++) {
                        int t = rq.get(q, i);
                        if (t < 0 || t >= m.threadCount()) {
                            return "CPU " + c + " queue " + q + " holds unknown thread " + t;
                        }
                        ThreadState td = m.thread(t);
                        if (td.queue() != policy || td.rqIndex() != q) {
                            return "thread " + t + " sits in CPU " + c + " queue " + q + " (" + policy + ") but records "
                                    + td.queue() + " queue " + td.rqIndex();
                        }
                        if (policy == RunqKind.TIMESHARE && !Priorities15.isBatch(td.priority())) {
                            return "thread " + t + " with priority " + td.priority() + " is in CPU " + c + "'s calendar queue " + q
                                    + " (batch band is " + Priorities15.PRI_MIN_BATCH + ".." + Priorities15.PRI_MAX_BATCH + ")";
                        }
                    }
                }
                if (counted != rq.size()) {
                    return "CPU " + c + " run queue counts " + rq.size() + " threads but its queues hold " + counted;
                }
            }
            return null;
        }
    };

    /**
     * FreeBSD 15's calendar: {@code tdq_ts_ticks} in 0..3, and the lag {@code tdq_ts_off −
     * tdq_ts_deq_off} (mod 109) in {0, 1, 2}: the insertion offset moves only when the two are
     * equal, by at most 2 queues a tick, and the dequeue offset then follows it over empty queues;
     * while they differ the dequeue offset's queue is non-empty (it moves on when that queue
     * empties). FreeBSD 15: {@code sched_clock}, {@code tdq_advance_ts_deq_off}, {@code tdq_runq_rem}.
     */
    public static final Invariant<Machine> CALENDAR15 = new NamedInvariant<>("CALENDAR15",
            "FreeBSD 15: tdq_ts_ticks ∈ 0..3; tdq_ts_off − tdq_ts_deq_off ∈ {0, 1, 2} (mod 109); "
                    + "when they differ the queue at tdq_ts_deq_off is non-empty") {
        @Override
        public String check(Machine before, ModelStep<? extends Machine> step) {
            Machine m = step.state();
            for (int c = 0; c < m.cpuCount(); c++) {
                CpuState cpu = m.cpu(c);
                int mod = Priorities15.RQ_TS_POL_MODULO;
                if (cpu.tsOff() < 0 || cpu.tsOff() >= mod || cpu.deqOff() < 0 || cpu.deqOff() >= mod) {
                    return "CPU " + c + " has tdq_ts_off " + cpu.tsOff() + " and tdq_ts_deq_off " + cpu.deqOff() + " (expected 0.."
                            + (mod - 1) + ")";
                }
                if (cpu.tsTicks() < 0 || cpu.tsTicks() > 3) {
                    return "CPU " + c + " has tdq_ts_ticks " + cpu.tsTicks() + " (expected 0..3)";
                }
                int lag = Math.floorMod(cpu.tsOff() - cpu.deqOff(), mod);
                if (lag > 2) {
                    return "CPU " + c + " has tdq_ts_off " + cpu.tsOff() + " and tdq_ts_deq_off " + cpu.deqOff() + " (lag " + lag + ")";
                }
                if (lag > 0 && cpu.runq15().isQueueEmpty(Priorities15.RQ_TS_POL_MIN + cpu.deqOff())) {
                    return "CPU " + c + " has tdq_ts_deq_off " + cpu.deqOff() + " behind tdq_ts_off " + cpu.tsOff()
                            + " but the queue there is empty";
                }
            }
            return null;
        }
    };

    /** ULE 14's own invariants only. */
    public static List<Invariant<Machine>> specific() {
        return List.of(RUNQ, COUNTERS, CALENDAR, RANGES, PREEMPT);
    }
}
