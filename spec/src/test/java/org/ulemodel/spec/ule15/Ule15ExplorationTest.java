// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.ule15;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.spec.EventText;
import org.ulemodel.spec.Invariant;
import org.ulemodel.spec.explore.BugVariant;
import org.ulemodel.spec.explore.ExploreConfig;
import org.ulemodel.spec.explore.ExploreResult;
import org.ulemodel.spec.explore.Explorer;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.explore.ModelSpecs;
import org.ulemodel.spec.explore.Move;
import org.ulemodel.spec.explore.Replayer;
import org.ulemodel.spec.explore.ThreadSpec;

/**
 * FreeBSD 15's ULE under the explorer, judged by the generic invariants and V15's own; each
 * planted bug ({@link Ule15Bugs}) is shown caught, with the invariant that catches it.
 */
class Ule15ExplorationTest {
    static final ModelSpec<Machine> V15 = Ule15Provider.SPEC;

    static ExploreConfig v15(int depth) {
        return ExploreConfig.defaults().withSpec(V15).withDepth(depth);
    }

    @Test
    void theRegistryFindsTheModelById() {
        assertThat(ModelSpecs.named("ule15")).isSameAs(V15);
        assertThat(V15.invariants()).extracting(Invariant::id).containsExactly("CONSERVE", "RUNQ15", "COUNTERS", "CALENDAR15",
                "AFFINITY", "RANGES", "PICK_COST", "PREEMPT");
        assertThat(V15.pathProperties(-1)).extracting(p -> p.id()).containsExactly("BOUNDED_WAIT", "WORK_CONSERVING");
    }

    /** 2 CPUs, 3 timeshare threads, the default moves: the correct model explores to completion. */
    @Test
    void theCorrectModelExploresCleanly() {
        long previous = 0;
        for (int depth : new int[] {2, 4, 6}) {
            ExploreResult r = new Explorer(v15(depth), null).run();
            assertThat(r.outcome()).as("depth " + depth + ": " + r.violation()).isEqualTo(ExploreResult.Outcome.COMPLETE);
            assertThat(r.states()).isGreaterThan(previous);
            previous = r.states();
        }
    }

    /** With every move (exits, nice, binding, cpusets, CPUs going offline and online) as well. */
    @Test
    void everyMoveExploresCleanly() {
        ExploreResult r = new Explorer(v15(4).withMoves(List.of(Move.values())), null).run();
        assertThat(r.outcome()).as(String.valueOf(r.violation())).isEqualTo(ExploreResult.Outcome.COMPLETE);
    }

    static String explored(ExploreConfig cfg, BugVariant<Machine> bug) {
        ExploreResult r = new Explorer(bug == null ? cfg : cfg.withBug(bug), null).run();
        return r.violation() == null ? null : r.violation().toString();
    }

    /** Every planted bug is found, each by the V15 check named in its description. */
    @Test
    void theExplorerFindsEveryPlantedBug() {
        assertThat(explored(v15(6), Ule15Bugs.QUEUE_INDEX_MOD_64)).startsWith("RUNQ15 violated");
        assertThat(explored(v15(6), Ule15Bugs.TRANSFERABLE_NOT_COUNTED)).startsWith("COUNTERS violated");
        ExploreConfig ticking = v15(6).withThreads(List.of(ThreadSpec.timeshare(), ThreadSpec.timeshare()))
                .withMoves(List.of(Move.STAT, Move.BLOCK, Move.WAKE, Move.IDLE, Move.IPI));
        assertThat(explored(ticking, Ule15Bugs.TS_TICKS_NOT_WRAPPED)).startsWith("CALENDAR15 violated")
                .contains("tdq_ts_ticks 4");
        // a batch thread (FreeBSD 14 priority 152, FreeBSD 15's 115) queued at the dequeue offset behind a realtime
        // thread makes the calendar lag
        ThreadSpec batch = new ThreadSpec(PriClass.TIMESHARE, 0, 152, null);
        ExploreConfig lagging = v15(4).withTopology("1").withThreads(List.of(ThreadSpec.parse("realtime"), batch))
                .withMoves(List.of(Move.STAT, Move.BLOCK, Move.WAKE, Move.IDLE, Move.IPI));
        assertThat(explored(lagging, Ule15Bugs.TS_OFF_UNGUARDED)).startsWith("CALENDAR15 violated").contains("lag 4");
        assertThat(explored(lagging.withDepth(6), null)).isNull();
    }

    /** A counterexample names its model and replays: the bug variant fails again, the correct model does not. */
    @Test
    void aCounterexampleReplays() {
        ExploreResult r = new Explorer(v15(6).withBug(Ule15Bugs.QUEUE_INDEX_MOD_64), null).run();
        assertThat(r.counterexampleText()).startsWith("model ule15\n");
        EventText.Scenario cx = EventText.parseAll(r.counterexampleText(), "cx");
        assertThat(Replayer.replay(cx, V15.variant(Ule15Bugs.QUEUE_INDEX_MOD_64), -1, null).violation()).isEqualTo(r.violation());
        assertThat(Replayer.replay(cx, V15, -1, null).violation()).isNull();
    }
}
