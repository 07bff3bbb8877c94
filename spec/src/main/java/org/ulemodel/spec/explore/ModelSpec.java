// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.spec.Invariant;
import org.ulemodel.spec.Invariants;
import org.ulemodel.spec.PathProperty;
import org.ulemodel.spec.WaitMonitor;

/**
 * How a model is checked: the {@link SchedulerModel}, the invariants judged after every step (the
 * generic ones and its own, in the order they are tried), its path properties with the
 * {@link WaitMonitor} rule they need, the clock its scheduler ticks in, and its planted-bug
 * variants. The explorer ({@link Explorer}, {@link Checker}) and {@link Replayer} take everything
 * they know about a model from here; {@link ModelSpecs#ule14()} is FreeBSD 14's ULE.
 *
 * <p>Invariants: immutable; every list is a copy; a spec without a wait rule keeps no monitor (its
 * path properties see {@link WaitMonitor#empty}); each bug variant has a distinct name.
 * {@link #withModel} keeps every check and swaps the model, which is how a bug variant is checked.
 *
 * @param <S> the model's state type
 */
public final class ModelSpec<S extends SchedulerState> {
    private final SchedulerModel<S> model;
    private final List<Invariant<? super S>> invariants;
    private final ToLongFunction<? super S> clock;
    private final WaitMonitor.Rule<? super S> waits;
    private final IntFunction<? extends List<? extends PathProperty<? super S>>> pathProperties;
    private final List<BugVariant<S>> bugs;
    private final Branching<S> branching;

    /**
     * The outcomes an adversary may give one step: every answer of a nondeterministic part of the
     * model that the model's own state does not fix (ULE: the {@link HookAdversary migration
     * hook}). The explorer and the replayer judge each outcome as if it were the step.
     *
     * @param <S> the model's state type
     */
    @FunctionalInterface
    public interface Branching<S extends SchedulerState> {
        /**
         * Every outcome of {@code model} stepping {@code state} by {@code event} under some choice of the adversary, each once.
         *
         * @throws org.ulemodel.core.machine.IllegalEventException when the model refuses the event
         */
        List<ModelStep<S>> outcomes(SchedulerModel<S> model, S state, Event event);
    }

    private ModelSpec(SchedulerModel<S> model, List<? extends Invariant<? super S>> invariants, ToLongFunction<? super S> clock,
            WaitMonitor.Rule<? super S> waits, IntFunction<? extends List<? extends PathProperty<? super S>>> pathProperties,
            List<? extends BugVariant<S>> bugs) {
        this(model, invariants, clock, waits, pathProperties, bugs, null);
    }

    private ModelSpec(SchedulerModel<S> model, List<? extends Invariant<? super S>> invariants, ToLongFunction<? super S> clock,
            WaitMonitor.Rule<? super S> waits, IntFunction<? extends List<? extends PathProperty<? super S>>> pathProperties,
            List<? extends BugVariant<S>> bugs, Branching<S> branching) {
        this.branching = branching;
        this.model = Objects.requireNonNull(model, "model");
        this.invariants = List.copyOf(invariants);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.waits = waits;
        this.pathProperties = Objects.requireNonNull(pathProperties, "pathProperties");
        this.bugs = List.copyOf(bugs);
        List<String> names = new ArrayList<>();
        for (BugVariant<S> b : this.bugs) {
            String key = b.name().toUpperCase(Locale.ROOT);
            if (names.contains(key)) {
                throw new IllegalArgumentException("two bug variants named " + b.name());
            }
            names.add(key);
        }
    }

    /**
     * {@code model} checked against {@code invariants} only: no path properties, no monitor, the
     * hz clock ({@link SchedulerState#elapsed}), no bug variants.
     */
    public static <S extends SchedulerState> ModelSpec<S> of(SchedulerModel<S> model, List<? extends Invariant<? super S>> invariants) {
        return new ModelSpec<>(model, invariants, SchedulerState::elapsed, null, bound -> List.of(), List.of());
    }

    /** {@code model} checked against the {@linkplain Invariants#generic generic invariants} only. */
    public static <S extends SchedulerState> ModelSpec<S> generic(SchedulerModel<S> model) {
        return of(model, Invariants.generic());
    }

    /**
     * This spec with the clock its scheduler ticks in, in ticks since boot (ULE 14: stathz ticks):
     * {@link Move#STAT} steps hz ticks until it advances and the wait monitor counts in it.
     */
    public ModelSpec<S> withClock(ToLongFunction<? super S> c) {
        return new ModelSpec<>(model, invariants, c, waits, pathProperties, bugs, branching);
    }

