// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.o1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.model.EventKind;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.o1.O1Model;
import org.ulemodel.core.o1.O1State;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.spec.EventText;
import org.ulemodel.spec.Invariant;
import org.ulemodel.spec.explore.ExploreConfig;
import org.ulemodel.spec.explore.ExploreResult;
import org.ulemodel.spec.explore.Explorer;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.explore.ModelSpecs;
import org.ulemodel.spec.explore.Move;
import org.ulemodel.spec.explore.Replayer;
import org.ulemodel.spec.explore.ThreadSpec;

/**
 * The O(1) model under the explorer and under random walks, judged by the generic invariants and
 * O(1)'s own ({@link org.ulemodel.spec.O1Invariants}); each planted bug is shown caught, with the
 * invariant that catches it.
 */
class O1ExplorationTest {
    static final ModelSpec<O1State> O1 = O1Provider.SPEC;

    static ExploreConfig o1(int depth) {
        return ExploreConfig.defaults().withSpec(O1).withDepth(depth);
    }

    @Test
    void theRegistryFindsTheModelById() {
        assertThat(ModelSpecs.named("o1")).isSameAs(O1);
        assertThat(O1.invariants()).extracting(Invariant::id)
                .containsExactly("CONSERVE", "AFFINITY", "PICK_COST", "O1_BITMAP", "O1_RUNQ", "O1_SWAP", "O1_RANGES");
    }

    /** 2 CPUs, 3 threads, the default moves: the correct model explores to completion with every invariant. */
    @Test
    void theCorrectModelExploresCleanly() {
        long previous = 0;
        for (int depth : new int[] {2, 4, 6}) {
            ExploreResult r = new Explorer(o1(depth), null).run();
            assertThat(r.outcome()).as("depth " + depth + ": " + r.violation()).isEqualTo(ExploreResult.Outcome.COMPLETE);
            assertThat(r.states()).isGreaterThan(previous);
            previous = r.states();
        }
    }

    /** With every move (exits, binding, CPUs going offline and online) as well. */
    @Test
    void everyMoveExploresCleanly() {
        ExploreResult r = new Explorer(o1(5).withMoves(List.of(Move.values())), null).run();
        assertThat(r.outcome()).as(String.valueOf(r.violation())).isEqualTo(ExploreResult.Outcome.COMPLETE);
    }

    /**
     * Planted bug: a bitmap bit cleared while its list keeps tasks. The shortest path to it is two
     * threads on CPU 0 at one priority and the running one blocking: the bit goes with it, the pick
     * finds an empty bitmap over a non-empty array and nothing is switched, so the first invariant
     * to see it is CONSERVE (the random walks below meet it as O1_BITMAP). The counterexample replays.
     */
    @Test
    void theExplorerFindsAnEarlyClearedBitAndItReplays() {
        ExploreConfig cfg = o1(6).withBug(O1Provider.bug(O1Model.Bug.BITMAP_CLEARED_EARLY));
        ExploreResult r = new Explorer(cfg, null).run();
        assertThat(r.outcome()).isEqualTo(ExploreResult.Outcome.VIOLATION);
        assertThat(r.violation().toString())
                .isEqualTo("CONSERVE violated after step 4 (block cpu=0 sleeppri=0): CPU 0 runs thread 0 whose state is SLEEPING on CPU 0");
        assertThat(r.counterexampleText()).startsWith("model o1\n");
        EventText.Scenario cx = EventText.parseAll(r.counterexampleText(), "cx");
        assertThat(Replayer.replay(cx, O1.variant(O1Provider.bug(O1Model.Bug.BITMAP_CLEARED_EARLY)), -1, null).violation())
                .isEqualTo(r.violation());
        assertThat(Replayer.replay(cx, O1, -1, null).violation()).isNull();
    }

    /** The first violation the explorer finds under {@code bug}, or null. */
    static String explored(ExploreConfig cfg, O1Model.Bug bug) {
        ExploreResult r = new Explorer(bug == null ? cfg : cfg.withBug(O1Provider.bug(bug)), null).run();
        return r.violation() == null ? null : r.violation().toString();
    }

