// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ulemodel.spec.EventText;

import org.ulemodel.spec.explore.ExploreConfig;
import org.ulemodel.spec.explore.ExploreEngine;
import org.ulemodel.spec.explore.ExploreResult;
import org.ulemodel.spec.explore.Explorer;
import org.ulemodel.spec.explore.ModelSpecs;
import org.ulemodel.spec.explore.Move;
import org.ulemodel.spec.explore.PlantedBugs;
import org.ulemodel.spec.explore.Replayer;
import org.ulemodel.spec.explore.ThreadSpec;

/**
 * The Spark engine in Spark's local mode gives the single-machine explorer's answers: on
 * configurations both finish, the same distinct states, levels, maximum depth and verdict; for a
 * planted bug, the same violation and the same counterexample, which replays to it.
 */
class SparkEngineTest {
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("SparkEngineTest").set("spark.ui.enabled", "false")
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer"));
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    private static void sameAnswers(ExploreConfig cfg, int partitions) {
        ExploreResult local = new Explorer(cfg, null).run();
        ExploreResult spark = SparkEngine.explore(sc, cfg, partitions, null);
        assertThat(spark.outcome()).as(spark.statistics()).isEqualTo(local.outcome());
        assertThat(spark.maxDepth()).isEqualTo(local.maxDepth());
        if (local.outcome() == ExploreResult.Outcome.VIOLATION) {
            assertThat(spark.violation()).isEqualTo(local.violation());
            assertThat(spark.counterexample()).hasSameSizeAs(local.counterexample());
            assertThat(spark.counterexampleText()).isEqualTo(local.counterexampleText());
        } else {
            assertThat(spark.states()).as(spark.statistics()).isEqualTo(local.states());
            assertThat(spark.levels()).isEqualTo(local.levels());
            assertThat(spark.transitions()).isEqualTo(local.transitions());
        }
    }

    @Test
    void theDefaultConfigurationToDepthFiveHasTheExplorersStatesAndDepth() {
        sameAnswers(ExploreConfig.defaults().withDepth(5), 4);
    }

    @Test
    void withoutSymmetryAndWithEveryMoveTooOnOtherModels() {
        sameAnswers(ExploreConfig.defaults().withDepth(4).withSymmetry(false), 3);
        sameAnswers(ExploreConfig.defaults().withTopology("1").withMoves(List.of(Move.values())).withDepth(4), 2);
        sameAnswers(ExploreConfig.defaults().withSpec(ModelSpecs.named("o1")).withDepth(4), 5);
        sameAnswers(ExploreConfig.defaults().withSpec(ModelSpecs.named("ule15")).withDepth(4), 4);
    }

    @Test
    void aPlantedBugGivesTheExplorersCounterexampleWhichReplays() {
        ExploreConfig cfg = ExploreConfig.defaults().withDepth(4).withBug(PlantedBugs.LOAD_NOT_DECREMENTED_ON_SLEEP);
        sameAnswers(cfg, 4);
        ExploreResult r = SparkEngine.explore(sc, cfg, 4, null);
        assertThat(r.violation().invariant()).isEqualTo("COUNTERS");
        Replayer.Result replay = Replayer.replay(EventText.parseAll(r.counterexampleText(), "cx"), cfg.bug(), cfg.waitBound(), null);
        assertThat(replay.violation()).isEqualTo(r.violation());
        sameAnswers(ExploreConfig.defaults().withDepth(5).withBug(PlantedBugs.PREEMPT_IPI_LOST), 3);
        // a STAT macro takes several hz ticks: the same counterexample, event for event
        sameAnswers(ExploreConfig.defaults().withTopology("1").withThreads(List.of(ThreadSpec.timeshare(), ThreadSpec.timeshare(),
                ThreadSpec.parse("realtime"))).withDepth(6).withBug(PlantedBugs.PREEMPTED_AT_TAIL), 2);
    }

    @Test
    void theEngineIsFoundByName() {
        assertThat(ExploreEngine.named("SPARK")).isInstanceOf(SparkEngine.class);
        assertThatThrownBy(() -> ExploreEngine.named("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("local, spark");
    }

    @Test
    void aShardIsRefused() {
        assertThatThrownBy(() -> SparkEngine.explore(sc, ExploreConfig.defaults().withShard(0, 2, 3), 2, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--shard");
    }
}
