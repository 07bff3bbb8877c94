// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec;

import java.util.List;
import org.ulemodel.core.machine.Cost;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.Scheduler;
import org.ulemodel.core.machine.StepResult;

/**
 * The model's transition function with every invariant checked after every step. Cheap enough
 * to stay on in simulations; counts the checks it ran. Not thread-safe (one per simulation).
 */
public final class CheckedScheduler {
    private final List<Invariant<? super Machine>> invariants;
    private long checks;
    private long steps;

    public CheckedScheduler() {
        this(UleInvariants.all());
    }

    public CheckedScheduler(List<? extends Invariant<? super Machine>> invariants) {
        this.invariants = List.copyOf(invariants);
    }

    /** Steps the model and checks every invariant; throws {@link InvariantViolationException} naming the first one broken. */
    public StepResult step(Machine state, Event event) {
        StepResult r = Scheduler.step(state, event);
        verify(state, r, describe(event));
        return r;
    }

    /** Checks every invariant on a step already taken (e.g. a half-step); {@code what} names it in a violation. */
    public void verify(Machine before, StepResult r, String what) {
        steps++;
        for (Invariant<? super Machine> inv : invariants) {
            checks++;
            String problem = inv.check(before, r);
            if (problem != null) {
                throw new InvariantViolationException(new Violation(inv.id(), what, problem));
            }
        }
    }

    /** Checks every invariant on a state on its own (e.g. the initial state). */
    public void verify(Machine state, String what) {
        verify(null, new StepResult(state, List.of(), Cost.ZERO), what);
    }

    /** Invariant evaluations so far. */
    public long checks() {
        return checks;
    }

    /** Steps checked so far. */
    public long steps() {
        return steps;
    }

    private static String describe(Event e) {
        return e.toString();
    }
}
