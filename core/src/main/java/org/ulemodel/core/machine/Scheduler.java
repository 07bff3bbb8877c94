// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.prio.Priorities;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.ule.UleVersion;

/**
 * The transition function of the model: {@code step(state, event)} returns the next state, the
 * decisions taken and their cost, and never changes {@code state}. Each event is handled as
 * FreeBSD 14's ULE handles the matching kernel path (sys/kern/sched_ule.c), or FreeBSD 15's when
 * the machine's {@link MachineConfig#version} is V15 (events keep FreeBSD 14's priority layout:
 * fixed and sleep priorities are mapped with {@link UleVersion#fromV14Layout}); an event that cannot
 * happen in {@code state} is refused with an {@link IllegalEventException} naming what was
 * expected.
 *
 * <p>The clock: a {@link Event.Tick} advances the hz counter by one. Stathz tick k fires at hz
 * tick ⌊k·hz/stathz⌋ (the rule FreeBSD's golden simulations use); then every online CPU runs
 * {@code sched_clock} in CPU-id order, and then every CPU returns to user mode, where a slice end
 * or an owed preemption switches threads. {@link #hardclock} and {@link #returnToUser} expose the
 * two halves so that a caller can look at the state in between.
 *
 * <p>Per-CPU clocks: each CPU keeps its own hz count ({@code pcputicks}, stored as
 * {@link CpuState#clockLag} behind the machine's), and the machine's {@code ticks} is the
 * furthest CPU's count, the rule of FreeBSD's {@code hardclock} (kern_clock.c: each CPU adds its
 * ticks to its own counter, then raises the global {@code ticks} to it if it is behind). A
 * {@link Event.Tick} advances every CPU's clock by one; an {@link Event.CpuTick} advances one CPU's,
 * runs the stathz ticks due at that CPU's own count on it and returns it to user mode. Stathz
 * ticks are counted on each CPU's own clock with the rule above; a CPU whose clock jumps forward
 * (set to {@code ticks − 1}) runs the stathz ticks of the hz ticks it jumped over as well.
 */
public final class Scheduler {
    private Scheduler() {
    }

    /** Applies one event to {@code state}. */
    public static StepResult step(Machine state, Event event) {
        Transition tx = new Transition(state);
        if (event instanceof Event.Tick) {
            clock(tx);
            for (int c = 0; c < tx.cpuCount(); c++) {
                tx.returnToUser(c);
            }
        } else if (event instanceof Event.CpuTick) {
            cpuClock(tx, ((Event.CpuTick) event).cpu());
        } else if (event instanceof Event.Create) {
            create(tx, (Event.Create) event);
        } else if (event instanceof Event.Wake) {
            wake(tx, (Event.Wake) event);
        } else if (event instanceof Event.Block) {
            block(tx, (Event.Block) event);
        } else if (event instanceof Event.Yield) {
            yieldCpu(tx, (Event.Yield) event);
        } else if (event instanceof Event.Exit) {
            exit(tx, (Event.Exit) event);
        } else if (event instanceof Event.Fork) {
            fork(tx, (Event.Fork) event);
        } else if (event instanceof Event.SetNice) {
            setNice(tx, (Event.SetNice) event);
        } else if (event instanceof Event.IdleLoop) {
            idleLoop(tx, (Event.IdleLoop) event);
        } else if (event instanceof Event.DeliverIpi) {
            deliverIpi(tx, (Event.DeliverIpi) event);
        } else if (event instanceof Event.SetCpuset) {
            setCpuset(tx, (Event.SetCpuset) event);
        } else if (event instanceof Event.Bind) {
            bind(tx, (Event.Bind) event);
        } else if (event instanceof Event.Unbind) {
            unbind(tx, (Event.Unbind) event);
        } else if (event instanceof Event.CpuOffline) {
            offline(tx, (Event.CpuOffline) event);
        } else if (event instanceof Event.CpuOnline) {
            online(tx, (Event.CpuOnline) event);
        } else {
            throw new IllegalEventException("unknown event " + event);
        }
        return new StepResult(tx.commit(), tx.decisionList(), tx.cost());
    }