    /**
     * The explorer finds every other planted bug too: the counter and balancing bugs with the
     * default threads, the slice and swap bugs with two nice-19 threads (5-jiffy slices) and single
     * ticks, so that slices run out within the depth.
     */
    @Test
    void theExplorerFindsEveryPlantedBug() {
        assertThat(explored(o1(8), O1Model.Bug.NR_RUNNING_NOT_DECREMENTED))
                .isEqualTo("O1_RUNQ violated after step 4 (block cpu=0 sleeppri=0): CPU 0: nr_running 3 but its arrays hold 2 tasks");
        assertThat(explored(o1(8), O1Model.Bug.PULLS_RUNNING_TASK)).startsWith("O1_RUNQ violated after step 9 (block cpu=1 sleeppri=0): ")
                .endsWith("is idle with no IPI pending but has nr_running 1");
        ExploreConfig shortSlices = o1(8).withThreads(List.of(ThreadSpec.parse("timeshare:19"), ThreadSpec.parse("timeshare:19")))
                .withMoves(List.of(Move.TICK, Move.BLOCK, Move.WAKE, Move.YIELD, Move.IDLE, Move.IPI));
        assertThat(explored(shortSlices, O1Model.Bug.SWAP_KEEPS_TIMESTAMP)).startsWith("O1_SWAP violated after step 7 (tick): ")
                .contains("swapped its arrays but keeps");
        assertThat(explored(shortSlices, O1Model.Bug.SLICE_NOT_REFILLED))
                .isEqualTo("O1_RANGES violated after step 7 (tick): thread 0 (RUNNING): time_slice 0");
        assertThat(explored(shortSlices, null)).isNull();
    }

    /** Random walk over the model's enabled events from a mixed set of threads, judged by the invariants; the first violation or null. */
    static String walk(SchedulerModel<O1State> model, long seed, int steps) {
        return walk(model, seed, steps, false);
    }

    /** As {@link #walk(SchedulerModel, long, int)}; {@code perCpuTicks} adds per-CPU clock events to the kinds walked. */
    static String walk(SchedulerModel<O1State> model, long seed, int steps, boolean perCpuTicks) {
        List<EventKind> kinds = new ArrayList<>(List.of(EventKind.values()));
        kinds.remove(EventKind.EXIT);
        if (!perCpuTicks) {
            kinds.remove(EventKind.CPU_TICK);
        }
        // ticks weigh as much as all the other events together, so slices run out and balancing runs
        return O1Walks.walk(ModelSpec.of(model, O1.invariants()), "2x2", List.of(Event.Create.timeshare(19), Event.Create.timeshare(0),
                Event.Create.timeshare(-5), Event.Create.timeshare(19), new Event.Create(PriClass.REALTIME, 0, 60, false, null, 1),
                Event.Create.timeshare(10)), kinds, 2, seed, steps);
    }

    @Test
    void everyInvariantHoldsOnRandomWalks() {
        for (long seed = 1; seed <= 20; seed++) {
            assertThat(walk(O1Model.DEFAULT, seed, 3_000)).as("seed " + seed).isNull();
            assertThat(walk(O1Model.DEFAULT, seed, 3_000, true)).as("seed " + seed + ", per-CPU ticks").isNull();
        }
    }

    /** The first violation any of 20 walks meets under {@code bug}. */
    static String caught(O1Model.Bug bug) {
        for (long seed = 1; seed <= 20; seed++) {
            String v = walk(O1Model.withBug(bug), seed, 3_000);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    @Test
    void eachPlantedBugIsCaughtByTheInvariantMeantForIt() {
        assertThat(caught(O1Model.Bug.BITMAP_CLEARED_EARLY)).startsWith("O1_BITMAP ");
        assertThat(caught(O1Model.Bug.SWAP_KEEPS_TIMESTAMP)).startsWith("O1_SWAP ");
        assertThat(caught(O1Model.Bug.SLICE_NOT_REFILLED)).startsWith("O1_RANGES ").contains("time_slice 0");
        assertThat(caught(O1Model.Bug.NR_RUNNING_NOT_DECREMENTED)).startsWith("O1_RUNQ ").contains("nr_running");
        assertThat(caught(O1Model.Bug.PULLS_RUNNING_TASK)).startsWith("O1_RUNQ ").contains("idle with no IPI pending");
    }
}
