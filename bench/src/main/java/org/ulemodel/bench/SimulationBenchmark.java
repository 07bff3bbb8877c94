// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.bench;

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
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.topo.Topology;

/**
 * A simulation step mix on an SMP machine: {@code cpus} CPUs (topology 2 packages × cpus/4 cores
 * × 2 SMT threads) and {@code threads} nice-0 timeshare threads, driven by {@link EventMix}
 * (10% hz ticks on every CPU, the rest wakeups with CPU selection and blocks with a switch; a
 * tick is one lock-step event or, with {@code clock=per-cpu}, one per-CPU clock event per CPU),
 * about half the threads asleep. {@code model} steps the persistent {@link Machine} through the
 * model interface ({@link ModelTarget}, {@code SchedulerModel.step}); {@code baseline} drives
 * {@link BaselineScheduler} with the same generator. One operation is one generated event; the
 * {@code events} counter also counts the IPI deliveries a model wakeup triggers, so its rate is
 * the scheduler events per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-XX:+UseTransparentHugePages"})
@State(Scope.Thread)
public class SimulationBenchmark {
    @Param({"8", "64", "256"})
    public int cpus;

    @Param({"10000"})
    public int threads;

    /**
     * {@code lock-step}: a tick is one event on every CPU ({@code Event.Tick}); {@code per-cpu}: a
     * tick is one {@code Event.CpuTick} on each CPU, the same work in finer events.
     */
    @Param({"lock-step", "per-cpu"})
    public String clock;

    private ModelTarget<Machine> model;
    private EventMix modelMix;
    private BaselineScheduler baseline;
    private EventMix baselineMix;

    /** Scheduler events applied in the iteration, reported by JMH as events/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long events;

        @Setup(Level.Iteration)
        public void clear() {
            events = 0;
        }
    }

    /** The machine the simulation runs on. */
    static MachineConfig config(int cpus) {
        if (cpus < 4 || cpus % 4 != 0) {
            throw new IllegalArgumentException("cpus must be a multiple of 4 (2 packages x 2 SMT threads), got " + cpus);
        }
        return MachineConfig.of(Topology.parse("2x" + cpus / 4 + "x2"));
    }

    @Setup
    public void setup() {
        model = ModelTarget.ule14(config(cpus), threads);
        boolean perCpu = switch (clock) {
            case "lock-step" -> false;
            case "per-cpu" -> true;
            default -> throw new IllegalArgumentException("clock: expected lock-step or per-cpu, got " + clock);
        };
        modelMix = new EventMix(42, threads, perCpu);
        baseline = new BaselineScheduler(cpus, threads);
        baselineMix = new EventMix(42, threads, perCpu);
        for (int i = 0; i < 4 * threads; i++) { // reach the steady state: about half the threads asleep
            modelMix.step(model);
            baselineMix.step(baseline);
        }
    }

    @Benchmark
    public int model(Counters counters) {
        int n = modelMix.step(model);
        counters.events += n;
        return n;
    }

    @Benchmark
    public int baseline(Counters counters) {
        int n = baselineMix.step(baseline);
        counters.events += n;
        return n;
    }
}