    /** The first half of a {@link Event.Tick}: the clock advances and due stathz ticks run {@code sched_clock}; no thread switches yet. */
    public static StepResult hardclock(Machine state) {
        Transition tx = new Transition(state);
        clock(tx);
        return new StepResult(tx.commit(), tx.decisionList(), tx.cost());
    }

    /** The second half of a {@link Event.Tick}: every CPU returns to user mode, switching where a slice ended or a preemption is owed. */
    public static StepResult returnToUser(Machine state) {
        Transition tx = new Transition(state);
        for (int c = 0; c < tx.cpuCount(); c++) {
            tx.returnToUser(c);
        }
        return new StepResult(tx.commit(), tx.decisionList(), tx.cost());
    }

    /** Stathz ticks that have fired from boot up to and including the machine's current hz tick. */
    public static long statTicks(Machine state) {
        return StatClock.ticksUpTo(state.elapsed(), state.config().params().hz(),
                state.config().params().realstathz());
    }

    private static void clock(Transition tx) {
        tx.elapsed++;
        int cnt = StatClock.ticksAt(tx.elapsed, tx.p.hz(), tx.p.realstathz());
        boolean anyLag = false;
        for (int c = 0; c < tx.cpuCount() && !anyLag; c++) {
            anyLag = tx.clockLag(c) != 0;
        }
        if (cnt == 0 && !anyLag) {
            return; // lock-step clocks and no stathz tick due: the common case
        }
        tx.expectThreadEdits(tx.cpuCount());
        for (int c = 0; c < tx.cpuCount(); c++) {
            int due = anyLag ? StatClock.ticksAt(tx.elapsed - tx.clockLag(c), tx.p.hz(), tx.p.realstathz()) : cnt;
            if (due > 0 && tx.online(c)) {
                tx.schedClock(c, due);
            }
        }
    }

    /**
     * {@link Event.CpuTick}: {@code hardclock} on CPU {@code c} alone (kern_clock.c). Its clock
     * advances by one; when it was the furthest, the machine's {@code ticks} advances with it and
     * every other CPU falls one tick further behind; a clock more than one tick behind is set to
     * {@code ticks − 1}, as {@code hardclock} does. Then {@code sched_clock} for the stathz ticks
     * its own clock passed, and the return to user mode.
     */
    private static void cpuClock(Transition tx, int c) {
        checkOnline(tx, c, "tick");
        int lag = tx.clockLag(c);
        long before = tx.elapsed - lag;
        if (lag == 0) {
            tx.elapsed++;
            for (int d = 0; d < tx.cpuCount(); d++) {
                if (d != c) {
                    tx.tdq(d).clockLag++;
                }
            }
        } else {
            tx.tdq(c).clockLag = lag == 1 ? 0 : 1;
        }
        long after = tx.elapsed - tx.clockLag(c);
        int due = (int) (StatClock.ticksUpTo(after, tx.p.hz(), tx.p.realstathz())
                - StatClock.ticksUpTo(before, tx.p.hz(), tx.p.realstathz()));
        if (due > 0) {
            tx.schedClock(c, due);
        }
        tx.returnToUser(c);
    }

    private static void checkCpu(Transition tx, int c) {
        if (c < 0 || c >= tx.cpuCount()) {
            throw new IllegalEventException("CPU " + c + " does not exist: expected 0.." + (tx.cpuCount() - 1));
        }
    }

    private static void checkOnline(Transition tx, int c, String what) {
        checkCpu(tx, c);
        if (!tx.online(c)) {
            throw new IllegalEventException(what + ": CPU " + c + " is offline; expected an online CPU");
        }
    }

