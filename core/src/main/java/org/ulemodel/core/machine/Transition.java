// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.ulemodel.core.persist.PersistentVector;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.prio.Priorities;
import org.ulemodel.core.runq.Calendar;
import org.ulemodel.core.runq.Placement;
import org.ulemodel.core.runq.RunQueue;
import org.ulemodel.core.runq.RunQueue15;
import org.ulemodel.core.runq.RunqKind;
import org.ulemodel.core.smp.CpuSearch;
import org.ulemodel.core.smp.Lcg;
import org.ulemodel.core.smp.LoadView;
import org.ulemodel.core.smp.PickCpu;
import org.ulemodel.core.smp.PickRequest;
import org.ulemodel.core.smp.PickResult;
import org.ulemodel.core.smp.SearchResult;
import org.ulemodel.core.topo.CpuGroup;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.core.ule.Calendar15;
import org.ulemodel.core.ule.History;
import org.ulemodel.core.ule.Interactivity;
import org.ulemodel.core.ule.Placement15;
import org.ulemodel.core.ule.Priorities15;
import org.ulemodel.core.ule.UleVersion;

/**
 * One transition in progress: the FreeBSD scheduler functions, written against the step's
 * transaction ({@link MachineEdit}: the copy-on-write machine, the decisions and the cost). Never
 * escapes {@link Scheduler} (and {@link SmpProbe}, which runs single functions for the golden
 * tables); what the searches do is told to an {@link SmpObserver}, not recorded here.
 *
 * <p>Methods carry the name of the FreeBSD function they model (sys/kern/sched_ule.c, V14) so
 * that a reader can compare them line by line. The machine's {@link MachineConfig#version} chooses
 * FreeBSD 15's forms where FreeBSD 15 differs (V15 of sched_ule.c and kern_switch.c): the single
 * 256-queue run queue and its calendar ({@code tdq_runq_add}, {@code tdq_runq_rem},
 * {@code tdq_choose}, {@code sched_clock}, {@code runq_steal_timeshare}), the formulas
 * ({@link UleVersion}) and the ithread demotion step; everything else is one code for both.
 */
final class Transition extends MachineEdit {
    /** {@code sched_add}/{@code tdq_runq_add} flags (sys/sys/sched.h). */
    static final int SRQ_BORING = 0x0000;
    static final int SRQ_YIELDING = 0x0001;
    static final int SRQ_OURSELF = 0x0002;
    static final int SRQ_PREEMPTED = 0x0008;
    static final int SRQ_BORROWING = 0x0010;

    private static final int IDLE_THREAD_PRIORITY = Priorities.PRI_MAX_IDLE;

    /** Which FreeBSD's ULE this machine runs. */
    private final UleVersion version;
    /** {@code version == V15}: the single run queue and the 109-queue calendar. */
    private final boolean v15;

    Transition(Machine base) {
        super(base);
        version = config.version();
        v15 = version == UleVersion.V15;
    }

    /** FreeBSD 15's calendar fields of {@code tdq} ({@code tdq_ts_off}, {@code tdq_ts_deq_off}, {@code tdq_ts_ticks}). */
    private static Calendar15 calendar15(CpuState tdq) {
        return new Calendar15(tdq.idx, tdq.ridx, tdq.tsTicks);
    }

    private static void setCalendar15(CpuState tdq, Calendar15 cal) {
        tdq.idx(cal.tsOff());
        tdq.ridx(cal.deqOff());
        tdq.tsTicks(cal.tsTicks());
    }

    // ------------------------------------------------------------------ helpers

    /** Priority of what runs on {@code c}: the current thread's, or 255 for the idle thread. */
    int curPriority(int c) {
        int cur = tdq(c).curthread;
        if (cur == CpuState.IDLE) {
            return IDLE_THREAD_PRIORITY;
        }
        return threadNow(cur).priority;
    }

    private void setPriority(ThreadState td, int prio) {
        if (td.priority != prio) {
            decide(new Decision.PriorityChange(td.tid, false, td.priority, prio));
            td.priority = ThreadState.narrow(prio);
        }
    }

    // ------------------------------------------------------------------ run queues

    /** FreeBSD {@code tdq_runq_add}: put a thread on the right run queue of {@code c}. */
    void tdqRunqAdd(int c, ThreadState td, int flags) {
        CpuState tdq = tdq(c);
        if (td.pinned == 0) {
            tdq.transferable++;
            td.xferable(true);
        }
        boolean preempted = (flags & SRQ_PREEMPTED) != 0;
        boolean borrowing = (flags & SRQ_BORROWING) != 0;
        td.state(RunState.QUEUED);
        td.cpu = ThreadState.narrow(c);
        if (v15) {
            Placement15 pl = calendar15(tdq).place(td.priority, preempted, borrowing);
            tdq.runq15 = pl.atHead() ? tdq.runq15.addHead(pl.queue(), td.tid) : tdq.runq15.addTail(pl.queue(), td.tid);
            td.queue(pl.policy());
            td.rqIndex = ThreadState.narrow(pl.queue());
            decide(new Decision.Enqueue(td.tid, c, pl.policy(), pl.queue(), pl.atHead()));
            return;
        }
        Placement pl = Calendar.place(td.priority, tdq.idx, tdq.ridx, preempted, borrowing);
        RunQueue rq = tdq.runq(pl.runq());
        rq = pl.atHead() ? rq.addHead(pl.queue(), td.tid) : rq.addTail(pl.queue(), td.tid);
        tdq.setRunq(pl.runq(), rq);
        td.queue(pl.runq());
        td.rqIndex = ThreadState.narrow(pl.queue());
        decide(new Decision.Enqueue(td.tid, c, pl.runq(), pl.queue(), pl.atHead()));
    }

