// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.prio.Priorities;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.ule.Priority;

/**
 * The transition function of the model: {@code step(state, event)} returns the next state, the
 * decisions taken and their cost, and never changes {@code state}. Each event is handled as
 * FreeBSD 14's ULE handles the matching kernel path (sys/kern/sched_ule.c); an event that cannot
 * happen in {@code state} is refused with an {@link IllegalEventException} naming what was
 * expected.
 *
 * <p>The clock: a {@link Event.Tick} advances the hz counter by one. Stathz tick k fires at hz
 * tick ⌊k·hz/stathz⌋ (the rule FreeBSD's golden simulations use); then every online CPU runs
 * {@code sched_clock} in CPU-id order, and then every CPU returns to user mode, where a slice end
 * or an owed preemption switches threads. {@link #hardclock} and {@link #returnToUser} expose the
 * two halves so that a caller can look at the state in between.
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
        return Transition.statTicksUpTo(state.elapsed(), state.config().params().hz(),
                state.config().params().realstathz());
    }

    private static void clock(Transition tx) {
        tx.elapsed++;
        int cnt = Transition.statTicksAt(tx.elapsed, tx.p.hz(), tx.p.realstathz());
        if (cnt == 0) {
            return;
        }
        for (int c = 0; c < tx.cpuCount(); c++) {
            if (tx.tdq(c).online) {
                tx.schedClock(c, cnt);
            }
        }
    }

    private static void checkCpu(Transition tx, int c) {
        if (c < 0 || c >= tx.cpuCount()) {
            throw new IllegalEventException("CPU " + c + " does not exist: expected 0.." + (tx.cpuCount() - 1));
        }
    }

    private static ThreadState.Builder running(Transition tx, int c, String what) {
        checkCpu(tx, c);
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
        checkCpu(tx, e.onCpu());
        checkNice(e.nice());
        if (e.priClass() == null) {
            throw new IllegalEventException("create: a scheduling class is required");
        }
        CpuSet all = CpuSet.firstN(tx.cpuCount());
        CpuSet set = e.cpuset() == null ? all : e.cpuset();
        if (set.and(all).isEmpty()) {
            throw new IllegalEventException("create: cpuset " + set + " names no CPU of this machine (CPUs 0.."
                    + (tx.cpuCount() - 1) + ")");
        }
        if (e.fifo() && e.priClass() != PriClass.REALTIME) {
            throw new IllegalEventException("create: SCHED_FIFO needs the REALTIME class, got " + e.priClass());
        }
        ThreadState.Builder td = tx.newThread();
        td.parent = -1;
        td.priClass = e.priClass();
        td.fifo = e.fifo();
        td.nice = e.nice();
        td.cpuset = set;
        td.state = RunState.SLEEPING;
        td.cpu = e.onCpu();
        td.rqIndex = -1;
        td.ftick = tx.ticks();
        td.ltick = tx.ticks();
        int pri = e.priority();
        if (e.priClass() == PriClass.TIMESHARE) {
            td.userPri = Priority.of(0, 0, e.nice(), 0, td.ftick, td.ltick, tx.p);
            td.baseUserPri = td.userPri;
            if (pri < 0) {
                pri = td.userPri;
            } else if (pri < Priorities.PRI_MIN_TIMESHARE || pri > Priorities.PRI_MAX_TIMESHARE) {
                throw new IllegalEventException("create: timeshare priority " + pri + " outside "
                        + Priorities.PRI_MIN_TIMESHARE + ".." + Priorities.PRI_MAX_TIMESHARE);
            }
        } else {
            if (pri < e.priClass().minPri() || pri > e.priClass().maxPri()) {
                throw new IllegalEventException("create: " + e.priClass() + " priority " + pri + " outside "
                        + e.priClass().minPri() + ".." + e.priClass().maxPri());
            }
            td.userPri = pri;
            td.baseUserPri = pri;
        }
        td.priority = pri;
        td.basePri = pri;
        td.baseIthreadPri = pri;
        tx.decide(new Decision.Created(td.tid, -1));
        tx.schedAdd(td, Transition.SRQ_BORING, e.onCpu());
        tx.returnToUser(e.onCpu());
    }

    private static void wake(Transition tx, Event.Wake e) {
        checkCpu(tx, e.onCpu());
        if (e.tid() < 0 || e.tid() >= tx.threadCount()) {
            throw new IllegalEventException("wake: no thread " + e.tid());
        }
        ThreadState.Builder td = tx.td(e.tid());
        if (td.state != RunState.SLEEPING) {
            throw new IllegalEventException("wake: thread " + e.tid() + " is " + td.state + ", expected SLEEPING");
        }
        tx.schedWakeup(td, e.onCpu());
        tx.returnToUser(e.onCpu());
    }

    private static void block(Transition tx, Event.Block e) {
        ThreadState.Builder td = running(tx, e.cpu(), "block");
        if (e.sleepPri() < 0 || e.sleepPri() > Priorities.PRI_MAX_IDLE) {
            throw new IllegalEventException("block: sleep priority " + e.sleepPri() + " outside 0..255");
        }
        tx.schedSleep(td, e.sleepPri());
        td.state = RunState.SLEEPING;
        tx.schedSwitch(e.cpu(), SwitchReason.SLEEP);
    }

    private static void yieldCpu(Transition tx, Event.Yield e) {
        running(tx, e.cpu(), "yield");
        tx.schedSwitch(e.cpu(), SwitchReason.YIELD);
    }

    private static void exit(Transition tx, Event.Exit e) {
        ThreadState.Builder td = running(tx, e.cpu(), "exit");
        if (td.parent >= 0) {
            ThreadState.Builder parent = tx.td(td.parent);
            if (parent.state != RunState.EXITED) {
                tx.schedExitThread(parent, td);
            }
        }
        td.state = RunState.EXITED;
        td.queue = null;
        tx.decide(new Decision.Exited(td.tid));
        tx.schedThrow(e.cpu());
    }

    private static void fork(Transition tx, Event.Fork e) {
        ThreadState.Builder parent = running(tx, e.cpu(), "fork");
        ThreadState.Builder child = tx.schedFork(parent, e.cpu());
        tx.decide(new Decision.Created(child.tid, parent.tid));
        tx.schedAdd(child, Transition.SRQ_BORING, e.cpu());
        tx.returnToUser(e.cpu());
    }

    private static void setNice(Transition tx, Event.SetNice e) {
        checkNice(e.nice());
        if (e.tid() < 0 || e.tid() >= tx.threadCount()) {
            throw new IllegalEventException("nice: no thread " + e.tid());
        }
        ThreadState.Builder td = tx.td(e.tid());
        if (td.state == RunState.EXITED) {
            throw new IllegalEventException("nice: thread " + e.tid() + " has exited");
        }
        tx.schedNice(td, e.nice(), td.cpu);
        tx.returnToUser(td.cpu);
    }
}
