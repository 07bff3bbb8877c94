// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import java.util.List;
import java.util.function.IntConsumer;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.model.ThreadPolicy;
import org.ulemodel.core.persist.PersistentVector;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;

/**
 * A whole machine's scheduling state at one instant under FreeBSD 14's ULE: the clock, every CPU's
 * run state ({@code struct tdq}) and every thread's scheduling state ({@code struct td_sched}). An
 * immutable value: {@link Scheduler#step} returns a new one and leaves this one unchanged, so
 * states can be stored, hashed and revisited. The state type of {@link Ule14Model}; its
 * {@link SchedulerState} methods are the policy-neutral view. The CPUs are held in the machine
 * itself (it extends the package's CPU table), not in a table object of their own.
 *
 * <p>Invariant: thread ids are {@code 0..threadCount()-1}; {@code ticks()} is the low 32 bits of
 * {@code elapsed()}, as FreeBSD's {@code int ticks} wraps; {@code elapsed()} is the furthest CPU's
 * own clock, each CPU's being {@code elapsed() − cpu(c).clockLag()} ({@link CpuState#clockLag}).
 */
public final class Machine extends CpuTable implements SchedulerState {
    private final MachineConfig config;
    private final long elapsed;
    private final PersistentVector<ThreadState> threads;
    private final int balanceTicks;

    /** A machine whose CPUs are those of {@code cpus} (sharing its arrays). */
    Machine(MachineConfig config, long elapsed, CpuTable cpus, PersistentVector<ThreadState> threads, int balanceTicks) {
        super(cpus);
        this.config = config;
        this.elapsed = elapsed;
        this.threads = threads;
        this.balanceTicks = balanceTicks;
    }

    /** A machine whose CPUs are the table {@code cpus} makes. */
    Machine(MachineConfig config, long elapsed, CpuTable.Edit cpus, PersistentVector<ThreadState> threads, int balanceTicks) {
        super(cpus);
        this.config = config;
        this.elapsed = elapsed;
        this.threads = threads;
        this.balanceTicks = balanceTicks;
    }

    /** A machine holding the CPUs {@code cpus} in order (the array is not kept). */
    private Machine(MachineConfig config, long elapsed, CpuState[] cpus, PersistentVector<ThreadState> threads, int balanceTicks) {
        super(cpus);
        this.config = config;
        this.elapsed = elapsed;
        this.threads = threads;
        this.balanceTicks = balanceTicks;
    }

    /** A machine at boot: every CPU idle with empty queues, no threads, hz clock at 0 ({@code sched_setup}). */
    public static Machine boot(MachineConfig config) {
        CpuState[] cpus = new CpuState[config.cpus()];
        for (int i = 0; i < cpus.length; i++) {
            cpus[i] = CpuState.initial(i, config.version());
        }
        return new Machine(config, 0, cpus, PersistentVector.empty(), config.params().balanceInterval());
    }

    /**
     * A machine assembled from parts, e.g. to rebuild a state recorded elsewhere (a golden row, a
     * trace) or to test a checker on a deliberately broken state. Nothing is validated here: the
     * spec module's invariants say whether the parts are consistent.
     */
    public static Machine of(MachineConfig config, long elapsed, List<CpuState> cpus, List<ThreadState> threads) {
        return of(config, elapsed, cpus, threads, config.params().balanceInterval());
    }

    /** As {@link #of(MachineConfig, long, List, List)}, with the balancer's countdown ({@code balance_ticks}). */
    public static Machine of(MachineConfig config, long elapsed, List<CpuState> cpus, List<ThreadState> threads,
            int balanceTicks) {
        if (cpus.size() != config.cpus()) {
            throw new IllegalArgumentException(cpus.size() + " CPU states for a " + config.cpus() + "-CPU machine");
        }
        PersistentVector<ThreadState> v = PersistentVector.empty();
        for (int i = 0; i < threads.size(); i++) {
            ThreadState t = threads.get(i);
            if (t.tid() != i) {
                throw new IllegalArgumentException("thread at position " + i + " has tid " + t.tid() + ": tids must be 0..n-1 in order");
            }
            v = v.append(t);
        }
        CpuState[] table = cpus.toArray(new CpuState[0]);
        for (int c = 0; c < table.length; c++) {
            table[c] = withoutRunning(table[c]); // the vector holds every thread's state
        }
        return new Machine(config, elapsed, table, v, balanceTicks);
    }