    /** FreeBSD {@code tdq_runq_rem} (with {@code runq_remove_idx}'s ridx advance for the calendar). */
    void tdqRunqRem(int c, ThreadState td) {
        CpuState tdq = tdq(c);
        if (td.queue() == null) {
            throw new IllegalStateException("thread " + td.tid + " is not on a run queue");
        }
        if (td.xferable()) {
            tdq.transferable--;
            td.xferable(false);
        }
        if (v15) {
            int q = td.rqIndex;
            RunQueue15 rq = tdq.runq15.remove(q, td.tid);
            tdq.runq15 = rq;
            setCalendar15(tdq, calendar15(tdq).afterRemove(td.priority, q, rq.isQueueEmpty(q), rq::isQueueEmpty));
            td.queue(null);
            return;
        }
        RunqKind kind = td.queue();
        RunQueue rq = tdq.runq(kind);
        int q = td.rqIndex;
        rq = rq.head(q) == td.tid ? rq.removeHead(q) : rq.remove(q, td.tid);
        tdq.setRunq(kind, rq);
        if (kind == RunqKind.TIMESHARE && tdq.idx != tdq.ridx) {
            tdq.ridx(Calendar.advanceOnRemove(tdq.idx, tdq.ridx, q, rq.queueSize(q) == 0));
        }
        td.queue(null);
    }

    /** FreeBSD {@code tdq_load_add}. */
    void tdqLoadAdd(int c) {
        CpuState tdq = tdq(c);
        tdq.load++;
        tdq.sysload++;
    }

    /** FreeBSD {@code tdq_load_rem}. */
    void tdqLoadRem(int c) {
        CpuState tdq = tdq(c);
        if (tdq.load == 0) {
            throw new IllegalStateException("tdq_load_rem: removing with 0 load on CPU " + c);
        }
        tdq.load--;
        tdq.sysload--;
    }

    /** FreeBSD {@code tdq_choose}: the best queued thread of {@code c}, or -1; records the scan cost. */
    int tdqChoose(int c) {
        CpuState tdq = tdq(c);
        if (v15) {
            return tdqChoose15(tdq);
        }
        int words = 1;
        int td = -1;
        int q = tdq.realtime.findbit();
        if (q >= 0) {
            td = tdq.realtime.head(q);
        } else {
            words += RunQueue.findbitFromWordsScanned(tdq.timeshare.status(), tdq.ridx);
            q = tdq.timeshare.findbitFrom(tdq.ridx);
            if (q >= 0) {
                td = tdq.timeshare.head(q);
            } else {
                words++;
                q = tdq.idleQueue.findbit();
                if (q >= 0) {
                    td = tdq.idleQueue.head(q);
                }
            }
        }
        countPick(words);
        return td;
    }

    /**
     * The queue ranges FreeBSD 15 serves in order, as {lo, hi} pairs (an empty pair has lo &gt; hi):
     * the realtime policy, the calendar from {@code tdq_ts_deq_off} to its end, the calendar
     * before {@code tdq_ts_deq_off}, the idle policy. FreeBSD 15: tdq_choose(), tdq_steal().
     */
    private static int[] pickRanges15(int deqOff) {
        return new int[] {Priorities15.RQ_RT_POL_MIN, Priorities15.RQ_RT_POL_MAX,
            Priorities15.RQ_TS_POL_MIN + deqOff, Priorities15.RQ_TS_POL_MAX,
            Priorities15.RQ_TS_POL_MIN, Priorities15.RQ_TS_POL_MIN + deqOff - 1,
            Priorities15.RQ_ID_POL_MIN, Priorities15.RQ_ID_POL_MAX};
    }

    /**
     * FreeBSD 15 {@code tdq_choose}: the first queue of the realtime range 0..114, else of the
     * calendar from {@code tdq_ts_deq_off} round to just before it ({@code runq_choose_timeshare}),
     * else of the idle range; counts each of the four status words the scans read once.
     */
    private int tdqChoose15(CpuState tdq) {
        return scan15(tdq.runq15, tdq.ridx, tid -> true, true);
    }

    /**
     * The first thread {@code accept} takes, walking {@link #pickRanges15} queue by queue, FIFO
     * within a queue, or −1. With {@code pick} (a {@code tdq_choose}) it counts the status words
     * it read, each once ({@link #countPick}).
     */
    private int scan15(RunQueue15 rq, int deqOff, IntPredicate accept, boolean pick) {
        int[] ranges = pickRanges15(deqOff);
        int wordsRead = 0;
        int found = -1;
        for (int i = 0; i < ranges.length && found < 0; i += 2) {
            int lo = ranges[i];
            int hi = ranges[i + 1];
            int q = lo <= hi ? rq.findq(lo, hi) : -1;
            for (; q >= 0 && found < 0; q = found < 0 ? rq.next(q, hi) : q) {
                for (int k = 0; k < rq.queueSize(q) && found < 0; k++) {
                    found = accept.test(rq.get(q, k)) ? rq.get(q, k) : -1;
                }
            }
            for (int w = lo >>> 6; lo <= hi && w <= (found < 0 ? hi : q) >>> 6; w++) {
                wordsRead |= 1 << w;
            }
        }
        if (pick) {
            countPick(Integer.bitCount(wordsRead));
        }
        return found;
    }

