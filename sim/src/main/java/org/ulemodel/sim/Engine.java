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
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.machine.MigrateReason;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.prio.Priorities;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.sim.rtapp.Workload;
import org.ulemodel.trace.timeline.Timeline;
import org.ulemodel.sim.rtapp.Workload.Policy;
import org.ulemodel.sim.rtapp.Workload.Step;
import org.ulemodel.spec.EventText;
import org.ulemodel.spec.InvariantViolationException;
import org.ulemodel.spec.Violation;
import org.ulemodel.spec.explore.Checker;
import org.ulemodel.spec.explore.ComposedSpecs;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.explore.ModelSpecs;

/**
 * The workload driver: a deterministic discrete-event simulation of a {@link Workload} on any
 * {@link SchedulerModel}, in microseconds. It is the one loop behind {@code ulemodel simulate}
 * (rt-app descriptions, read by {@link org.ulemodel.sim.rtapp.RtAppReader}) and {@code ulemodel
 * demo} (built-in {@link Behavior}s, which become a {@link Workload}); it steps the model only
 * through {@link SchedulerModel#step} and reads states only through {@link SchedulerState}.
 *
 * <p><b>The clock.</b> Between model events every running thread consumes CPU time for its
 * current {@code run} (or waits out its {@code runtime}); the next instant is the earliest of: a
 * run burst ending, a sleeper's or timer's due time, a thread's start, a scheduled CPU change
 * ({@link Options#cpuChanges}), and the next hz tick (every 1,000,000 / hz µs of the state's
 * {@link SchedulerState#hz}). At one instant the order is: running threads continue their
 * programs (in CPU order), due wakeups (by thread id, or a seeded order), due thread starts, due
 * CPU changes, then the hz {@link Event.Tick} (with {@link Options#perCpuClock}, one
 * {@link Event.CpuTick} per online CPU in CPU order, each followed by its IPIs); then the programs
 * again.
 *
 * <p><b>IPIs.</b> After every model step every pending IPI is delivered, CPU by CPU in id order,
 * and again until none is pending ({@link Event.DeliverIpi}): in the kernel an IPI is an interrupt
 * the target takes as soon as it is sent, and one it sends in turn is taken as well, so no
 * simulated time passes with an IPI outstanding.
 *
 * <p><b>Idle loops.</b> An online idle CPU whose queues hold a thread runs its idle loop at once
 * (the idle thread finds work); and whenever a hz tick advances the spec's scheduler clock
 * ({@link ModelSpec#clock}: the stathz clock for ULE 14, the hz clock by default) every online
 * idle CPU runs one idle-loop pass ({@link Event.IdleLoop}, ULE's steal attempt).
 *
 * <p><b>Who causes what.</b> A sleeper is woken by a callout on the CPU it last ran on (the lowest
 * online CPU if that one is offline); a thread woken by another thread (resume, signal, unlock,
 * barrier) is woken from the waker's CPU; threads are created from CPU 0 (rt-app's main thread),
 * forks from the forking thread's CPU; a CPU is taken offline by code on the lowest other online
 * CPU.
 *
 * <p><b>Checks.</b> With {@link Options#checked} every invariant of the {@link ModelSpec} is
 * judged after every step, in the spec's order, and the first broken one stops the run with an
 * {@link InvariantViolationException}; {@link Result#invariantChecks} counts the judgements.
 *
 * <p><b>Outputs.</b> Every step goes to the {@link StepListener}s, the engine's own {@link Stats}
 * first; the text tables ({@link Tables}), the HTML page ({@link HtmlReport}), ftrace
 * ({@link FtraceSink}) and the JSONL decisions are built on them.
 *
 * <p><b>Seeds.</b> {@code seed} settles what the workload leaves open: 0 keeps the model's boot
 * state (for ULE 14 FreeBSD's boot {@code randomval} of every CPU, cpu·69069+5) and orders
 * simultaneous wakeups by thread id; any other value passes the boot state through the engine's
 * {@link BootSeeder} (for ULE 14: every CPU's {@code randomval} drawn) and draws the order of
 * simultaneous wakeups, all from one {@link SplittableRandom} seeded with it.
 *
 * <p>Invariant: model thread ids are the engine's thread ids (0.. in creation order), and
 * {@link #initialState} is the state the first step starts from. Not thread-safe; one run per
 * engine.
 *
 * @param <S> the model's state type
 */
