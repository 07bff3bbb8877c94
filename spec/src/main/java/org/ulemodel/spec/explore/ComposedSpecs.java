// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.ulemodel.core.compose.ForwardingState;
import org.ulemodel.core.compose.OffloadModel;
import org.ulemodel.core.compose.SwitchingModel;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.spec.Invariant;
import org.ulemodel.spec.Invariants;
import org.ulemodel.spec.OffloadInvariants;
import org.ulemodel.spec.PathProperty;
import org.ulemodel.spec.SwitchInvariants;
import org.ulemodel.spec.WaitMonitor;

/**
 * The {@link ModelSpec}s of composed models ({@code core.compose}): {@link #offload} checks a model
 * with offloaded CPUs against everything its model is checked against (lifted to the inner state)
 * plus {@link OffloadInvariants}; {@link #switching} checks a machine whose policy is replaced at
 * run time against the generic invariants, {@link SwitchInvariants} and each member's own
 * invariants on the steps that member takes. {@link #named} reads the composed ids
 * ({@code offload:ule14}, {@code switch:ule14,ule15,o1}, {@code offload:switch:ule14,o1}), which
 * {@link ModelSpecs#named} accepts too. Each spec has its own planted bugs, one caught by each new
 * invariant.
 */
public final class ComposedSpecs {
    private ComposedSpecs() {
    }

    /**
     * The spec of the model {@code id} names when it is composed ({@link OffloadModel#PREFIX},
     * {@link SwitchingModel#PREFIX}), else null.
     *
     * @throws IllegalArgumentException when a part names no model
     */
    public static ModelSpec<?> named(String id) {
        String lower = id.toLowerCase(Locale.ROOT);
        if (lower.startsWith(OffloadModel.PREFIX)) {
            return offload(ModelSpecs.named(id.substring(OffloadModel.PREFIX.length())));
        }
        if (lower.startsWith(SwitchingModel.PREFIX)) {
            List<ModelSpec<?>> members = new ArrayList<>();
            for (String part : id.substring(SwitchingModel.PREFIX.length()).split(",", -1)) {
                members.add(ModelSpecs.named(part.trim()));
            }
            return switching(members);
        }
        return null;
    }

    /** {@code base}'s model with offloaded CPUs, checked as {@code base} checks it plus {@link OffloadInvariants#all()}. */
    public static <S extends SchedulerState> ModelSpec<OffloadModel.State<S>> offload(ModelSpec<S> base) {
        OffloadModel<S> model = OffloadModel.of(base.model());
        List<Invariant<? super OffloadModel.State<S>>> invariants = new ArrayList<>();
        for (Invariant<? super S> inv : base.invariants()) {
            invariants.add(new LiftedInvariant<OffloadModel.State<S>>(inv, OffloadModel.State::inner));
        }
        invariants.addAll(OffloadInvariants.all());
        WaitMonitor.Rule<OffloadModel.State<S>> rule = base.waits() == null ? null : liftRule(base.waits());
        return ModelSpec.of(model, invariants)
                .withClock(s -> base.clock(s.inner()))
                .withPathProperties(rule, bound -> {
                    List<PathProperty<OffloadModel.State<S>>> out = new ArrayList<>();
                    for (PathProperty<? super S> p : base.pathProperties(bound)) {
                        out.add(new LiftedPath<>(p));
                    }
                    return out;
                })
                .withBugs(offloadBugs(model));
    }

    private static <S extends SchedulerState> ModelStep<S> innerStep(ModelStep<? extends OffloadModel.State<S>> step) {
        return ModelStep.of(step.state().inner(), step.decisions(), step.cost());
    }

    /** The event the inner model took for {@code e}: an offload is its offline, a return its online. */
    private static Event innerEvent(Event e) {
        if (e instanceof Event.Offload) {
            return new Event.CpuOffline(((Event.Offload) e).cpu(), ((Event.Offload) e).onCpu());
        }
        if (e instanceof Event.Return) {
            return new Event.CpuOnline(((Event.Return) e).cpu());
        }
        return e;
    }