    /** FreeBSD {@code tdq_setlowpri}: recompute {@code tdq_lowpri} from the running and the best queued thread. */
    void tdqSetLowpri(int c) {
        int cpri = curPriority(c);
        int best = tdqChoose(c);
        CpuState tdq = tdq(c);
        if (best < 0 || td(best).priority > cpri) {
            tdq.lowpri(cpri);
        } else {
            tdq.lowpri(td(best).priority);
        }
    }

    /** FreeBSD {@code tdq_thrprichange}: keep {@code tdq_lowpri} right after a running thread's priority change. */
    void tdqThrPriChange(int c, int oldPrio, int newPrio) {
        CpuState tdq = tdq(c);
        if (newPrio < tdq.lowpri) {
            tdq.lowpri(newPrio);
        } else if (oldPrio == tdq.lowpri && newPrio != oldPrio) {
            tdqSetLowpri(c);
        }
    }

    /** FreeBSD {@code tdq_add}: queue a thread on {@code c} and count its load; returns the previous {@code tdq_lowpri}. */
    int tdqAdd(int c, ThreadState td, int flags) {
        CpuState tdq = tdq(c);
        int lowpri = tdq.lowpri;
        if (td.priority < lowpri) {
            tdq.lowpri(td.priority);
        }
        tdqRunqAdd(c, td, flags);
        tdqLoadAdd(c);
        return lowpri;
    }

    /** FreeBSD {@code sched_choose}: take the best thread off {@code c}'s queues and make it current, or idle. */
    int schedChoose(int c) {
        int next = tdqChoose(c);
        CpuState tdq = tdq(c);
        if (next >= 0) {
            ThreadState td = td(next);
            tdqRunqRem(c, td);
            td.state(RunState.RUNNING);
            td.cpu = ThreadState.narrow(c);
            tdq.lowpri(td.priority);
            tdq.curthread = next;
        } else {
            tdq.lowpri(Priorities.PRI_MAX_IDLE);
            tdq.curthread = CpuState.IDLE;
        }
        return next;
    }

    // ------------------------------------------------------------------ priorities

    /** FreeBSD {@code sched_priority} + {@code sched_user_prio}: recompute a timeshare thread's user priority. */
    void schedPriority(ThreadState td) {
        if (td.priClass() != PriClass.TIMESHARE) {
            return;
        }
        int pri = version.userPriority(td.runtime, td.slptime, td.nice, td.tsTicks, td.ftick, td.ltick, p);
        td.baseUserPri = ThreadState.narrow(pri);
        if (td.userPri != pri) {
            decide(new Decision.PriorityChange(td.tid, true, td.userPri, pri));
            td.userPri = ThreadState.narrow(pri);
        }
    }

    /** FreeBSD {@code sched_interact_update}. */
    void interactUpdate(ThreadState td) {
        long h = Interactivity.updateBits(td.runtime, td.slptime, p.slpRunMax());
        td.runtime = (int) (h >>> 32);
        td.slptime = (int) h;
    }

    /** FreeBSD {@code sched_pctcpu_update}. */
    void pctcpuUpdate(ThreadState td, boolean run) {
        long w = version.updateWindowBits(td.tsTicks, td.ftick, td.ltick, ticks(), run, p);
        td.tsTicks = (int) (w >>> 32);
        td.ftick = (int) w;
        td.ltick = ticks();
    }

    /** FreeBSD {@code sched_prio}: set the base priority and the current one. */
    void schedPrio(ThreadState td, int prio, int onCpu) {
        td.basePri = ThreadState.narrow(prio);
        schedThreadPriority(td, prio, onCpu);
    }

    /** FreeBSD {@code sched_thread_priority}: change {@code td_priority}, requeueing a queued thread that gets better. */
    void schedThreadPriority(ThreadState td, int prio, int onCpu) {
        if (td.priority == prio) {
            return;
        }
        if (td.state() == RunState.QUEUED && prio < td.priority) {
            schedRem(td);
            setPriority(td, prio);
            schedAdd(td, SRQ_BORROWING, onCpu);
            return;
        }
        if (td.state() == RunState.RUNNING) {
            int old = td.priority;
            setPriority(td, prio);
            tdqThrPriChange(td.cpu, old, prio);
            return;
        }
        setPriority(td, prio);
    }

    /** FreeBSD {@code sched_userret_slowpath}: on return to user mode {@code td_priority} becomes {@code td_user_pri}. */
    void userret(ThreadState td) {
        if (!config.userretPriority() || td.priClass() == PriClass.ITHD || td.priority == td.userPri) {
            return;
        }
        int old = td.priority;
        td.basePri = td.userPri;
        setPriority(td, td.userPri);
        tdqThrPriChange(td.cpu, old, td.userPri);
    }

