// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import java.util.List;
import org.ulemodel.core.machine.Cost;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.spec.EventText;
import org.ulemodel.spec.Invariant;
import org.ulemodel.spec.InvariantViolationException;
import org.ulemodel.spec.PathProperty;
import org.ulemodel.spec.Violation;
import org.ulemodel.spec.WaitMonitor;

/**
 * One checked step as the explorer and the replayer take it: the spec's model steps (a
 * {@linkplain BugVariant bug variant} is just another model), the monitor advances, then every
 * invariant and every path property of the {@link ModelSpec} is judged on the result, in the
 * spec's order; the first broken one is reported. The workload driver and the concurrency
 * harnesses judge invariants only, and want a broken one thrown: {@link #stepOrThrow},
 * {@link #verify}. This is the one place a step's invariants are judged. Stateless apart from its
 * configuration.
 *
 * @param <S> the model's state type
 */
public final class Checker<S extends SchedulerState> {
    private final ModelSpec<S> spec;
    private final List<PathProperty<? super S>> pathProperties;

    /**
     * The outcome of a step: the result, the monitor after it, and the first violation (null if none).
     *
     * @param <S> the model's state type
     */
    public record Outcome<S extends SchedulerState>(ModelStep<S> result, WaitMonitor monitor, Violation violation) {
    }

    /** A checker for {@code spec}'s model, its path properties taken with {@code waitBound} ({@code -1}: derived). */
    public Checker(ModelSpec<S> spec, int waitBound) {
        this.spec = spec;
        this.pathProperties = spec.pathProperties(waitBound);
    }

    /** The spec checked. */
    public ModelSpec<S> spec() {
        return spec;
    }

    /**
     * Steps and checks. {@code stepName} names the step in a violation (e.g. {@code "step 7 (tick)"}).
     *
     * @throws org.ulemodel.core.machine.IllegalEventException when the model refuses the event
     */
    public Outcome<S> step(S m, WaitMonitor monitor, Event e, String stepName) {
        return check(m, monitor, e, spec.model().step(m, e), stepName);
    }

    /** Judges {@code r}, one outcome of {@code m --e-->} (the model's step, or one an adversary chose: {@link ModelSpec#outcomes}). */
    public Outcome<S> check(S m, WaitMonitor monitor, Event e, ModelStep<S> r, String stepName) {
        return judge(m, monitor, e, r, stepName, 0);
    }

    /**
     * Where the explorer's {@link #step(SchedulerState, WaitMonitor, Event, int, Stepped)} leaves a
     * step's result and the monitor after it: one per caller, overwritten by each step, so the
     * explorer's millions of steps allocate no {@link Outcome}.
     *
     * @param <S> the model's state type
     */
    static final class Stepped<S extends SchedulerState> {
        ModelStep<S> result;
        WaitMonitor monitor;
    }

    /**
     * {@link #step} for the explorer: the result and monitor go to {@code out}, the first violation
     * (null if none) is returned, and the step is named {@link #stepName}{@code (number, e)}, a name
     * made only when a check breaks (the explorer takes millions of steps that break none).
     *
     * @throws org.ulemodel.core.machine.IllegalEventException when the model refuses the event
     */
    Violation step(S m, WaitMonitor monitor, Event e, int number, Stepped<S> out) {
        ModelStep<S> r = spec.model().step(m, e);
        WaitMonitor next = spec.nextMonitor(monitor, m, r);
        out.result = r;
        out.monitor = next;
        return broken(m, e, r, next, null, number);
    }

    /** {@link #check} for the explorer, the step named as by {@link #step(SchedulerState, WaitMonitor, Event, int, Stepped)}. */
    Outcome<S> check(S m, WaitMonitor monitor, Event e, ModelStep<S> r, int number) {
        return judge(m, monitor, e, r, null, number);
    }

    /** Judges {@code r}; the step is called {@code stepName}, or when that is null {@link #stepName}{@code (number, e)}. */
    private Outcome<S> judge(S m, WaitMonitor monitor, Event e, ModelStep<S> r, String stepName, int number) {
        WaitMonitor next = spec.nextMonitor(monitor, m, r);
        return new Outcome<>(r, next, broken(m, e, r, next, stepName, number));
    }

    /**
     * The first invariant, then path property, that the step {@code m --e--> r} breaks, the monitor
     * being {@code next} after it; null when none. Named as in {@link #judge}.
     */
    private Violation broken(S m, Event e, ModelStep<S> r, WaitMonitor next, String stepName, int number) {
        Violation broken = brokenInvariant(m, r, stepName, number, e);
        if (broken != null) {
            return broken;
        }
        for (int i = 0; i < pathProperties.size(); i++) { // indexed: no iterator per step
            PathProperty<? super S> p = pathProperties.get(i);
            String problem = p.check(m, e, r, next);
            if (problem != null) {
                return new Violation(p.id(), stepName != null ? stepName : stepName(number, e), problem);
            }
        }
        return null;
    }

    /**
     * The first of the spec's invariants that the step {@code before → r} breaks, as a violation
     * naming {@code stepName}; null when every invariant holds. {@code before} is null for a lone
     * state.
     */
    public Violation brokenInvariant(S before, ModelStep<? extends S> r, String stepName) {
        return brokenInvariant(before, r, stepName, 0, null);
    }

    /** {@link #brokenInvariant(SchedulerState, ModelStep, String)}, naming the step {@link #stepName}{@code (number, e)} when {@code stepName} is null. */
    private Violation brokenInvariant(S before, ModelStep<? extends S> r, String stepName, int number, Event e) {
        List<Invariant<? super S>> invariants = spec.invariants();
        for (int i = 0; i < invariants.size(); i++) { // indexed: no iterator per step
            Invariant<? super S> inv = invariants.get(i);
            String problem = inv.check(before, r);
            if (problem != null) {
                return new Violation(inv.id(), stepName != null ? stepName : stepName(number, e), problem);
            }
        }
        return null;
    }

    /**
     * Steps the spec's model and judges the spec's invariants (not its path properties) on the
     * result.
     *
     * @throws InvariantViolationException naming the first broken invariant and the event
     * @throws org.ulemodel.core.machine.IllegalEventException when the model refuses the event
     */
    public ModelStep<S> stepOrThrow(S m, Event e) {
        ModelStep<S> r = spec.model().step(m, e);
        Violation broken = brokenInvariant(m, r, EventText.format(e));
        if (broken != null) {
            throw new InvariantViolationException(broken);
        }
        return r;
    }

    /**
     * Judges the spec's invariants on a state on its own (e.g. a boot state, or a state a
     * concurrent facade published); {@code what} names it in a violation.
     *
     * @throws InvariantViolationException naming the first broken invariant
     */
    public void verify(S state, String what) {
        Violation broken = brokenInvariant(null, ModelStep.of(state, List.of(), Cost.ZERO), what);
        if (broken != null) {
            throw new InvariantViolationException(broken);
        }
    }

    /** How a step is named in violations: its number (1-based over the whole event list) and its text form. */
    public static String stepName(int number, Event e) {
        return "step " + number + " (" + EventText.format(e) + ")";
    }
}