    /** {@code cpu}, or a copy of it that keeps no running thread's state ({@link CpuState#running}). */
    private static CpuState withoutRunning(CpuState cpu) {
        if (cpu.running == null) {
            return cpu;
        }
        CpuState copy = cpu.copy();
        copy.running = null;
        return copy;
    }

    /** This machine with CPU {@code c}'s state replaced. */
    public Machine withCpu(CpuState cpu) {
        CpuState old = cpu(cpu.cpu()); // refuses a CPU id the machine lacks
        // The thread whose state the old CPU kept goes back into the vector (the new CPU keeps none).
        PersistentVector<ThreadState> v = old.running == null ? threads : threads.set(old.running.tid, old.running);
        return new Machine(config, elapsed, edit().set(cpu.cpu(), withoutRunning(cpu)), v, balanceTicks);
    }

    /** This machine with thread {@code t.tid()}'s state replaced. */
    public Machine withThread(ThreadState t) {
        thread(t.tid()); // refuses an id the machine lacks
        // The vector's entry is the thread's state now: no CPU keeps another one for it.
        CpuTable.Edit table = edit();
        int before = threads.get(t.tid()).cpu;
        if (keeps(before, t.tid())) {
            table.set(before, withoutRunning(get(before)));
        }
        if (t.cpu != before && keeps(t.cpu, t.tid())) {
            table.set(t.cpu, withoutRunning(get(t.cpu)));
        }
        return new Machine(config, elapsed, table, threads.set(t.tid(), t), balanceTicks);
    }

    /** Whether CPU {@code c} keeps thread {@code tid}'s state ({@link CpuState#running}). */
    private boolean keeps(int c, int tid) {
        if (c < 0 || c >= tableSize()) {
            return false;
        }
        ThreadState r = get(c).running;
        return r != null && r.tid == tid;
    }

    /**
     * This machine with {@code hook} asked before migrations ({@link SmpTunables#migrationHook}),
     * everything else unchanged: how a learned model is installed, and how the explorer's
     * adversary puts one {@link MigrationHook.Script} per branch.
     */
    public Machine withMigrationHook(MigrationHook hook) {
        return new Machine(config.withSmp(config.tunables().withMigrationHook(hook)), elapsed, this, threads, balanceTicks);
    }

    public MachineConfig config() {
        return config;
    }

    /** hz ticks since boot: the furthest CPU's own clock (all of them while the clocks run in lock-step). */
    @Override
    public long elapsed() {
        return elapsed;
    }

    /** FreeBSD's {@code ticks}: hz ticks since boot as a wrapping 32-bit int. */
    public int ticks() {
        return (int) elapsed;
    }

    /** {@code balance_ticks}: stathz ticks until CPU 0 runs the periodic balancer. */
    public int balanceTicks() {
        return balanceTicks;
    }

    @Override
    public int cpuCount() {
        return tableSize();
    }

    public CpuState cpu(int c) {
        if (c < 0 || c >= tableSize()) {
            throw new IllegalEventException("no CPU " + c + ": CPUs are 0.." + (tableSize() - 1));
        }
        return get(c);
    }

    @Override
    public int threadCount() {
        return threads.size();
    }

