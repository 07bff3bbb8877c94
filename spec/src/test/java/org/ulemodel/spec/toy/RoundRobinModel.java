// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.toy;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.ulemodel.core.machine.Cost;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.MigrateReason;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.machine.SwitchReason;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.model.StateSink;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;

/**
 * A toy scheduler outside core, plugged in only through {@link SchedulerModel}: one FIFO per CPU,
 * a new or woken thread goes to the allowed online CPU with the fewest threads (lowest id on a
 * tie), the head of a CPU's FIFO runs, and every {@link #SLICE} hz ticks the running thread goes
 * to the tail. Every thread has priority 120. No IPIs, no stealing, no cpuset changes, no CPU
 * hot-plug: those events are refused. {@link #forgetDequeue} gives the variant with a planted bug
 * (a thread switched in at a context switch stays in its FIFO).
 */
public final class RoundRobinModel implements SchedulerModel<RoundRobinModel.State> {
    /** hz ticks per slice. */
    public static final int SLICE = 10;

    private final boolean forgetDequeue;

    private RoundRobinModel(boolean forgetDequeue) {
        this.forgetDequeue = forgetDequeue;
    }

    /** The correct toy. */
    public static RoundRobinModel correct() {
        return new RoundRobinModel(false);
    }

    /**
     * The toy with a planted bug: switching a thread in at a context switch (in place of a running
     * thread that blocks, yields, exits or ends its slice) leaves it in its FIFO too. A CPU
     * leaving idle dequeues correctly, so the bug needs a thread to give up its CPU to show.
     */
    public static RoundRobinModel forgetDequeue() {
        return new RoundRobinModel(true);
    }

    /**
     * The toy's state: per CPU the running thread and its FIFO; per thread its run state, CPU and
     * cpuset. Immutable (arrays are copied on every step and never exposed).
     */
    public static final class State implements SchedulerState {
        final Topology topology;
        final long elapsed;
        final int[] running;
        final int[][] fifo;
        final RunState[] states;
        final int[] cpus;
        final CpuSet[] cpusets;

        State(Topology topology, long elapsed, int[] running, int[][] fifo, RunState[] states, int[] cpus, CpuSet[] cpusets) {
            this.topology = topology;
            this.elapsed = elapsed;
            this.running = running;
            this.fifo = fifo;
            this.states = states;
            this.cpus = cpus;
            this.cpusets = cpusets;
        }

        @Override
        public Topology topology() {
            return topology;
        }

        @Override
        public long elapsed() {
            return elapsed;
        }

        @Override
        public int hz() {
            return 1000;
        }

        @Override
        public int cpuCount() {
            return running.length;
        }

        @Override
        public boolean online(int cpu) {
            return true;
        }

        @Override
        public int running(int cpu) {
            return running[cpu];
        }

        @Override
        public boolean ipiPending(int cpu) {
            return false;
        }

        @Override
        public void forEachQueued(int cpu, IntConsumer action) {
            for (int t : fifo[cpu]) {
                action.accept(t);
            }
        }

        @Override
        public int threadCount() {
            return states.length;
        }

        @Override
        public RunState threadState(int tid) {
            return states[tid];
        }

        @Override
        public int threadCpu(int tid) {
            return cpus[tid];
        }

        @Override
        public int threadPriority(int tid) {
            return 120;
        }

        @Override
        public CpuSet threadCpuset(int tid) {
            return cpusets[tid];
        }

        @Override
        public boolean threadBound(int tid) {
            return false;
        }

        @Override
        public int threadParent(int tid) {
            return -1;
        }
    }

    @Override
    public String id() {
        return "toy-rr";
    }

    @Override
    public String description() {
        return "toy per-CPU round robin (test fixture)";
    }

