// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import org.ulemodel.spec.explore.ExploreEngine;
import picocli.CommandLine.Option;

/**
 * The one parser of {@code explore}'s search-engine options (a picocli mixin): {@code --engine NAME}
 * ({@link ExploreEngine#named}: {@code local}, or {@code spark} when explore-spark is on the class
 * path), {@code --workers N} for the local engine, {@code --master URL} and {@code --partitions N}
 * for a distributed engine. Invariant: an engine that is not on the class path, and an option the
 * chosen engine does not take, is a {@link UsageError} saying what to do.
 */
public final class EngineOption {
    @Option(names = "--engine", paramLabel = "NAME", description = {"the search engine: local (this machine, default) or spark (the",
        "distributed search of explore-spark: run through ./ulemodel or spark-submit, see docs/explore-spark.md)"})
    String engine = "local";

    @Option(names = "--workers", paramLabel = "N", description = {"--engine local: threads expanding each BFS level (default: one per",
        "available processor; 1: single-threaded); the result is the same whatever N"})
    Integer workers;

    @Option(names = "--master", paramLabel = "URL", description = "--engine spark: the Spark master (default: spark-submit's, else local[*])")
    String master;

    @Option(names = "--partitions", paramLabel = "N", description = "--engine spark: partitions of the state set (default: twice the "
            + "cluster's default parallelism)")
    int partitions;

    /**
     * The engine {@code --engine} names.
     *
     * @throws UsageError when it is not on the class path (saying how to get it) or {@code --partitions} is negative
     */
    public ExploreEngine engine() {
        if (partitions < 0) {
            throw new UsageError("--partitions: expected N >= 0, got " + partitions);
        }
        if (workers != null && workers < 1) {
            throw new UsageError("--workers: expected N >= 1, got " + workers);
        }
        try {
            ExploreEngine e = ExploreEngine.named(engine);
            if (workers != null && e != ExploreEngine.LOCAL) {
                throw new UsageError("--workers: only the local engine takes it; --engine " + e.name() + " runs as wide as its --master");
            }
            return e;
        } catch (IllegalArgumentException e) {
            throw new UsageError("--engine: " + e.getMessage() + "; the Spark engine is the explore-spark module: run ./ulemodel explore "
                    + "--engine spark (the launcher adds it to the class path) or spark-submit explore-spark/target/ulemodel-spark.jar "
                    + "(docs/explore-spark.md)");
        }
    }

    /** Where and how wide the engine runs. */
    public ExploreEngine.Options options() {
        return new ExploreEngine.Options(master, partitions, workers == null ? 0 : workers);
    }
}
