// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import java.util.List;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.spec.EventText;
import org.ulemodel.spec.Invariant;
import org.ulemodel.spec.PathProperty;
import org.ulemodel.spec.Violation;
import org.ulemodel.spec.WaitMonitor;

/**
 * One checked step as the explorer and the replayer take it: the spec's model steps (a
 * {@linkplain BugVariant bug variant} is just another model), the monitor advances, then every
 * invariant and every path property of the {@link ModelSpec} is judged on the result, in the
 * spec's order; the first broken one is reported. Stateless apart from its configuration.
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
        ModelStep<S> r = spec.model().step(m, e);
        WaitMonitor next = spec.nextMonitor(monitor, m, r);
        for (Invariant<? super S> inv : spec.invariants()) {
            String problem = inv.check(m, r);
            if (problem != null) {
                return new Outcome<>(r, next, new Violation(inv.id(), stepName, problem));
            }
        }
        for (PathProperty<? super S> p : pathProperties) {
            String problem = p.check(m, e, r, next);
            if (problem != null) {
                return new Outcome<>(r, next, new Violation(p.id(), stepName, problem));
            }
        }
        return new Outcome<>(r, next, null);
    }

    /** How a step is named in violations: its number (1-based over the whole event list) and its text form. */
    public static String stepName(int number, Event e) {
        return "step " + number + " (" + EventText.format(e) + ")";
    }
}