    @Override
    public State boot(Topology topology) {
        int n = topology.cpuCount();
        int[] running = new int[n];
        Arrays.fill(running, SchedulerState.IDLE);
        int[][] fifo = new int[n][];
        Arrays.fill(fifo, new int[0]);
        return new State(topology, 0, running, fifo, new RunState[0], new int[0], new CpuSet[0]);
    }

    /** A mutable copy of a state for one step. */
    private final class Edit {
        final State from;
        long elapsed;
        final int[] running;
        final int[][] fifo;
        RunState[] states;
        int[] cpus;
        CpuSet[] cpusets;
        final List<Decision> out = new java.util.ArrayList<>();

        Edit(State s) {
            from = s;
            elapsed = s.elapsed;
            running = s.running.clone();
            fifo = new int[s.fifo.length][];
            for (int c = 0; c < fifo.length; c++) {
                fifo[c] = s.fifo[c] == null ? new int[0] : s.fifo[c];
            }
            states = s.states.clone();
            cpus = s.cpus.clone();
            cpusets = s.cpusets.clone();
        }

        int load(int c) {
            return fifo[c].length + (running[c] == SchedulerState.IDLE ? 0 : 1);
        }

        void enqueue(int t, int onCpu) {
            int best = -1;
            for (int c = 0; c < running.length; c++) {
                if (cpusets[t].contains(c) && (best < 0 || load(c) < load(best))) {
                    best = c;
                }
            }
            if (cpus[t] >= 0 && cpus[t] != best) {
                out.add(new Decision.Migrate(t, cpus[t], best, MigrateReason.WAKEUP));
            }
            fifo[best] = append(fifo[best], t);
            states[t] = RunState.QUEUED;
            cpus[t] = best;
            if (running[best] == SchedulerState.IDLE) {
                switchNext(best, SwitchReason.IDLE);
            }
        }

        void switchNext(int c, SwitchReason why) {
            int from = running[c];
            if (fifo[c].length == 0) {
                running[c] = SchedulerState.IDLE;
            } else {
                int next = fifo[c][0];
                if (!forgetDequeue || from == SchedulerState.IDLE) {
                    fifo[c] = Arrays.copyOfRange(fifo[c], 1, fifo[c].length);
                }
                running[c] = next;
                states[next] = RunState.RUNNING;
            }
            if (from != running[c]) {
                out.add(new Decision.Switch(c, from, running[c], why));
            }
        }

        State build() {
            return new State(from.topology, elapsed, running, fifo, states, cpus, cpusets);
        }
    }

