// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.gen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ulemodel.core.machine.CpuState;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.machine.ThreadState;
import org.ulemodel.core.topo.CpuSet;

/**
 * Turns abstract choices (non-negative {@code long}s) into events that are valid in the current
 * state by construction: each choice picks an event kind by weight ({@link EventMix}) and its
 * parameters among what the state allows (a running CPU to block, a sleeping thread to wake, a
 * CPU that can go offline without stranding a thread, …). A kind that has nothing to act on
 * falls back to one tick. Generating choices rather than events lets QuickTheories shrink the
 * choice list while every shrunk list still interprets to a valid event list.
 *
 * <p>Invariant: for any state reached by the model from boot and any choice, {@link #next}
 * returns a non-empty list of events the model accepts (the property suites check this).
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

    /** The events that {@code choice} stands for in {@code m}: one event, or a burst of ticks. */
    public List<Event> next(Machine m, long choice) {
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
                e = wake(m, a);
                break;
            case 3:
                e = onRunning(m, a, cpu -> new Event.Block(cpu, (a >>> 8) % 4 == 0 ? 0 : 80 + (int) ((a >>> 10) % 40)));
                break;
            case 4:
                e = onRunning(m, a, Event.Yield::new);
                break;
            case 5:
                e = onRunning(m, a, Event.Exit::new);
                break;
            case 6:
                e = alive(m).size() < MAX_THREADS ? onRunning(m, a, Event.Fork::new) : null;
                break;
            case 7:
                e = nice(m, a);
                break;
            case 8:
                e = cpuset(m, a);
                break;
            case 9:
                e = bind(m, a);
                break;
            case 10:
                e = unbind(m, a);
                break;
            case 11:
                e = offline(m, a);
                break;
            case 12:
                e = online(m, a);
                break;
            case 13:
                e = ipi(m, a);
                break;
            default:
                e = idle(m, a);
                break;
        }
        return e == null ? List.of(new Event.Tick()) : List.of(e);
    }

    private static List<Event> burst(long a) {
        int n = (a & 7) == 7 ? 1 + (int) ((a >>> 3) % MAX_BURST) : 1 + (int) ((a >>> 3) % 16);
        return Collections.nCopies(n, new Event.Tick());
    }

    /** CPUs currently online. */
    public static CpuSet onlineSet(Machine m) {
        CpuSet s = CpuSet.empty();
        for (int c = 0; c < m.cpuCount(); c++) {
            if (m.cpu(c).online()) {
                s = s.with(c);
            }
        }
        return s;
    }

    private static int pick(CpuSet s, long a) {
        int[] on = s.toArray();
        return on[(int) Long.remainderUnsigned(a, on.length)];
    }

    private static List<Integer> alive(Machine m) {
        List<Integer> out = new ArrayList<>();
        for (int t = 0; t < m.threadCount(); t++) {
            if (m.thread(t).alive()) {
                out.add(t);
            }
        }
        return out;
    }

    private static Event create(Machine m, long a) {
        if (alive(m).size() >= MAX_THREADS) {
            return null;
        }
        CpuSet online = onlineSet(m);
        ThreadSpec spec = Threads.decode(a >>> 6, m.cpuCount(), online);
        return spec.create(pick(online, a));
    }

    private static Event wake(Machine m, long a) {
        List<Integer> sleeping = new ArrayList<>();
        for (int t = 0; t < m.threadCount(); t++) {
            ThreadState td = m.thread(t);
            if (td.state() == RunState.SLEEPING && (td.pinned() == 0 || m.cpu(td.cpu()).online())) {
                sleeping.add(t);
            }
        }
        if (sleeping.isEmpty()) {
            return null;
        }
        return new Event.Wake(sleeping.get((int) (a % sleeping.size())), pick(onlineSet(m), a >>> 16));
    }

    private interface CpuEvent {
        Event on(int cpu);
    }

    private static CpuSet running(Machine m) {
        CpuSet s = CpuSet.empty();
        for (int c = 0; c < m.cpuCount(); c++) {
            CpuState cpu = m.cpu(c);
            if (cpu.online() && cpu.curthread() != CpuState.IDLE) {
                s = s.with(c);
            }
        }
        return s;
    }

    private static Event onRunning(Machine m, long a, CpuEvent f) {
        CpuSet run = running(m);
        return run.isEmpty() ? null : f.on(pick(run, a));
    }

    private static Event nice(Machine m, long a) {
        List<Integer> alive = alive(m);
        if (alive.isEmpty()) {
            return null;
        }
        return new Event.SetNice(alive.get((int) (a % alive.size())), (int) ((a >>> 8) % 41) - 20);
    }

    private static Event cpuset(Machine m, long a) {
        List<Integer> alive = alive(m);
        if (alive.isEmpty()) {
            return null;
        }
        int tid = alive.get((int) (a % alive.size()));
        ThreadState td = m.thread(tid);
        CpuSet online = onlineSet(m);
        long bits = a >>> 8;
        CpuSet set = (bits & 3) == 0 ? CpuSet.of(pick(online, bits >>> 2))
                : (bits & 3) == 1 ? CpuSet.firstN(m.cpuCount()) : Threads.subset(bits >>> 2, m.cpuCount(), online);
        if (td.pinned() > 0) {
            set = set.with(td.cpu());
        }
        return new Event.SetCpuset(tid, set, pick(online, bits >>> 20));
    }

    private static Event bind(Machine m, long a) {
        CpuSet run = running(m);
        if (run.isEmpty()) {
            return null;
        }
        int cpu = pick(run, a);
        CpuSet targets = m.thread(m.cpu(cpu).curthread()).cpuset().and(onlineSet(m));
        return new Event.Bind(cpu, pick(targets, a >>> 8));
    }

    private static Event unbind(Machine m, long a) {
        CpuSet bound = CpuSet.empty();
        for (int c : running(m).toArray()) {
            if (m.thread(m.cpu(c).curthread()).bound()) {
                bound = bound.with(c);
            }
        }
        return bound.isEmpty() ? null : new Event.Unbind(pick(bound, a));
    }

    /** Whether taking {@code c} offline strands no thread (the model refuses it otherwise). */
    public static boolean canOffline(Machine m, int c) {
        CpuSet rest = onlineSet(m).without(c);
        if (rest.isEmpty() || !m.cpu(c).online()) {
            return false;
        }
        for (int t = 0; t < m.threadCount(); t++) {
            ThreadState td = m.thread(t);
            if (!td.alive()) {
                continue;
            }
            if ((td.pinned() > 0 && td.cpu() == c) || !td.cpuset().intersects(rest)) {
                return false;
            }
        }
        return true;
    }

    private static Event offline(Machine m, long a) {
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

    private static Event online(Machine m, long a) {
        CpuSet off = CpuSet.firstN(m.cpuCount()).andNot(onlineSet(m));
        return off.isEmpty() ? null : new Event.CpuOnline(pick(off, a));
    }

    private static Event ipi(Machine m, long a) {
        CpuSet pending = CpuSet.empty();
        for (int c = 0; c < m.cpuCount(); c++) {
            CpuState cpu = m.cpu(c);
            if (cpu.online() && cpu.ipiPending()) {
                pending = pending.with(c);
            }
        }
        return pending.isEmpty() ? null : new Event.DeliverIpi(pick(pending, a));
    }

    private static Event idle(Machine m, long a) {
        CpuSet idle = onlineSet(m).andNot(running(m));
        return idle.isEmpty() ? null : new Event.IdleLoop(pick(idle, a));
    }
}