    private static ThreadState running(Transition tx, int c, String what) {
        checkOnline(tx, c, what);
        int cur = tx.tdq(c).curthread;
        if (cur == CpuState.IDLE) {
            throw new IllegalEventException(what + " on CPU " + c + ": expected a running thread, but CPU " + c + " is idle");
        }
        return tx.td(cur);
    }

    private static void checkNice(int nice) {
        if (nice < Priorities.PRIO_MIN || nice > Priorities.PRIO_MAX) {
            throw new IllegalEventException("nice " + nice + " out of range: expected " + Priorities.PRIO_MIN
                    + ".." + Priorities.PRIO_MAX);
        }
    }

    private static void create(Transition tx, Event.Create e) {
        checkOnline(tx, e.onCpu(), "create");
        checkNice(e.nice());
        if (e.priClass() == null) {
            throw new IllegalEventException("create: a scheduling class is required");
        }
        CpuSet set = e.cpuset() == null ? allCpus(tx) : e.cpuset();
        checkCpuset(tx, set, "create");
        if (e.fifo() && e.priClass() != PriClass.REALTIME) {
            throw new IllegalEventException("create: SCHED_FIFO needs the REALTIME class, got " + e.priClass());
        }
        ThreadState td = newThread(tx, e, set);
        tx.decide(new Decision.Created(td.tid, -1));
        tx.schedAdd(td, Transition.SRQ_BORING, e.onCpu());
        tx.returnToUser(e.onCpu());
    }

    /**
     * Every CPU of the machine, the default cpuset: the topology's own {@code all_cpus} set when
     * it is exactly {@code 0..n-1} (then every thread shares one set, not a copy each).
     */
    private static CpuSet allCpus(Transition tx) {
        CpuSet all = tx.topo().all();
        int n = tx.cpuCount();
        return all.size() == n && all.last() == n - 1 ? all : CpuSet.firstN(n);
    }

    /** A new thread of {@code e}'s policy, asleep on {@code e.onCpu()} ({@code thread_alloc} and {@code sched_fork_thread}'s defaults). */
    private static ThreadState newThread(Transition tx, Event.Create e, CpuSet set) {
        ThreadState td = tx.newThread();
        td.parent = -1;
        td.priClass(e.priClass());
        td.fifo(e.fifo());
        td.nice = ThreadState.narrowByte(e.nice());
        td.cpuset = set;
        td.state(RunState.SLEEPING);
        td.cpu = ThreadState.narrow(e.onCpu());
        td.rqIndex = -1;
        td.ftick = tx.ticks();
        td.ltick = tx.ticks();
        int pri = e.priority();
        UleVersion version = tx.config.version();
        if (e.priClass() == PriClass.TIMESHARE) {
            td.userPri = ThreadState.narrow(version.userPriority(0, 0, e.nice(), 0, td.ftick, td.ltick, tx.p));
            td.baseUserPri = td.userPri;
            if (pri < 0) {
                pri = td.userPri;
            } else if (pri < Priorities.PRI_MIN_TIMESHARE || pri > Priorities.PRI_MAX_TIMESHARE) {
                throw new IllegalEventException("create: timeshare priority " + pri + " outside "
                        + Priorities.PRI_MIN_TIMESHARE + ".." + Priorities.PRI_MAX_TIMESHARE);
            } else {
                pri = version.fromV14Layout(pri);
            }
        } else {
            if (pri < e.priClass().minPri() || pri > e.priClass().maxPri()) {
                throw new IllegalEventException("create: " + e.priClass() + " priority " + pri + " outside "
                        + e.priClass().minPri() + ".." + e.priClass().maxPri());
            }
            pri = version.fromV14Layout(pri);
            td.userPri = ThreadState.narrow(pri);
            td.baseUserPri = ThreadState.narrow(pri);
        }
        td.priority = ThreadState.narrow(pri);
        td.basePri = ThreadState.narrow(pri);
        td.baseIthreadPri = ThreadState.narrow(pri);
        return td;
    }