    // ------------------------------------------------------------------ adding and removing

    /**
     * FreeBSD {@code sched_pickcpu}, run by CPU {@code self} with its random state; without SMP
     * ({@code smp_started} = 0, one CPU) the answer is {@code self}. The cpuset is narrowed to
     * online CPUs. Ithreads are taken to be woken from interrupt context.
     */
    int schedPickCpu(ThreadState td, int flags, int self) {
        if (!smp) {
            return self;
        }
        Lcg r = lcg(self);
        PickResult res = PickCpu.pick(topo(), new PickRequest(self, ticks(), p.affinity(), td.priority, td.cpu, td.rltick,
                onlineCpusOf(td.cpuset), td.pinned, (flags & SRQ_OURSELF) != 0, td.state() == RunState.RUNNING,
                td.priClass() == PriClass.ITHD, version), this, r);
        keep(self, r);
        td.cpu = ThreadState.narrow(res.tsCpuAfter());
        return res.cpu();
    }

    /** Whether {@code td} may run on {@code c} now: in its cpuset and online ({@code THREAD_CAN_SCHED}). */
    boolean canSched(ThreadState td, int c) {
        return td.cpuset.contains(c) && online(c);
    }

    /** FreeBSD {@code sched_add}: make a thread runnable on the CPU {@code sched_pickcpu} chooses; {@code self} runs the code. */
    void schedAdd(ThreadState td, int flags, int self) {
        schedAdd(td, flags, self, MigrateReason.WAKEUP);
    }

    /** {@link #schedAdd(ThreadState, int, int)}, naming the reason if the thread lands on another CPU. */
    void schedAdd(ThreadState td, int flags, int self, MigrateReason why) {
        if (td.priClass() == PriClass.TIMESHARE) {
            schedPriority(td);
        }
        int from = td.cpu;
        int c = schedPickCpu(td, flags, self);
        if (c != from && td.rqIndex >= 0 && why == MigrateReason.WAKEUP && td.pinned == 0 && canSched(td, from)
                && !mayMigrate(MigrationPoint.WAKEUP, td, from, c)) {
            c = from;
        }
        td.cpu = ThreadState.narrow(c);
        if (c != from && td.rqIndex >= 0) {
            decide(new Decision.Migrate(td.tid, from, c, why));
        }
        int lowpri = tdqAdd(c, td, flags);
        if (c != self) {
            tdqNotify(c, lowpri);
        } else if ((flags & SRQ_YIELDING) == 0) {
            schedSetPreempt(c, td.priority, td.tid);
        }
    }

    /**
     * FreeBSD {@code tdq_notify}: after adding work to remote CPU {@code c}, send it an
     * {@code IPI_PREEMPT} if the new best priority should preempt what ran there. An idle remote
     * CPU is taken to be halted in {@code cpu_idle} without MWAIT wake-up, so it gets the IPI.
     */
    void tdqNotify(int c, int lowpri) {
        CpuState tdq = tdq(c);
        if (tdq.owepreempt()) {
            return;
        }
        if (!version.shouldPreempt(tdq.lowpri, lowpri, true, p.preemptThresh())) {
            return;
        }
        tdq.owepreempt(true);
        decide(new Decision.IpiSent(c, IpiKind.PREEMPT));
    }

    /** FreeBSD {@code sched_rem}: take a queued thread off its CPU without running it. */
    void schedRem(ThreadState td) {
        int c = td.cpu;
        tdqRunqRem(c, td);
        tdqLoadRem(c);
        if (td.priority == tdq(c).lowpri) {
            tdqSetLowpri(c);
        }
    }

    /** FreeBSD {@code sched_setpreempt}: after a local add, ask the running thread to switch if {@code pri} beats it. */
    void schedSetPreempt(int c, int pri, int arriving) {
        CpuState tdq = tdq(c);
        int cur = tdq.curthread;
        int cpri = curPriority(c);
        if (cur == CpuState.IDLE) {
            // The idle thread switches as soon as it sees load (sched_idletd); nothing to record.
            return;
        }
        ThreadState ctd = td(cur);
        if (pri < cpri) {
            ctd.astPending(true);
        }
        if (pri >= cpri || ctd.state() != RunState.RUNNING) {
            return;
        }
        if (!version.shouldPreempt(pri, cpri, false, p.preemptThresh())) {
            return;
        }
        ctd.owePreempt(true);
        decide(new Decision.PreemptRequest(c, arriving));
    }

    // ------------------------------------------------------------------ switching

