// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.bench;

import org.openjdk.jol.info.GraphLayout;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.spec.explore.ExploreResult;
import org.ulemodel.spec.explore.Explorer;

/**
 * Deterministic sizes, not timings: the bytes of model state per thread (the object graph of a
 * {@link org.ulemodel.core.machine.Machine} in the simulation benchmark's steady state, minus that
 * of the same machine with no threads, divided by the threads; measured with JOL), the same for
 * {@link BaselineScheduler}, and the explorer's visited-set bytes per state.
 *
 * @param cpus CPUs of the measured machine
 * @param threads threads of the measured machine
 * @param modelBytesPerThread the model's retained bytes per thread
 * @param baselineBytesPerThread the baseline scheduler's retained bytes per thread
 * @param explorerStates distinct states of one exploration ({@link ExplorerBenchmark}'s configuration)
 * @param explorerBytesPerState the explorer's visited-set bytes per state
 */
record Footprint(int cpus, int threads, double modelBytesPerThread, double baselineBytesPerThread, long explorerStates,
        double explorerBytesPerState) {

    static Footprint measure(int cpus, int threads, int explorerDepth) {
        ModelTarget<Machine> empty = ModelTarget.ule14(SimulationBenchmark.config(cpus), 0);
        ModelTarget<Machine> model = ModelTarget.ule14(SimulationBenchmark.config(cpus), threads);
        EventMix mix = new EventMix(42, threads);
        for (int i = 0; i < 4 * threads; i++) {
            mix.step(model);
        }
        long modelBytes = GraphLayout.parseInstance(model.state()).totalSize()
                - GraphLayout.parseInstance(empty.state()).totalSize();
        long baselineBytes = GraphLayout.parseInstance(new BaselineScheduler(cpus, threads)).totalSize()
                - GraphLayout.parseInstance(new BaselineScheduler(cpus, 0)).totalSize();
        ExploreResult explored = new Explorer(ExplorerBenchmark.config(explorerDepth), null).run();
        return new Footprint(cpus, threads, (double) modelBytes / threads, (double) baselineBytes / threads,
                explored.states(), explored.bytesPerState());
    }
}
