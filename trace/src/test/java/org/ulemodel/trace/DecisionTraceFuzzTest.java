// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.topo.Topology;

/**
 * The JSONL trace reader and the oracle on arbitrary bytes: reading either succeeds or reports an
 * {@link InputError} at a line; every entry read is judged by the oracle on a 2-CPU machine,
 * which may find divergences but must not crash. The committed corpus in
 * DecisionTraceFuzzTestInputs/readTrace is replayed as ordinary tests in CI.
 */
@ExtendWith(FuzzCampaign.class)
class DecisionTraceFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void readTrace(byte[] input) throws IOException {
        String text = new String(input, StandardCharsets.UTF_8);
        Oracle<Machine> oracle = new Oracle<>(Ule14Model.DEFAULT, Machine.boot(MachineConfig.of(Topology.parse("2"))));
        try {
            DecisionTrace.read("fuzz.jsonl", new BufferedReader(new StringReader(text)), h -> { }, oracle::judge);
        } catch (InputError e) {
            assertThat(e.getMessage()).startsWith("fuzz.jsonl:");
        }
    }
}