public final class Engine<S extends SchedulerState> {
    /**
     * Simulation settings.
     *
     * @param durationUs how long to simulate, µs (≥ 0)
     * @param seed       0, or the seed of what the workload leaves open (see {@link Engine})
     * @param checked    whether every step is checked against every invariant of the spec
     * @param cpuChanges CPUs taken offline and brought back, at given times
     * @param perCpuClock whether each hz tick is one {@link Event.CpuTick} per online CPU (in CPU
     *                    order) instead of one lock-step {@link Event.Tick}
     */
    public record Options(long durationUs, long seed, boolean checked, List<CpuChange> cpuChanges, boolean perCpuClock) {
        /** Checks the duration and copies the list. */
        public Options {
            if (durationUs < 0) {
                throw new IllegalArgumentException("duration must be >= 0 us, got " + durationUs);
            }
            cpuChanges = List.copyOf(cpuChanges);
        }

        /** Settings with the lock-step clock. */
        public Options(long durationUs, long seed, boolean checked, List<CpuChange> cpuChanges) {
            this(durationUs, seed, checked, cpuChanges, false);
        }

        /** Settings without CPU changes, with the lock-step clock. */
        public Options(long durationUs, long seed, boolean checked) {
            this(durationUs, seed, checked, List.of());
        }

        /** These settings with per-CPU clock events ({@code perCpu}) or the lock-step clock. */
        public Options withPerCpuClock(boolean perCpu) {
            return new Options(durationUs, seed, checked, cpuChanges, perCpu);
        }
    }

    /**
     * CPU {@code cpu} goes offline ({@code online} false) or comes back online at {@code atUs};
     * with a {@code service}, it is offloaded to that dedicated service ({@link Event.Offload})
     * and returned ({@link Event.Return}) instead. Invariant: {@code cpu} ≥ 1 (CPU 0 runs
     * rt-app's main thread, which creates the threads) and {@code atUs} ≥ 0.
     */
    public record CpuChange(long atUs, int cpu, boolean online, String service) {
        /** A plain offline or online (no service). */
        public CpuChange(long atUs, int cpu, boolean online) {
            this(atUs, cpu, online, null);
        }

        /** Checks the CPU and the time. */
        public CpuChange {
            if (cpu < 1) {
                throw new IllegalArgumentException("CPU " + cpu + " cannot go offline: CPU 0 runs rt-app's main thread, which creates the threads");
            }
            if (atUs < 0) {
                throw new IllegalArgumentException("a CPU change at " + atUs + " us: expected a time >= 0");
            }
        }

        /** CPU {@code cpu} offline from {@code fromUs} until {@code toUs}. */
        public static List<CpuChange> offline(int cpu, long fromUs, long toUs) {
            if (toUs <= fromUs) {
                throw new IllegalArgumentException("CPU " + cpu + " offline from " + fromUs + " us to " + toUs + " us: expected the end after the start");
            }
            return List.of(new CpuChange(fromUs, cpu, false), new CpuChange(toUs, cpu, true));
        }

        /** CPU {@code cpu} offloaded to {@code service} from {@code fromUs} until {@code toUs} (−1: to the end of the run). */
        public static List<CpuChange> offload(int cpu, String service, long fromUs, long toUs) {
            if (toUs >= 0 && toUs <= fromUs) {
                throw new IllegalArgumentException("CPU " + cpu + " offloaded from " + fromUs + " us to " + toUs + " us: expected the end after the start");
            }
            CpuChange start = new CpuChange(fromUs, cpu, false, service);
            return toUs < 0 ? List.of(start) : List.of(start, new CpuChange(toUs, cpu, true, service));
        }
    }

    private enum Status { UNSTARTED, ACTIVE, BLOCKED, DONE }

    /** One thread of the simulation (one instance of an rt-app task). */
    static final class Sim {
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

