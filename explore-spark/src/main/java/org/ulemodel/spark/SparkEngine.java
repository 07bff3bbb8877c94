// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.apache.spark.HashPartitioner;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.spec.Violation;
import org.ulemodel.spec.WaitMonitor;
import org.ulemodel.spec.explore.ExploreConfig;
import org.ulemodel.spec.explore.ExploreEngine;
import org.ulemodel.spec.explore.ExploreResult;
import org.ulemodel.spec.explore.Transitions;

/**
 * The distributed breadth-first explorer on Apache Spark ({@code ulemodel explore --engine spark}):
 * the search of spec's {@link org.ulemodel.spec.explore.Explorer}, with its visited set partitioned
 * by state fingerprint, in the way of TLC's distributed mode and PReach. Each BFS level is one Spark
 * job: every partition rebuilds its frontier states from their paths and takes their transitions
 * ({@link Transitions}, every invariant and path property judged on the executors); the successors,
 * as (fingerprint, path) pairs, are shuffled by fingerprint to the partition that owns them
 * ({@link HashPartitioner}), reduced there to one per fingerprint, and those not in that partition's
 * visited set form the next frontier ({@link Part}). Nothing per state is held but its 64-bit
 * fingerprint and, while it is in the frontier, its path of {@code (move, index)} pairs; both
 * persist at {@link StorageLevel#MEMORY_AND_DISK()}, so what does not fit in an executor's memory
 * spills to its disk.
 *
 * <p>The same answers as the single-machine explorer: a state's path is the least (in the order the
 * explorer meets transitions) of the paths reaching its fingerprint first, which is the one the
 * explorer keeps; so the distinct states, the levels, the verdict and, for a violation, the
 * counterexample (the least violating path of the shallowest violating level, rebuilt on the
 * driver by following it) are the explorer's. Budgets (states, time) are checked between levels, so
 * a stopped search ends on a level boundary. Memory: Spark's executor memory, spilling to disk
 * instead of stopping.
 */
public final class SparkEngine implements ExploreEngine {
    @Override
    public String name() {
        return "spark";
    }

    /**
     * Explores {@code config} in a Spark context of its own: {@code options.master()} (null: the
     * master {@code spark-submit} set, else {@code local[*]}), stopped at the end.
     */
    @Override
    public ExploreResult explore(ExploreConfig config, Options options, PrintStream progress) {
        Job.of(config); // refuse what executors could not rebuild before starting Spark
        SparkConf conf = new SparkConf().setAppName("ulemodel explore");
        if (options.master() != null) {
            conf.setMaster(options.master());
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            return explore(sc, config, options.partitions(), progress);
        }
    }

    /**
     * Explores {@code config} in {@code sc} over {@code partitions} partitions (0: twice the
     * context's default parallelism, at least 2); {@code progress} gets a line per level (null:
     * silent).
     *
     * @throws IllegalArgumentException when the configuration cannot be explored by this engine
     *                                  (a model not in the registry, a shard) or its setup is refused
     */
    public static ExploreResult explore(JavaSparkContext sc, ExploreConfig config, int partitions, PrintStream progress) {
        Job job = Job.of(config);
        int n = partitions > 0 ? partitions : Math.max(2, 2 * sc.defaultParallelism());
        return search(sc, config, job, Transitions.of(job.config()), n, progress);
    }