    /**
     * FreeBSD {@code sched_switch} (+ {@code choosethread} and, on the way back to user mode,
     * {@code sched_userret}): the current thread of {@code c} leaves the CPU — requeued if still
     * runnable, its load dropped if it sleeps — and the best queued thread takes over.
     */
    void schedSwitch(int c, SwitchReason reason) {
        CpuState tdq = tdq(c);
        int cur = tdq.curthread;
        if (cur != CpuState.IDLE) {
            ThreadState td = td(cur);
            pctcpuUpdate(td, true);
            boolean pickcpu = td.pickCpu();
            td.rltick = pickcpu ? ticks() - p.affinity() * CpuGroup.MAX_CACHE_LEVELS : ticks();
            boolean preempted = !td.sliceEnd() && reason == SwitchReason.PREEMPT;
            td.pickCpu(false);
            td.sliceEnd(false);
            td.astPending(false);
            td.owePreempt(false);
            tdq.owepreempt(false);
            tdq.switchcnt++;
            if (td.state() == RunState.RUNNING) {
                int flags = SRQ_OURSELF | SRQ_YIELDING | (preempted ? SRQ_PREEMPTED : 0);
                MigrateReason why = td.bound() ? MigrateReason.BIND : MigrateReason.AFFINITY;
                if (smp && td.pinned == 0 && (!canSched(td, td.cpu) || pickcpu)) {
                    why = !online(td.cpu) ? MigrateReason.OFFLINE : pickcpu && canSched(td, td.cpu)
                            ? MigrateReason.PICKCPU : MigrateReason.AFFINITY;
                    int last = td.cpu;
                    td.cpu = ThreadState.narrow(schedPickCpu(td, 0, c));
                    if (why == MigrateReason.PICKCPU && td.cpu != last && !mayMigrate(MigrationPoint.BALANCE, td, last, td.cpu)) {
                        td.cpu = ThreadState.narrow(last);
                    }
                }
                if (td.cpu == c) {
                    tdqRunqAdd(c, td, flags);
                } else {
                    schedSwitchMigrate(c, td, flags, why);
                }
            } else {
                tdqLoadRem(c);
                if (smp && tdq.load == 0) {
                    tdqTrysteal(c);
                }
            }
        } else {
            tdq.owepreempt(false);
        }
        int next = schedChoose(c);
        if (next >= 0) {
            pctcpuUpdate(td(next), false);
        }
        decide(new Decision.Switch(c, cur, next, reason));
        if (next >= 0) {
            userret(td(next));
        }
    }

    /** FreeBSD {@code sched_switch_migrate}: a still-runnable thread leaves {@code c} for its new {@code ts_cpu}. */
    void schedSwitchMigrate(int c, ThreadState td, int flags, MigrateReason why) {
        int to = td.cpu;
        tdqLoadRem(c);
        decide(new Decision.Migrate(td.tid, c, to, why));
        int lowpri = tdqAdd(to, td, flags);
        tdqNotify(to, lowpri);
    }

    /**
     * What happens on {@code c} on the way out of the kernel: the idle thread switches when it
     * has load; an owed preemption switches at once ({@code SW_PREEMPT}); a pending AST switches
     * without preemption (slice end or reschedule).
     */
    void returnToUser(int c) {
        // Read without editing: most ticks switch nothing, and an edit would copy the CPU and thread.
        if (!online(c)) {
            return;
        }
        int cur = curthread(c);
        if (cur == CpuState.IDLE) {
            if (load(c) > 0) {
                schedSwitch(c, SwitchReason.IDLE);
            }
            return;
        }
        ThreadState td = threadNow(cur);
        if (td.owePreempt()) {
            schedSwitch(c, SwitchReason.PREEMPT);
        } else if (td.astPending()) {
            schedSwitch(c, td.sliceEnd() ? SwitchReason.SLICE_END : SwitchReason.RESCHED);
        }
    }

    /**
     * FreeBSD {@code sched_throw}: the current thread of {@code c} has exited; drop its load and
     * run the best queued thread (no %CPU update for the incoming thread, unlike a switch).
     */
    void schedThrow(int c) {
        CpuState tdq = tdq(c);
        int cur = tdq.curthread;
        tdqLoadRem(c);
        int next = schedChoose(c);
        decide(new Decision.Switch(c, cur, next, SwitchReason.EXIT));
        if (next >= 0) {
            userret(td(next));
        }
    }

    // ------------------------------------------------------------------ clock

    /**
     * FreeBSD {@code sched_clock}: one stathz tick (or {@code cnt} of them) on CPU {@code c}:
     * switch counts, the calendar's insert index, the running thread's %CPU window, run history,
     * user priority and slice.
     */
    void schedClock(int c, int cnt) {
        if (c == 0 && smp && config.tunables().rebalance() && balanceTicks != 0) {
            balanceTicks -= cnt;
            if (balanceTicks <= 0) {
                schedBalance();
            }
        }
        CpuState tdq = tdq(c);
        tdq.oldswitchcnt = tdq.switchcnt;
        tdq.switchcnt = tdq.load;
        if (v15) {
            RunQueue15 rq = tdq.runq15;
            setCalendar15(tdq, calendar15(tdq).tick(cnt, rq::isQueueEmpty));
        } else if (tdq.idx == tdq.ridx) {
            tdq.idx((tdq.idx + 1) % RunQueue.QUEUES);
            if (tdq.timeshare.queueSize(tdq.ridx) == 0) {
                tdq.ridx(tdq.idx);
            }
        }
        if (tdq.curthread == CpuState.IDLE) {
            return;
        }
        ThreadState td = td(tdq.curthread);
        pctcpuUpdate(td, true);
        if (td.fifo()) {
            return;
        }
        if (td.priClass() == PriClass.TIMESHARE) {
            td.runtime += p.tickincr() * cnt;
            interactUpdate(td);
            schedPriority(td);
        }
        td.slice += cnt;
        int sliceLen = td.priClass() == PriClass.ITHD ? p.slice() : p.tdqSlice(tdq.sysload);
        if (td.slice >= sliceLen) {
            td.slice = 0;
            decide(new Decision.SliceEnd(td.tid, c));
            if (td.priClass() == PriClass.ITHD) {
                td.owePreempt(true);
                if (td.basePri + version.rqPpq() < version.maxPri(PriClass.ITHD)) {
                    schedPrio(td, td.basePri + version.rqPpq(), c);
                }
            } else {
                td.astPending(true);
                td.sliceEnd(true);
            }
        }
    }

