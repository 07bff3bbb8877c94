// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.ulemodel.core.machine.CpuState;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.machine.MigrateReason;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.machine.Scheduler;
import org.ulemodel.core.machine.StepResult;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.prio.Priorities;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.sim.rtapp.Workload;
import org.ulemodel.sim.rtapp.Workload.Policy;
import org.ulemodel.sim.rtapp.Workload.Step;
import org.ulemodel.spec.CheckedScheduler;

/**
 * A deterministic discrete-event simulation of an rt-app {@link Workload} on the model, in
 * microseconds. Between model events, every running thread consumes CPU time for its current
 * {@code run} (or waits out its {@code runtime}); the next event is the earliest of: a run burst
 * ending, a sleeper's or timer's due time, a thread's start, and the next hz tick. At one instant
 * the order is: running threads continue their programs (in CPU order), due wakeups (by thread
 * id, or a seeded order), due thread starts, then the hz {@link Event.Tick}. After every model
 * step pending IPIs are delivered at once; an idle CPU whose queues hold a thread runs its idle
 * loop at once; at every stathz tick each idle CPU runs one idle-loop pass (a steal attempt).
 * A sleeper is woken by a callout on the CPU it last ran on; a thread woken by another thread
 * (resume, signal, unlock, barrier) is woken from the waker's CPU; threads are created from CPU 0
 * (rt-app's main thread), forks from the forking thread's CPU.
 *
 * <p>{@code seed} settles what the workload leaves open: 0 keeps FreeBSD's boot {@code randomval}
 * of every CPU (cpu·69069+5) and orders simultaneous wakeups by thread id; any other value draws
 * every CPU's boot {@code randomval} and the order of simultaneous wakeups from a
 * {@link SplittableRandom} seeded with it.
 */
public final class Engine {
    /** Simulation settings: how long (µs), the seed, and whether every step checks the spec's invariants. */
    public record Options(long durationUs, long seed, boolean checked) {
    }

    private enum Status { UNSTARTED, ACTIVE, BLOCKED, DONE }

    /** One thread of the simulation (one instance of an rt-app task). */
    final class Sim {
        final int tid;
        final String comm;
        final Workload.Task task;
        Status status = Status.ACTIVE;
        int phase;
        long phaseIter;
        int stepIdx;
        long threadIter;
        boolean started;
        long iterStart;
        long runLeft = -1;
        long runtimeEnd = -1;
        PriClass cls;
        int nice;
        int rtPrio;
        Policy policy;
        final Set<String> held = new HashSet<>();
        final Map<String, long[]> timers = new HashMap<>();
        long cpuUs;
        long runs;
        long queuedSince = -1;
        final List<Long> waits = new ArrayList<>();
        final Map<MigrateReason, Integer> migrations = new EnumMap<>(MigrateReason.class);
        int minPri = Integer.MAX_VALUE;
        int maxPri = Integer.MIN_VALUE;

        Sim(int tid, String comm, Workload.Task task) {
            this.tid = tid;
            this.comm = comm;
            this.task = task;
        }

        boolean busy() {
            return runLeft > 0 || (runtimeEnd >= 0 && now < runtimeEnd);
        }
    }

    private record Wakeup(long at, long order, Sim who) {
    }

    private record Start(long at, int seq, Workload.Task task, int instance) {
    }

    private final Workload workload;
    private final MachineConfig config;
    private final Options opt;
    private final CheckedScheduler checker;
    private final List<StepListener> listeners = new ArrayList<>();
    private final SplittableRandom rnd;
    private final long tickUs;
    private Machine m;
    private final Machine bootState;
    private long now;
    private long steps;
    private final List<Sim> threads = new ArrayList<>();
    private final Map<String, Workload.Task> taskByName = new HashMap<>();
    private final Map<String, Integer> forkCount = new HashMap<>();
    private final PriorityQueue<Wakeup> sleepers = new PriorityQueue<>(
            Comparator.comparingLong(Wakeup::at).thenComparingLong(Wakeup::order).thenComparingInt(w -> w.who().tid));
    private final PriorityQueue<Start> starts = new PriorityQueue<>(
            Comparator.comparingLong(Start::at).thenComparingInt(Start::seq));
    private final Map<String, Integer> mutexOwner = new HashMap<>();
    private final Map<String, ArrayDeque<Sim>> mutexWaiters = new HashMap<>();
    private final Map<String, ArrayDeque<Sim[]>> condWaiters = new HashMap<>();
    private final Map<Sim, String> condMutex = new HashMap<>();
    private final Map<String, List<Sim>> suspended = new HashMap<>();
    private final Map<String, Integer> barrierUsers = new HashMap<>();
    private final Map<String, List<Sim>> barrierWaiting = new HashMap<>();
    private final long[] busyUs;
    private final long[] switches;
    private final Timeline timeline;
    private LongConsumer progress = t -> { };

