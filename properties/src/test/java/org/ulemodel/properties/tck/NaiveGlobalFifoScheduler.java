// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.tck;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.topo.Topology;

/**
 * A deliberately naive scheduler: one global FIFO queue for every CPU, no priorities, no
 * preemption, a 100-tick round robin, cpusets and binding ignored; a newly runnable thread takes
 * the lowest idle online CPU, else waits (reported as waiting on the lowest online CPU). The
 * conformance suite must reject it, for reasons a reader can check.
 */
final class NaiveGlobalFifoScheduler implements SchedulerUnderTest {
    private static final int QUANTUM = 100;
    private int[] running;
    private boolean[] online;
    private int[] lastCpu;
    private final Deque<Integer> queue = new ArrayDeque<>();
    private int threads;
    private long ticks;
    private List<Observation.Move> moves;

    @Override
    public String name() {
        return "naive global FIFO";
    }

    @Override
    public void boot(Topology topology) {
        running = new int[topology.cpuCount()];
        Arrays.fill(running, -1);
        online = new boolean[topology.cpuCount()];
        Arrays.fill(online, true);
        lastCpu = new int[4096];
        queue.clear();
        threads = 0;
        ticks = 0;
    }

    @Override
    public Observation apply(Event e) {
        moves = new ArrayList<>();
        if (e instanceof Event.Create || e instanceof Event.Fork) {
            int cpu = e instanceof Event.Create ? ((Event.Create) e).onCpu() : ((Event.Fork) e).cpu();
            lastCpu[threads] = cpu;
            runnable(threads++);
        } else if (e instanceof Event.Tick) {
            if (++ticks % QUANTUM == 0) {
                for (int c = 0; c < running.length; c++) {
                    if (online[c] && running[c] >= 0 && !queue.isEmpty()) {
                        queue.addLast(running[c]);
                        dispatch(c);
                    }
                }
            }
        } else if (e instanceof Event.Block) {
            dispatch(((Event.Block) e).cpu());
        } else if (e instanceof Event.Exit) {
            dispatch(((Event.Exit) e).cpu());
        } else if (e instanceof Event.Yield) {
            int c = ((Event.Yield) e).cpu();
            queue.addLast(running[c]);
            dispatch(c);
        } else if (e instanceof Event.Wake) {
            runnable(((Event.Wake) e).tid());
        } else if (e instanceof Event.IdleLoop) {
            dispatch(((Event.IdleLoop) e).cpu());
        } else if (e instanceof Event.CpuOffline) {
            int c = ((Event.CpuOffline) e).cpu();
            online[c] = false;
            if (running[c] >= 0) {
                int t = running[c];
                running[c] = -1;
                runnable(t);
            }
        } else if (e instanceof Event.CpuOnline) {
            int c = ((Event.CpuOnline) e).cpu();
            online[c] = true;
            dispatch(c);
        }
        // nice, cpuset, bind, unbind and IPIs change nothing here
        return observe();
    }

    private void runnable(int tid) {
        for (int c = 0; c < running.length; c++) {
            if (online[c] && running[c] < 0) {
                start(c, tid);
                return;
            }
        }
        queue.addLast(tid);
    }

    private void dispatch(int c) {
        running[c] = -1;
        if (!queue.isEmpty()) {
            start(c, queue.removeFirst());
        }
    }

    private void start(int c, int tid) {
        if (lastCpu[tid] != c) {
            moves.add(new Observation.Move(tid, lastCpu[tid], c));
            lastCpu[tid] = c;
        }
        running[c] = tid;
    }

    private Observation observe() {
        List<Observation.Placement> out = new ArrayList<>();
        int waitCpu = 0;
        while (waitCpu < online.length - 1 && !online[waitCpu]) {
            waitCpu++;
        }
        for (int c = 0; c < running.length; c++) {
            if (running[c] >= 0) {
                out.add(new Observation.Placement(running[c], c, true));
            }
        }
        for (int t : queue) {
            out.add(new Observation.Placement(t, waitCpu, false));
        }
        return new Observation(out, moves);
    }
}