    /**
     * Thread {@code tid}'s state: while it runs, the state its CPU keeps ({@link CpuState#running});
     * otherwise the thread vector's.
     */
    public ThreadState thread(int tid) {
        if (tid < 0 || tid >= threads.size()) {
            throw new IllegalEventException("no thread " + tid + ": threads are 0.." + (threads.size() - 1));
        }
        ThreadState t = threads.get(tid);
        if (t.stateCode == ThreadState.RUNNING_CODE && keeps(t.cpu, tid)) {
            return get(t.cpu).running;
        }
        return t;
    }

    /**
     * The thread vector: every thread's state, except that a running thread whose CPU keeps its
     * state ({@link CpuState#running}) has there the state it was switched in with (running, on
     * that CPU), which {@link #thread} does not answer.
     */
    PersistentVector<ThreadState> threadVector() {
        return threads;
    }

    @Override
    public Topology topology() {
        return config.topology();
    }

    @Override
    public int hz() {
        return config.params().hz();
    }

    /** The configuration's statistics clock rate, {@code realstathz} ({@link org.ulemodel.core.ule.SchedParams#realstathz}). */
    @Override
    public int stathz() {
        return config.params().realstathz();
    }

    @Override
    public boolean online(int cpu) {
        return cpu(cpu).online();
    }

    @Override
    public int running(int cpu) {
        return cpu(cpu).curthread();
    }

    @Override
    public boolean ipiPending(int cpu) {
        return cpu(cpu).ipiPending();
    }

    /** {@link CpuState#forEachQueued}: by run queue and queue index, FIFO within a queue. */
    @Override
    public void forEachQueued(int cpu, IntConsumer action) {
        cpu(cpu).forEachQueued(action);
    }

    @Override
    public RunState threadState(int tid) {
        return thread(tid).state();
    }

    @Override
    public int threadCpu(int tid) {
        return thread(tid).cpu();
    }

    @Override
    public int threadPriority(int tid) {
        return thread(tid).priority();
    }

    @Override
    public CpuSet threadCpuset(int tid) {
        return thread(tid).cpuset();
    }

    @Override
    public boolean threadBound(int tid) {
        return thread(tid).bound();
    }

    @Override
    public int threadParent(int tid) {
        return thread(tid).parent();
    }

    /**
     * {@code td_pri_class}, {@code p_nice}, FIFO and, outside timeshare, the base user priority
     * put back on FreeBSD 14's layout (V15's bands map back to the V14 priority that maps onto it).
     */
    @Override
    public ThreadPolicy threadPolicy(int tid) {
        ThreadState td = thread(tid);
        PriClass pc = td.priClass();
        if (pc == PriClass.TIMESHARE) {
            return new ThreadPolicy(pc, td.nice(), -1, false);
        }
        int pri = td.baseUserPri();
        for (int p14 = pc.minPri(); p14 <= pc.maxPri(); p14++) {
            if (config.version().fromV14Layout(p14) >= td.baseUserPri()) {
                pri = p14;
                break;
            }
        }
        return new ThreadPolicy(pc, td.nice(), pri, td.fifo());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Machine)) {
            return false;
        }
        Machine m = (Machine) o;
        if (elapsed != m.elapsed || balanceTicks != m.balanceTicks || !config.equals(m.config) || !sameCpus(m)
                || threads.size() != m.threads.size()) {
            return false;
        }
        for (int t = 0; t < threads.size(); t++) { // every thread's state as thread(t) answers it
            if (!thread(t).equals(m.thread(t))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1; // the list hash of thread(0), thread(1), ...
        for (int t = 0; t < threads.size(); t++) {
            h = 31 * h + thread(t).hashCode();
        }
        return (((Long.hashCode(elapsed) * 31 + cpusHash()) * 31 + h) * 31 + config.hashCode()) * 31 + balanceTicks;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Machine{ticks=").append(elapsed).append(", balanceTicks=").append(balanceTicks)
                .append(", cpus=").append(cpusString()).append(", threads=[");
        for (int t = 0; t < threads.size(); t++) {
            s.append(t == 0 ? "" : ", ").append(thread(t));
        }
        return s.append("]}").toString();
    }
}
