// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.gen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToIntFunction;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.model.EventKind;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.topo.CpuSet;

/**
 * Turns abstract choices (non-negative {@code long}s) into events that are valid in the current
 * state by construction: each choice picks an event kind by weight ({@link EventMix}) and its
 * parameters among what the state allows (a running CPU to block, a sleeping thread to wake, a
 * CPU that can go offline without stranding a thread, …). A kind that has nothing to act on
 * falls back to one tick. Generating choices rather than events lets QuickTheories shrink the
 * choice list while every shrunk list still interprets to a valid event list.
 *
 * <p>States are read only through the policy-neutral {@link SchedulerState} view, so a scenario
 * drives any model. The kinds that have an {@link EventKind} (block, wake, yield, exit, bind,
 * unbind, online, IPI, idle loop, per-CPU tick) choose among the model's own candidates
 * ({@link SchedulerModel#enabledEvents}); creation, fork, nice and cpuset changes have no kind and
 * are built from the view. Offline is built from the view too, because {@link EventKind#OFFLINE}
 * never offers CPU 0 and always runs the code on the lowest other CPU while the generator has
 * always offered both; the model's offline candidates only decide whether the kind is possible.
 * For ULE 14 these choices give exactly the events the interpreter gave when it read
 * {@code Machine} fields ({@code EventStreamPinTest}).
 *
 * <p>Invariant: for any state reached by a model from boot and any choice, {@link #next} returns
 * a non-empty list of events; for a model that takes every kind of the mix, events it accepts
 * (the property suites check this).
 */
public final class EventInterpreter {
    /** Most threads alive at once: creation and fork fall back to a tick beyond it. */
    public static final int MAX_THREADS = 12;
    /** Most hz ticks in one burst (enough to end slices and reach the balancer). */
    public static final int MAX_BURST = 200;

    private final EventMix mix;

    public EventInterpreter(EventMix mix) {
        this.mix = mix;
    }

    /** The events of one kind possible in the state being interpreted. */
    @FunctionalInterface
    private interface Enabled {
        void events(EventKind kind, List<Event> out);
    }

    /**
     * The events that {@code choice} stands for in {@code state} of {@code model}: one event, or a
     * burst of ticks. Candidates come from {@code model.enabledEvents}.
     */
    public <S extends SchedulerState> List<Event> next(SchedulerModel<S> model, S state, long choice) {
        return next(state, choice, (kind, out) -> model.enabledEvents(state, kind, out));
    }

    /**
     * The events that {@code choice} stands for in {@code m}, with every {@link EventKind}'s
     * default candidates ({@link EventKind#candidates}, which is what a model that does not
     * override {@link SchedulerModel#enabledEvents}, ULE 14 among them, offers).
     */
    public List<Event> next(SchedulerState m, long choice) {
        return next(m, choice, (kind, out) -> kind.candidates(m, out));
    }

    private List<Event> next(SchedulerState m, long choice, Enabled enabled) {
        long v = choice < 0 ? -(choice + 1) : choice;
        int roll = (int) Long.remainderUnsigned(v, mix.total());
        long a = v / mix.total();
        Event e;
        switch (mix.kind(roll)) {
            case 0:
                return burst(a);
            case 1:
                e = create(m, a);
                break;
            case 2:
                e = wake(m, a, enabled);
                break;
            case 3: {
                Event.Block b = (Event.Block) pick(candidates(enabled, EventKind.BLOCK), a);
                e = b == null ? null : new Event.Block(b.cpu(), (a >>> 8) % 4 == 0 ? 0 : 80 + (int) ((a >>> 10) % 40));
                break;
            }
            case 4:
                e = pick(candidates(enabled, EventKind.YIELD), a);
                break;
            case 5:
                e = pick(candidates(enabled, EventKind.EXIT), a);
                break;
            case 6: {
                CpuSet run = running(m);
                e = alive(m).size() < MAX_THREADS && !run.isEmpty() ? new Event.Fork(pick(run, a)) : null;
                break;
            }
            case 7:
                e = nice(m, a);
                break;
            case 8:
                e = cpuset(m, a);
                break;
            case 9:
                e = bind(a, enabled);
                break;
            case 10:
                e = pick(candidates(enabled, EventKind.UNBIND), a);
                break;
            case 11:
                e = candidates(enabled, EventKind.OFFLINE).isEmpty() ? null : offline(m, a);
                break;
            case 12:
                e = pick(candidates(enabled, EventKind.ONLINE), a);
                break;
            case 13:
                e = pick(candidates(enabled, EventKind.IPI), a);
                break;
            case 14:
                e = pick(candidates(enabled, EventKind.IDLE), a);
                break;
            default: {
                Event tick = pick(candidates(enabled, EventKind.CPU_TICK), a);
                if (tick != null) { // a burst on one CPU, so that its clock gets ahead of the others'
                    return Collections.nCopies(1 + (int) ((a >>> 8) % 8), tick);
                }
                e = null;
                break;
            }
        }
        return e == null ? List.of(new Event.Tick()) : List.of(e);
    }

    private static List<Event> burst(long a) {
        int n = (a & 7) == 7 ? 1 + (int) ((a >>> 3) % MAX_BURST) : 1 + (int) ((a >>> 3) % 16);
        return Collections.nCopies(n, new Event.Tick());
    }

    private static List<Event> candidates(Enabled enabled, EventKind kind) {
        List<Event> out = new ArrayList<>();
        enabled.events(kind, out);
        return out;
    }

    private static int index(long a, int size) {
        return (int) Long.remainderUnsigned(a, size);
    }

