// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.toy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.spec.EventText;
import org.ulemodel.spec.Invariants;
import org.ulemodel.spec.explore.BugVariant;
import org.ulemodel.spec.explore.ExploreConfig;
import org.ulemodel.spec.explore.ExploreResult;
import org.ulemodel.spec.explore.Explorer;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.explore.Replayer;

/**
 * The explorer and the replayer check a model that is not ULE — the toy round robin, plugged in
 * only through {@link org.ulemodel.core.model.SchedulerModel} and a {@link ModelSpec} with the
 * generic invariants, no path properties (so no monitor) and its forgotten-dequeue variant.
 */
class ToyExplorationTest {
    static final BugVariant<RoundRobinModel.State> FORGET_DEQUEUE = RoundRobinProvider.FORGET_DEQUEUE;

    static final ModelSpec<RoundRobinModel.State> TOY = RoundRobinProvider.SPEC;

    /** 2 CPUs, 3 threads created up front, the default moves (the toy refuses none of them, and no IPI is ever pending). */
    static ExploreConfig toy(int depth) {
        return ExploreConfig.defaults().withSpec(TOY).withDepth(depth);
    }

    /** The correct toy, with the generic invariants only, explores to completion at every depth tried. */
    @Test
    void theToyExploresCleanlyToEveryDepth() {
        long previous = 0;
        for (int depth : new int[] {1, 4, 8, 12}) {
            ExploreResult r = new Explorer(toy(depth), null).run();
            assertThat(r.outcome()).as("depth " + depth + ": " + r.violation()).isEqualTo(ExploreResult.Outcome.COMPLETE);
            assertThat(r.maxDepth()).as("depth " + depth).isEqualTo(depth);
            assertThat(r.states()).as("depth " + depth).isGreaterThan(previous);
            assertThat(r.transitions()).isGreaterThanOrEqualTo(r.states() - 1);
            previous = r.states();
        }
    }

    /** At depth 12 the hz clock passes the toy's 10-tick slice, so slice-end rotations are explored too. */
    @Test
    void theToysSymmetryMergesStatesWithoutChangingTheVerdict() {
        ExploreResult with = new Explorer(toy(12), null).run();
        ExploreResult without = new Explorer(toy(12).withSymmetry(false), null).run();
        assertThat(with.outcome()).isEqualTo(without.outcome()).isEqualTo(ExploreResult.Outcome.COMPLETE);
        assertThat(with.states()).isLessThan(without.states());
    }

    /** The first context switch the search meets exposes the bug: a shortest counterexample, which replays to the same violation. */
    @Test
    void conserveCatchesTheForgottenDequeueWithAShortestCounterexampleThatReplays() {
        ExploreConfig cfg = toy(6).withBug(FORGET_DEQUEUE);
        ExploreResult r = new Explorer(cfg, null).run();
        assertThat(r.outcome()).isEqualTo(ExploreResult.Outcome.VIOLATION);
        // three creations (thread 2 queued behind thread 0 on CPU 0), then thread 0 blocks and thread 2 stays queued as it runs
        assertThat(r.counterexample()).hasSize(4);
        assertThat(r.counterexampleText()).startsWith("model toy-rr\ntopology 2\n").endsWith("block cpu=0 sleeppri=0\n");
        assertThat(r.violation().toString()).isEqualTo("CONSERVE violated after step 4 (block cpu=0 sleeppri=0): "
                + "thread 2 is queued on CPU 0 but records RUNNING on CPU 0");
        EventText.Scenario cx = EventText.parseAll(r.counterexampleText(), "cx");
        Replayer.Result replay = Replayer.replay(cx, TOY.variant(FORGET_DEQUEUE), cfg.waitBound(), null);
        assertThat(replay.violation()).isEqualTo(r.violation());
        assertThat(replay.steps()).isEqualTo(r.counterexample().size());
        // the correct toy takes the same events without a violation
        assertThat(Replayer.replay(cx, TOY, -1, null).violation()).isNull();
        // the text names its model: replayed by name, it runs on the toy, not on ULE 14
        assertThat(cx.model()).isEqualTo("toy-rr");
        assertThat(Replayer.replay(cx, FORGET_DEQUEUE, cfg.waitBound(), null).violation()).isEqualTo(r.violation());
    }

    /** A spec built from a model and the generic invariants needs no path properties, monitor or clock of its own. */
    @Test
    void theToySpecHasNoPathPropertiesAndNoMonitor() {
        assertThat(TOY.pathProperties(-1)).isEmpty();
        assertThat(TOY.waits()).isNull();
        assertThat(TOY.invariants()).isEqualTo(List.copyOf(Invariants.generic()));
        assertThat(TOY.bug("forget_dequeue")).isSameAs(FORGET_DEQUEUE);
    }
}
