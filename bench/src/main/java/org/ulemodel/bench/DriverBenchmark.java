// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.sim.Behavior;
import org.ulemodel.sim.Engine;
import org.ulemodel.sim.rtapp.Workload;
import org.ulemodel.spec.explore.ModelSpecs;

/**
 * The one workload driver ({@link Engine}, as {@code simulate} and {@code demo} run it) on ULE 14:
 * a demo-like mix on a 2×2×2 machine — CPU hogs at nice 0 and +10, threads that run 1 ms and sleep
 * 9 ms, a SCHED_RR thread and a hog pinned to CPU 0 — for {@value #SIMULATED_MS} ms of simulated
 * time per operation, every invariant judged after every step ({@code checked}) or not. The
 * {@code steps} counter reports model steps per second through the driver, listeners, statistics
 * and checks included: the figure a {@code simulate} user waits on.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-XX:+UseTransparentHugePages"})
@State(Scope.Thread)
public class DriverBenchmark {
    static final int SIMULATED_MS = 50;

    @Param({"false", "true"})
    public boolean checked;

    private Topology topology;
    private Workload workload;

    /** Model steps taken in the iteration, reported by JMH as steps/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long steps;

        @Setup(Level.Iteration)
        public void clear() {
            steps = 0;
        }
    }

    @Setup
    public void setup() {
        topology = Topology.parse("2x2x2");
        List<Behavior> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            threads.add(Behavior.hog("hog" + i, 0));
        }
        threads.add(Behavior.hog("nice10-0", 10));
        threads.add(Behavior.hog("nice10-1", 10));
        threads.add(Behavior.periodic("interactive0", 0, 1, 9));
        threads.add(Behavior.periodic("interactive1", 0, 1, 9));
        threads.add(Behavior.realtime("realtime", 60, 2, 48));
        threads.add(Behavior.hog("cpu0-hog", 0).on(0));
        workload = Behavior.workload("bench", threads, 1_000_000);
    }

    @Benchmark
    public long ule14(Counters counters) {
        Engine.Result<?> r = Engine.of(ModelSpecs.ule14(), topology, workload,
                new Engine.Options(SIMULATED_MS * 1000L, 0, checked)).run();
        counters.steps += r.steps();
        return r.steps();
    }
}
