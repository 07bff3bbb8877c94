// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.RunState;

/**
 * The benchmarks measure what they claim: the mutable twin makes exactly the model's picks, and
 * the event mix is a legal stream that keeps about half the threads asleep, on the model and on
 * the baseline scheduler alike. Short runs, no timing.
 */
class BaselinesTest {

    /** Persistent run queues and the mutable twin pick the same thread at every step, for every workload. */
    @Test
    void mutableTwinPicksWhatTheModelPicks() {
        for (String kind : new String[] {"realtime", "calendar", "mixed"}) {
            PickNextBenchmark b = new PickNextBenchmark();
            b.kind = kind;
            b.threads = 1_000;
            b.setup();
            for (int i = 0; i < 20_000; i++) {
                int model = b.persistent();
                assertThat(b.mutableTwin()).as("%s, pick %d", kind, i).isEqualTo(model);
            }
        }
    }

    /** Every event the mix generates is legal for the model, and the threads it put to sleep are exactly the sleeping ones. */
    @Test
    void eventMixIsLegalAndTracksTheSleepers() {
        int threads = 400;
        ModelTarget<?> model = ModelTarget.ule14(SimulationBenchmark.config(8), threads);
        EventMix mix = new EventMix(7, threads);
        int events = 0;
        for (int i = 0; i < 10_000; i++) {
            events += mix.step(model);
        }
        assertThat(events).isGreaterThanOrEqualTo(10_000);
        int sleeping = 0;
        for (int t = 0; t < threads; t++) {
            if (model.state().threadState(t) == RunState.SLEEPING) {
                sleeping++;
            }
        }
        assertThat(sleeping).isEqualTo(mix.sleeping());
        assertThat(sleeping).isBetween(threads / 4, 3 * threads / 4);
    }

    /**
     * With per-CPU clocks the mix does the same simulated time in finer events: after each
     * generated tick (one CPU tick per CPU) the model's clock has advanced by one and every CPU's
     * clock is at it again; the stream stays legal and keeps about half the threads asleep.
     */
    @Test
    void perCpuClockMixTicksEveryCpuOncePerTick() {
        int threads = 400;
        ModelTarget<Machine> model = ModelTarget.ule14(SimulationBenchmark.config(8), threads);
        EventMix mix = new EventMix(7, threads, true);
        long events = 0;
        for (int i = 0; i < 10_000; i++) {
            events += mix.step(model);
            assertThat(model.state().elapsed()).isEqualTo(mix.ticks());
            for (int c = 0; c < model.cpuCount(); c++) {
                assertThat(model.state().cpu(c).clockLag()).isZero();
            }
        }
        assertThat(mix.ticks()).isGreaterThan(500);
        assertThat(events).as("8 events per tick").isGreaterThanOrEqualTo(10_000 + 7 * mix.ticks());
        assertThat(mix.sleeping()).isBetween(threads / 4, 3 * threads / 4);
        SimulationBenchmark b = new SimulationBenchmark();
        b.cpus = 8;
        b.threads = 100;
        b.clock = "per-cpu-ish";
        assertThatThrownBy(b::setup).hasMessage("clock: expected lock-step or per-cpu, got per-cpu-ish");
    }

    /** The baseline scheduler under the same mix: every thread runs on at most one CPU and a busy CPU is found whenever one exists. */
    @Test
    void baselineRunsEachThreadOnAtMostOneCpu() {
        int threads = 400;
        BaselineScheduler baseline = new BaselineScheduler(8, threads);
        EventMix mix = new EventMix(7, threads);
        for (int i = 0; i < 10_000; i++) {
            mix.step(baseline);
            boolean[] seen = new boolean[threads];
            for (int c = 0; c < baseline.cpuCount(); c++) {
                int tid = baseline.running(c);
                if (tid >= 0) {
                    assertThat(seen[tid]).as("thread %d on two CPUs after event %d", tid, i).isFalse();
                    seen[tid] = true;
                }
            }
        }
        assertThat(mix.sleeping()).isBetween(threads / 4, 3 * threads / 4);
    }
}