    // ------------------------------------------------------------------ thread life cycle

    /** FreeBSD {@code sched_sleep}: stamp the sleep start and apply the static boost. */
    void schedSleep(ThreadState td, int sleepPri) {
        td.slptick = ticks();
        if (td.priClass() != PriClass.TIMESHARE) {
            return;
        }
        int boost = p.staticBoost();
        if (boost == 1 && sleepPri != 0) {
            schedPrio(td, sleepPri, td.cpu);
        } else if (boost != 0 && td.priority > boost) {
            schedPrio(td, boost, td.cpu);
        }
    }

    /** FreeBSD {@code sched_wakeup}: credit the sleep, reset the slice and add the thread. */
    void schedWakeup(ThreadState td, int self) {
        int slptick = td.slptick;
        td.slptick = 0;
        if (slptick != 0 && slptick != ticks()) {
            td.slptime += (ticks() - slptick) << Priorities.SCHED_TICK_SHIFT;
            interactUpdate(td);
            pctcpuUpdate(td, false);
        }
        if (td.priClass() == PriClass.ITHD && td.priority != td.baseIthreadPri) {
            schedPrio(td, td.baseIthreadPri, self);
        }
        td.slice = 0;
        schedAdd(td, SRQ_BORING, self);
    }

    /** FreeBSD {@code sched_fork} + {@code sched_fork_thread}: a child inherits (and dilutes) its parent's history. */
    ThreadState schedFork(ThreadState parent, int c) {
        pctcpuUpdate(parent, true);
        ThreadState child = newThread();
        child.parent = parent.tid;
        child.priClass(parent.priClass());
        child.fifo(parent.fifo());
        child.nice = parent.nice;
        child.cpuset = parent.cpuset;
        child.state(RunState.SLEEPING);
        child.cpu = parent.cpu;
        child.queue(null);
        child.rqIndex = -1;
        child.tsTicks = parent.tsTicks;
        child.ltick = parent.ltick;
        child.ftick = parent.ftick;
        child.basePri = parent.basePri;
        child.priority = parent.basePri;
        child.userPri = parent.userPri;
        child.baseUserPri = parent.baseUserPri;
        child.baseIthreadPri = parent.baseIthreadPri;
        child.slptime = parent.slptime;
        child.runtime = parent.runtime;
        child.slice = p.tdqSlice(tdq(c).sysload) - p.sliceMin();
        History h = Interactivity.fork(child.runtime, child.slptime, p.slpRunFork());
        child.runtime = h.runtime();
        child.slptime = h.slptime();
        schedPriority(child);
        parent.runtime += p.tickincr();
        interactUpdate(parent);
        schedPriority(parent);
        return child;
    }

    /** FreeBSD {@code sched_exit_thread}: the parent absorbs the exiting child's run time. */
    void schedExitThread(ThreadState parent, ThreadState child) {
        parent.runtime += child.runtime;
        interactUpdate(parent);
        schedPriority(parent);
    }

    /** FreeBSD {@code sched_nice}: store nice, recompute the user priority and apply it. */
    void schedNice(ThreadState td, int nice, int self) {
        td.nice = ThreadState.narrowByte(nice);
        schedPriority(td);
        schedPrio(td, td.baseUserPri, self);
    }

    // ------------------------------------------------------------------ SMP: stealing

    /**
     * Whether {@code td} may be stolen to {@code cpu}: not pinned and allowed there
     * ({@code THREAD_CAN_MIGRATE && THREAD_CAN_SCHED}), and then the {@link MigrationHook} agrees.
     */
    private boolean stealable(int tid, int cpu, MigrationPoint point) {
        countExamined();
        ThreadState td = td(tid);
        return td.pinned == 0 && td.cpuset.contains(cpu) && mayMigrate(point, td, td.cpu, cpu);
    }

    /** FreeBSD {@code runq_steal}: the first stealable thread in queue order, or -1. */
    private int runqSteal(RunQueue rq, int cpu, MigrationPoint point) {
        long status = rq.status();
        while (status != 0) {
            int q = Long.numberOfTrailingZeros(status);
            status &= status - 1;
            int n = rq.queueSize(q);
            for (int i = 0; i < n; i++) {
                int tid = rq.get(q, i);
                if (stealable(tid, cpu, point)) {
                    return tid;
                }
            }
        }
        return -1;
    }

