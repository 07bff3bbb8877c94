// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import java.io.PrintWriter;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.spec.EventText;
import org.ulemodel.spec.Violation;
import org.ulemodel.spec.WaitMonitor;

/**
 * Replays an {@link EventText} scenario from boot with the same checks as the explorer, printing
 * each step's decisions, and stops at the first violation or refused event. The explorer's
 * counterexamples replay to the same violation at the same step.
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
    public record Result(int steps, Violation violation, String refused, Machine state) {
    }

    /** Replays {@code scenario} (topology "1" when it names none) under {@code bug} (null: the model); {@code out} gets one block per step, or null. */
    public static Result replay(EventText.Scenario scenario, PlantedBug bug, int waitBound, PrintWriter out) {
        String topo = scenario.topology() == null ? "1" : scenario.topology();
        Machine m = Machine.boot(MachineConfig.of(Topology.parse(topo)));
        WaitMonitor mon = WaitMonitor.initial(m);
        Checker checker = new Checker(bug, waitBound);
        int n = 0;
        for (Event e : scenario.events()) {
            n++;
            Checker.Outcome o;
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