    /**
     * {@link org.ulemodel.core.model.SchedulerModel#adopt}: {@code boot} (a machine at boot, of
     * the version and topology wanted) holding {@code from}'s machine. Each thread starts as a
     * created one does ({@code sched_fork_thread}'s fresh history and slice) with {@code from}'s
     * policy, cpuset, binding, parent and CPU; a running thread becomes {@code curthread}
     * ({@code tdq_load_add}), queued ones are {@code tdq_add}ed to their CPU in {@code from}'s
     * order, so {@code tdq_runq_add} places them by this version's rules. An idle CPU left with
     * queued threads is notified as {@code sched_add} would ({@code tdq_notify}); a running CPU
     * that had an IPI pending gets the scheduling AST ({@code IPI_AST}), so a reschedule owed
     * under the old policy is still owed.
     */
    static StepResult adopt(Machine boot, org.ulemodel.core.model.SchedulerState from) {
        Transition tx = new Transition(boot);
        tx.elapsed = from.elapsed();
        for (int c = 0; c < tx.cpuCount(); c++) {
            tx.tdq(c).online(from.online(c));
        }
        for (int t = 0; t < from.threadCount(); t++) {
            org.ulemodel.core.model.ThreadPolicy p = from.threadPolicy(t);
            CpuSet set = from.threadCpuset(t);
            ThreadState td = newThread(tx, new Event.Create(p.priClass(), p.nice(), p.priority(), p.fifo(), set, 0), set);
            td.parent = from.threadParent(t);
            td.cpu = ThreadState.narrow(from.threadCpu(t));
            if (from.threadState(t) == RunState.SLEEPING) {
                td.slptick = tx.ticks();
            }
            if (from.threadBound(t)) {
                td.bound(true);
                td.pinned = 1;
            }
            if (from.threadState(t) == RunState.EXITED) {
                td.state(RunState.EXITED);
            }
        }
        for (int c = 0; c < tx.cpuCount(); c++) {
            int cur = from.running(c);
            CpuState tdq = tx.tdq(c);
            if (cur != org.ulemodel.core.model.SchedulerState.IDLE) {
                ThreadState td = tx.td(cur);
                td.state(RunState.RUNNING);
                td.cpu = ThreadState.narrow(c);
                tdq.curthread = cur;
                tdq.lowpri(td.priority);
                tx.tdqLoadAdd(c);
            }
            int cpu = c;
            from.forEachQueued(c, t -> tx.tdqAdd(cpu, tx.td(t), Transition.SRQ_BORING));
            if (cur == org.ulemodel.core.model.SchedulerState.IDLE) {
                if (tdq.load > 0) {
                    tx.tdqNotify(c, Priorities.PRI_MAX_IDLE);
                }
            } else if (from.ipiPending(c)) {
                tx.td(cur).astPending(true);
                tdq.astIpi(true);
                tx.decide(new Decision.IpiSent(c, IpiKind.AST));
            }
        }
        return new StepResult(tx.commit(), tx.decisionList(), tx.cost());
    }

    private static void checkCpuset(Transition tx, CpuSet set, String what) {
        if (set == null || set.and(tx.onlineSet()).isEmpty()) {
            throw new IllegalEventException(what + ": cpuset " + set + " has no online CPU (online: " + tx.onlineSet()
                    + "); a thread must be allowed on at least one");
        }
    }

    private static void wake(Transition tx, Event.Wake e) {
        checkOnline(tx, e.onCpu(), "wake");
        if (e.tid() < 0 || e.tid() >= tx.threadCount()) {
            throw new IllegalEventException("wake: no thread " + e.tid());
        }
        ThreadState td = tx.td(e.tid());
        if (td.state() != RunState.SLEEPING) {
            throw new IllegalEventException("wake: thread " + e.tid() + " is " + td.state() + ", expected SLEEPING");
        }
        if (td.pinned > 0 && !tx.online(td.cpu)) {
            throw new IllegalEventException("wake: thread " + e.tid() + " is pinned to offline CPU " + td.cpu);
        }
        tx.schedWakeup(td, e.onCpu());
        tx.returnToUser(e.onCpu());
    }

