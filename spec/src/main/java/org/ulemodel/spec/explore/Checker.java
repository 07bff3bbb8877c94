// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import java.util.List;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.Scheduler;
import org.ulemodel.core.machine.StepResult;
import org.ulemodel.spec.EventText;
import org.ulemodel.spec.Invariant;
import org.ulemodel.spec.UleInvariants;
import org.ulemodel.spec.PathProperties;
import org.ulemodel.spec.PathProperty;
import org.ulemodel.spec.Violation;
import org.ulemodel.spec.WaitMonitor;

/**
 * One checked step as the explorer and the replayer take it: the (possibly {@linkplain PlantedBug
 * bug-planted}) transition function, then every {@link UleInvariants invariant} and every
 * {@link PathProperty path property} on the result. Stateless apart from its configuration.
 */
public final class Checker {
    private final PlantedBug bug;
    private final List<Invariant<? super Machine>> invariants;
    private final List<PathProperty> pathProperties;

    /** The outcome of a step: the result, the monitor after it, and the first violation (null if none). */
    public record Outcome(StepResult result, WaitMonitor monitor, Violation violation) {
    }

    public Checker(PlantedBug bug, int waitBound) {
        this(bug, UleInvariants.all(), PathProperties.all(waitBound));
    }

    public Checker(PlantedBug bug, List<? extends Invariant<? super Machine>> invariants, List<PathProperty> pathProperties) {
        this.bug = bug;
        this.invariants = List.copyOf(invariants);
        this.pathProperties = List.copyOf(pathProperties);
    }

    /** The transition function checked here: the model's, or the planted bug's variant of it. */
    public StepResult transition(Machine m, Event e) {
        StepResult r = Scheduler.step(m, e);
        return bug == null ? r : bug.corrupt(m, e, r);
    }

    /**
     * Steps and checks. {@code stepName} names the step in a violation (e.g. {@code "step 7 (tick)"}).
     *
     * @throws org.ulemodel.core.machine.IllegalEventException when the model refuses the event
     */
    public Outcome step(Machine m, WaitMonitor monitor, Event e, String stepName) {
        StepResult r = transition(m, e);
        WaitMonitor next = monitor.next(m, r);
        for (Invariant<? super Machine> inv : invariants) {
            String problem = inv.check(m, r);
            if (problem != null) {
                return new Outcome(r, next, new Violation(inv.id(), stepName, problem));
            }
        }
        for (PathProperty p : pathProperties) {
            String problem = p.check(m, e, r, next);
            if (problem != null) {
                return new Outcome(r, next, new Violation(p.id(), stepName, problem));
            }
        }
        return new Outcome(r, next, null);
    }

    /** How a step is named in violations: its number (1-based over the whole event list) and its text form. */
    public static String stepName(int number, Event e) {
        return "step " + number + " (" + EventText.format(e) + ")";
    }
}