    /** A lifted check's id and statement: those of the check it lifts. */
    private abstract static class Named {
        private final String id;
        private final String statement;

        Named(String id, String statement) {
            this.id = id;
            this.statement = statement;
        }

        public String id() {
            return id;
        }

        public String statement() {
            return statement;
        }
    }

    /**
     * {@code inv} judging the state {@code inner} finds in a composed state (null: {@code inv}
     * does not judge that state, as a member's invariant the other members' states); a step's
     * {@code before} is passed only when {@code inner} finds one in it too.
     */
    private static final class LiftedInvariant<T extends SchedulerState> extends Named implements Invariant<T> {
        private final Invariant<SchedulerState> inv;
        private final Function<T, SchedulerState> inner;

        @SuppressWarnings({"unchecked", "rawtypes"})
        LiftedInvariant(Invariant<?> inv, Function<T, SchedulerState> inner) {
            super(inv.id(), inv.statement());
            this.inv = (Invariant) inv;
            this.inner = inner;
        }

        @Override
        public String check(T before, ModelStep<? extends T> step) {
            SchedulerState s = inner.apply(step.state());
            if (s == null) {
                return null;
            }
            return inv.check(before == null ? null : inner.apply(before), ModelStep.of(s, step.decisions(), step.cost()));
        }
    }

    /** {@code p} judging the inner model's step of an offloading model (an offload is its offline, a return its online). */
    private static final class LiftedPath<S extends SchedulerState> extends Named implements PathProperty<OffloadModel.State<S>> {
        private final PathProperty<? super S> p;

        LiftedPath(PathProperty<? super S> p) {
            super(p.id(), p.statement());
            this.p = p;
        }

        @Override
        public String check(OffloadModel.State<S> before, Event event, ModelStep<? extends OffloadModel.State<S>> step,
                WaitMonitor monitor) {
            return p.check(before.inner(), innerEvent(event), innerStep(step), monitor);
        }
    }

    private static <S extends SchedulerState> WaitMonitor.Rule<OffloadModel.State<S>> liftRule(WaitMonitor.Rule<? super S> rule) {
        return new WaitMonitor.Rule<>() {
            @Override
            public boolean counts(OffloadModel.State<S> state, int tid) {
                return rule.counts(state.inner(), tid);
            }

            @Override
            public boolean betterClass(OffloadModel.State<S> state, int tid) {
                return rule.betterClass(state.inner(), tid);
            }
        };
    }

    /**
     * The planted bugs of offloaded CPUs: {@code OFFLOAD_KEEPS_SCHEDULING} (the service takes the
     * CPU but the scheduler is not told: caught by {@code OFFLOAD_EXCLUSIVE}),
     * {@code SERVICE_CHARGED_LATE} (the first tick after an offload is not charged to the service:
     * {@code SERVICE_HOLDS}), {@code RETURN_KEEPS_OFFLINE} (the service lets go but the CPU is not
     * brought online: {@code RETURN_RESTORES}).
     */
    static <S extends SchedulerState> List<BugVariant<OffloadModel.State<S>>> offloadBugs(OffloadModel<S> model) {
        return List.of(
                BugVariant.decorating("OFFLOAD_KEEPS_SCHEDULING",
                        "an offload gives the CPU to its service without taking it out of scheduling", model,
                        (before, event, correct) -> event instanceof Event.Offload
                                ? ModelStep.of(before.withService(((Event.Offload) event).cpu(), ((Event.Offload) event).service()),
                                        List.of(), correct.cost())
                                : correct),
                BugVariant.decorating("SERVICE_CHARGED_LATE",
                        "the first hz tick after an offload is not charged to the service", model,
                        (before, event, correct) -> {
                            OffloadModel.State<S> s = correct.state();
                            if (!(event instanceof Event.Tick)) {
                                return correct;
                            }
                            for (int c = 0; c < s.cpuCount(); c++) {
                                if (s.service(c) != null && s.serviceTicks(c) == 1) {
                                    s = s.withCharged(c, 0);
                                }
                            }
                            return ModelStep.of(s, correct.decisions(), correct.cost());
                        }),
                BugVariant.decorating("RETURN_KEEPS_OFFLINE",
                        "a return takes the CPU from its service but does not bring it back online", model,
                        (before, event, correct) -> event instanceof Event.Return
                                ? ModelStep.of(before.withService(((Event.Return) event).cpu(), null), List.of(), correct.cost())
                                : correct));
    }

