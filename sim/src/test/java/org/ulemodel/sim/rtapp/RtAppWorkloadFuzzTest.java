// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim.rtapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.sim.Engine;
import org.ulemodel.sim.WorkloadError;
import org.ulemodel.trace.FuzzCampaign;
import org.ulemodel.trace.InputError;

/**
 * What the rt-app reader accepts, simulated: every workload read from arbitrary bytes runs 20 ms
 * on two CPUs with every invariant judged after every step, or stops with a {@link WorkloadError}
 * naming its place in the input; nothing else may escape. Inputs the reader refuses are
 * {@link RtAppReaderFuzzTest}'s concern and are skipped here. In CI (no JAZZER_FUZZ) the committed
 * corpus in RtAppWorkloadFuzzTestInputs/simulateWorkload is replayed as ordinary tests.
 */
@ExtendWith(FuzzCampaign.class)
class RtAppWorkloadFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void simulateWorkload(byte[] input) {
        Workload w;
        try {
            w = RtAppReader.read("fuzz.json", new String(input, StandardCharsets.UTF_8));
        } catch (InputError e) {
            return;
        }
        try {
            Engine.ule14(w, MachineConfig.of(Topology.parse("2")), new Engine.Options(20_000, 1, true)).run();
        } catch (WorkloadError e) {
            assertThat(e.getMessage()).startsWith("fuzz.json:");
        }
    }
}
