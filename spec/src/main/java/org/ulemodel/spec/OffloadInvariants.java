// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec;

import java.util.List;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerState;

/**
 * The invariants of offloaded CPUs (OFFSCHED: a CPU taken out of scheduling and held by a
 * dedicated service; {@code core.compose.OffloadModel}), judged through the policy-neutral view
 * ({@link SchedulerState#service}, {@link SchedulerState#serviceTicks}), so they apply to any model
 * with offloaded CPUs. On a model without services they hold trivially.
 */
public final class OffloadInvariants {
    private OffloadInvariants() {
    }

    /** Nothing the scheduler runs ever lands on an offloaded CPU. */
    public static final Invariant<SchedulerState> OFFLOAD_EXCLUSIVE = new NamedInvariant<>("OFFLOAD_EXCLUSIVE",
            "an offloaded CPU is offline to the scheduler, runs no scheduled thread and queues none, and no decision "
                    + "switches a thread in on it, queues one there or migrates one to it") {
        @Override
        public String check(SchedulerState before, ModelStep<? extends SchedulerState> step) {
            SchedulerState m = step.state();
            for (int c = 0; c < m.cpuCount(); c++) {
                if (m.service(c) == null) {
                    continue;
                }
                if (m.online(c)) {
                    return "CPU " + c + " is offloaded to " + m.service(c) + " but online to the scheduler";
                }
                if (m.running(c) != SchedulerState.IDLE) {
                    return "thread " + m.running(c) + " runs on CPU " + c + ", offloaded to " + m.service(c);
                }
                int[] queued = {-1};
                m.forEachQueued(c, t -> queued[0] = t);
                if (queued[0] >= 0) {
                    return "thread " + queued[0] + " is queued on CPU " + c + ", offloaded to " + m.service(c);
                }
                for (Decision d : step.decisions()) {
                    if (d instanceof Decision.Switch && ((Decision.Switch) d).cpu() == c && ((Decision.Switch) d).to() >= 0
                            || d instanceof Decision.Enqueue && ((Decision.Enqueue) d).cpu() == c
                            || d instanceof Decision.Migrate && ((Decision.Migrate) d).to() == c) {
                        return "decision " + d + " puts a thread on CPU " + c + ", offloaded to " + m.service(c);
                    }
                }
            }
            return null;
        }
    };

    /** The service holds its CPU 100 %: every hz tick since the offload is charged to it. */
    public static final Invariant<SchedulerState> SERVICE_HOLDS = new NamedInvariant<>("SERVICE_HOLDS",
            "the service of an offloaded CPU has been charged every hz tick since the offload (service ticks = elapsed − "
                    + "offload tick): it holds the CPU 100 %; a CPU that is not offloaded is charged nothing") {
        @Override
        public String check(SchedulerState before, ModelStep<? extends SchedulerState> step) {
            SchedulerState m = step.state();
            for (int c = 0; c < m.cpuCount(); c++) {
                long expected = m.service(c) == null ? 0 : m.elapsed() - m.serviceSince(c);
                if (m.serviceTicks(c) != expected) {
                    return "CPU " + c + (m.service(c) == null ? " (not offloaded)" : " (offloaded to " + m.service(c) + " at tick "
                            + m.serviceSince(c) + ")") + " has " + m.serviceTicks(c) + " service ticks at tick " + m.elapsed()
                            + ", expected " + expected;
                }
            }
            return null;
        }
    };

    /** Returning a CPU restores normal scheduling and loses no thread. */
    public static final Invariant<SchedulerState> RETURN_RESTORES = new NamedInvariant<>("RETURN_RESTORES",
            "a CPU whose service lets go of it is online to the scheduler again, and the return changes no thread's "
                    + "run state (no thread lost or gained)") {
        @Override
        public String check(SchedulerState before, ModelStep<? extends SchedulerState> step) {
            if (before == null) {
                return null;
            }
            SchedulerState m = step.state();
            boolean returned = false;
            for (int c = 0; c < m.cpuCount(); c++) {
                if (before.service(c) != null && m.service(c) == null) {
                    returned = true;
                    if (!m.online(c)) {
                        return "CPU " + c + " was returned by " + before.service(c) + " but is still offline to the scheduler";
                    }
                }
            }
            if (!returned) {
                return null;
            }
            if (m.threadCount() != before.threadCount()) {
                return "the return changed the thread count from " + before.threadCount() + " to " + m.threadCount();
            }
            for (int t = 0; t < m.threadCount(); t++) {
                if (m.threadState(t) != before.threadState(t)) {
                    return "the return changed thread " + t + " from " + before.threadState(t) + " to " + m.threadState(t);
                }
            }
            return null;
        }
    };

    /** The invariants of offloaded CPUs, in a fixed order. */
    public static List<Invariant<SchedulerState>> all() {
        return List.of(OFFLOAD_EXCLUSIVE, SERVICE_HOLDS, RETURN_RESTORES);
    }
}