    private static void block(Transition tx, Event.Block e) {
        ThreadState td = running(tx, e.cpu(), "block");
        if (e.sleepPri() < 0 || e.sleepPri() > Priorities.PRI_MAX_IDLE) {
            throw new IllegalEventException("block: sleep priority " + e.sleepPri() + " outside 0..255");
        }
        tx.schedSleep(td, tx.config.version().fromV14Layout(e.sleepPri()));
        td.state(RunState.SLEEPING);
        tx.schedSwitch(e.cpu(), SwitchReason.SLEEP);
    }

    private static void yieldCpu(Transition tx, Event.Yield e) {
        running(tx, e.cpu(), "yield");
        tx.schedSwitch(e.cpu(), SwitchReason.YIELD);
    }

    private static void exit(Transition tx, Event.Exit e) {
        ThreadState td = running(tx, e.cpu(), "exit");
        if (td.parent >= 0) {
            ThreadState parent = tx.td(td.parent);
            if (parent.state() != RunState.EXITED) {
                tx.schedExitThread(parent, td);
            }
        }
        td.state(RunState.EXITED);
        td.queue(null);
        tx.decide(new Decision.Exited(td.tid));
        tx.schedThrow(e.cpu());
    }

    private static void fork(Transition tx, Event.Fork e) {
        ThreadState parent = running(tx, e.cpu(), "fork");
        ThreadState child = tx.schedFork(parent, e.cpu());
        tx.decide(new Decision.Created(child.tid, parent.tid));
        tx.schedAdd(child, Transition.SRQ_BORING, e.cpu());
        tx.returnToUser(e.cpu());
    }

    private static void setNice(Transition tx, Event.SetNice e) {
        checkNice(e.nice());
        if (e.tid() < 0 || e.tid() >= tx.threadCount()) {
            throw new IllegalEventException("nice: no thread " + e.tid());
        }
        ThreadState td = tx.td(e.tid());
        if (td.state() == RunState.EXITED) {
            throw new IllegalEventException("nice: thread " + e.tid() + " has exited");
        }
        tx.schedNice(td, e.nice(), td.cpu);
        tx.returnToUser(td.cpu);
    }

    private static void idleLoop(Transition tx, Event.IdleLoop e) {
        checkOnline(tx, e.cpu(), "idle loop");
        if (tx.tdq(e.cpu()).curthread != CpuState.IDLE) {
            throw new IllegalEventException("idle loop on CPU " + e.cpu() + ": expected the idle thread, but thread "
                    + tx.tdq(e.cpu()).curthread + " runs there");
        }
        if (tx.tdq(e.cpu()).load > 0 || tx.tdqIdled(e.cpu())) {
            tx.schedSwitch(e.cpu(), SwitchReason.IDLE);
        }
    }

    private static void deliverIpi(Transition tx, Event.DeliverIpi e) {
        checkOnline(tx, e.cpu(), "deliver IPI");
        CpuState tdq = tx.tdq(e.cpu());
        if (!tdq.owepreempt() && !tdq.astIpi()) {
            throw new IllegalEventException("deliver IPI: no IPI is pending on CPU " + e.cpu());
        }
        tx.deliverIpi(e.cpu());
    }

    private static ThreadState live(Transition tx, int tid, String what) {
        if (tid < 0 || tid >= tx.threadCount()) {
            throw new IllegalEventException(what + ": no thread " + tid);
        }
        ThreadState td = tx.td(tid);
        if (td.state() == RunState.EXITED) {
            throw new IllegalEventException(what + ": thread " + tid + " has exited");
        }
        return td;
    }

