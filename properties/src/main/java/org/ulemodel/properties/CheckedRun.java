// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties;

import java.util.ArrayList;
import java.util.List;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.StepResult;
import org.ulemodel.properties.gen.EventInterpreter;
import org.ulemodel.properties.gen.Scenario;
import org.ulemodel.spec.CheckedScheduler;
import org.ulemodel.spec.EventText;
import org.ulemodel.spec.InvariantViolationException;

/**
 * Applies a {@link Scenario} step by step through a {@link StepFunction}, interpreting each
 * choice against the state that function produced, and checks every invariant of the spec
 * ({@link CheckedScheduler#verify}) plus an optional extra check after every step. A failure is
 * an {@link AssertionError} naming the event number and what broke, followed by the events up to
 * and including the failing one in the replayable {@link EventText} format.
 */
public final class CheckedRun {
    /** An extra per-step check: returns null when it holds, else what is wrong. */
    @FunctionalInterface
    public interface StepCheck {
        String check(Machine before, Event event, StepResult step);
    }

    private CheckedRun() {
    }

    /** Runs {@code s} with the invariants only; returns the final state. */
    public static Machine run(Scenario s, StepFunction f) {
        return run(s, f, (b, e, r) -> null);
    }

    /** Runs {@code s} with the invariants and {@code extra} after every step; returns the final state. */
    public static Machine run(Scenario s, StepFunction f, StepCheck extra) {
        CheckedScheduler checker = new CheckedScheduler();
        EventInterpreter in = new EventInterpreter(s.mix());
        Machine m = s.boot();
        checker.verify(m, "boot");
        List<Event> done = new ArrayList<>();
        for (long c : s.choices()) {
            for (Event e : in.next(m, c)) {
                done.add(e);
                StepResult r;
                try {
                    r = f.step(m, e);
                    checker.verify(m, r, EventText.format(e));
                } catch (IllegalEventException refused) {
                    throw failure(s, done, "the generated event was refused: " + refused.getMessage(), refused);
                } catch (InvariantViolationException broken) {
                    throw failure(s, done, "invariant " + broken.getMessage(), broken);
                } catch (RuntimeException crash) {
                    throw failure(s, done, "the step crashed: " + crash, crash);
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
