// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Event;
import org.ulemodel.spec.EventText;
import org.ulemodel.spec.PathProperties;

/** The explorer: exhaustive runs, shortest counterexamples, ULE's starvation, symmetry, shards and budgets. */
class ExplorerTest {

    /** Two CPUs and three timeshare threads explored to depth 7 with the default moves: complete, no violation, ≤ 16 bytes per visited state. */
    @Test
    void twoCpusThreeThreadsExploreCleanly() {
        ExploreResult r = new Explorer(ExploreConfig.defaults().withDepth(7), null).run();
        assertThat(r.outcome()).as(String.valueOf(r.violation())).isEqualTo(ExploreResult.Outcome.COMPLETE);
        assertThat(r.states()).isGreaterThan(10_000);
        assertThat(r.transitions()).isGreaterThanOrEqualTo(r.states() - 1);
        assertThat(r.maxDepth()).isEqualTo(7);
        assertThat(r.bytesPerState()).isLessThanOrEqualTo(16.0);
    }

    /**
     * Interactive threads that slept long enough stay in the realtime queue while they run, and
     * the batch thread in the calendar never gets the CPU: the explorer finds ULE's known
     * starvation and reports it as such.
     */
    @Test
    void findsUleBatchStarvationByInteractiveThreads() {
        ExploreResult r = new Explorer(starvationConfig(), null).run();
        assertThat(r.outcome()).isEqualTo(ExploreResult.Outcome.VIOLATION);
        assertThat(r.violation().invariant()).isEqualTo("BOUNDED_WAIT");
        assertThat(r.violation().detail()).startsWith("batch thread 0").contains(PathProperties.STARVATION);
        // the bound is one revolution plus a slice per other thread: 64 + 2 * 12 stathz ticks
        assertThat(r.violation().detail()).contains("past the bound of 88");
    }

    static ExploreConfig starvationConfig() {
        // T0 hogs CPU 0 for 1.5 s (batch); T1 and T2 sleep through it (interactive), then wake and keep the CPU busy.
        List<Event> setup = EventText.parseAll("tick\nblock cpu=0\nblock cpu=0\nblock cpu=0\nwake tid=0 on=0\ntick 1500\n"
                + "wake tid=1 on=0\nwake tid=2 on=0\n", "setup").events();
        return ExploreConfig.defaults().withTopology("1").withPrefix(setup).withMoves(List.of(Move.STAT)).withDepth(150);
    }

    /** With batch threads only, the calendar serves every thread within the bound: no violation over 200 stathz ticks. */
    @Test
    void batchThreadsOnlyAreServedWithinTheBound() {
        List<Event> setup = EventText.parseAll("tick 300\n", "setup").events();
        ExploreResult r = new Explorer(ExploreConfig.defaults().withTopology("1").withPrefix(setup).withMoves(List.of(Move.STAT))
                .withDepth(200), null).run();
        assertThat(r.outcome()).as(String.valueOf(r.violation())).isEqualTo(ExploreResult.Outcome.COMPLETE);
        assertThat(r.maxDepth()).isEqualTo(200);
    }

    /** The counterexample is a shortest one and replays, step by step, to the same violation. */
    @Test
    void counterexampleIsShortestAndReplays() {
        ExploreConfig cfg = ExploreConfig.defaults().withDepth(6).withBug(PlantedBugs.LOAD_NOT_DECREMENTED_ON_SLEEP);
        ExploreResult r = new Explorer(cfg, null).run();
        assertThat(r.outcome()).isEqualTo(ExploreResult.Outcome.VIOLATION);
        // three creations, then the first block is already wrong
        assertThat(r.counterexample()).hasSize(4);
        assertThat(r.counterexampleText()).startsWith("topology 2\n").endsWith("block cpu=0 sleeppri=0\n");
        Replayer.Result replay = Replayer.replay(EventText.parseAll(r.counterexampleText(), "cx"), cfg.bug(), -1, null);
        assertThat(replay.violation()).isEqualTo(r.violation());
        assertThat(r.violation().toString()).startsWith("COUNTERS violated after step 4 (block cpu=0 sleeppri=0): CPU 0 has load");
    }

    /** Relabelling interchangeable threads merges states without changing the verdict. */
    @Test
    void threadSymmetryReducesStates() {
        ExploreResult with = new Explorer(ExploreConfig.defaults().withDepth(6), null).run();
        ExploreResult without = new Explorer(ExploreConfig.defaults().withDepth(6).withSymmetry(false), null).run();
        assertThat(with.outcome()).isEqualTo(without.outcome()).isEqualTo(ExploreResult.Outcome.COMPLETE);
        assertThat(with.states()).isLessThan(without.states());
        ExploreResult bugWith = new Explorer(ExploreConfig.defaults().withDepth(6).withBug(PlantedBugs.STALE_LOWPRI), null).run();
        ExploreResult bugWithout = new Explorer(ExploreConfig.defaults().withDepth(6).withBug(PlantedBugs.STALE_LOWPRI).withSymmetry(false),
                null).run();
        assertThat(bugWith.violation()).isEqualTo(bugWithout.violation());
        assertThat(bugWith.counterexample()).hasSameSizeAs(bugWithout.counterexample());
    }

    /** Three shards split at depth 3 together visit exactly the unsharded state set. */
    @Test
    void shardsTogetherCoverExactlyTheUnshardedStates() {
        ExploreConfig cfg = ExploreConfig.defaults().withDepth(6);
        Explorer whole = new Explorer(cfg, null);
        whole.run();
        Set<Long> expected = toSet(whole.visited());
        Set<Long> union = new HashSet<>();
        long sum = 0;
        for (int i = 0; i < 3; i++) {
            Explorer shard = new Explorer(cfg.withShard(i, 3, 3), null);
            ExploreResult r = shard.run();
            assertThat(r.outcome()).isEqualTo(ExploreResult.Outcome.COMPLETE);
            union.addAll(toSet(shard.visited()));
            sum += r.states();
            assertThat(r.states()).isLessThan(expected.size());
        }
        assertThat(union).isEqualTo(expected);
        assertThat(sum).isGreaterThanOrEqualTo(expected.size());
    }

    /** A state budget stops the run cleanly with a partial report. */
    @Test
    void stopsAtTheStateBudget() {
        ExploreResult r = new Explorer(ExploreConfig.defaults().withDepth(12).withBudget(5_000, 0, 0.85), null).run();
        assertThat(r.outcome()).isEqualTo(ExploreResult.Outcome.STOPPED_STATES);
        assertThat(r.states()).isBetween(5_000L, 5_000L + 2_000);
        assertThat(r.statistics()).contains("outcome: STOPPED_STATES");
    }

    /** A memory budget below what is already in use stops the run at the first check instead of running out. */
    @Test
    void stopsAtTheMemoryBudget() {
        ExploreResult r = new Explorer(ExploreConfig.defaults().withDepth(12).withBudget(Long.MAX_VALUE, 0, 1e-6), null).run();
        assertThat(r.outcome()).isEqualTo(ExploreResult.Outcome.STOPPED_MEMORY);
    }

    private static Set<Long> toSet(LongHashSet s) {
        Set<Long> out = new HashSet<>();
        s.forEach(out::add);
        assertThat(out).hasSize(s.size());
        return out;
    }
}
