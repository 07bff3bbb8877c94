// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The explorer with per-CPU clock events ({@link Move#CPU_TICK}): every invariant holds on ULE 14,
 * ULE 15 and O(1) when the CPUs' clocks drift apart. On ULE the finer interleavings reach more
 * states at the same depth than the lock-step tick (on O(1), where only CPU 0's tick advances
 * {@code jiffies}, a depth unit covers less time and the count is not larger).
 */
class CpuTickExplorationTest {
    private static ExploreResult explore(String model, Move clock) {
        ExploreConfig cfg = ExploreConfig.defaults().withSpec(ModelSpecs.named(model)).withTopology("2").withDepth(6)
                .withMoves(List.of(clock, Move.BLOCK, Move.WAKE, Move.YIELD, Move.IDLE, Move.IPI))
                .withThreads(List.of(ThreadSpec.parse("timeshare:5"), ThreadSpec.parse("realtime:60"), ThreadSpec.timeshare()));
        return new Explorer(cfg, null).run();
    }

    @Test
    void perCpuTicksExploreCleanlyAndReachMoreStates() {
        for (String model : List.of("ule14", "ule15", "o1")) {
            ExploreResult perCpu = explore(model, Move.CPU_TICK);
            ExploreResult lockStep = explore(model, Move.TICK);
            assertThat(perCpu.outcome()).as(model + ": " + perCpu.violation()).isEqualTo(ExploreResult.Outcome.COMPLETE);
            assertThat(lockStep.outcome()).as(model + ": " + lockStep.violation()).isEqualTo(ExploreResult.Outcome.COMPLETE);
            if (model.startsWith("ule")) {
                assertThat(perCpu.states()).as(model).isGreaterThan(lockStep.states());
            }
        }
    }
}