    public Engine(Workload workload, MachineConfig config, Options opt) {
        this.workload = workload;
        this.config = config;
        this.opt = opt;
        this.checker = opt.checked() ? new CheckedScheduler() : null;
        this.rnd = new SplittableRandom(opt.seed());
        this.tickUs = 1_000_000L / config.params().hz();
        this.busyUs = new long[config.cpus()];
        this.switches = new long[config.cpus()];
        this.timeline = new Timeline(config.cpus());
        Machine boot = Machine.boot(config);
        if (opt.seed() != 0) {
            for (int c = 0; c < config.cpus(); c++) {
                CpuState.Builder b = boot.cpu(c).edit();
                b.randomval = rnd.nextInt();
                boot = boot.withCpu(b.build());
            }
        }
        this.m = boot;
        this.bootState = boot;
        for (Workload.Task t : workload.tasks()) {
            taskByName.put(t.name(), t);
            validateSched(t);
        }
        countBarrierUsers();
    }

    /** Adds an observer of every model step. */
    public Engine listen(StepListener l) {
        listeners.add(l);
        return this;
    }

    /** Called with the simulated time (µs) now and then, for a progress display. */
    public Engine onProgress(LongConsumer p) {
        this.progress = p;
        return this;
    }

    /** The boot state the simulation starts from (with the seeded {@code randomval}s). */
    public Machine initialState() {
        return bootState;
    }

    private void countBarrierUsers() {
        for (Workload.Task t : workload.tasks()) {
            Set<String> used = new HashSet<>();
            for (Workload.Phase p : t.phases()) {
                for (Step s : p.steps()) {
                    if (s instanceof Workload.Barrier) {
                        used.add(((Workload.Barrier) s).ref());
                    }
                }
            }
            for (String b : used) {
                barrierUsers.merge(b, t.instances(), Integer::sum);
            }
        }
    }

    private void validateSched(Workload.Task t) {
        Workload.Sched base = t.sched();
        Policy policy = base.policy() != null ? base.policy() : workload.defaultPolicy();
        Integer prio = base.priority();
        checkSched(policy, prio, base.at() != null ? base.at() : t.at());
        checkCpus(base);
        for (Workload.Phase p : t.phases()) {
            Workload.Sched s = p.sched();
            checkCpus(s);
            if (s.policy() != null && s.policy() != policy && !(isRt(s.policy()) && isRt(policy) && s.policy() == policy)) {
                throw new WorkloadError(s.at(), "phase \"" + p.name() + "\" changes the policy from " + policy + " to " + s.policy()
                        + ": the model has no event that changes a thread's scheduling class");
            }
            if (s.priority() != null) {
                checkSched(policy, s.priority(), s.at());
                if (policy != Policy.SCHED_OTHER && !s.priority().equals(prio)) {
                    throw new WorkloadError(s.at(), "phase \"" + p.name() + "\" changes a " + policy
                            + " priority: the model has no event for that (only nice changes, for SCHED_OTHER)");
                }
            }
        }
    }

    private static boolean isRt(Policy p) {
        return p == Policy.SCHED_FIFO || p == Policy.SCHED_RR;
    }

    private static void checkSched(Policy policy, Integer prio, String at) {
        if (prio == null) {
            return;
        }
        if (policy == Policy.SCHED_OTHER && (prio < Priorities.PRIO_MIN || prio > Priorities.PRIO_MAX)) {
            throw new WorkloadError(at, "SCHED_OTHER priority (nice) " + prio + ": expected " + Priorities.PRIO_MIN + ".." + Priorities.PRIO_MAX);
        }
        if (isRt(policy) && (prio < 1 || prio > 99)) {
            throw new WorkloadError(at, policy + " priority " + prio + ": expected 1..99");
        }
    }