    /**
     * This spec with path properties: {@code byWaitBound} gives them for a bounded-wait bound in
     * clock ticks ({@code -1}: the property's derived bound; a list without a bounded wait ignores
     * it), judged with a {@link WaitMonitor} kept under {@code rule} (null: no monitor).
     */
    public ModelSpec<S> withPathProperties(WaitMonitor.Rule<? super S> rule,
            IntFunction<? extends List<? extends PathProperty<? super S>>> byWaitBound) {
        return new ModelSpec<>(model, invariants, clock, rule, byWaitBound, bugs, branching);
    }

    /** This spec with {@code variants} as its planted bugs. */
    public ModelSpec<S> withBugs(List<? extends BugVariant<S>> variants) {
        return new ModelSpec<>(model, invariants, clock, waits, pathProperties, variants, branching);
    }

    /** The same checks on another model of the same state type (e.g. one of {@link #bugs}). */
    public ModelSpec<S> withModel(SchedulerModel<S> other) {
        return new ModelSpec<>(other, invariants, clock, waits, pathProperties, bugs, branching);
    }

    /**
     * The same checks on {@code bug}, which must be one of {@link #bugs}; this spec when
     * {@code bug} is null.
     *
     * @throws IllegalArgumentException when {@code bug} is not one of this spec's variants
     */
    public ModelSpec<S> variant(BugVariant<?> bug) {
        if (bug == null) {
            return this;
        }
        for (BugVariant<S> b : bugs) {
            if (b.equals(bug)) {
                return withModel(b);
            }
        }
        throw new IllegalArgumentException("planted bug " + bug.name() + " is not a variant of model " + model.id());
    }

    /**
     * This spec with {@code b} choosing the outcomes of every explored step (null: the model's own
     * step only); kept by {@link #withModel}, so a bug variant is explored under the same adversary.
     */
    public ModelSpec<S> withBranching(Branching<S> b) {
        return new ModelSpec<>(model, invariants, clock, waits, pathProperties, bugs, b);
    }

    /** This spec without path properties (and without their monitor): the safety invariants only. */
    public ModelSpec<S> withoutPathProperties() {
        return new ModelSpec<>(model, invariants, clock, null, bound -> List.of(), bugs, branching);
    }

    /** Whether an adversary chooses among outcomes ({@link #withBranching}). */
    public boolean branching() {
        return branching != null;
    }

    /**
     * The outcomes of {@code state --event-->} to judge: the model's step alone, or every one the
     * {@link Branching} gives.
     *
     * @throws org.ulemodel.core.machine.IllegalEventException when the model refuses the event
     */
    public List<ModelStep<S>> outcomes(S state, Event event) {
        return branching == null ? List.of(model.step(state, event)) : branching.outcomes(model, state, event);
    }

    /** The model checked. */
    public SchedulerModel<S> model() {
        return model;
    }

    /** The invariants, in the order they are tried (the first broken one is reported). */
    public List<Invariant<? super S>> invariants() {
        return invariants;
    }

    /** The path properties for a bounded-wait bound in clock ticks ({@code -1}: derived), in the order they are tried after the invariants. */
    public List<PathProperty<? super S>> pathProperties(int waitBound) {
        return List.copyOf(pathProperties.apply(waitBound));
    }

    /** The monitor rule, or null when the spec keeps no monitor. */
    public WaitMonitor.Rule<? super S> waits() {
        return waits;
    }

    /** The planted-bug variants, in a fixed order. */
    public List<BugVariant<S>> bugs() {
        return bugs;
    }

    /** The variant of that name (ignoring case), or null. */
    public BugVariant<S> bug(String name) {
        for (BugVariant<S> b : bugs) {
            if (b.name().equalsIgnoreCase(name)) {
                return b;
            }
        }
        return null;
    }

    /** The scheduler clock of {@code state}, in ticks since boot. */
    public long clock(S state) {
        return clock.applyAsLong(state);
    }

    /** The monitor of a path starting at {@code state}: {@link WaitMonitor#empty} when the spec keeps none. */
    public WaitMonitor initialMonitor(S state) {
        return waits == null ? WaitMonitor.empty() : WaitMonitor.initial(state);
    }

    /** The monitor after the step {@code before → step} ({@code monitor} itself when the spec keeps none). */
    public WaitMonitor nextMonitor(WaitMonitor monitor, S before, ModelStep<? extends S> step) {
        if (waits == null) {
            return monitor;
        }
        return monitor.next(waits, clock(step.state()) - clock(before), before, step);
    }

    @Override
    public String toString() {
        return "ModelSpec[" + model.id() + ", " + invariants.size() + " invariants, " + bugs.size() + " bug variants"
                + (branching == null ? "" : ", " + branching) + "]";
    }
}