    private static <S extends SchedulerState> ExploreResult search(JavaSparkContext sc, ExploreConfig config, Job job, Transitions<S> t,
            int n, PrintStream progress) {
        long start = System.nanoTime();
        Transitions.Start<S> s0 = t.start();
        if (s0.violation() != null) {
            return result(config, ExploreResult.Outcome.VIOLATION, start, 0, 0, 0, 1, s0.violation(), s0.setup(), List.of());
        }
        HashPartitioner owner = new HashPartitioner(n);
        long fp0 = t.fingerprint(s0.state(), s0.monitor());
        List<Part> init = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean here = owner.getPartition(fp0) == i;
            init.add(here ? new Part(new long[] {fp0}, new String[] {""}, 1) : new Part(new long[0], new String[0], 0));
        }
        JavaRDD<Part> parts = sc.parallelize(init, n).persist(StorageLevel.MEMORY_AND_DISK());
        LeastPath violations = new LeastPath();
        sc.sc().register(violations, "violations");
        LongAccumulator transitions = sc.sc().longAccumulator("transitions");
        ShuffleBytes shuffled = new ShuffleBytes();
        sc.sc().addSparkListener(shuffled);
        List<Long> levels = new ArrayList<>(List.of(1L));
        long states = 1;
        long frontier = 1;
        long peak = 1;
        int depth = 0;
        ExploreResult.Outcome outcome = ExploreResult.Outcome.COMPLETE;
        while (frontier > 0 && depth < config.depth()) {
            if (states >= config.maxStates()) {
                outcome = ExploreResult.Outcome.STOPPED_STATES;
                break;
            }
            if (config.maxSeconds() > 0 && (System.nanoTime() - start) / 1e9 >= config.maxSeconds()) {
                outcome = ExploreResult.Outcome.STOPPED_TIME;
                break;
            }
            boolean keep = depth + 1 < config.depth();
            JavaPairRDD<Long, String> successors = parts.mapPartitionsToPair(
                    it -> new Expansion<>(Transitions.of(job.config()), only(it).frontier, keep, violations, transitions));
            // no map-side combine: the shuffle writes each map task's pairs straight into the owners' blocks
            JavaRDD<Part> next = successors.partitionBy(owner)
                    .zipPartitions(parts, (cand, old) -> List.of(Part.next(cand, only(old), keep)).iterator())
                    .persist(StorageLevel.MEMORY_AND_DISK());
            long fresh = next.map(p -> p.fresh).reduce(Long::sum);
            parts.unpersist(false);
            parts = next;
            depth++;
            states += fresh;
            levels.add(fresh);
            frontier = keep ? fresh : 0;
            peak = Math.max(peak, frontier);
            if (progress != null) {
                double secs = (System.nanoTime() - start) / 1e9;
                progress.printf(Locale.ROOT,
                        "explore[spark]: depth %d, %d states (+%d), %d transitions, frontier %d, %.0f states/s, shuffled %.1f MB so far%n",
                        depth, states, fresh, transitions.value(), frontier, states / secs, shuffled.bytes.sum() / 1e6);
            }
            if (violations.value() != null) {
                Counterexample<S> cx = Counterexample.follow(t, s0, violations.value());
                parts.unpersist(false);
                sc.sc().removeSparkListener(shuffled);
                return result(config, ExploreResult.Outcome.VIOLATION, start, states, transitions.value(), depth, peak, cx.violation,
                        cx.events, levels);
            }
        }
        parts.unpersist(false);
        sc.sc().removeSparkListener(shuffled);
        return result(config, outcome, start, states, transitions.value(), depth, peak, null, List.of(), levels);
    }

    /** Counts the bytes the search's tasks write to the shuffle, for the progress lines (Spark reports them after each task). */
    private static final class ShuffleBytes extends SparkListener {
        final LongAdder bytes = new LongAdder();

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskMetrics() != null) {
                bytes.add(end.taskMetrics().shuffleWriteMetrics().bytesWritten());
            }
        }
    }

    /** The one {@link Part} of a partition, its iterator read to the end (which releases Spark's lock on the cached block). */
    private static Part only(Iterator<Part> it) {
        Part p = it.next();
        if (it.hasNext()) {
            throw new IllegalStateException("a partition holds more than one part");
        }
        return p;
    }

    /** A violating path followed from the start state on the driver: its events and the violation of its last transition. */
    private static final class Counterexample<S extends SchedulerState> {
        final List<Event> events = new ArrayList<>();
        Violation violation;

        static <S extends SchedulerState> Counterexample<S> follow(Transitions<S> t, Transitions.Start<S> s0, String path) {
            Counterexample<S> cx = new Counterexample<>();
            cx.events.addAll(s0.setup());
            List<S> state = new ArrayList<>(List.of(s0.state()));
            List<WaitMonitor> monitor = new ArrayList<>(List.of(s0.monitor()));
            for (int j = 0; j < path.length() / 2; j++) {
                boolean ok = t.follow(state.get(0), monitor.get(0), cx.events.size(), path.charAt(2 * j), path.charAt(2 * j + 1),
                        (move, index, e, repeats, s, w, v) -> {
                            for (int i = 0; i < repeats; i++) {
                                cx.events.add(e);
                            }
                            state.set(0, s);
                            monitor.set(0, w);
                            cx.violation = v;
                            return true;
                        });
                if (!ok) {
                    throw new IllegalStateException("the violating path does not replay at step " + (j + 1));
                }
            }
            if (cx.violation == null) {
                throw new IllegalStateException("the violating path replays without a violation");
            }
            return cx;
        }
    }

    private static ExploreResult result(ExploreConfig config, ExploreResult.Outcome outcome, long start, long states, long transitions,
            int depth, long peak, Violation v, List<Event> counterexample, List<Long> levels) {
        double secs = (System.nanoTime() - start) / 1e9;
        // the visited set is the partitions' sorted fingerprint arrays: 8 bytes a state
        return new ExploreResult(outcome, states, transitions, depth, secs, 8 * states, peak, v, counterexample, config.topology(),
                config.spec().model().id(), levels);
    }
}
