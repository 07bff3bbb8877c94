// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.spec.toy.RoundRobinModel;

/**
 * The decision trace's header names its model (version 2; a version 1 header is ULE 14's), and
 * carries the model's own boot random state: one {@code randomval} per CPU for ULE, none for a
 * model that draws no random numbers. Booting from a header checks that it describes the model
 * and machine it is booted for.
 */
class DecisionTraceHeaderTest {
    static DecisionTrace.Header read(String header) throws IOException {
        return DecisionTrace.read("t.jsonl", new BufferedReader(new StringReader(header + "\n")), h -> { }, e -> { });
    }

    @Test
    void aWrittenHeaderReadsBackWithItsModelAndRandomState() throws IOException {
        Machine boot = Ule14Model.DEFAULT.randomChoices().withRandomWords(Ule14Model.DEFAULT.boot(Topology.parse("2")), new int[] {7, -1});
        DecisionTrace.Header h = DecisionTrace.Header.of(Ule14Model.DEFAULT, "2", boot);
        StringWriter text = new StringWriter();
        new DecisionTrace.Writer(text, h).close();
        DecisionTrace.Header back = read(text.toString().strip());
        assertThat(back.model()).isEqualTo("ule14");
        assertThat(back.randomval()).containsExactly(7, -1);
        assertThat(back.cpus()).isEqualTo(2);
        Machine again = back.boot(Ule14Model.DEFAULT, Topology.parse("2"), "t.jsonl");
        assertThat(again).isEqualTo(boot);
    }

    @Test
    void aVersionOneHeaderIsUle14s() throws IOException {
        DecisionTrace.Header h = read("{\"format\":\"ulemodel-decisions\",\"version\":1,\"topology\":\"1\",\"cpus\":1,\"hz\":1000,"
                + "\"stathz\":127,\"randomval\":[5]}");
        assertThat(h.model()).isEqualTo("ule14");
    }

    @Test
    void aModelWithoutRandomnessHasAnEmptyRandomState() throws IOException {
        RoundRobinModel toy = RoundRobinModel.correct();
        RoundRobinModel.State boot = toy.boot(Topology.parse("2"));
        DecisionTrace.Header h = DecisionTrace.Header.of(toy, "2", boot);
        assertThat(h.randomval()).isEmpty();
        assertThat(h.model()).isEqualTo("toy-rr");
        assertThat(h.boot(toy, Topology.parse("2"), "t.jsonl")).usingRecursiveComparison().isEqualTo(boot);
        DecisionTrace.Header withWords = new DecisionTrace.Header("toy-rr", "2", 2, 1000, 1000, new int[] {1, 2});
        assertThatThrownBy(() -> withWords.boot(toy, Topology.parse("2"), "t.jsonl")).isInstanceOf(InputError.class)
                .hasMessage("t.jsonl:1:1: \"randomval\": the model draws no random numbers: expected no random state, got 2 values");
    }

    @Test
    void badHeadersNameLineColumnAndExpectation() {
        String head = "{\"format\":\"ulemodel-decisions\",\"version\":2,";
        assertThatThrownBy(() -> read(head + "\"model\":\"u le\",\"topology\":\"1\",\"cpus\":1,\"hz\":1000,\"stathz\":127,\"randomval\":[]}"))
                .hasMessage("t.jsonl:1:44: \"model\": expected a model id such as \"ule14\", got \"u le\"");
        assertThatThrownBy(() -> read(head + "\"topology\":\"1\",\"cpus\":1,\"hz\":1000,\"stathz\":127,\"randomval\":[]}"))
                .hasMessageContaining("missing field \"model\"");
        assertThatThrownBy(() -> read(head + "\"model\":\"ule14\",\"topology\":\"2\",\"cpus\":2,\"hz\":1000,\"stathz\":127,\"randomval\":[1]}"))
                .hasMessageContaining("\"randomval\": expected 2 values (one per CPU), or none for a model without random state, found 1");
        assertThatThrownBy(() -> read("{\"format\":\"ulemodel-decisions\",\"version\":3}"))
                .hasMessageContaining("version 3 is not supported: expected 1 or 2");
    }

    @Test
    void bootingRefusesAHeaderForAnotherModelMachineOrClock() {
        Topology two = Topology.parse("2");
        assertThatThrownBy(() -> new DecisionTrace.Header("toy-rr", "2", 2, 1000, 127, new int[0]).boot(Ule14Model.DEFAULT, two, "t"))
                .hasMessage("t:1:1: the trace is for model toy-rr, not ule14");
        assertThatThrownBy(() -> new DecisionTrace.Header("ule14", "4", 4, 1000, 127, new int[4]).boot(Ule14Model.DEFAULT, two, "t"))
                .hasMessage("t:1:1: the trace is for 4 CPUs (topology 4) but the machine has 2");
        assertThatThrownBy(() -> new DecisionTrace.Header("ule14", "2", 2, 100, 127, new int[2]).boot(Ule14Model.DEFAULT, two, "t"))
                .hasMessage("t:1:1: the trace runs hz 100, stathz 127; the model runs hz 1000, stathz 127");
        assertThatThrownBy(() -> new DecisionTrace.Header("ule14", "2", 2, 1000, 127, new int[0]).boot(Ule14Model.DEFAULT, two, "t"))
                .hasMessage("t:1:1: \"randomval\": expected 2 randomval values (one per CPU), got 0");
    }
}
