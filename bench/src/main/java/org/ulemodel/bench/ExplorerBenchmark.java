// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.ulemodel.spec.explore.ExploreConfig;
import org.ulemodel.spec.explore.ExploreResult;
import org.ulemodel.spec.explore.Explorer;
import org.ulemodel.spec.explore.ThreadSpec;

/**
 * Explorer throughput: one operation is a complete exploration of a 2-CPU, 4-thread timeshare
 * configuration (default moves) to the given depth, every invariant and path property checked
 * on every transition, single-threaded ({@code workers} 1) or by the parallel search on 2 threads
 * (the same states, transitions and verdict; ParallelExplorerTest). The {@code states} counter is
 * reported as distinct states per second; the visited set's bytes per state of the last run is
 * printed at the end of the trial.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class ExplorerBenchmark {
    @Param({"7"})
    public int depth;

    /** Threads expanding each level ({@code explore --workers}): 1 is the single-threaded search. */
    @Param({"1", "2"})
    public int workers;

    private ExploreConfig config;

    private ExploreResult last;

    /** Per-iteration counter of distinct states explored, reported by JMH as a rate: states/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long states;

        @Setup(Level.Iteration)
        public void clear() {
            states = 0;
        }
    }

    /** Prints the visited set's size per state of the last run (a deterministic figure, not a timing). */
    @TearDown
    public void report() {
        System.out.printf(java.util.Locale.ROOT, "%nvisited set: %d states, %d transitions, %.2f bytes/state, peak frontier %d%n",
                last.states(), last.transitions(), last.bytesPerState(), last.peakFrontier());
    }

    @Setup
    public void setup() {
        config = config(depth);
    }

    /** The explored configuration: 2 CPUs, 4 timeshare threads, default moves, to {@code depth}. */
    static ExploreConfig config(int depth) {
        return ExploreConfig.defaults().withThreads(List.of(ThreadSpec.timeshare(), ThreadSpec.timeshare(), ThreadSpec.timeshare(),
                ThreadSpec.timeshare())).withDepth(depth);
    }

    /** One exhaustive exploration. */
    @Benchmark
    public ExploreResult explore(Counters counters) {
        ExploreResult r = new Explorer(config, null, workers).run();
        if (r.outcome() != ExploreResult.Outcome.COMPLETE) {
            throw new IllegalStateException("benchmark configuration did not explore cleanly: " + r.violation());
        }
        counters.states += r.states();
        last = r;
        return r;
    }
}