    /**
     * FreeBSD {@code runq_steal_from} (V14): scan the calendar circularly from {@code start}; the
     * first thread met is skipped (the victim runs it next) and taken only if nothing else qualifies.
     * The second pass starts again at the lowest busy queue.
     */
    private int runqStealFrom(RunQueue rq, int cpu, int start, MigrationPoint point) {
        int first = -1;
        long status = rq.status();
        int from = start;
        while (true) {
            long bits = from == 0 ? status : status & (-1L << from);
            while (bits != 0) {
                int q = Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                int n = rq.queueSize(q);
                for (int i = 0; i < n; i++) {
                    int tid = rq.get(q, i);
                    if (first >= 0) {
                        if (stealable(tid, cpu, point)) {
                            return tid;
                        }
                    } else {
                        first = tid;
                    }
                }
            }
            if (from == 0) {
                break;
            }
            from = 0;
        }
        if (first >= 0 && stealable(first, cpu, point)) {
            return first;
        }
        return -1;
    }

    /**
     * FreeBSD {@code tdq_steal}: a thread of {@code victim} that may run on {@code cpu}: realtime
     * queue, calendar from ridx, idle queue; {@code point} says for whom (steal or balance) when
     * the {@link MigrationHook} is asked.
     */
    int tdqSteal(int victim, int cpu, MigrationPoint point) {
        CpuState tdq = tdq(victim);
        if (v15) {
            return tdqSteal15(tdq.runq15, tdq.ridx, cpu, point);
        }
        int td = runqSteal(tdq.realtime, cpu, point);
        if (td >= 0) {
            return td;
        }
        td = runqStealFrom(tdq.timeshare, cpu, tdq.ridx, point);
        if (td >= 0) {
            return td;
        }
        return runqSteal(tdq.idleQueue, cpu, point);
    }

    /**
     * FreeBSD 15 {@code tdq_steal}: the first stealable thread of the realtime range in queue
     * order, else of the calendar from {@code tdq_ts_deq_off} round to just before it — the first
     * one met, with no skip ({@code runq_steal_timeshare}) — else of the idle range.
     */
    private int tdqSteal15(RunQueue15 rq, int deqOff, int cpu, MigrationPoint point) {
        return scan15(rq, deqOff, tid -> stealable(tid, cpu, point), false);
    }

    /** FreeBSD {@code tdq_move}: move one stealable thread from {@code from} to {@code to}; returns {@code to}'s previous lowpri, or -1. */
    int tdqMove(int from, int to, MigrateReason why) {
        int tid = tdqSteal(from, to, why == MigrateReason.BALANCE ? MigrationPoint.BALANCE : MigrationPoint.STEAL);
        if (tid < 0) {
            return -1;
        }
        ThreadState td = td(tid);
        schedRem(td);
        td.cpu = ThreadState.narrow(to);
        decide(new Decision.Migrate(tid, from, to, why));
        observer().moved(tid, from, to);
        return tdqAdd(to, td, SRQ_YIELDING);
    }

    private SearchResult highest(int self, CpuGroup cg, CpuSet mask, int minload, int mintrans) {
        Lcg r = lcg(self);
        SearchResult res = CpuSearch.highest(topo(), cg, mask, minload, mintrans, this, r);
        keep(self, r);
        return res;
    }

    /**
     * FreeBSD {@code tdq_idled}: idle CPU {@code c} searches outward from its own group for a CPU
     * with load ≥ {@code steal_thresh} and a transferable thread, trying the sibling group first
     * when the parent has two children, and steals one thread. Returns true when it stole. With
     * no concurrency in the model, the kernel's stale-data restarts and failed try-locks cannot
     * happen.
     */
    boolean tdqIdled(int c) {
        SmpTunables t = config.tunables();
        if (!smp || !t.stealIdle()) {
            return false;
        }
        CpuSet mask = fill().without(c);
        StealWalk walk = new StealWalk(c);
        while (true) {
            int cpu = highest(c, walk.cg, mask, t.stealThresh(), 1).cpu();
            observer().searched(walk.cg, cpu);
            if (cpu == -1) {
                walk.finishSibling();
                if (!walk.outward()) {
                    return false;
                }
                continue;
            }
            if (tdqMove(cpu, c, MigrateReason.STEAL) != -1) {
                return true;
            }
            observer().nothingMoved(cpu, c);
            mask = mask.without(cpu);
        }
    }

    /**
     * FreeBSD {@code tdq_trysteal}: when a thread sleeps and leaves {@code c} without load, one
     * bounded attempt ({@code trysteal_limit} levels) to steal before idling.
     */
    void tdqTrysteal(int c) {
        SmpTunables t = config.tunables();
        if (!smp || !t.stealIdle() || t.trystealLimit() == 0) {
            return;
        }
        CpuSet mask = fill().without(c);
        StealWalk walk = new StealWalk(c);
        int level = 1;
        while (true) {
            int cpu = highest(c, walk.cg, mask, t.stealThresh(), 1).cpu();
            observer().searched(walk.cg, cpu);
            if (cpu == -1) {
                walk.finishSibling();
                if (++level > t.trystealLimit() || !walk.outward()) {
                    return;
                }
                continue;
            }
            if (tdqMove(cpu, c, MigrateReason.STEAL) == -1) {
                observer().nothingMoved(cpu, c);
            }
            return;
        }
    }

    /**
     * The outward search of {@code tdq_idled} and {@code tdq_trysteal}: from the stealing CPU's
     * leaf group to its parent, except that when the parent has exactly two children the sibling
     * group is searched next and the walk then jumps two levels.
     */
    private final class StealWalk {
        CpuGroup cg;
        private boolean goup;

        StealWalk(int cpu) {
            cg = topo().leafOf(cpu);
        }