    private void checkCpus(Workload.Sched s) {
        if (s.cpus() == null) {
            return;
        }
        for (int c : s.cpus()) {
            if (c >= config.cpus()) {
                throw new WorkloadError(s.at(), "\"cpus\" names CPU " + c + " but the topology has CPUs 0.." + (config.cpus() - 1));
            }
        }
    }

    // ------------------------------------------------------------------ the model

    private StepResult apply(Event e) {
        Machine before = m;
        StepResult r;
        try {
            r = checker != null ? checker.step(m, e) : Scheduler.step(m, e);
        } catch (org.ulemodel.core.machine.IllegalEventException ex) {
            throw new IllegalStateException("simulation produced an event the model refuses at " + now + " us: " + e + ": "
                    + ex.getMessage(), ex);
        }
        m = r.state();
        steps++;
        for (Decision d : r.decisions()) {
            observe(d);
        }
        for (StepListener l : listeners) {
            try {
                l.step(steps, now * 1000, e, before, r);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return r;
    }

    private void observe(Decision d) {
        if (d instanceof Decision.Enqueue) {
            Sim t = threads.get(((Decision.Enqueue) d).tid());
            if (t.queuedSince < 0) {
                t.queuedSince = now;
            }
        } else if (d instanceof Decision.Switch) {
            Decision.Switch s = (Decision.Switch) d;
            switches[s.cpu()]++;
            timeline.switchTo(s.cpu(), now, s.to());
            if (s.to() >= 0) {
                Sim t = threads.get(s.to());
                t.runs++;
                if (t.queuedSince >= 0) {
                    t.waits.add(now - t.queuedSince);
                    t.queuedSince = -1;
                }
            }
        } else if (d instanceof Decision.Migrate) {
            Decision.Migrate mg = (Decision.Migrate) d;
            threads.get(mg.tid()).migrations.merge(mg.why(), 1, Integer::sum);
        } else if (d instanceof Decision.PriorityChange) {
            Decision.PriorityChange pc = (Decision.PriorityChange) d;
            if (!pc.user()) {
                Sim t = threads.get(pc.tid());
                t.minPri = Math.min(t.minPri, pc.to());
                t.maxPri = Math.max(t.maxPri, pc.to());
            }
        }
    }

    private void deliverIpis() {
        for (int round = 0; round < 4 * config.cpus() + 4; round++) {
            boolean any = false;
            for (int c = 0; c < m.cpuCount(); c++) {
                CpuState cpu = m.cpu(c);
                if (cpu.online() && cpu.ipiPending()) {
                    apply(new Event.DeliverIpi(c));
                    any = true;
                }
            }
            if (!any) {
                return;
            }
        }
        throw new IllegalStateException("IPIs keep arriving at " + now + " us");
    }

    private StepResult step(Event e) {
        StepResult r = apply(e);
        deliverIpis();
        return r;
    }

    // ------------------------------------------------------------------ threads

    private void create(Workload.Task task, int instance, int onCpu) {
        int tid = threads.size();
        String comm = task.instances() > 1 || instance > 0 ? task.name() + "-" + instance : task.name();
        Sim t = new Sim(tid, comm, task);
        threads.add(t);
        Workload.Sched s = task.sched();
        t.policy = s.policy() != null ? s.policy() : workload.defaultPolicy();
        int prio = s.priority() != null ? s.priority() : (isRt(t.policy) ? 10 : 0);
        Event.Create ev;
        CpuSet set = s.cpus() == null ? null : CpuSet.of(s.cpus().stream().mapToInt(Integer::intValue).toArray());
        switch (t.policy) {
            case SCHED_FIFO:
            case SCHED_RR:
                t.cls = PriClass.REALTIME;
                t.rtPrio = prio;
                ev = new Event.Create(PriClass.REALTIME, 0, realtimePriority(prio), t.policy == Policy.SCHED_FIFO, set, onCpu);
                break;
            case SCHED_IDLE:
                t.cls = PriClass.IDLE;
                ev = new Event.Create(PriClass.IDLE, 0, Priorities.PRI_MIN_IDLE, false, set, onCpu);
                break;
            default:
                t.cls = PriClass.TIMESHARE;
                t.nice = prio;
                ev = new Event.Create(PriClass.TIMESHARE, prio, -1, false, set, onCpu);
        }
        step(ev);
        if (m.threadCount() != threads.size()) {
            throw new IllegalStateException("model thread ids out of step with the simulation");
        }
        int p = m.thread(tid).priority();
        t.minPri = Math.min(t.minPri, p);
        t.maxPri = Math.max(t.maxPri, p);
    }

    /**
     * The ULE priority for a Linux realtime priority 1..99 (higher is better): FreeBSD's rtprio
     * 0..31 (lower is better) is (99 − p)·31/98, and td_priority = PRI_MIN_REALTIME + rtprio.
     */
    public static int realtimePriority(int linuxPrio) {
        return Priorities.PRI_MIN_REALTIME + (99 - linuxPrio) * 31 / 98;
    }

    /** The thread's name as the tables and traces show it. */
    public String comm(int tid) {
        return tid < 0 ? "<idle>" : threads.get(tid).comm;
    }

    /** The priority Linux would show for the thread: 120 + nice (SCHED_OTHER), 99 − priority (FIFO/RR), 139 (SCHED_IDLE). */
    public int linuxPrio(int tid) {
        if (tid < 0) {
            return 120;
        }
        Sim t = threads.get(tid);
        switch (t.cls) {
            case REALTIME:
                return 99 - t.rtPrio;
            case IDLE:
                return 139;
            default:
                return 120 + t.nice;
        }
    }

    private void block(Sim t, int cpu) {
        if (m.cpu(cpu).curthread() != t.tid) {
            throw new IllegalStateException("blocking " + t.comm + " at " + now + " us but CPU " + cpu + " runs "
                    + comm(m.cpu(cpu).curthread()));
        }
        t.status = Status.BLOCKED;
        step(new Event.Block(cpu, 0));
    }

    private void wake(Sim t, int onCpu) {
        if (t.status != Status.BLOCKED) {
            throw new IllegalStateException("waking " + t.comm + " which is not blocked");
        }
        t.status = Status.ACTIVE;
        step(new Event.Wake(t.tid, onCpu));
    }

    private int callbackCpu(Sim t) {
        int c = m.thread(t.tid).cpu();
        if (c >= 0 && m.cpu(c).online()) {
            return c;
        }
        for (int i = 0; i < m.cpuCount(); i++) {
            if (m.cpu(i).online()) {
                return i;
            }
        }
        throw new IllegalStateException("no online CPU");
    }

    private void sleepUntil(Sim t, int cpu, long at) {
        long order = opt.seed() == 0 ? t.tid : rnd.nextLong();
        sleepers.add(new Wakeup(at, order, t));
        block(t, cpu);
    }

    /** The next step of {@code t}'s program, applying phase-start settings; null when the thread is done. */
    private Step next(Sim t, int cpu) {
        List<Workload.Phase> phases = t.task.phases();
        while (true) {
            if (t.threadIter >= t.task.loop() && t.task.loop() >= 0) {
                return null;
            }
            Workload.Phase p = phases.get(t.phase);
            if (!t.started) {
                t.started = true;
                enterPhase(t, p, cpu);
                if (m.cpu(cpu).curthread() != t.tid) {
                    return null;
                }
            }
            if (t.stepIdx == 0) {
                t.iterStart = now;
            }
            if (t.stepIdx < p.steps().size()) {
                return p.steps().get(t.stepIdx++);
            }
            t.stepIdx = 0;
            t.phaseIter++;
            if (p.loop() >= 0 && t.phaseIter >= p.loop()) {
                t.phaseIter = 0;
                t.phase++;
                if (t.phase == phases.size()) {
                    t.phase = 0;
                    t.threadIter++;
                }
                t.started = false;
            }
        }
    }

    private void enterPhase(Sim t, Workload.Phase p, int cpu) {
        Workload.Sched s = p.sched();
        if (s.priority() != null && t.cls == PriClass.TIMESHARE && s.priority() != t.nice) {
            t.nice = s.priority();
            step(new Event.SetNice(t.tid, t.nice));
        }
        List<Integer> want = s.cpus() != null ? s.cpus() : t.task.sched().cpus();
        CpuSet set = want == null ? CpuSet.firstN(config.cpus())
                : CpuSet.of(want.stream().mapToInt(Integer::intValue).toArray());
        if (!set.equals(m.thread(t.tid).cpuset())) {
            step(new Event.SetCpuset(t.tid, set, cpu));
        }
    }

    /** Most instantaneous steps (resume, lock, fork, …) a thread may take in a row at one instant. */
    public static final int INSTANT_STEPS = 10_000;

    /** Runs {@code t}'s program on {@code cpu} until it needs CPU time, blocks, yields or ends. */
    private void advance(Sim t, int cpu) {
        if (t.runLeft == 0) {
            t.runLeft = -1;
        }
        if (t.runtimeEnd >= 0 && now >= t.runtimeEnd) {
            t.runtimeEnd = -1;
        }
        for (int guard = 0; guard < INSTANT_STEPS; guard++) {
            if (m.cpu(cpu).curthread() != t.tid || t.status != Status.ACTIVE || t.busy()) {
                return;
            }
            Step s = next(t, cpu);
            if (s == null) {
                if (m.cpu(cpu).curthread() != t.tid) {
                    return;
                }
                if (t.task.loop() >= 0 && t.threadIter >= t.task.loop()) {
                    t.status = Status.DONE;
                    timeline.exit(t.tid);
                    step(new Event.Exit(cpu));
                }
                return;
            }
            perform(t, cpu, s);
        }
        throw new WorkloadError(t.task.at(), "thread " + t.comm + " ran " + INSTANT_STEPS
                + " steps in a row without using CPU time or blocking: give its loop a run, sleep or timer");
    }

    private void perform(Sim t, int cpu, Step s) {
        if (s instanceof Workload.Run) {
            long us = ((Workload.Run) s).us();
            if (us > 0) {
                t.runLeft = us;
            }
        } else if (s instanceof Workload.Runtime) {
            long us = ((Workload.Runtime) s).us();
            if (us > 0) {
                t.runtimeEnd = now + us;
            }
        } else if (s instanceof Workload.Sleep) {
            long us = ((Workload.Sleep) s).us();
            if (us > 0) {
                sleepUntil(t, cpu, now + us);
            }
        } else if (s instanceof Workload.Timer) {
            Workload.Timer tm = (Workload.Timer) s;
            long[] next = tm.ref().startsWith("unique") ? t.timers.computeIfAbsent(tm.ref(), k -> new long[] {-1})
                    : sharedTimers.computeIfAbsent(tm.ref(), k -> new long[] {-1});
            if (next[0] < 0) {
                next[0] = t.iterStart;
            }
            next[0] += tm.periodUs();
            if (now < next[0]) {
                sleepUntil(t, cpu, next[0]);
            } else if (!tm.absolute()) {
                next[0] = now;
            }
        } else if (s instanceof Workload.Suspend) {
            suspended.computeIfAbsent(((Workload.Suspend) s).ref(), k -> new ArrayList<>()).add(t);
            block(t, cpu);
        } else if (s instanceof Workload.Resume) {
            List<Sim> w = suspended.remove(((Workload.Resume) s).ref());
            if (w != null) {
                for (Sim x : w) {
                    wake(x, cpu);
                }
            }
        } else if (s instanceof Workload.Lock) {
            String mx = ((Workload.Lock) s).mutex();
            if (t.held.contains(mx)) {
                throw new WorkloadError(s.at(), t.comm + " locks mutex \"" + mx + "\" which it already holds (rt-app's mutexes are not recursive)");
            }
            Integer owner = mutexOwner.get(mx);
            if (owner == null) {
                mutexOwner.put(mx, t.tid);
                t.held.add(mx);
            } else {
                mutexWaiters.computeIfAbsent(mx, k -> new ArrayDeque<>()).add(t);
                block(t, cpu);
            }
        } else if (s instanceof Workload.Unlock) {
            unlock(t, ((Workload.Unlock) s).mutex(), cpu, s.at());
        } else if (s instanceof Workload.Wait) {
            Workload.Wait w = (Workload.Wait) s;
            condWait(t, w.ref(), w.mutex(), cpu, s.at());
        } else if (s instanceof Workload.Signal) {
            wakeAll(signal(((Workload.Signal) s).ref(), false), cpu);
        } else if (s instanceof Workload.Broad) {
            wakeAll(signal(((Workload.Broad) s).ref(), true), cpu);
        } else if (s instanceof Workload.Sync) {
            Workload.Sync w = (Workload.Sync) s;
            // the signalled thread is woken once t sleeps: woken first, it could preempt t before t blocks
            List<Sim> woken = signal(w.ref(), false);
            condWait(t, w.ref(), w.mutex(), cpu, s.at());
            wakeAll(woken, cpu);
        } else if (s instanceof Workload.Barrier) {
            String b = ((Workload.Barrier) s).ref();
            List<Sim> waiting = barrierWaiting.computeIfAbsent(b, k -> new ArrayList<>());
            if (waiting.size() + 1 >= barrierUsers.getOrDefault(b, 1)) {
                List<Sim> all = new ArrayList<>(waiting);
                waiting.clear();
                for (Sim x : all) {
                    wake(x, cpu);
                }
            } else {
                waiting.add(t);
                block(t, cpu);
            }
        } else if (s instanceof Workload.Yield) {
            step(new Event.Yield(cpu));
        } else if (s instanceof Workload.Fork) {
            String name = ((Workload.Fork) s).task();
            if (threads.size() >= org.ulemodel.sim.rtapp.RtAppReader.MAX_INSTANCES) {
                throw new WorkloadError(s.at(), "fork of \"" + name + "\" would make more than "
                        + org.ulemodel.sim.rtapp.RtAppReader.MAX_INSTANCES + " threads");
            }
            int k = forkCount.merge(name, 1, Integer::sum);
            create(taskByName.get(name), taskByName.get(name).instances() + k - 1, cpu);
        }
    }

    private final Map<String, long[]> sharedTimers = new HashMap<>();

    private void unlock(Sim t, String mx, int cpu, String at) {
        if (!t.held.remove(mx)) {
            throw new WorkloadError(at, t.comm + " unlocks mutex \"" + mx + "\" which it does not hold");
        }
        ArrayDeque<Sim> q = mutexWaiters.get(mx);
        Sim next = q == null ? null : q.poll();
        if (next == null) {
            mutexOwner.remove(mx);
        } else {
            mutexOwner.put(mx, next.tid);
            next.held.add(mx);
            wake(next, cpu);
        }
    }

    private void condWait(Sim t, String ref, String mx, int cpu, String at) {
        if (!t.held.contains(mx)) {
            throw new WorkloadError(at, t.comm + " waits on \"" + ref + "\" without holding mutex \"" + mx + "\" (lock it first)");
        }
        condWaiters.computeIfAbsent(ref, k -> new ArrayDeque<>()).add(new Sim[] {t});
        condMutex.put(t, mx);
        // t sleeps before its mutex goes to the next waiter: woken first, that waiter could preempt t before t blocks
        block(t, cpu);
        unlockQuietly(t, mx, cpu);
    }

    private void unlockQuietly(Sim t, String mx, int cpu) {
        unlock(t, mx, cpu, "");
    }

    /**
     * Takes the first (or every) waiter off {@code ref}; a waiter retakes its mutex first, waiting
     * for it if held. Returns the waiters that got their mutex, for the caller to wake.
     */
    private List<Sim> signal(String ref, boolean all) {
        List<Sim> woken = new ArrayList<>();
        ArrayDeque<Sim[]> q = condWaiters.get(ref);
        while (q != null && !q.isEmpty()) {
            Sim w = q.poll()[0];
            String mx = condMutex.remove(w);
            if (mutexOwner.get(mx) == null) {
                mutexOwner.put(mx, w.tid);
                w.held.add(mx);
                woken.add(w);
            } else {
                mutexWaiters.computeIfAbsent(mx, k -> new ArrayDeque<>()).add(w);
            }
            if (!all) {
                break;
            }
        }
        return woken;
    }

    private void wakeAll(List<Sim> woken, int cpu) {
        for (Sim w : woken) {
            wake(w, cpu);
        }
    }

    // ------------------------------------------------------------------ the clock

    /** Runs the simulation and returns its figures. */
    public Result run() {
        long end = opt.durationUs();
        int seq = 0;
        for (Workload.Task t : workload.tasks()) {
            for (int i = 0; i < t.instances(); i++) {
                starts.add(new Start(t.delayUs(), seq++, t, i));
            }
        }
        long lastProgress = 0;
        while (now < end) {
            settle();
            wakeDue();
            while (!starts.isEmpty() && starts.peek().at() <= now) {
                Start s = starts.poll();
                create(s.task(), s.instance(), 0);
            }
            long nextTick = (m.elapsed() + 1) * tickUs;
            if (now >= nextTick) {
                long statBefore = Scheduler.statTicks(m);
                step(new Event.Tick());
                boolean stat = Scheduler.statTicks(m) != statBefore;
                if (stat) {
                    for (int c = 0; c < m.cpuCount(); c++) {
                        CpuState cpu = m.cpu(c);
                        if (cpu.online() && cpu.isIdle()) {
                            step(new Event.IdleLoop(c));
                        }
                    }
                }
                nextTick = (m.elapsed() + 1) * tickUs;
            }
            settle();
            if (allDone()) {
                break;
            }
            long next = Math.min(nextTick, end);
            for (int c = 0; c < m.cpuCount(); c++) {
                int cur = m.cpu(c).curthread();
                if (cur >= 0) {
                    Sim t = threads.get(cur);
                    if (t.runLeft > 0) {
                        next = Math.min(next, now + t.runLeft);
                    } else if (t.runtimeEnd >= 0) {
                        next = Math.min(next, Math.max(now, t.runtimeEnd));
                    }
                }
            }
            if (!sleepers.isEmpty()) {
                next = Math.min(next, sleepers.peek().at());
            }
            if (!starts.isEmpty()) {
                next = Math.min(next, starts.peek().at());
            }
            if (next <= now) {
                next = now;
            }
            long dt = next - now;
            for (int c = 0; c < m.cpuCount(); c++) {
                int cur = m.cpu(c).curthread();
                if (cur >= 0) {
                    Sim t = threads.get(cur);
                    t.cpuUs += dt;
                    busyUs[c] += dt;
                    if (t.runLeft > 0) {
                        t.runLeft -= dt;
                    }
                }
            }
            now = next;
            if (now - lastProgress >= 100_000) {
                lastProgress = now;
                progress.accept(now);
            }
        }
        timeline.finish(now);
        return result();
    }

    private boolean allDone() {
        if (!starts.isEmpty()) {
            return false;
        }
        for (Sim t : threads) {
            if (t.status != Status.DONE) {
                return false;
            }
        }
        return true;
    }

    private void wakeDue() {
        while (!sleepers.isEmpty() && sleepers.peek().at() <= now) {
            Sim t = sleepers.poll().who();
            wake(t, callbackCpu(t));
        }
    }

    /** Lets every running thread go on with its program, and idle CPUs with queued threads switch, until nothing changes. */
    private void settle() {
        for (int round = 0; round < 1_000_000; round++) {
            boolean changed = false;
            for (int c = 0; c < m.cpuCount(); c++) {
                int cur = m.cpu(c).curthread();
                if (cur >= 0) {
                    Sim t = threads.get(cur);
                    if (t.status == Status.ACTIVE && !t.busy()) {
                        long before = steps;
                        int[] pc = {t.phase, t.stepIdx};
                        advance(t, c);
                        if (steps != before || pc[0] != t.phase || pc[1] != t.stepIdx || t.busy()) {
                            changed = true;
                        }
                    }
                }
            }
            for (int c = 0; c < m.cpuCount(); c++) {
                CpuState cpu = m.cpu(c);
                if (cpu.online() && cpu.isIdle() && cpu.queued() > 0) {
                    step(new Event.IdleLoop(c));
                    if (!m.cpu(c).isIdle()) {
                        changed = true;
                    }
                }
            }
            if (!changed) {
                return;
            }
        }
        throw new IllegalStateException("the simulation does not settle at " + now + " us");
    }

    // ------------------------------------------------------------------ results

    /** Figures for one thread. */
    public record ThreadStats(int tid, String comm, String policy, long cpuUs, long runs, long[] waitsUs, int minPri, int maxPri,
            Map<MigrateReason, Integer> migrations) {
    }

    /** The outcome of a simulation. */
    public record Result(long durationUs, List<ThreadStats> threads, long[] cpuBusyUs, long[] cpuSwitches, long steps,
            long invariantChecks, Timeline timeline, Machine finalState) {
    }

    private Result result() {
        List<ThreadStats> out = new ArrayList<>();
        for (Sim t : threads) {
            long[] w = t.waits.stream().mapToLong(Long::longValue).sorted().toArray();
            String pol = t.policy + (t.cls == PriClass.TIMESHARE ? " nice " + t.nice : t.cls == PriClass.REALTIME ? " " + t.rtPrio : "");
            out.add(new ThreadStats(t.tid, t.comm, pol, t.cpuUs, t.runs, w, t.minPri, t.maxPri, Map.copyOf(t.migrations)));
        }
        return new Result(now, List.copyOf(out), busyUs.clone(), switches.clone(), steps, checker == null ? 0 : checker.checks(),
                timeline, m);
    }
}
