// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.ule.SchedParams;

/**
 * The single-CPU simulation loop: {@code hogs} CPU-bound nice-0 timeshare threads on one CPU, one
 * operation = one {@code Tick} event. The clock runs with hz = stathz = 127 (the default stathz),
 * so every tick is a stathz tick ({@code sched_clock}: %CPU, interactivity, priority, slice), and
 * at each slice end (the default 12 stathz ticks, shortened by load) the CPU switches to the next
 * hog. {@code model} steps the persistent machine through the model interface ({@link ModelTarget});
 * {@code baseline} ticks {@link BaselineScheduler}. Throughput = simulated ticks per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-XX:+UseTransparentHugePages"})
@State(Scope.Thread)
public class TickLoopBenchmark {
    @Param({"3"})
    public int hogs;

    private ModelTarget<Machine> model;
    private BaselineScheduler baseline;

    /** One CPU with hz = stathz = 127, the loop's machine. */
    static MachineConfig config() {
        return MachineConfig.singleCpu().withParams(SchedParams.initticks(SchedParams.DEFAULT_STATHZ, 0));
    }

    @Setup
    public void setup() {
        model = ModelTarget.ule14(config(), hogs);
        baseline = new BaselineScheduler(1, hogs);
    }

    @Benchmark
    public Machine model() {
        model.tick();
        return model.state();
    }

    @Benchmark
    public int baseline() {
        return baseline.tick();
    }
}