        Sim(int tid, String comm, Workload.Task task) {
            this.tid = tid;
            this.comm = comm;
            this.task = task;
        }

        boolean busy(long now) {
            return runLeft > 0 || (runtimeEnd >= 0 && now < runtimeEnd);
        }
    }

    private record Wakeup(long at, long order, Sim who) {
    }

    private record Start(long at, int seq, Workload.Task task, int instance) {
    }

    private final ModelSpec<S> spec;
    private final SchedulerModel<S> model;
    private final Checker<S> checker;
    private final int invariantCount;
    private final Workload workload;
    private final Options opt;
    private final int cpus;
    private final List<CpuChange> changes;
    private final List<Workload.PolicySwitch> switches;
    private int nextSwitch;
    private final Stats stats;
    private final List<StepListener<? super S>> listeners = new ArrayList<>();
    private final SplittableRandom rnd;
    private final long tickUs;
    private S m;
    private final S bootState;
    private long now;
    private long steps;
    private long checks;
    private int nextChange;
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
    private LongConsumer progress = t -> { };
    private final int[] queuedFound = new int[1];
    private final IntConsumer countQueued = t -> queuedFound[0]++;

    /**
     * An engine running {@code workload} on {@code spec}'s model booted on {@code topology},
     * checked (when {@link Options#checked}) against the spec's invariants. A non-zero seed draws
     * the boot random state ({@link org.ulemodel.core.model.RandomChoices#reseed}; ULE: every CPU's
     * {@code randomval}) and orders simultaneous wakeups; seed 0 keeps the model's boot state.
     *
     * @throws WorkloadError            when the workload cannot run on this machine (a CPU it lacks, a policy change the model has no event for, …)
     * @throws IllegalArgumentException when the CPU changes do not alternate offline, online per CPU or name a CPU the topology lacks
     */
    public Engine(ModelSpec<S> spec, Topology topology, Workload workload, Options opt) {
        if (opt.perCpuClock() && !spec.model().perCpuClocks()) {
            throw new IllegalArgumentException(noPerCpuClocks(spec.model()));
        }
        this.spec = spec;
        this.model = spec.model();
        this.checker = new Checker<>(spec, -1);
        this.invariantCount = spec.invariants().size();
        this.workload = workload;
        this.opt = opt;
        this.rnd = new SplittableRandom(opt.seed());
        S boot = model.boot(topology);
        if (opt.seed() != 0) {
            boot = model.randomChoices().reseed(boot, rnd);
        }
        this.m = boot;
        this.bootState = boot;
        this.cpus = boot.cpuCount();
        this.tickUs = 1_000_000L / boot.hz();
        this.stats = new Stats(cpus);
        List<CpuChange> all = new ArrayList<>(opt.cpuChanges());
        for (Workload.Offload o : workload.offloads()) {
            all.addAll(CpuChange.offload(o.cpu(), o.service(), o.fromUs(), o.toUs()));
        }
        this.changes = checkChanges(all, cpus);
        List<Workload.PolicySwitch> sw = new ArrayList<>(workload.switches());
        sw.sort(Comparator.comparingLong(Workload.PolicySwitch::atUs));
        this.switches = List.copyOf(sw);
        for (Workload.Task t : workload.tasks()) {
            taskByName.put(t.name(), t);
            validateSched(t);
        }
        countBarrierUsers();
    }

    /** FreeBSD 14's ULE ({@link ModelSpecs#ule14()}) booting {@code config}. */
    public static Engine<Machine> ule14(Workload workload, MachineConfig config, Options opt) {
        return new Engine<>(ModelSpecs.ule14().withModel(Ule14Model.withConfig(config)), config.topology(), workload, opt);
    }

    /** {@code spec}'s model booted on {@code topology}: the {@linkplain #Engine constructor}, for a spec of any state type. */
    public static <S extends SchedulerState> Engine<S> of(ModelSpec<S> spec, Topology topology, Workload workload, Options opt) {
        return new Engine<>(spec, topology, workload, opt);
    }

