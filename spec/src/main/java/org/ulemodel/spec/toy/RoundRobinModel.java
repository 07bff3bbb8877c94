// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.toy;

import java.util.ArrayList;
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
 * A toy scheduler, the reference second model: it plugs into the checks only through
 * {@link SchedulerModel} and is small enough to read in one sitting. Not a model of any real
 * scheduler; the checkers' own tests use it to show that they judge a model that is not ULE.
 *
 * <p>Policy: one FIFO per CPU; a new, woken or displaced thread goes to the allowed online CPU
 * with the fewest threads (lowest id on a tie; a bound thread to the CPU it is bound to); the
 * head of a CPU's FIFO runs, and every {@link #SLICE} hz ticks the running thread goes to the
 * tail (with per-CPU ticks, {@link Event.CpuTick}: CPU 0's tick advances the clock, and a CPU's
 * own tick at a slice boundary sends its running thread to the tail). Every thread has priority 120; nice is accepted and has no effect. It never sends an IPI:
 * a cpuset change, a bind or a CPU going offline moves the threads concerned at once. It takes
 * every {@link Event} except {@link Event.DeliverIpi}, which it refuses since none is ever pending.
 * {@link #forgetDequeue} gives the variant with a planted bug (a thread switched in at a context
 * switch stays in its FIFO).
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
     * thread that blocks, yields, exits, ends its slice or is moved away) leaves it in its FIFO
     * too. A CPU leaving idle dequeues correctly, so the bug needs a thread to give up its CPU to
     * show.
     */
    public static RoundRobinModel forgetDequeue() {
        return new RoundRobinModel(true);
    }

    /**
     * The toy's state: per CPU whether it is online, the running thread and its FIFO; per thread
     * its run state, CPU (the one it runs or waits on, else the last one), cpuset, whether it is
     * bound and its parent. Immutable (arrays are copied on every step and never exposed).
     */
    public static final class State implements SchedulerState {
        final Topology topology;
        final long elapsed;
        final boolean[] online;
        final int[] running;
        final int[][] fifo;
        final RunState[] states;
        final int[] cpus;
        final CpuSet[] cpusets;
        final boolean[] bound;
        final int[] parents;

        State(Topology topology, long elapsed, boolean[] online, int[] running, int[][] fifo, RunState[] states, int[] cpus,
                CpuSet[] cpusets, boolean[] bound, int[] parents) {
            this.topology = topology;
            this.elapsed = elapsed;
            this.online = online;
            this.running = running;
            this.fifo = fifo;
            this.states = states;
            this.cpus = cpus;
            this.cpusets = cpusets;
            this.bound = bound;
            this.parents = parents;
        }

        /**
         * This state with thread {@code tid}'s cpuset replaced and nothing else changed — no
         * validation, no move. For planting bugs (a step that records a cpuset without acting on
         * it) and building states by hand; a step never produces such a state.
         */
        public State withCpuset(int tid, CpuSet cpuset) {
            CpuSet[] sets = cpusets.clone();
            sets[tid] = cpuset;
            return new State(topology, elapsed, online, running, fifo, states, cpus, sets, bound, parents);
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
            return online[cpu];
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
            return bound[tid];
        }

        @Override
        public int threadParent(int tid) {
            return parents[tid];
        }
    }

    @Override
    public String id() {
        return "toy-rr";
    }

    @Override
    public String description() {
        return "toy per-CPU round robin (reference model for the checkers' tests)";
    }

    @Override
    public State boot(Topology topology) {
        int n = topology.cpuCount();
        boolean[] online = new boolean[n];
        Arrays.fill(online, true);
        int[] running = new int[n];
        Arrays.fill(running, SchedulerState.IDLE);
        int[][] fifo = new int[n][];
        Arrays.fill(fifo, new int[0]);
        return new State(topology, 0, online, running, fifo, new RunState[0], new int[0], new CpuSet[0], new boolean[0], new int[0]);
    }

    /** A mutable copy of a state for one step. */
    private final class Edit {
        final State from;
        long elapsed;
        final boolean[] online;
        final int[] running;
        final int[][] fifo;
        RunState[] states;
        int[] cpus;
        CpuSet[] cpusets;
        boolean[] bound;
        int[] parents;
        final List<Decision> out = new ArrayList<>();

        Edit(State s) {
            from = s;
            elapsed = s.elapsed;
            online = s.online.clone();
            running = s.running.clone();
            fifo = s.fifo.clone();
            states = s.states.clone();
            cpus = s.cpus.clone();
            cpusets = s.cpusets.clone();
            bound = s.bound.clone();
            parents = s.parents.clone();
        }

        int load(int c) {
            return fifo[c].length + (running[c] == SchedulerState.IDLE ? 0 : 1);
        }

        CpuSet onlineSet() {
            CpuSet s = CpuSet.empty();
            for (int c = 0; c < online.length; c++) {
                if (online[c]) {
                    s = s.with(c);
                }
            }
            return s;
        }

        /** Queues {@code t} on the CPU the policy picks (its own when bound), recording a migration as {@code why}. */
        void enqueue(int t, MigrateReason why) {
            int best = -1;
            if (bound[t]) {
                best = cpus[t];
            } else {
                for (int c = 0; c < running.length; c++) {
                    if (online[c] && cpusets[t].contains(c) && (best < 0 || load(c) < load(best))) {
                        best = c;
                    }
                }
            }
            if (cpus[t] >= 0 && cpus[t] != best) {
                out.add(new Decision.Migrate(t, cpus[t], best, why));
            }
            queueOn(t, best);
        }

        /** Appends {@code t} to {@code c}'s FIFO; an idle {@code c} switches to its head. */
        void queueOn(int t, int c) {
            fifo[c] = append(fifo[c], t);
            states[t] = RunState.QUEUED;
            cpus[t] = c;
            if (running[c] == SchedulerState.IDLE) {
                switchNext(c, SwitchReason.IDLE);
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

        /** Takes {@code t} out of the FIFO of the CPU it waits on. */
        void dequeue(int t) {
            int c = cpus[t];
            int[] q = fifo[c];
            int[] r = new int[q.length - 1];
            int j = 0;
            for (int x : q) {
                if (x != t) {
                    r[j++] = x;
                }
            }
            fifo[c] = r;
        }

        State build() {
            return new State(from.topology, elapsed, online, running, fifo, states, cpus, cpusets, bound, parents);
        }
    }

    private static int[] append(int[] a, int t) {
        int[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = t;
        return b;
    }

    private static void checkCpu(Edit e, int cpu, String what) {
        if (cpu < 0 || cpu >= e.running.length) {
            throw new IllegalEventException(what + ": CPU " + cpu + " does not exist: expected 0.." + (e.running.length - 1));
        }
    }

    private static void checkOnline(Edit e, int cpu, String what) {
        checkCpu(e, cpu, what);
        if (!e.online[cpu]) {
            throw new IllegalEventException(what + ": CPU " + cpu + " is offline");
        }
    }

    private static int runningOn(Edit e, int cpu, String what) {
        checkCpu(e, cpu, what);
        if (e.running[cpu] == SchedulerState.IDLE) {
            throw new IllegalEventException(what + " on CPU " + cpu + ": expected a running thread, but it is idle");
        }
        return e.running[cpu];
    }

    private static int live(Edit e, int tid, String what) {
        if (tid < 0 || tid >= e.states.length || e.states[tid] == RunState.EXITED) {
            throw new IllegalEventException(what + ": thread " + tid + " does not exist or has exited");
        }
        return tid;
    }

    private static CpuSet checkCpuset(Edit e, CpuSet set, String what) {
        if (set == null || !set.intersects(e.onlineSet())) {
            throw new IllegalEventException(what + ": cpuset " + set + " has no online CPU");
        }
        return set;
    }

    /** A new thread with {@code cpuset}, created by {@code parent} (-1: from outside), queued by the policy. */
    private static void newThread(Edit e, CpuSet cpuset, int parent) {
        int t = e.states.length;
        e.states = Arrays.copyOf(e.states, t + 1);
        e.cpus = Arrays.copyOf(e.cpus, t + 1);
        e.cpusets = Arrays.copyOf(e.cpusets, t + 1);
        e.bound = Arrays.copyOf(e.bound, t + 1);
        e.parents = Arrays.copyOf(e.parents, t + 1);
        e.cpus[t] = -1;
        e.cpusets[t] = cpuset;
        e.parents[t] = parent;
        e.out.add(new Decision.Created(t, parent));
        e.enqueue(t, MigrateReason.WAKEUP);
    }

    /** The running thread of CPU {@code c} goes to the tail of its FIFO when another thread waits there. */
    private static void sliceEnd(Edit e, int c) {
        int cur = e.running[c];
        if (cur != SchedulerState.IDLE && e.fifo[c].length > 0) {
            e.fifo[c] = append(e.fifo[c], cur);
            e.states[cur] = RunState.QUEUED;
            e.switchNext(c, SwitchReason.SLICE_END);
        }
    }

    /** Per-CPU clock ticks ({@link Event.CpuTick}) are taken. */
    @Override
    public boolean perCpuClocks() {
        return true;
    }

    @Override
    public ModelStep<State> step(State s, Event event) {
        Edit e = new Edit(s);
        if (event instanceof Event.Tick) {
            e.elapsed++;
            if (e.elapsed % SLICE == 0) {
                for (int c = 0; c < e.running.length; c++) {
                    sliceEnd(e, c);
                }
            }
        } else if (event instanceof Event.CpuTick) {
            int c = ((Event.CpuTick) event).cpu();
            checkOnline(e, c, "tick");
            if (c == 0) {
                e.elapsed++;
            }
            if (e.elapsed % SLICE == 0) {
                sliceEnd(e, c);
            }
        } else if (event instanceof Event.Create) {
            Event.Create c = (Event.Create) event;
            checkOnline(e, c.onCpu(), "create");
            newThread(e, c.cpuset() == null ? CpuSet.firstN(e.running.length) : checkCpuset(e, c.cpuset(), "create"), -1);
        } else if (event instanceof Event.Fork) {
            int parent = runningOn(e, ((Event.Fork) event).cpu(), "fork");
            newThread(e, e.cpusets[parent], parent);
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
            e.enqueue(w.tid(), MigrateReason.WAKEUP);
        } else if (event instanceof Event.IdleLoop) {
            int cpu = ((Event.IdleLoop) event).cpu();
            checkOnline(e, cpu, "idle loop");
            if (e.running[cpu] != SchedulerState.IDLE) {
                throw new IllegalEventException("idle loop on busy CPU " + cpu);
            }
            e.switchNext(cpu, SwitchReason.IDLE);
        } else if (event instanceof Event.SetNice) {
            Event.SetNice n = (Event.SetNice) event;
            live(e, n.tid(), "nice");
            if (n.nice() < -20 || n.nice() > 20) {
                throw new IllegalEventException("nice " + n.nice() + " out of range: expected -20..20");
            }
        } else if (event instanceof Event.SetCpuset) {
            setCpuset(e, (Event.SetCpuset) event);
        } else if (event instanceof Event.Bind) {
            bind(e, (Event.Bind) event);
        } else if (event instanceof Event.Unbind) {
            int t = runningOn(e, ((Event.Unbind) event).cpu(), "unbind");
            if (!e.bound[t]) {
                throw new IllegalEventException("unbind: thread " + t + " is not bound");
            }
            e.bound[t] = false;
        } else if (event instanceof Event.CpuOffline) {
            offline(e, (Event.CpuOffline) event);
        } else if (event instanceof Event.CpuOnline) {
            int cpu = ((Event.CpuOnline) event).cpu();
            checkCpu(e, cpu, "online");
            if (e.online[cpu]) {
                throw new IllegalEventException("online: CPU " + cpu + " is already online");
            }
            e.online[cpu] = true;
            e.out.add(new Decision.CpuOnline(cpu, true));
        } else {
            throw new IllegalEventException("the toy round-robin model does not handle " + event.getClass().getSimpleName()
                    + " (it never has an IPI pending)");
        }
        return ModelStep.of(e.build(), e.out, Cost.ZERO);
    }

    /** Records the cpuset; a thread outside it moves at once (a running one gives up its CPU). */
    private void setCpuset(Edit e, Event.SetCpuset sc) {
        int t = live(e, sc.tid(), "set cpuset");
        checkOnline(e, sc.onCpu(), "set cpuset");
        CpuSet set = checkCpuset(e, sc.cpuset(), "set cpuset of thread " + t);
        if (e.bound[t] && !set.contains(e.cpus[t])) {
            throw new IllegalEventException("set cpuset: thread " + t + " is bound to CPU " + e.cpus[t] + ", which " + set + " excludes");
        }
        e.cpusets[t] = set;
        int c = e.cpus[t];
        if (c < 0 || set.contains(c) && e.online[c]) {
            return;
        }
        if (e.states[t] == RunState.QUEUED) {
            e.dequeue(t);
            e.enqueue(t, MigrateReason.AFFINITY);
        } else if (e.states[t] == RunState.RUNNING) {
            e.enqueue(t, MigrateReason.AFFINITY);
            e.switchNext(c, SwitchReason.RESCHED);
        }
    }

    /** Binds the running thread; binding to another CPU moves it there at once. */
    private void bind(Edit e, Event.Bind b) {
        int t = runningOn(e, b.cpu(), "bind");
        checkOnline(e, b.target(), "bind target");
        if (!e.cpusets[t].contains(b.target())) {
            throw new IllegalEventException("bind: CPU " + b.target() + " is outside thread " + t + "'s cpuset " + e.cpusets[t]);
        }
        e.bound[t] = true;
        if (b.target() == b.cpu()) {
            return;
        }
        e.out.add(new Decision.Migrate(t, b.cpu(), b.target(), MigrateReason.BIND));
        e.queueOn(t, b.target());
        e.switchNext(b.cpu(), SwitchReason.BIND);
    }

    /** Refused when a thread would be stranded; otherwise the CPU's queued threads, then its running one, are queued elsewhere. */
    private void offline(Edit e, Event.CpuOffline o) {
        int c = o.cpu();
        checkOnline(e, c, "offline");
        checkOnline(e, o.onCpu(), "offline (executing CPU)");
        if (o.onCpu() == c) {
            throw new IllegalEventException("offline: CPU " + c + " cannot take itself offline; run the event on another CPU");
        }
        CpuSet rest = e.onlineSet().without(c);
        for (int t = 0; t < e.states.length; t++) {
            if (e.states[t] == RunState.EXITED) {
                continue;
            }
            if (e.bound[t] && e.cpus[t] == c) {
                throw new IllegalEventException("offline: thread " + t + " is bound to CPU " + c + " and would be stranded");
            }
            if (!e.cpusets[t].intersects(rest)) {
                throw new IllegalEventException("offline: thread " + t + "'s cpuset " + e.cpusets[t] + " has no other online CPU");
            }
        }
        e.online[c] = false;
        e.out.add(new Decision.CpuOnline(c, false));
        int[] queued = e.fifo[c];
        int cur = e.running[c];
        e.fifo[c] = new int[0];
        e.running[c] = SchedulerState.IDLE;
        if (cur != SchedulerState.IDLE) {
            e.out.add(new Decision.Switch(c, cur, SchedulerState.IDLE, SwitchReason.OFFLINE));
        }
        for (int t : queued) {
            e.enqueue(t, MigrateReason.OFFLINE);
        }
        if (cur != SchedulerState.IDLE) {
            e.enqueue(cur, MigrateReason.OFFLINE);
        }
    }

    /**
     * Thread ids enter a step only as the subjects of events ({@code wake tid=T}), in FIFO order
     * and as parent links, all of which a relabelling carries along (the encoding names parents by
     * label); CPUs are chosen by load and CPU id, never by thread id, and a new thread's id is the
     * thread count whatever the labels. So relabelling threads is always sound.
     */
    @Override
    public boolean threadSymmetric(State s) {
        return true;
    }

    /**
     * The clock, the thread count, per CPU whether it is online, its running thread and FIFO (as
     * labels), then each thread's own fields and its parent's label in label order: everything a
     * future step reads.
     */
    @Override
    public void encode(State s, int[] label, StateSink sink) {
        int n = s.states.length;
        sink.put(s.elapsed);
        sink.put(n);
        for (int c = 0; c < s.running.length; c++) {
            sink.put(s.online[c] ? 1 : 0);
            sink.put(s.running[c] == SchedulerState.IDLE ? -1 : label[s.running[c]]);
            for (int t : s.fifo[c]) {
                sink.put(label[t]);
            }
            sink.put(-2);
        }
        int[] byLabel = new int[n];
        for (int t = 0; t < n; t++) {
            byLabel[label[t]] = t;
        }
        for (int i = 0; i < n; i++) {
            int t = byLabel[i];
            ownState(s, t, sink);
            sink.put(s.parents[t] < 0 ? -1 : label[s.parents[t]]);
        }
    }

    /** The thread's own fields and its position in its CPU's FIFO (-1 when not queued); no thread ids. */
    @Override
    public void encodeThread(State s, int tid, StateSink sink) {
        ownState(s, tid, sink);
        int pos = -1;
        int[] q = s.cpus[tid] < 0 ? new int[0] : s.fifo[s.cpus[tid]];
        for (int i = 0; i < q.length; i++) {
            if (q[i] == tid) {
                pos = i;
                break;
            }
        }
        sink.put(pos);
    }

    private static void ownState(State s, int tid, StateSink sink) {
        sink.put(s.states[tid].ordinal() | (s.bound[tid] ? 16 : 0) | (s.parents[tid] >= 0 ? 32 : 0));
        sink.put(s.cpus[tid]);
        sink.put(s.cpusets[tid].hashCode());
    }
}