    private static void setCpuset(Transition tx, Event.SetCpuset e) {
        checkOnline(tx, e.onCpu(), "set cpuset");
        ThreadState td = live(tx, e.tid(), "set cpuset");
        checkCpuset(tx, e.cpuset(), "set cpuset of thread " + e.tid());
        if (td.pinned > 0 && !e.cpuset().contains(td.cpu)) {
            throw new IllegalEventException("set cpuset: thread " + e.tid() + " is " + (td.bound() ? "bound" : "pinned")
                    + " to CPU " + td.cpu + ", which the new cpuset " + e.cpuset() + " excludes");
        }
        td.cpuset = e.cpuset();
        tx.schedAffinity(td, e.onCpu());
        tx.returnToUser(e.onCpu());
    }

    private static void bind(Transition tx, Event.Bind e) {
        ThreadState td = running(tx, e.cpu(), "bind");
        checkOnline(tx, e.target(), "bind target");
        if (!td.cpuset.contains(e.target())) {
            throw new IllegalEventException("bind: CPU " + e.target() + " is outside thread " + td.tid + "'s cpuset " + td.cpuset);
        }
        if (td.bound()) {
            td.bound(false);
            td.pinned--;
        }
        td.bound(true);
        td.pinned++;
        if (e.target() == e.cpu()) {
            return;
        }
        td.cpu = ThreadState.narrow(e.target());
        tx.schedSwitch(e.cpu(), SwitchReason.BIND);
    }

    private static void unbind(Transition tx, Event.Unbind e) {
        ThreadState td = running(tx, e.cpu(), "unbind");
        if (!td.bound()) {
            throw new IllegalEventException("unbind: thread " + td.tid + " on CPU " + e.cpu() + " is not bound");
        }
        td.bound(false);
        td.pinned--;
    }

    /**
     * Takes a CPU out of scheduling: refused when a pinned or bound thread, or a thread whose
     * cpuset has no other online CPU, would be stranded; otherwise its queued threads are re-added
     * elsewhere (in pick order) and its running thread is switched out and moved.
     */
    private static void offline(Transition tx, Event.CpuOffline e) {
        int c = e.cpu();
        checkOnline(tx, c, "offline");
        checkOnline(tx, e.onCpu(), "offline (executing CPU)");
        if (e.onCpu() == c) {
            throw new IllegalEventException("offline: CPU " + c + " cannot take itself offline; run the event on another CPU");
        }
        CpuSet rest = tx.onlineSet().without(c);
        for (int t = 0; t < tx.threadCount(); t++) {
            ThreadState td = tx.td(t);
            if (td.state() == RunState.EXITED) {
                continue;
            }
            if (td.pinned > 0 && td.cpu == c) {
                throw new IllegalEventException("offline: thread " + t + " is " + (td.bound() ? "bound" : "pinned") + " to CPU " + c
                        + " and would be stranded; unbind it first");
            }
            if (td.cpuset.and(rest).isEmpty()) {
                throw new IllegalEventException("offline: thread " + t + "'s cpuset " + td.cpuset
                        + " has no other online CPU and would be stranded; widen its cpuset first");
            }
        }
        CpuState tdq = tx.tdq(c);
        tdq.online(false);
        tdq.owepreempt(false);
        tdq.astIpi(false);
        tx.decide(new Decision.CpuOnline(c, false));
        for (int next = tx.tdqChoose(c); next >= 0; next = tx.tdqChoose(c)) {
            ThreadState td = tx.td(next);
            tx.schedRem(td);
            tx.schedAdd(td, Transition.SRQ_BORING, e.onCpu(), MigrateReason.OFFLINE);
        }
        if (tdq.curthread != CpuState.IDLE) {
            tx.schedSwitch(c, SwitchReason.OFFLINE);
        }
        tx.returnToUser(e.onCpu());
    }

    private static void online(Transition tx, Event.CpuOnline e) {
        checkCpu(tx, e.cpu());
        if (tx.online(e.cpu())) {
            throw new IllegalEventException("online: CPU " + e.cpu() + " is already online");
        }
        tx.tdq(e.cpu()).online(true);
        tx.decide(new Decision.CpuOnline(e.cpu(), true));
    }
}
