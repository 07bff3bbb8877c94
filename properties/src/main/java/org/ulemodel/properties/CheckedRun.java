// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties;

import java.util.ArrayList;
import java.util.List;
import org.ulemodel.core.machine.Cost;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.properties.gen.EventInterpreter;
import org.ulemodel.properties.gen.Scenario;
import org.ulemodel.spec.EventText;
import org.ulemodel.spec.Invariant;
import org.ulemodel.spec.Violation;
import org.ulemodel.spec.explore.Checker;
import org.ulemodel.spec.explore.ModelSpec;

/**
 * Applies a {@link Scenario} step by step to a {@link ModelSpec}'s model (a planted bug is just
 * another model: {@code spec.variant(bug)}), interpreting each choice against the state that
 * model produced, and judges every invariant of the spec, in its order, plus an optional extra
 * check after every step. Path properties are not judged (they belong to the explorer). A failure
 * is an {@link AssertionError} naming the event number and what broke, followed by the events up
 * to and including the failing one in the replayable {@link EventText} format.
 */
public final class CheckedRun {
    /**
     * An extra per-step check: returns null when it holds, else what is wrong. Typed on the state
     * it reads, like an {@link Invariant}: a {@code StepCheck<SchedulerState>} judges any model.
     *
     * @param <S> the state type the check reads
     */
    @FunctionalInterface
    public interface StepCheck<S extends SchedulerState> {
        /** Judges the step {@code before --event--> step}. */
        String check(S before, Event event, ModelStep<? extends S> step);
    }

    private CheckedRun() {
    }

    /** Runs {@code s} on {@code spec}'s model with its invariants only; returns the final state. */
    public static <S extends SchedulerState> S run(ModelSpec<S> spec, Scenario s) {
        return run(spec, s, (b, e, r) -> null);
    }

    /** Runs {@code s} on {@code model} with {@code invariants} and {@code extra} after every step; returns the final state. */
    public static <S extends SchedulerState> S run(SchedulerModel<S> model, List<? extends Invariant<? super S>> invariants, Scenario s,
            StepCheck<? super S> extra) {
        return run(ModelSpec.of(model, invariants), s, extra);
    }

    /** Runs {@code s} on {@code spec}'s model with its invariants and {@code extra} after every step; returns the final state. */
    public static <S extends SchedulerState> S run(ModelSpec<S> spec, Scenario s, StepCheck<? super S> extra) {
        SchedulerModel<S> model = spec.model();
        Checker<S> checker = new Checker<>(spec, -1);
        EventInterpreter in = new EventInterpreter(s.mix());
        S m = s.boot(model);
        Violation atBoot = checker.brokenInvariant(null, ModelStep.of(m, List.of(), Cost.ZERO), "boot");
        if (atBoot != null) {
            throw new AssertionError("invariant " + atBoot + "\ntopology " + s.topology());
        }
        List<Event> done = new ArrayList<>();
        for (long c : s.choices()) {
            for (Event e : in.next(model, m, c)) {
                done.add(e);
                ModelStep<S> r;
                Violation broken;
                try {
                    r = model.step(m, e);
                    broken = checker.brokenInvariant(m, r, EventText.format(e));
                } catch (IllegalEventException refused) {
                    throw failure(s, done, "the generated event was refused: " + refused.getMessage(), refused);
                } catch (RuntimeException crash) {
                    throw failure(s, done, "the step crashed: " + crash, crash);
                }
                if (broken != null) {
                    throw failure(s, done, "invariant " + broken, null);
                }
                String problem = extra.check(m, e, r);
                if (problem != null) {
                    throw failure(s, done, problem, null);
                }
                m = r.state();
            }
        }
        return m;
    }


    /** The failure report: event number, what broke, the replayable events so far. */
    public static AssertionError failure(Scenario s, List<Event> done, String what, Throwable cause) {
        AssertionError e = new AssertionError("event #" + done.size() + " (" + EventText.format(done.get(done.size() - 1))
                + "): " + what + "\nreplay:\n" + EventText.formatAll(s.topology(), done));
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