    /** Why {@code model} cannot run with {@link Options#perCpuClock}. */
    public static String noPerCpuClocks(SchedulerModel<?> model) {
        return "model " + model.id() + " takes no per-CPU ticks (SchedulerModel.perCpuClocks): run it with the lock-step clock";
    }

    private static List<CpuChange> checkChanges(List<CpuChange> given, int cpus) {
        List<CpuChange> sorted = new ArrayList<>(given);
        sorted.sort(Comparator.comparingLong(CpuChange::atUs));
        Map<Integer, Boolean> online = new HashMap<>();
        for (CpuChange c : sorted) {
            if (c.cpu() >= cpus) {
                throw new IllegalArgumentException("CPU " + c.cpu() + " changes state but the topology has CPUs 0.." + (cpus - 1));
            }
            boolean was = online.getOrDefault(c.cpu(), true);
            if (was == c.online()) {
                throw new IllegalArgumentException("CPU " + c.cpu() + " is already " + (was ? "online" : "offline") + " at " + c.atUs()
                        + " us");
            }
            online.put(c.cpu(), c.online());
        }
        return List.copyOf(sorted);
    }

    /** Adds an observer of every model step (after the engine's own statistics). */
    public Engine<S> listen(StepListener<? super S> l) {
        listeners.add(l);
        return this;
    }

    /** Called with the simulated time (µs) now and then, for a progress display. */
    public Engine<S> onProgress(LongConsumer p) {
        this.progress = p;
        return this;
    }

    /** The model the engine steps (the spec's). */
    public SchedulerModel<S> model() {
        return model;
    }

    /** The boot state the simulation starts from (with a seeded run's boot randomness). */
    public S initialState() {
        return bootState;
    }

