// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parallel search ({@code workers > 1}) gives the single-threaded search's result — outcome,
 * states, states per level, transitions, depth, visited set, peak frontier, violation and
 * counterexample — on every model with symmetry on and off, on every planted bug, under sharding,
 * at a state budget and under the hook adversary.
 */
class ParallelExplorerTest {

    /** Everything but the wall time, and the visited fingerprints, of one run. */
    private record Run(ExploreResult result, Set<Long> visited) {
    }

    private static Run run(ExploreConfig cfg, int workers) {
        Explorer ex = new Explorer(cfg, null, workers);
        ExploreResult r = ex.run();
        Set<Long> visited = new HashSet<>();
        ex.visited().forEach(visited::add);
        return new Run(new ExploreResult(r.outcome(), r.states(), r.transitions(), r.maxDepth(), 0, r.visitedBytes(), r.peakFrontier(),
                r.violation(), r.counterexample(), r.topology(), r.model(), r.levels()), visited);
    }

    /** Runs {@code cfg} single-threaded and on 2 and 3 workers, asserts the same run, and returns it. */
    private static ExploreResult sameOnEveryWorkerCount(ExploreConfig cfg, String what) {
        Run seq = run(cfg, 1);
        for (int workers : new int[] {2, 3}) {
            Run par = run(cfg, workers);
            assertThat(par.result()).as(what + " on " + workers + " workers").isEqualTo(seq.result());
            assertThat(par.visited()).as(what + " on " + workers + " workers: visited set").isEqualTo(seq.visited());
        }
        return seq.result();
    }

    static Stream<Arguments> models() {
        return ModelSpecs.available().stream().flatMap(m -> Stream.of(Arguments.of(m.model().id(), m, true),
                Arguments.of(m.model().id(), m, false)));
    }

    /** Every model, symmetry on and off, to a depth whose levels span several batches of the parallel search. */
    @ParameterizedTest(name = "{0}, symmetry {2}")
    @MethodSource("models")
    void everyModelExploresTheSameStates(String id, ModelSpec<?> spec, boolean symmetry) {
        int depth = id.equals("toy-rr") ? 12 : 6;
        ExploreResult r = sameOnEveryWorkerCount(ExploreConfig.defaults().withSpec(spec).withSymmetry(symmetry).withDepth(depth), id);
        assertThat(r.outcome()).as(String.valueOf(r.violation())).isEqualTo(ExploreResult.Outcome.COMPLETE);
        assertThat(r.maxDepth()).isEqualTo(depth);
    }

    /** ULE 14 to depth 7: levels of 9,178 and 45,000-odd states, merged batch by batch (the benchmark's shape, 3 threads). */
    @Test
    void deepLevelsSpanningManyBatches() {
        ExploreResult r = sameOnEveryWorkerCount(ExploreConfig.defaults().withDepth(7), "ule14 depth 7");
        assertThat(r.levels().get(6)).isGreaterThan(4L * Explorer.batchSize());
    }

    static Stream<Arguments> bugs() {
        List<Arguments> out = new ArrayList<>();
        for (Map.Entry<PlantedBug, Object[]> e : PlantedBugsTest.cases().entrySet()) {
            out.add(Arguments.of("ule14 " + e.getKey().name(), ((ExploreConfig) e.getValue()[0]).withBug(e.getKey())));
        }
        for (ModelSpec<?> m : ModelSpecs.available()) {
            for (BugVariant<?> b : m.bugs()) {
                out.add(Arguments.of(m.model().id() + " " + b.name() + " (default moves, depth 5)",
                        ExploreConfig.defaults().withSpec(m).withDepth(5).withBug(b)));
            }
        }
        return out.stream();
    }

    /** Every planted bug, of every model: the same verdict, the same (least, shortest) counterexample. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("bugs")
    void everyPlantedBugGivesTheSameCounterexample(String name, ExploreConfig cfg) {
        sameOnEveryWorkerCount(cfg, name);
    }

    /** The planted bugs' configurations of PlantedBugsTest all end in violations, so the comparison above covers counterexamples. */
    @Test
    void theBugCasesFindViolations() {
        for (Map.Entry<PlantedBug, Object[]> e : PlantedBugsTest.cases().entrySet()) {
            ExploreResult r = new Explorer(((ExploreConfig) e.getValue()[0]).withBug(e.getKey()), null, 2).run();
            assertThat(r.outcome()).as(e.getKey().name()).isEqualTo(ExploreResult.Outcome.VIOLATION);
            assertThat(r.counterexample()).isNotEmpty();
        }
    }

    /** A violation deep in a wide level: the least counterexample in the single-threaded order, though later chunks also violate. */
    @Test
    void leastCounterexampleInAWideLevel() {
        ExploreResult r = sameOnEveryWorkerCount(ExploreConfig.defaults().withDepth(6).withBug(PlantedBugs.STALE_LOWPRI).withSymmetry(false),
                "STALE_LOWPRI without symmetry");
        assertThat(r.outcome()).isEqualTo(ExploreResult.Outcome.VIOLATION);
    }

    /** Each shard of a sharded run, split at depth 3. */
    @Test
    void shards() {
        for (int i = 0; i < 3; i++) {
            sameOnEveryWorkerCount(ExploreConfig.defaults().withDepth(6).withShard(i, 3, 3), "shard " + i + "/3");
        }
    }

    /** A state budget stops at the same transition: same partial counts. */
    @Test
    void stateBudgetStopsAtTheSameTransition() {
        for (long budget : new long[] {1, 5_000, 12_345}) {
            ExploreResult r = sameOnEveryWorkerCount(ExploreConfig.defaults().withDepth(8).withBudget(budget, 0, 0.85), "budget " + budget);
            assertThat(r.outcome()).isEqualTo(ExploreResult.Outcome.STOPPED_STATES);
        }
    }

    /** Under the hook adversary one transition reaches several states: the same run too. */
    @Test
    void hookAdversary() {
        ModelSpec<?> spec = HookAdversary.safetyOnly(ModelSpecs.uleMachines(ModelSpecs.ule14()));
        sameOnEveryWorkerCount(ExploreConfig.defaults().withSpec(spec).withDepth(5), "hook adversary");
    }

    /** The local engine runs on the workers its options give; fewer than one is refused. */
    @Test
    void workerCounts() {
        assertThat(ExploreEngine.Options.DEFAULT.localWorkers()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(new ExploreEngine.Options(null, 0, 3).localWorkers()).isEqualTo(3);
        ExploreResult local = ExploreEngine.LOCAL.explore(ExploreConfig.defaults().withDepth(4), new ExploreEngine.Options(null, 0, 2), null);
        assertThat(local.levels()).isEqualTo(new Explorer(ExploreConfig.defaults().withDepth(4), null).run().levels());
        assertThatThrownBy(() -> new Explorer(ExploreConfig.defaults(), null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workers must be >= 1");
        assertThatThrownBy(() -> new ExploreEngine.Options(null, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
