// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import java.io.PrintWriter;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.spec.EventText;
import org.ulemodel.spec.Violation;
import org.ulemodel.spec.WaitMonitor;

/**
 * Replays an {@link EventText} scenario from boot with the same checks as the explorer (a
 * {@link Checker} on the same {@link ModelSpec}), printing each step's decisions, and stops at the
 * first violation or refused event. The explorer's counterexamples replay to the same violation at
 * the same step.
 */
public final class Replayer {
    private Replayer() {
    }

    /**
     * The result of a replay.
     *
     * @param steps     events applied
     * @param violation the first violation, or null
     * @param refused   the refusal message of an impossible event, or null
     * @param state     the last state
     */
    public record Result(int steps, Violation violation, String refused, SchedulerState state) {
    }

    /**
     * Replays {@code scenario} (topology "1" when it names none) on the model it names
     * ({@link ModelSpecs#named}; ULE 14 when it names none) under {@code bug}, one of that model's
     * bug variants (null: the model); {@code out} gets one block per step, or null.
     *
     * @throws IllegalArgumentException when the scenario names an unknown model or {@code bug} is not one of its variants
     */
    public static Result replay(EventText.Scenario scenario, BugVariant<?> bug, int waitBound, PrintWriter out) {
        ModelSpec<?> spec = ModelSpecs.named(scenario.model() == null ? ModelSpecs.DEFAULT_ID : scenario.model());
        return replay(scenario, spec.variant(bug), waitBound, out);
    }

    /**
     * Replays {@code scenario} (topology "1" when it names none) on {@code spec}'s model with its
     * checks, path properties taken with {@code waitBound} ({@code -1}: derived); {@code out} gets
     * one block per step, or null.
     */
    public static <S extends SchedulerState> Result replay(EventText.Scenario scenario, ModelSpec<S> spec, int waitBound,
            PrintWriter out) {
        String topo = scenario.topology() == null ? "1" : scenario.topology();
        S m = spec.model().boot(Topology.parse(topo));
        WaitMonitor mon = spec.initialMonitor(m);
        Checker<S> checker = new Checker<>(spec, waitBound);
        int n = 0;
        for (Event e : scenario.events()) {
            n++;
            Checker.Outcome<S> o;
            try {
                o = checker.step(m, mon, e, Checker.stepName(n, e));
            } catch (IllegalEventException ex) {
                if (out != null) {
                    out.println("step " + n + ": " + EventText.format(e) + " is refused: " + ex.getMessage());
                }
                return new Result(n - 1, null, ex.getMessage(), m);
            }
            if (out != null) {
                out.println("step " + n + ": " + EventText.format(e));
                for (Decision d : o.result().decisions()) {
                    out.println("    " + d);
                }
            }
            m = o.result().state();
            mon = o.monitor();
            if (o.violation() != null) {
                if (out != null) {
                    out.println(o.violation());
                }
                return new Result(n, o.violation(), null, m);
            }
        }
        return new Result(n, null, null, m);
    }
}