        /** After searching a sibling group, continue from the parent. */
        void finishSibling() {
            if (goup) {
                cg = topo().group(cg.parent());
                goup = false;
            }
        }

        /** Moves to the next group to search; false at the root. */
        boolean outward() {
            if (cg.parent() < 0) {
                return false;
            }
            CpuGroup parent = topo().group(cg.parent());
            if (parent.childCount() == 2) {
                int[] ch = parent.children();
                cg = topo().group(ch[0] == cg.index() ? ch[1] : ch[0]);
                goup = true;
            } else {
                cg = parent;
            }
            return true;
        }
    }

    // ------------------------------------------------------------------ SMP: balancing

    /** FreeBSD {@code sched_balance}, run by CPU 0's clock: reload the countdown with jitter, then balance the whole tree. */
    void schedBalance() {
        Lcg r = lcg(0);
        int interval = p.balanceInterval();
        balanceTicks = Math.max(interval / 2, 1) + Integer.remainderUnsigned(r.next(), interval);
        keep(0, r);
        decide(new Decision.Balanced(balanceTicks));
        schedBalanceGroup(topo().root());
    }

    /**
     * FreeBSD {@code sched_balance_group} (2021+): repeatedly take the most loaded CPU and give
     * one thread to the least loaded CPU that can take it; a CPU running a single thread instead
     * has that thread asked to pick a new CPU ({@code TDF_PICKCPU}), which ends the pass.
     */
    void schedBalanceGroup(CpuGroup cg) {
        CpuSet hmask = fill();
        CpuSet online = onlineSet();
        while (true) {
            int high = highest(0, cg, hmask, 1, 0).cpu();
            observer().searched(cg, high);
            if (high == -1) {
                break;
            }
            hmask = hmask.without(high);
            CpuSet lmask = hmask;
            if (lmask.isEmpty()) {
                break;
            }
            if (load(high) == 1) {
                CpuState tdq = tdq(high);
                int cur = tdq.curthread;
                if (cur != CpuState.IDLE) {
                    ThreadState td = td(cur);
                    if (td.pinned == 0 && !lockedElsewhere(cur)) {
                        td.pickCpu(true);
                        td.astPending(true);
                        decide(new Decision.RepickRequest(high, cur));
                        if (high != 0) {
                            tdq.astIpi(true);
                            decide(new Decision.IpiSent(high, IpiKind.AST));
                        }
                        observer().repickAsked(high, cur);
                    }
                }
                break;
            }
            boolean anylow = true;
            while (true) {
                if (transferable(high) == 0) {
                    break;
                }
                Lcg r = lcg(0);
                int low = CpuSearch.lowest(topo(), cg, lmask.and(online), -1, load(high) - 1, high, true, this, r).cpu();
                keep(0, r);
                observer().lowestFound(high, low);
                if (low == -1) {
                    if (anylow) {
                        return;
                    }
                    break;
                }
                if (schedBalancePair(high, low)) {
                    hmask = hmask.without(low);
                    break;
                }
                lmask = lmask.without(low);
                anylow = false;
            }
        }
    }

    /** FreeBSD {@code sched_balance_pair}: move one thread from {@code high} to {@code low} if high has more load; true if one moved. */
    boolean schedBalancePair(int high, int low) {
        if (transferable(high) != 0 && load(high) > load(low)) {
            int lowpri = tdqMove(high, low, MigrateReason.BALANCE);
            if (lowpri != -1) {
                if (low != 0) {
                    tdqNotify(low, lowpri);
                } else {
                    schedSetPreempt(low, tdq(low).lowpri, -1);
                }
                return true;
            }
            observer().nothingMoved(high, low);
        }
        return false;
    }

    // ------------------------------------------------------------------ SMP: IPIs, affinity, binding, offline

    /**
     * Deliver {@code c}'s pending IPIs: {@code sched_preempt} switches if something better than
     * the running thread waits there (else clears {@code tdq_owepreempt}); then the scheduling
     * AST runs on the way back to user mode.
     */
    void deliverIpi(int c) {
        CpuState tdq = tdq(c);
        tdq.astIpi(false);
        if (curPriority(c) > tdq.lowpri) {
            schedSwitch(c, tdq.curthread == CpuState.IDLE ? SwitchReason.IDLE : SwitchReason.PREEMPT);
        } else {
            tdq.owepreempt(false);
        }
        returnToUser(c);
    }

    /**
     * FreeBSD {@code sched_affinity}, after {@code td}'s cpuset changed: a queued thread no longer
     * allowed on its CPU is removed and added again; a running one is asked to switch (AST, and
     * an IPI when it runs elsewhere), and {@code sched_switch} then picks a new CPU.
     */
    void schedAffinity(ThreadState td, int self) {
        if (canSched(td, td.cpu)) {
            return;
        }
        if (td.state() == RunState.QUEUED) {
            schedRem(td);
            schedAdd(td, SRQ_BORING, self, MigrateReason.AFFINITY);
            return;
        }
        if (td.state() != RunState.RUNNING) {
            return;
        }
        td.astPending(true);
        if (td.cpu != self) {
            tdq(td.cpu).astIpi(true);
            decide(new Decision.IpiSent(td.cpu, IpiKind.PREEMPT));
        }
    }
}
