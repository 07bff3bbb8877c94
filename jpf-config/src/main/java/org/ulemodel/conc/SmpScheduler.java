// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.conc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.ulemodel.core.machine.CpuState;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.machine.Scheduler;
import org.ulemodel.core.machine.SmpProbe;
import org.ulemodel.core.machine.ThreadState;
import org.ulemodel.core.topo.CpuSet;

/**
 * A thread-safe SMP scheduler built over the immutable model, locked the way FreeBSD's ULE is:
 * each CPU's state ({@code struct tdq}) is guarded by its own lock ({@code TDQ_LOCK}), a
 * thread's state by the lock of the CPU it belongs to ({@code td_lock} = its {@code ts_cpu}'s
 * run-queue lock), and an operation that changes several CPUs holds all their locks, taken in
 * ascending CPU order ({@code TDQ_LOCK_PAIR} generalised).
 *
 * <p>Every operation follows one protocol:
 * <ol>
 * <li>lock the CPUs it is known to need, in ascending order;</li>
 * <li>read the published states and assemble a {@link Machine} ({@link Machine#of}) — exact for
 * the locked CPUs and the threads they guard, <em>racy</em> for every other CPU;</li>
 * <li>run the model's pure step on it;</li>
 * <li>validate: every CPU whose state changed, and the old and new CPU of every thread whose
 * state changed, must be locked. If not, release everything, add the missing CPUs and start
 * again (as {@code tdq_idled} restarts after {@code TDQ_LOCK_PAIR} when its racy read went
 * stale);</li>
 * <li>publish the changed CPU and thread states (volatile writes), then unlock.</li>
 * </ol>
 * The operation takes effect at the publication. The racy reads are exactly ULE's: CPU
 * selection ({@code sched_pickcpu}, {@code sched_lowest}/{@code sched_highest}) reads other CPUs'
 * {@code load}, {@code lowpri}, {@code transferable} and {@code online} without their locks, and
 * a first steal or balance attempt reads the victim's queues without its lock; whatever such a
 * read decided is recomputed under the lock before anything is published. A refusal (the model's
 * {@link IllegalEventException}) that rests on a racy read is re-decided with every CPU locked.
 *
 * <p>Threads are fixed at construction (no create/fork here). Time: each CPU counts its own hz
 * ticks (written only by that CPU's thread, like FreeBSD's per-CPU {@code pcputicks}); the
 * global {@code ticks} is their maximum. The balancer does not run from the clock: it is the
 * explicit {@link #balance()} operation.
 *
 * <p>Kept simple enough for Java PathFinder: {@code synchronized} on per-CPU lock objects,
 * volatile cells, plain arrays; from {@code java.util.concurrent} only the {@link AtomicInteger}
 * that counts applied operations.
 */
public final class SmpScheduler {
    /** One CPU's lock ({@code tdq_lock}). A named class so that traces say which CPU. */
    private static final class TdqLock {
        final int cpu;

        TdqLock(int cpu) {
            this.cpu = cpu;
        }

        @Override
        public String toString() {
            return "TDQ_LOCK(" + cpu + ")";
        }
    }

    /**
     * A published per-CPU state; written only with the CPU's lock held, read by anyone. The
     * volatile field is touched only by {@link #get} and {@link #set}, so that the JPF
     * configurations can exempt exactly this deliberate publication from the race detector
     * ({@code race.exclude}) and nothing else.
     */
    private static final class CpuCell {
        private volatile CpuState state;

        CpuCell(CpuState s) {
            state = s;
        }

        CpuState get() {
            return state;
        }

        void set(CpuState s) {
            state = s;
        }
    }

    /** A published thread state; written only with its CPU's lock held (both CPUs' when it moves). Accessed as {@link CpuCell}. */
    private static final class ThreadCell {
        private volatile ThreadState state;

        ThreadCell(ThreadState s) {
            state = s;
        }

        ThreadState get() {
            return state;
        }

        void set(ThreadState s) {
            state = s;
        }
    }

    /**
     * Global {@code ticks}: the largest per-CPU count. Read without a lock (volatile, like the
     * cells); raised under this object's monitor. Accessed as {@link CpuCell}.
     */
    private static final class GlobalTicks {
        private volatile long ticks;