    /** The candidate {@code a} falls on, or null when there is none. */
    private static Event pick(List<Event> candidates, long a) {
        return candidates.isEmpty() ? null : candidates.get(index(a, candidates.size()));
    }

    /** CPUs currently online. */
    public static CpuSet onlineSet(SchedulerState m) {
        CpuSet s = CpuSet.empty();
        for (int c = 0; c < m.cpuCount(); c++) {
            if (m.online(c)) {
                s = s.with(c);
            }
        }
        return s;
    }

    private static int pick(CpuSet s, long a) {
        int[] on = s.toArray();
        return on[index(a, on.length)];
    }

    private static List<Integer> alive(SchedulerState m) {
        List<Integer> out = new ArrayList<>();
        for (int t = 0; t < m.threadCount(); t++) {
            if (m.threadState(t) != RunState.EXITED) {
                out.add(t);
            }
        }
        return out;
    }

    /** Online CPUs running a thread. */
    private static CpuSet running(SchedulerState m) {
        CpuSet s = CpuSet.empty();
        for (int c = 0; c < m.cpuCount(); c++) {
            if (m.online(c) && m.running(c) != SchedulerState.IDLE) {
                s = s.with(c);
            }
        }
        return s;
    }

    private static Event create(SchedulerState m, long a) {
        if (alive(m).size() >= MAX_THREADS) {
            return null;
        }
        CpuSet online = onlineSet(m);
        ThreadSpec spec = Threads.decode(a >>> 6, m.cpuCount(), online);
        return spec.create(pick(online, a));
    }

    /**
     * A wake candidate: the sleeping thread by {@code a} among the candidates' threads (in their
     * order), the CPU by {@code a >>> 16} among that thread's candidates. A bound thread whose CPU
     * is offline is left asleep.
     */
    private static Event wake(SchedulerState m, long a, Enabled enabled) {
        List<Event> ok = new ArrayList<>();
        for (Event e : candidates(enabled, EventKind.WAKE)) {
            int t = ((Event.Wake) e).tid();
            if (!m.threadBound(t) || m.online(m.threadCpu(t))) {
                ok.add(e);
            }
        }
        return pickPair(groups(ok, e -> ((Event.Wake) e).tid()), a, a >>> 16);
    }

    private static Event nice(SchedulerState m, long a) {
        List<Integer> alive = alive(m);
        if (alive.isEmpty()) {
            return null;
        }
        return new Event.SetNice(alive.get(index(a, alive.size())), (int) ((a >>> 8) % 41) - 20);
    }

    private static Event cpuset(SchedulerState m, long a) {
        List<Integer> alive = alive(m);
        if (alive.isEmpty()) {
            return null;
        }
        int tid = alive.get(index(a, alive.size()));
        CpuSet online = onlineSet(m);
        long bits = a >>> 8;
        CpuSet set = (bits & 3) == 0 ? CpuSet.of(pick(online, bits >>> 2))
                : (bits & 3) == 1 ? CpuSet.firstN(m.cpuCount()) : Threads.subset(bits >>> 2, m.cpuCount(), online);
        if (m.threadBound(tid)) {
            set = set.with(m.threadCpu(tid));
        }
        return new Event.SetCpuset(tid, set, pick(online, bits >>> 20));
    }

    /** A bind candidate: the running CPU by {@code a} among the candidates' CPUs, the target by {@code a >>> 8} among its candidates. */
    private static Event bind(long a, Enabled enabled) {
        return pickPair(groups(candidates(enabled, EventKind.BIND), e -> ((Event.Bind) e).cpu()), a, a >>> 8);
    }

    /** {@code candidates} grouped by {@code key}, groups in the order their keys first appear. */
    private static List<List<Event>> groups(List<Event> candidates, ToIntFunction<Event> key) {
        List<Integer> keys = new ArrayList<>();
        List<List<Event>> out = new ArrayList<>();
        for (Event e : candidates) {
            int k = key.applyAsInt(e);
            int i = keys.indexOf(k);
            if (i < 0) {
                keys.add(k);
                out.add(new ArrayList<>());
                i = out.size() - 1;
            }
            out.get(i).add(e);
        }
        return out;
    }

    /** The group {@code first} falls on, then the candidate {@code second} falls on within it; null when there is none. */
    private static Event pickPair(List<List<Event>> groups, long first, long second) {
        return groups.isEmpty() ? null : pick(groups.get(index(first, groups.size())), second);
    }

    /** Whether taking {@code c} offline strands no thread (bound to it, or with no other online CPU in its cpuset). */
    public static boolean canOffline(SchedulerState m, int c) {
        CpuSet rest = onlineSet(m).without(c);
        if (rest.isEmpty() || !m.online(c)) {
            return false;
        }
        for (int t = 0; t < m.threadCount(); t++) {
            if (m.threadState(t) == RunState.EXITED) {
                continue;
            }
            if ((m.threadBound(t) && m.threadCpu(t) == c) || !m.threadCpuset(t).intersects(rest)) {
                return false;
            }
        }
        return true;
    }

    private static Event offline(SchedulerState m, long a) {
        CpuSet ok = CpuSet.empty();
        for (int c = 0; c < m.cpuCount(); c++) {
            if (canOffline(m, c)) {
                ok = ok.with(c);
            }
        }
        if (ok.isEmpty()) {
            return null;
        }
        int c = pick(ok, a);
        return new Event.CpuOffline(c, pick(onlineSet(m).without(c), a >>> 8));
    }
}
