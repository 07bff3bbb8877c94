// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec;

import java.util.List;
import org.ulemodel.core.compose.SwitchingModel;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerState;

/**
 * The invariant of a policy replaced at run time ({@code core.compose.SwitchingModel}); with it the
 * generic ones ({@link Invariants}) judge the state after the switch like any other, and each
 * model's own judge the steps it takes.
 */
public final class SwitchInvariants {
    private SwitchInvariants() {
    }

    /** A switch carries every thread across as it was. */
    public static final Invariant<SwitchingModel.State> SWITCH_CARRIES = new NamedInvariant<>("SWITCH_CARRIES",
            "a policy switch keeps the clock, the online CPUs and every thread — its run state (the running ones still "
                    + "running), CPU, cpuset, binding and parent: no thread lost, moved or gained") {
        @Override
        public String check(SwitchingModel.State before, ModelStep<? extends SwitchingModel.State> step) {
            SwitchingModel.State m = step.state();
            if (before == null || before.current() == m.current()) {
                return null;
            }
            if (m.elapsed() != before.elapsed()) {
                return "the switch moved the clock from " + before.elapsed() + " to " + m.elapsed();
            }
            if (m.threadCount() != before.threadCount()) {
                return "the switch changed the thread count from " + before.threadCount() + " to " + m.threadCount();
            }
            for (int c = 0; c < m.cpuCount(); c++) {
                if (m.online(c) != before.online(c)) {
                    return "the switch turned CPU " + c + (m.online(c) ? " online" : " offline");
                }
            }
            for (int t = 0; t < m.threadCount(); t++) {
                String was = describe(before, t);
                String is = describe(m, t);
                if (!was.equals(is)) {
                    return "the switch changed thread " + t + " from " + was + " to " + is;
                }
            }
            return null;
        }
    };

    private static String describe(SchedulerState s, int t) {
        return s.threadState(t) + " on CPU " + s.threadCpu(t) + ", cpuset " + s.threadCpuset(t) + (s.threadBound(t) ? ", bound" : "")
                + ", parent " + s.threadParent(t);
    }

    /** The invariants of a policy switch, in a fixed order. */
    public static List<Invariant<SwitchingModel.State>> all() {
        return List.of(SWITCH_CARRIES);
    }
}