        GlobalTicks(long t) {
            ticks = t;
        }

        long get() {
            return ticks;
        }

        synchronized void raiseTo(long t) {
            if (t > ticks) {
                ticks = t;
            }
        }
    }

    /** A model step run on the assembled machine; returns the new machine, or null for a refusal decided on locked state. */
    private interface Step {
        Machine apply(Machine m, CpuSet held);
    }

    /** What one attempt under a set of locks came to. */
    private static final class Attempt {
        static final Attempt APPLIED = new Attempt(true, true, null);
        static final Attempt REFUSED = new Attempt(true, false, null);

        final boolean finished;
        final boolean applied;
        final CpuSet need;

        private Attempt(boolean finished, boolean applied, CpuSet need) {
            this.finished = finished;
            this.applied = applied;
            this.need = need;
        }

        static Attempt retryWith(CpuSet need) {
            return new Attempt(false, false, need);
        }
    }

    private final MachineConfig config;
    private final int cpuCount;
    private final CpuSet allCpus;
    private final Fault fault;
    private final TdqLock[] locks;
    private final CpuCell[] cpus;
    private final ThreadCell[] threads;
    /** CPU c's own hz count; written only by CPU c's thread in {@link #tick}. */
    private final long[] cpuTicks;
    private final GlobalTicks elapsed;
    /** Operations that took effect, counted atomically. */
    private final AtomicInteger applied = new AtomicInteger();
    /** The same count as a plain field, used instead with {@link Fault#UNGUARDED_COUNTER}. */
    private int appliedUnguarded;

    /** A correct scheduler starting from {@code initial}. */
    public SmpScheduler(Machine initial) {
        this(initial, Fault.NONE);
    }