    /**
     * A machine booting under the first of {@code members} that can switch to any of them,
     * checked against the generic invariants and {@link SwitchInvariants#all()} on every step,
     * and each member's own invariants on the steps that member takes (a switch step is judged by
     * the new member as a first step); the hz clock, no path properties.
     */
    public static ModelSpec<SwitchingModel.State> switching(List<ModelSpec<?>> members) {
        List<SchedulerModel<?>> models = new ArrayList<>();
        for (ModelSpec<?> m : members) {
            models.add(m.model());
        }
        SwitchingModel model = SwitchingModel.of(models);
        List<Invariant<? super SwitchingModel.State>> invariants = new ArrayList<>(Invariants.generic());
        invariants.addAll(OffloadInvariants.all());
        invariants.addAll(SwitchInvariants.all());
        for (int k = 0; k < members.size(); k++) {
            for (Invariant<?> inv : members.get(k).invariants()) {
                if (!Invariants.generic().contains(inv)) {
                    int member = k;
                    invariants.add(new LiftedInvariant<SwitchingModel.State>(inv, st -> st.current() == member ? st.inner() : null));
                }
            }
        }
        return ModelSpec.of(model, invariants).withBugs(switchBugs(model));
    }

    /**
     * The planted bugs of a policy switch, each handing the new model a distorted view of the
     * machine: {@code SWITCH_REQUEUES_RUNNING} (running threads are offered as queued, so they
     * stop running) and {@code SWITCH_FORGETS_QUEUED} (queued threads are not offered, so they are
     * lost asleep); both caught by {@code SWITCH_CARRIES}.
     */
    static List<BugVariant<SwitchingModel.State>> switchBugs(SwitchingModel model) {
        return List.of(
                BugVariant.decorating("SWITCH_REQUEUES_RUNNING", "a policy switch queues the running threads instead of "
                        + "letting them run on", model, (before, event, correct) -> switched(model, before, event, correct, true)),
                BugVariant.decorating("SWITCH_FORGETS_QUEUED", "a policy switch does not carry the queued threads across",
                        model, (before, event, correct) -> switched(model, before, event, correct, false)));
    }

    private static ModelStep<SwitchingModel.State> switched(SwitchingModel model, SwitchingModel.State before, Event event,
            ModelStep<SwitchingModel.State> correct, boolean requeueRunning) {
        if (!(event instanceof Event.SwitchPolicy)) {
            return correct;
        }
        SchedulerState seen = new Distorted(before.inner(), requeueRunning);
        return ModelStep.of(model.adoptedBy(correct.state().current(), seen), correct.decisions(), correct.cost());
    }

    /**
     * A machine shown distorted: with every running thread queued at the head of its CPU's queue
     * ({@code requeueRunning}), or with empty run queues.
     */
    private static final class Distorted extends ForwardingState {
        private final SchedulerState s;
        private final boolean requeueRunning;

        Distorted(SchedulerState s, boolean requeueRunning) {
            this.s = s;
            this.requeueRunning = requeueRunning;
        }

        @Override
        protected SchedulerState view() {
            return s;
        }

        @Override
        public int running(int cpu) {
            return requeueRunning ? SchedulerState.IDLE : s.running(cpu);
        }

        @Override
        public void forEachQueued(int cpu, IntConsumer action) {
            if (!requeueRunning) {
                return;
            }
            if (s.running(cpu) != SchedulerState.IDLE) {
                action.accept(s.running(cpu));
            }
            s.forEachQueued(cpu, action);
        }

        @Override
        public RunState threadState(int tid) {
            RunState st = s.threadState(tid);
            return requeueRunning && st == RunState.RUNNING ? RunState.QUEUED : st;
        }
    }
}
