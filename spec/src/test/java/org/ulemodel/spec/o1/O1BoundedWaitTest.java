// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.o1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.model.EventKind;
import org.ulemodel.core.o1.O1Model;
import org.ulemodel.core.o1.O1State;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.spec.EventText;
import org.ulemodel.spec.O1PathProperties;
import org.ulemodel.spec.PathProperty;
import org.ulemodel.spec.explore.ExploreConfig;
import org.ulemodel.spec.explore.ExploreResult;
import org.ulemodel.spec.explore.Explorer;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.explore.Move;
import org.ulemodel.spec.explore.Replayer;
import org.ulemodel.spec.explore.ThreadSpec;

/**
 * O(1)'s own bounded wait, {@code O1_BOUNDED_WAIT}, under the explorer: with short slices (nice 18
 * and 19: 10 and 5 jiffies, never interactive) the bound is small enough to reach, the correct
 * model keeps it, a planted bug that stops the array swap breaks it, and a realtime task breaks it
 * by design (reported as such).
 */
class O1BoundedWaitTest {
    static final List<Move> TICKS_AND_SLEEPS = List.of(Move.TICK, Move.BLOCK, Move.WAKE, Move.IDLE, Move.IPI);

    static ExploreConfig oneCpu(int depth, String... threads) {
        return ExploreConfig.defaults().withSpec(O1Provider.SPEC).withTopology("1")
                .withThreads(Arrays.stream(threads).map(ThreadSpec::parse).toList()).withMoves(TICKS_AND_SLEEPS)
                .withDepth(depth);
    }

    @Test
    void theSpecCarriesTheProperty() {
        assertThat(O1Provider.SPEC.pathProperties(-1)).extracting(PathProperty::id).containsExactly("O1_BOUNDED_WAIT");
        assertThat(O1Provider.SPEC.waits()).isSameAs(O1PathProperties.NORMAL_WAITS);
    }

    /** Nice 18 and 19 on one CPU, ticks only: the nice-19 task waits at most 2 × 10 + 1 jiffies; the correct model keeps that over two whole cycles. */
    @Test
    void theCorrectModelKeepsTheBoundWithShortSlices() {
        ExploreResult r = new Explorer(oneCpu(45, "timeshare:18", "timeshare:19").withMoves(List.of(Move.TICK)), null).run();
        assertThat(r.outcome()).as(String.valueOf(r.violation())).isEqualTo(ExploreResult.Outcome.COMPLETE);
        assertThat(r.states()).isGreaterThan(45);
    }

    /**
     * Random walks on 2 CPUs with short-slice tasks (nice 15 to 19, one of them able to be
     * interactive), sleeps, wakeups, yields and balancing: the property holds with the derived bound.
     */
    @Test
    void theCorrectModelKeepsTheBoundOnRandomWalks() {
        for (long seed = 1; seed <= 10; seed++) {
            assertThat(walk(O1Provider.SPEC, seed, 4_000)).as("seed " + seed).isNull();
        }
    }

    /** A random walk from five short-slice tasks on 2 CPUs, ticks three times as likely as every other event together. */
    static String walk(ModelSpec<O1State> spec, long seed, int steps) {
        return O1Walks.walk(spec, "2", List.of(Event.Create.timeshare(19), Event.Create.timeshare(18), Event.Create.timeshare(17),
                Event.Create.timeshare(19), Event.Create.timeshare(15)),
                List.of(EventKind.BLOCK, EventKind.WAKE, EventKind.YIELD, EventKind.IDLE, EventKind.IPI), 4, seed, steps);
    }

    /**
     * Planted bug: an expiring task always goes back to the active array. Nice 13 (prio 138, 35
     * jiffies) beside nice 19 (prio 139) on one CPU, ticks only: sleep_avg stays 0, nobody becomes
     * interactive, so two slices of the other task (71 jiffies, given as the bound: the derived one
     * adds a starvation window, nice 13 being able to turn interactive) bound every wait. The
     * correct model keeps it; under the bug the nice-13 task never leaves the active array and
     * the nice-19 task waits past it. The counterexample replays, and the correct model runs it
     * without violation.
     */
    @Test
    void theExplorerCatchesAnArraySwapThatNeverComes() {
        ExploreConfig cfg = oneCpu(100, "timeshare:13", "timeshare:19").withMoves(List.of(Move.TICK)).withWaitBound(71);
        ExploreResult clean = new Explorer(cfg, null).run();
        assertThat(clean.outcome()).as(String.valueOf(clean.violation())).isEqualTo(ExploreResult.Outcome.COMPLETE);
        ExploreResult r = new Explorer(cfg.withBug(O1Provider.bug(O1Model.Bug.EXPIRED_STAYS_ACTIVE)), null).run();
        assertThat(r.outcome()).isEqualTo(ExploreResult.Outcome.VIOLATION);
        assertThat(r.violation().toString()).startsWith("O1_BOUNDED_WAIT violated after step ")
                .contains("SCHED_NORMAL task 1 (nice 19", "past the bound of 71 (given)", "the array swap or the starvation limit failed");
        EventText.Scenario cx = EventText.parseAll(r.counterexampleText(), "cx");
        assertThat(Replayer.replay(cx, O1Provider.SPEC.variant(O1Provider.bug(O1Model.Bug.EXPIRED_STAYS_ACTIVE)), 71, null).violation())
                .isEqualTo(r.violation());
        assertThat(Replayer.replay(cx, O1Provider.SPEC, 71, null).violation()).isNull();
    }

    /** Where O(1) breaks it by design: a SCHED_FIFO task on the same CPU runs for ever before a SCHED_NORMAL one. */
    @Test
    void aRealtimeTaskBreaksItByDesign() {
        ExploreConfig cfg = oneCpu(12, "realtime:60", "timeshare:19").withMoves(List.of(Move.TICK));
        ExploreResult r = new Explorer(cfg, null).run();
        assertThat(r.outcome()).isEqualTo(ExploreResult.Outcome.VIOLATION);
        assertThat(r.violation().toString()).startsWith("O1_BOUNDED_WAIT violated").contains(O1PathProperties.REALTIME_FIRST);
    }

    /** The derived bound: 2 × the other tasks' slices, plus the starvation window when one can be interactive. */
    @Test
    void derivedBoundIsTheHandComputedOne() {
        O1State s = O1Model.DEFAULT.boot(Topology.parse("1"));
        s = O1Model.DEFAULT.step(s, Event.Create.timeshare(18)).state();
        s = O1Model.DEFAULT.step(s, Event.Create.timeshare(19)).state();
        assertThat(O1PathProperties.derivedBound(s, 1)).isEqualTo(2 * 10 + 1);
        assertThat(O1PathProperties.derivedBound(s, 0)).isEqualTo(2 * 5 + 1);
        s = O1Model.DEFAULT.step(s, Event.Create.timeshare(0)).state();
        // nice 0 can be interactive: + STARVATION_LIMIT × 3 live + 1; slices 10 + 100 for task 1
        assertThat(O1PathProperties.derivedBound(s, 1)).isEqualTo(2 * 110 + 3001 + 1);
    }
}