    /** A scheduler starting from {@code initial}, built with the given (planted) fault. */
    public SmpScheduler(Machine initial, Fault fault) {
        this.config = initial.config();
        this.cpuCount = initial.cpuCount();
        this.allCpus = CpuSet.firstN(cpuCount);
        this.fault = fault;
        this.locks = new TdqLock[cpuCount];
        this.cpus = new CpuCell[cpuCount];
        this.cpuTicks = new long[cpuCount];
        for (int c = 0; c < cpuCount; c++) {
            locks[c] = new TdqLock(c);
            cpus[c] = new CpuCell(initial.cpu(c));
            cpuTicks[c] = initial.elapsed();
        }
        this.threads = new ThreadCell[initial.threadCount()];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new ThreadCell(initial.thread(t));
        }
        this.elapsed = new GlobalTicks(initial.elapsed());
    }

    public int cpuCount() {
        return cpuCount;
    }

    public int threadCount() {
        return threads.length;
    }

    public Fault fault() {
        return fault;
    }

    /** How many operations took effect (returned true) so far: a statistic, exact once the callers are quiescent. */
    public int applied() {
        return fault == Fault.UNGUARDED_COUNTER ? appliedUnguarded : applied.get();
    }

    // The arrays of locks and cells are filled in the constructor and never written again, so an
    // element read is no shared access to interleave: the JPF configurations name these three
    // methods in vm.shared.never_break_methods (only the cells' volatile accesses are).

    private TdqLock lock(int c) {
        return locks[c];
    }

    private CpuCell cpuCell(int c) {
        return cpus[c];
    }

    private ThreadCell threadCell(int tid) {
        return threads[tid];
    }

    /** CPU {@code c}'s published state, read without its lock (a racy read: a hint). */
    public CpuState cpu(int c) {
        return cpuCell(c).get();
    }

    /** Thread {@code tid}'s published state, read without its lock (a racy read: a hint). */
    public ThreadState thread(int tid) {
        return threadCell(tid).get();
    }

    /** A consistent cut: every CPU lock taken in ascending order, then all states read. */
    public Machine snapshot() {
        return lockAllThenRead(0);
    }

    private Machine lockAllThenRead(int c) {
        if (c == cpuCount) {
            return assemble(elapsed.get());
        }
        synchronized (lock(c)) {
            return lockAllThenRead(c + 1);
        }
    }

    // ------------------------------------------------------------------ operations

    /**
     * {@code sched_wakeup}, run on CPU {@code onCpu} (any thread may call it, e.g. an interrupt
     * there): the sleeping thread is added to the CPU {@code sched_pickcpu} chooses. False when
     * refused (the thread is not asleep, or {@code onCpu} is offline).
     */
    public boolean wake(int tid, int onCpu) {
        // Racy read of the thread's CPU, i.e. of which lock guards it; validated under the lock.
        int home = threadCell(tid).get().cpu();
        return perform(CpuSet.of(onCpu, home), false, (m, held) -> {
            ThreadState td = m.thread(tid);
            if (held.contains(td.cpu()) && td.state() != RunState.SLEEPING || held.contains(onCpu) && !m.cpu(onCpu).online()) {
                return null;
            }
            return Scheduler.step(m, new Event.Wake(tid, onCpu)).state();
        });
    }

    /**
     * One hz tick on CPU {@code cpu}, on that CPU's own thread: {@code sched_clock} for the
     * stathz ticks due, then the return to user mode (a switch on slice end or an owed
     * preemption). False when the CPU is offline.
     */
    public boolean tick(int cpu) {
        long now = cpuTicks[cpu];
        boolean applied = perform(CpuSet.of(cpu), false, (m, held) -> {
            if (!m.cpu(cpu).online()) {
                return null;
            }
            Machine local = Machine.of(config, now, masked(m, cpu), threadList(m), 0);
            Machine clocked = Scheduler.hardclock(local).state();
            Machine back = Machine.of(config, clocked.elapsed(), unmasked(clocked, m, cpu), threadList(clocked), 0);
            return returnToUser(back, cpu);
        });
        if (applied) {
            cpuTicks[cpu] = now + 1;
            elapsed.raiseTo(now + 1);
        }
        return applied;
    }

    /**
     * The switch CPU {@code cpu} owes, on its own thread: pending IPIs delivered
     * ({@code sched_preempt} and the AST), or without one the AST on the way back to user mode.
     * False when the CPU is offline.
     */
    public boolean switchCpu(int cpu) {
        return perform(CpuSet.of(cpu), false, (m, held) -> {
            CpuState c = m.cpu(cpu);
            if (!c.online()) {
                return null;
            }
            if (c.ipiPending()) {
                return Scheduler.step(m, new Event.DeliverIpi(cpu)).state();
            }
            return returnToUser(m, cpu);
        });
    }

    /** The running thread of {@code cpu} sleeps ({@code sched_sleep} + {@code mi_switch}; may {@code tdq_trysteal}). False when idle or offline. */
    public boolean block(int cpu, int sleepPri) {
        return onRunning(cpu, new Event.Block(cpu, sleepPri), true);
    }

    /** The running thread of {@code cpu} yields. False when idle or offline. */
    public boolean yield(int cpu) {
        return onRunning(cpu, new Event.Yield(cpu), false);
    }

    /** The running thread of {@code cpu} exits ({@code sched_throw}). False when idle or offline. */
    public boolean exit(int cpu) {
        return onRunning(cpu, new Event.Exit(cpu), false);
    }

    private boolean onRunning(int cpu, Event e, boolean steals) {
        return perform(CpuSet.of(cpu), steals, (m, held) -> {
            CpuState c = m.cpu(cpu);
            if (!c.online() || c.isIdle()) {
                return null;
            }
            return Scheduler.step(m, e).state();
        });
    }

    /**
     * The idle loop of {@code cpu}, on its own thread: switch to queued work, else one
     * {@code tdq_idled} steal attempt. False when the CPU is not idle or is offline.
     */
    public boolean idle(int cpu) {
        return perform(CpuSet.of(cpu), true, (m, held) -> {
            CpuState c = m.cpu(cpu);
            if (!c.online() || !c.isIdle()) {
                return null;
            }
            return Scheduler.step(m, new Event.IdleLoop(cpu)).state();
        });
    }

    /** One {@code sched_balance} pass, run by CPU 0 (its {@code randomval} draws the next interval). */
    public boolean balance() {
        return perform(CpuSet.of(0), false, (m, held) -> SmpProbe.balance(m, Set.of()).state());
    }

    /** CPU {@code cpu} goes offline, done by CPU {@code onCpu}; its work moves elsewhere. False when refused. */
    public boolean offline(int cpu, int onCpu) {
        return perform(CpuSet.of(cpu, onCpu), false, (m, held) -> {
            if (cpu == onCpu || !m.cpu(cpu).online() || !m.cpu(onCpu).online()) {
                return null;
            }
            return Scheduler.step(m, new Event.CpuOffline(cpu, onCpu)).state();
        });
    }

    /** CPU {@code cpu} comes back online. False when it already is. */
    public boolean online(int cpu) {
        return perform(CpuSet.of(cpu), false, (m, held) -> {
            if (m.cpu(cpu).online()) {
                return null;
            }
            return Scheduler.step(m, new Event.CpuOnline(cpu)).state();
        });
    }

    // ------------------------------------------------------------------ the protocol

    private boolean perform(CpuSet initial, boolean steals, Step step) {
        CpuSet need = initial;
        while (true) {
            Attempt a = lockThenTry(need.toArray(), 0, CpuSet.empty(), step, steals);
            if (a.finished) {
                if (a.applied) {
                    countApplied();
                }
                return a.applied;
            }
            need = need.or(a.need);
        }
    }

    private void countApplied() {
        if (fault == Fault.UNGUARDED_COUNTER) {
            appliedUnguarded++; // PLANTED BUG: a read-modify-write of a plain shared field under no common lock
        } else {
            applied.incrementAndGet();
        }
    }

    /** Takes {@code order[i..]} nested on top of {@code held}, then tries the step. */
    private Attempt lockThenTry(int[] order, int i, CpuSet held, Step step, boolean steals) {
        if (i < order.length) {
            synchronized (lock(order[i])) {
                return lockThenTry(order, i + 1, held.with(order[i]), step, steals);
            }
        }
        Attempt a = attempt(held, step, steals);
        if (!a.finished && fault == Fault.UNORDERED_LOCK_PAIR) {
            // PLANTED BUG: keep what we hold and lock the missing CPUs on top, out of global order.
            return lockThenTry(a.need.andNot(held).toArray(), 0, held, step, steals);
        }
        return a;
    }

    private Attempt attempt(CpuSet held, Step step, boolean steals) {
        Machine m = assemble(elapsed.get());
        Machine r;
        try {
            r = step.apply(m, held);
        } catch (IllegalStateException | IllegalArgumentException e) { // IllegalEventException is one
            // The model refused, or tripped over an inconsistent racy copy (e.g. a thread whose
            // state says it is queued on a CPU whose copy, read at another moment, does not list
            // it; found by JPF): decide with everything locked.
            if (held.containsAll(allCpus)) {
                if (e instanceof IllegalEventException) {
                    return Attempt.REFUSED;
                }
                throw e;
            }
            return Attempt.retryWith(allCpus);
        }
        if (r == null) {
            return Attempt.REFUSED;
        }
        CpuSet touched = touched(m, r);
        boolean covered = held.containsAll(touched);
        if (fault == Fault.PUBLISH_BEFORE_VALIDATE) {
            // PLANTED BUG: publish first, validate afterwards — too late: what was published
            // for CPUs read without their lock (stale load/lowpri/queues) cannot be taken back.
            publish(m, r);
            return Attempt.APPLIED;
        }
        if (!covered && !(steals && fault == Fault.STEAL_WITHOUT_VICTIM_LOCK)) {
            return Attempt.retryWith(touched);
        }
        // (with STEAL_WITHOUT_VICTIM_LOCK a steal gets here holding only the thief's lock: PLANTED BUG)
        publish(m, r);
        return Attempt.APPLIED;
    }

    /** CPUs whose state the step changed, plus the old and new CPU of every thread it changed. */
    private CpuSet touched(Machine m, Machine r) {
        if (r.threadCount() != m.threadCount() || r.cpuCount() != m.cpuCount()) {
            throw new IllegalStateException("a step created threads or CPUs; this layer has a fixed set");
        }
        CpuSet t = CpuSet.empty();
        for (int c = 0; c < cpuCount; c++) {
            if (!m.cpu(c).equals(r.cpu(c))) {
                t = t.with(c);
            }
        }
        for (int tid = 0; tid < m.threadCount(); tid++) {
            ThreadState before = m.thread(tid);
            ThreadState after = r.thread(tid);
            if (!before.equals(after)) {
                t = t.with(before.cpu()).with(after.cpu());
            }
        }
        return t;
    }

    private void publish(Machine m, Machine r) {
        for (int c = 0; c < cpuCount; c++) {
            CpuState s = r.cpu(c);
            if (!m.cpu(c).equals(s)) {
                cpuCell(c).set(s);
            }
        }
        for (int tid = 0; tid < threads.length; tid++) {
            ThreadState s = r.thread(tid);
            if (!m.thread(tid).equals(s)) {
                threadCell(tid).set(s);
            }
        }
    }

    private Machine assemble(long at) {
        List<CpuState> cs = new ArrayList<>(cpuCount);
        for (int c = 0; c < cpuCount; c++) {
            cs.add(cpuCell(c).get());
        }
        List<ThreadState> ts = new ArrayList<>(threads.length);
        for (int t = 0; t < threads.length; t++) {
            ts.add(threadCell(t).get());
        }
        return Machine.of(config, at, cs, ts, 0);
    }

    // ------------------------------------------------------------------ per-CPU halves of whole-machine steps

    private static List<ThreadState> threadList(Machine m) {
        List<ThreadState> ts = new ArrayList<>(m.threadCount());
        for (int t = 0; t < m.threadCount(); t++) {
            ts.add(m.thread(t));
        }
        return ts;
    }

    /** {@code m}'s CPUs with every CPU but {@code cpu} marked offline, so whole-machine loops touch only {@code cpu}. */
    private static List<CpuState> masked(Machine m, int cpu) {
        List<CpuState> cs = new ArrayList<>(m.cpuCount());
        for (int c = 0; c < m.cpuCount(); c++) {
            if (c == cpu) {
                cs.add(m.cpu(c));
            } else {
                CpuState.Builder b = m.cpu(c).edit();
                b.online = false;
                cs.add(b.build());
            }
        }
        return cs;
    }

    /** {@code cpu}'s state from {@code result}, every other CPU's from {@code original}. */
    private static List<CpuState> unmasked(Machine result, Machine original, int cpu) {
        List<CpuState> cs = new ArrayList<>(original.cpuCount());
        for (int c = 0; c < original.cpuCount(); c++) {
            cs.add(c == cpu ? result.cpu(c) : original.cpu(c));
        }
        return cs;
    }

    /**
     * The model's return to user mode for CPU {@code cpu} alone. The core offers it only for all
     * CPUs at once ({@link Scheduler#returnToUser}), so: an idle CPU with load switches through
     * {@link Event.IdleLoop}; a switch that stays local runs on a machine where the other CPUs
     * are masked offline (exact: nothing else is read); a switch that must re-pick a CPU
     * ({@code TDF_PICKCPU}, or a cpuset that excludes this CPU) runs as {@link Event.Yield},
     * whose state change is the same except that an owed preemption is not placed at the head
     * ({@code SRQ_PREEMPTED}) — a documented deviation.
     */
    private static Machine returnToUser(Machine m, int cpu) {
        CpuState c = m.cpu(cpu);
        if (!c.online()) {
            return m;
        }
        if (c.isIdle()) {
            return c.load() > 0 ? Scheduler.step(m, new Event.IdleLoop(cpu)).state() : m;
        }
        ThreadState td = m.thread(c.curthread());
        if (!td.owePreempt() && !td.astPending()) {
            return m;
        }
        boolean repick = m.config().smp() && td.pinned() == 0 && (td.pickCpu() || !td.cpuset().contains(cpu));
        if (repick) {
            return Scheduler.step(m, new Event.Yield(cpu)).state();
        }
        Machine local = Machine.of(m.config(), m.elapsed(), masked(m, cpu), threadList(m), 0);
        Machine done = Scheduler.returnToUser(local).state();
        return Machine.of(m.config(), m.elapsed(), unmasked(done, m, cpu), threadList(done), 0);
    }
}