    private static int[] append(int[] a, int t) {
        int[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = t;
        return b;
    }

    private static int runningOn(Edit e, int cpu, String what) {
        if (cpu < 0 || cpu >= e.running.length) {
            throw new IllegalEventException(what + ": no CPU " + cpu);
        }
        if (e.running[cpu] == SchedulerState.IDLE) {
            throw new IllegalEventException(what + " on CPU " + cpu + ": expected a running thread, but it is idle");
        }
        return e.running[cpu];
    }

    @Override
    public ModelStep<State> step(State s, Event event) {
        Edit e = new Edit(s);
        if (event instanceof Event.Tick) {
            e.elapsed++;
            if (e.elapsed % SLICE == 0) {
                for (int c = 0; c < e.running.length; c++) {
                    int cur = e.running[c];
                    if (cur != SchedulerState.IDLE && e.fifo[c].length > 0) {
                        e.fifo[c] = append(e.fifo[c], cur);
                        e.states[cur] = RunState.QUEUED;
                        e.switchNext(c, SwitchReason.SLICE_END);
                    }
                }
            }
        } else if (event instanceof Event.Create) {
            Event.Create c = (Event.Create) event;
            int t = e.states.length;
            e.states = Arrays.copyOf(e.states, t + 1);
            e.cpus = Arrays.copyOf(e.cpus, t + 1);
            e.cpusets = Arrays.copyOf(e.cpusets, t + 1);
            e.cpus[t] = -1;
            e.cpusets[t] = c.cpuset() == null ? CpuSet.firstN(e.running.length) : c.cpuset();
            e.out.add(new Decision.Created(t, -1));
            e.enqueue(t, c.onCpu());
        } else if (event instanceof Event.Block) {
            int cpu = ((Event.Block) event).cpu();
            int t = runningOn(e, cpu, "block");
            e.states[t] = RunState.SLEEPING;
            e.switchNext(cpu, SwitchReason.SLEEP);
        } else if (event instanceof Event.Yield) {
            int cpu = ((Event.Yield) event).cpu();
            int t = runningOn(e, cpu, "yield");
            e.fifo[cpu] = append(e.fifo[cpu], t);
            e.states[t] = RunState.QUEUED;
            e.switchNext(cpu, SwitchReason.YIELD);
        } else if (event instanceof Event.Exit) {
            int cpu = ((Event.Exit) event).cpu();
            int t = runningOn(e, cpu, "exit");
            e.states[t] = RunState.EXITED;
            e.out.add(new Decision.Exited(t));
            e.switchNext(cpu, SwitchReason.EXIT);
        } else if (event instanceof Event.Wake) {
            Event.Wake w = (Event.Wake) event;
            if (w.tid() < 0 || w.tid() >= e.states.length || e.states[w.tid()] != RunState.SLEEPING) {
                throw new IllegalEventException("wake: thread " + w.tid() + " is not sleeping");
            }
            e.enqueue(w.tid(), w.onCpu());
        } else if (event instanceof Event.IdleLoop) {
            int cpu = ((Event.IdleLoop) event).cpu();
            if (e.running[cpu] != SchedulerState.IDLE) {
                throw new IllegalEventException("idle loop on busy CPU " + cpu);
            }
            e.switchNext(cpu, SwitchReason.IDLE);
        } else {
            throw new IllegalEventException("the toy round-robin model does not handle " + event.getClass().getSimpleName());
        }
        return ModelStep.of(e.build(), e.out, Cost.ZERO);
    }

    /**
     * Thread ids enter a step only as the subjects of events ({@code wake tid=T}) and in FIFO
     * order, both of which a relabelling carries along; CPUs are chosen by load and CPU id, never
     * by thread id. So relabelling threads is always sound.
     */
    @Override
    public boolean threadSymmetric(State s) {
        return true;
    }

    /**
     * The clock, the thread count, per CPU its running thread and FIFO (as labels), then each
     * thread's own fields in label order: everything a future step reads.
     */
    @Override
    public void encode(State s, int[] label, StateSink sink) {
        int n = s.states.length;
        sink.put(s.elapsed);
        sink.put(n);
        for (int c = 0; c < s.running.length; c++) {
            sink.put(s.running[c] == SchedulerState.IDLE ? -1 : label[s.running[c]]);
            int[] q = s.fifo[c] == null ? new int[0] : s.fifo[c];
            for (int t : q) {
                sink.put(label[t]);
            }
            sink.put(-2);
        }
        int[] byLabel = new int[n];
        for (int t = 0; t < n; t++) {
            byLabel[label[t]] = t;
        }
        for (int i = 0; i < n; i++) {
            ownState(s, byLabel[i], sink);
        }
    }

    /** The thread's own fields and its position in its CPU's FIFO (-1 when not queued); no thread ids. */
    @Override
    public void encodeThread(State s, int tid, StateSink sink) {
        ownState(s, tid, sink);
        int pos = -1;
        int[] q = s.cpus[tid] < 0 || s.fifo[s.cpus[tid]] == null ? new int[0] : s.fifo[s.cpus[tid]];
        for (int i = 0; i < q.length; i++) {
            if (q[i] == tid) {
                pos = i;
                break;
            }
        }
        sink.put(pos);
    }

    private static void ownState(State s, int tid, StateSink sink) {
        sink.put(s.states[tid].ordinal());
        sink.put(s.cpus[tid]);
        sink.put(s.cpusets[tid].hashCode());
    }
}
