// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.model;

import java.util.List;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.RunState;

/**
 * The kinds of environment event, each expanding to the concrete {@link Event}s possible in a
 * state ({@link #candidates}). The expansion reads only the policy-neutral {@link SchedulerState},
 * so it serves every model; a model may still refuse a candidate with an
 * {@link org.ulemodel.core.machine.IllegalEventException}.
 */
public enum EventKind {
    /** One hz tick on every CPU at once ({@link Event.Tick}). */
    TICK,
    /** The running thread of an online CPU sleeps ({@code Block(cpu, 0)}). */
    BLOCK,
    /** A sleeping thread is woken by code on an online CPU, for every such CPU. */
    WAKE,
    /** The running thread of an online CPU yields. */
    YIELD,
    /** One pass of an online idle CPU's idle loop. */
    IDLE,
    /** Deliver the IPIs pending on an online CPU. */
    IPI,
    /** The running thread of an online CPU exits. */
    EXIT,
    /** The running thread binds itself to an online CPU of its cpuset. */
    BIND,
    /** The running bound thread unbinds. */
    UNBIND,
    /** Take a CPU other than 0 offline (code on the lowest other online CPU). */
    OFFLINE,
    /** Bring an offline CPU back. */
    ONLINE,
    /**
     * Offload an online CPU other than 0 to a service (code on the lowest other online CPU, as
     * {@link #OFFLINE} chooses): no candidates here; a model with offloaded CPUs lists its own.
     */
    OFFLOAD,
    /** Give an offloaded CPU back to the scheduler. */
    RETURN,
    /** Switch the machine to another policy: no candidates here; a switching model lists its own. */
    SWITCH,
    /**
     * One hz tick on one online CPU ({@link Event.CpuTick}), for every online CPU: offered only by
     * models with {@link SchedulerModel#perCpuClocks}.
     */
    CPU_TICK;

    /** The service name the explorer's {@link #OFFLOAD} candidates use. */
    public static final String EXPLORED_SERVICE = "svc";

    /** Appends to {@code out} the events of this kind that are possible in {@code s}. */
    public void candidates(SchedulerState s, List<Event> out) {
        int ncpu = s.cpuCount();
        switch (this) {
            case TICK:
                out.add(new Event.Tick());
                return;
            case CPU_TICK:
                for (int c = 0; c < ncpu; c++) {
                    if (s.online(c)) {
                        out.add(new Event.CpuTick(c));
                    }
                }
                return;
            case BLOCK:
            case YIELD:
            case EXIT:
            case UNBIND:
                for (int c = 0; c < ncpu; c++) {
                    int cur = s.running(c);
                    if (!s.online(c) || cur == SchedulerState.IDLE) {
                        continue;
                    }
                    if (this == BLOCK) {
                        out.add(new Event.Block(c, 0));
                    } else if (this == YIELD) {
                        out.add(new Event.Yield(c));
                    } else if (this == EXIT) {
                        out.add(new Event.Exit(c));
                    } else if (s.threadBound(cur)) {
                        out.add(new Event.Unbind(c));
                    }
                }
                return;
            case BIND:
                for (int c = 0; c < ncpu; c++) {
                    int cur = s.running(c);
                    if (!s.online(c) || cur == SchedulerState.IDLE) {
                        continue;
                    }
                    for (int target = 0; target < ncpu; target++) {
                        if (s.online(target) && s.threadCpuset(cur).contains(target)) {
                            out.add(new Event.Bind(c, target));
                        }
                    }
                }
                return;
            case WAKE:
                for (int t = 0; t < s.threadCount(); t++) {
                    if (s.threadState(t) != RunState.SLEEPING) {
                        continue;
                    }
                    for (int c = 0; c < ncpu; c++) {
                        if (s.online(c)) {
                            out.add(new Event.Wake(t, c));
                        }
                    }
                }
                return;
            case IDLE:
                for (int c = 0; c < ncpu; c++) {
                    if (s.online(c) && s.running(c) == SchedulerState.IDLE) {
                        out.add(new Event.IdleLoop(c));
                    }
                }
                return;
            case IPI:
                for (int c = 0; c < ncpu; c++) {
                    if (s.online(c) && s.ipiPending(c)) {
                        out.add(new Event.DeliverIpi(c));
                    }
                }
                return;
            case OFFLINE:
                for (int c = 1; c < ncpu; c++) {
                    if (!s.online(c)) {
                        continue;
                    }
                    for (int on = 0; on < ncpu; on++) {
                        if (on != c && s.online(on)) {
                            out.add(new Event.CpuOffline(c, on));
                            break;
                        }
                    }
                }
                return;
            case ONLINE:
                for (int c = 0; c < ncpu; c++) {
                    if (!s.online(c) && s.service(c) == null) {
                        out.add(new Event.CpuOnline(c));
                    }
                }
                return;
            case RETURN:
                for (int c = 0; c < ncpu; c++) {
                    if (s.service(c) != null) {
                        out.add(new Event.Return(c));
                    }
                }
                return;
            case OFFLOAD:
            case SWITCH:
                return;
            default:
                throw new AssertionError(this);
        }
    }
}