    /** The spec the engine steps and checks. */
    public ModelSpec<S> spec() {
        return spec;
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
            if (c >= cpus) {
                throw new WorkloadError(s.at(), "\"cpus\" names CPU " + c + " but the topology has CPUs 0.." + (cpus - 1));
            }
        }
    }

    // ------------------------------------------------------------------ the model

    private ModelStep<S> apply(Event e) {
        try {
            return applyOrRefuse(e);
        } catch (IllegalEventException ex) {
            throw new IllegalStateException("simulation produced an event model " + model.id() + " refuses at " + now + " us: " + e
                    + ": " + ex.getMessage(), ex);
        }
    }

    /** One model step, checked when asked, seen by every listener. */
    private ModelStep<S> applyOrRefuse(Event e) {
        S before = m;
        ModelStep<S> r = model.step(m, e);
        if (opt.checked()) {
            Violation broken = checker.brokenInvariant(before, r, "t=" + now + " us: " + EventText.format(e));
            if (broken != null) {
                throw new InvariantViolationException(broken);
            }
            checks += invariantCount;
        }
        m = r.state();
        steps++;
        stats.step(steps, now * 1000, e, before, r);
        for (StepListener<? super S> l : listeners) {
            try {
                l.step(steps, now * 1000, e, before, r);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return r;
    }

    /** Delivers every pending IPI, CPU by CPU, until none is pending. */
    private void deliverIpis() {
        for (int round = 0; round < 4 * cpus + 4; round++) {
            boolean any = false;
            for (int c = 0; c < cpus; c++) {
                if (m.online(c) && m.ipiPending(c)) {
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

    private ModelStep<S> step(Event e) {
        ModelStep<S> r = apply(e);
        deliverIpis();
        return r;
    }

    private boolean idleWithWork(int c) {
        if (!m.online(c) || m.running(c) != SchedulerState.IDLE) {
            return false;
        }
        queuedFound[0] = 0;
        m.forEachQueued(c, countQueued);
        return queuedFound[0] > 0;
    }

    private void change(CpuChange c) {
        Event e;
        if (c.online()) {
            e = c.service() != null ? new Event.Return(c.cpu()) : new Event.CpuOnline(c.cpu());
        } else {
            int on = -1;
            for (int i = 0; i < cpus && on < 0; i++) {
                if (i != c.cpu() && m.online(i)) {
                    on = i;
                }
            }
            e = c.service() != null ? new Event.Offload(c.cpu(), on, c.service()) : new Event.CpuOffline(c.cpu(), on);
        }
        try {
            applyOrRefuse(e);
        } catch (IllegalEventException ex) {
            String what = c.service() == null ? (c.online() ? "online" : "offline") : (c.online() ? "returned by " : "offloaded to ")
                    + c.service();
            throw new WorkloadError(String.format(Locale.ROOT, "CPU %d %s at %.6f s", c.cpu(), what, c.atUs() / 1e6),
                    "model " + model.id() + " refuses it: " + ex.getMessage());
        }
        deliverIpis();
    }

    /** The policy switch {@code sw} ({@link Event.SwitchPolicy}); the new model then runs what it finds queued. */
    private void switchPolicy(Workload.PolicySwitch sw) {
        try {
            applyOrRefuse(new Event.SwitchPolicy(sw.model()));
        } catch (IllegalEventException ex) {
            throw new WorkloadError(sw.at(), "policy switch to " + sw.model() + ": model " + model.id() + " refuses it: "
                    + ex.getMessage());
        }
        deliverIpis();
    }

    /**
     * The spec to run {@code w} with, given the spec the user chose: {@code base} itself for a
     * plain workload; with our rt-app extensions, {@code base} composed
     * ({@link ComposedSpecs}) so that it takes them — a policy switch makes it a switching model
     * booting as {@code base} with every model the workload switches to
     * ({@link ModelSpecs#named}), an offloaded CPU wraps that in a model with offloaded CPUs.
     *
     * @throws WorkloadError when a switch names an unknown model
     */
    public static ModelSpec<?> specFor(ModelSpec<?> base, Workload w) {
        ModelSpec<?> spec = base;
        if (!w.switches().isEmpty()) {
            List<ModelSpec<?>> members = new ArrayList<>(List.of(base));
            List<String> ids = new ArrayList<>(List.of(base.model().id()));
            for (Workload.PolicySwitch sw : w.switches()) {
                ModelSpec<?> target;
                try {
                    target = ModelSpecs.named(sw.model());
                } catch (IllegalArgumentException ex) {
                    throw new WorkloadError(sw.at(), ex.getMessage());
                }
                if (!ids.contains(target.model().id())) {
                    ids.add(target.model().id());
                    members.add(target);
                }
            }
            spec = ComposedSpecs.switching(members);
        }
        if (!w.offloads().isEmpty()) {
            spec = ComposedSpecs.offload(spec);
        }
        return spec;
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
    }

    /**
     * The ULE priority for a Linux realtime priority 1..99 (higher is better): FreeBSD's rtprio
     * 0..31 (lower is better) is (99 − p)·31/98, and td_priority = PRI_MIN_REALTIME + rtprio.
     */
    public static int realtimePriority(int linuxPrio) {
        return Priorities.PRI_MIN_REALTIME + (99 - linuxPrio) * 31 / 98;
    }

    /** The rt-app task thread {@code tid} is an instance of. */
    public Workload.Task task(int tid) {
        return threads.get(tid).task;
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
        if (m.running(cpu) != t.tid) {
            throw new IllegalStateException("blocking " + t.comm + " at " + now + " us but CPU " + cpu + " runs "
                    + comm(m.running(cpu)));
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
        int c = m.threadCpu(t.tid);
        if (c >= 0 && m.online(c)) {
            return c;
        }
        for (int i = 0; i < m.cpuCount(); i++) {
            if (m.online(i)) {
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
                if (m.running(cpu) != t.tid) {
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
        CpuSet set = want == null ? CpuSet.firstN(cpus)
                : CpuSet.of(want.stream().mapToInt(Integer::intValue).toArray());
        if (!set.equals(m.threadCpuset(t.tid))) {
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
            if (m.running(cpu) != t.tid || t.status != Status.ACTIVE || t.busy(now)) {
                return;
            }
            Step s = next(t, cpu);
            if (s == null) {
                if (m.running(cpu) != t.tid) {
                    return;
                }
                if (t.task.loop() >= 0 && t.threadIter >= t.task.loop()) {
                    t.status = Status.DONE;
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
    public Result<S> run() {
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
            while (nextChange < changes.size() && changes.get(nextChange).atUs() <= now) {
                change(changes.get(nextChange++));
            }
            while (nextSwitch < switches.size() && switches.get(nextSwitch).atUs() <= now) {
                switchPolicy(switches.get(nextSwitch++));
            }
            long nextTick = (m.elapsed() + 1) * tickUs;
            if (now >= nextTick) {
                long clockBefore = spec.clock(m);
                if (opt.perCpuClock()) {
                    for (int c = 0; c < cpus; c++) { // every online CPU's own hardclock, in CPU order
                        if (m.online(c)) {
                            step(new Event.CpuTick(c));
                        }
                    }
                } else {
                    step(new Event.Tick());
                }
                if (spec.clock(m) != clockBefore) {
                    for (int c = 0; c < cpus; c++) {
                        if (m.online(c) && m.running(c) == SchedulerState.IDLE) {
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
            for (int c = 0; c < cpus; c++) {
                int cur = m.running(c);
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
            if (nextChange < changes.size()) {
                next = Math.min(next, changes.get(nextChange).atUs());
            }
            if (nextSwitch < switches.size()) {
                next = Math.min(next, switches.get(nextSwitch).atUs());
            }
            if (next <= now) {
                next = now;
            }
            long dt = next - now;
            for (int c = 0; c < cpus; c++) {
                int cur = m.running(c);
                if (cur >= 0) {
                    Sim t = threads.get(cur);
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
        stats.finish(now);
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
            for (int c = 0; c < cpus; c++) {
                int cur = m.running(c);
                if (cur >= 0) {
                    Sim t = threads.get(cur);
                    if (t.status == Status.ACTIVE && !t.busy(now)) {
                        long before = steps;
                        int[] pc = {t.phase, t.stepIdx};
                        advance(t, c);
                        if (steps != before || pc[0] != t.phase || pc[1] != t.stepIdx || t.busy(now)) {
                            changed = true;
                        }
                    }
                }
            }
            for (int c = 0; c < cpus; c++) {
                if (idleWithWork(c)) {
                    step(new Event.IdleLoop(c));
                    if (m.running(c) != SchedulerState.IDLE) {
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

    /** Figures for one thread: CPU time, runs, waits (sorted), the priorities it took, migrations by reason. */
    public record ThreadStats(int tid, String comm, String policy, long cpuUs, long runs, long[] waitsUs, int minPri, int maxPri,
            Map<MigrateReason, Integer> migrations) {
    }

    /**
     * The outcome of a simulation: how long it ran, per-thread and per-CPU figures, model steps and
     * invariant judgements (0 unless checked), the timeline, the final state, and the CPU time
     * spent idle while a thread that could have run there waited ({@link Stats#idleWhileWaitingUs}).
     *
     * @param <S> the model's state type
     */
    public record Result<S extends SchedulerState>(long durationUs, List<ThreadStats> threads, long[] cpuBusyUs, long[] cpuSwitches,
            long steps, long invariantChecks, Timeline timeline, S finalState, long idleWhileWaitingUs) {
        /** Migrations of all threads by reason (reasons that never happened are absent). */
        public Map<MigrateReason, Integer> migrations() {
            Map<MigrateReason, Integer> all = new EnumMap<>(MigrateReason.class);
            for (ThreadStats t : threads) {
                t.migrations().forEach((why, k) -> all.merge(why, k, Integer::sum));
            }
            return all;
        }
    }

    private Result<S> result() {
        List<ThreadStats> out = new ArrayList<>();
        for (Sim t : threads) {
            String pol = t.policy + (t.cls == PriClass.TIMESHARE ? " nice " + t.nice : t.cls == PriClass.REALTIME ? " " + t.rtPrio : "");
            out.add(new ThreadStats(t.tid, t.comm, pol, stats.cpuUs(t.tid), stats.runs(t.tid), stats.waitsUs(t.tid),
                    stats.minPriority(t.tid), stats.maxPriority(t.tid), stats.migrations(t.tid)));
        }
        return new Result<>(now, List.copyOf(out), stats.busyUs(), stats.switches(), steps, checks, stats.timeline(), m,
                stats.idleWhileWaitingUs());
    }
}
