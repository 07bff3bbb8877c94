// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim.rtapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ulemodel.sim.Engine;
import org.ulemodel.trace.FuzzCampaign;
import org.ulemodel.trace.InputError;

/**
 * The rt-app reader on arbitrary bytes: it either returns a workload whose every step knows its
 * place in the input, or reports an {@link InputError} with a place; nothing else may escape.
 * Simulating what it reads is {@link RtAppWorkloadFuzzTest}'s target (50 times slower per input,
 * so a campaign gives the reader its own million executions). In CI (no JAZZER_FUZZ) the committed
 * corpus in RtAppReaderFuzzTestInputs/readWorkload is replayed as ordinary tests.
 */
@ExtendWith(FuzzCampaign.class)
class RtAppReaderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void readWorkload(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Workload w;
        try {
            w = RtAppReader.read("fuzz.json", text);
        } catch (InputError e) {
            assertThat(e.getMessage()).startsWith("fuzz.json:");
            return;
        }
        for (Workload.Task task : w.tasks()) {
            for (Workload.Phase phase : task.phases()) {
                for (Workload.Step step : phase.steps()) {
                    assertThat(step.at()).startsWith("fuzz.json:");
                }
            }
        }
    }

    @Test
    void repeatedKeysAreASequenceInDocumentOrder() {
        Workload w = RtAppReader.read("t.json", "{\"tasks\":{\"a\":{\"run\":1,\"sleep\":2,\"run\":3,\"runtime9\":4,/* c */}},}");
        List<Workload.Step> steps = w.tasks().get(0).phases().get(0).steps();
        assertThat(steps).extracting(s -> s.getClass().getSimpleName()).containsExactly("Run", "Sleep", "Run", "Runtime");
        assertThat(((Workload.Run) steps.get(2)).us()).isEqualTo(3);
        assertThat(steps.get(2).at()).isEqualTo("t.json:1:34");
    }

    @Test
    void policiesAndDefaults() {
        Workload w = RtAppReader.read("t.json", "{\"tasks\":{\"a\":{\"policy\":\"SCHED_FIFO\",\"priority\":50,\"run\":1},"
                + "\"b\":{\"phases\":{\"p\":{\"loop\":3,\"cpus\":[1],\"sleep\":5}}}},\"global\":{\"duration\":3,\"default_policy\":\"SCHED_IDLE\"}}");
        assertThat(w.durationUs()).isEqualTo(3_000_000);
        assertThat(w.defaultPolicy()).isEqualTo(Workload.Policy.SCHED_IDLE);
        assertThat(w.tasks().get(0).sched().policy()).isEqualTo(Workload.Policy.SCHED_FIFO);
        assertThat(w.tasks().get(0).loop()).isEqualTo(-1);
        assertThat(w.tasks().get(1).phases().get(0).loop()).isEqualTo(3);
        assertThat(w.tasks().get(1).phases().get(0).sched().cpus()).containsExactly(1);
        assertThat(Engine.realtimePriority(99)).isEqualTo(48);
        assertThat(Engine.realtimePriority(1)).isEqualTo(79);
    }

    @Test
    void unknownKeysAreRefusedWithWhatTheirLevelAccepts() {
        assertThatThrownBy(() -> RtAppReader.read("t.json", "{\"tasks\":{\"a\":{\"run\":1}},\"jobs\":{}}"))
                .hasMessage("t.json:1:26: unknown top-level key \"jobs\": expected tasks, global or resources");
        assertThatThrownBy(() -> RtAppReader.read("t.json", "{\"tasks\":{\"a\":{\"run\":1}},\"global\":{\"seed\":1}}"))
                .hasMessageStartingWith("t.json:1:36: unknown global key \"seed\": expected duration, default_policy, pi_enabled or one of "
                        + "calibration, cumulative_slack, frag");
        assertThatThrownBy(() -> RtAppReader.read("t.json", "{\"tasks\":{\"a\":{\"phases\":{\"p\":{\"run\":1,\"instance\":2}}}}}"))
                .hasMessage("t.json:1:39: unknown key \"instance\": expected an event (lock, unlock, wait, signal, broad, sync, sleep, "
                        + "runtime, run, timer, suspend, resume, yield, barrier, fork) or loop, policy, priority, cpus, taskgroup");
        assertThatThrownBy(() -> RtAppReader.read("t.json", "{\"tasks\":{\"a\":{\"run\":1,\"mem\":1}}}"))
                .hasMessage("t.json:1:24: \"mem\": memory and I/O load are not modelled (the model has no memory or devices)");
        assertThatThrownBy(() -> RtAppReader.read("t.json", "{\"tasks\":{\"a\":{\"run\":1,\"policy\":\"SCHED_BATCH\"}}}"))
                .hasMessage("t.json:1:33: \"policy\": unknown policy \"SCHED_BATCH\"; expected SCHED_OTHER, SCHED_FIFO, SCHED_RR or SCHED_IDLE");
        assertThatThrownBy(() -> RtAppReader.read("t.json", "{\"tasks\":{\"a\":{\"timer\":{\"ref\":\"t\",\"period\":5,\"slack\":1}}}}"))
                .hasMessage("t.json:1:46: unknown key \"slack\" in \"timer\": expected mode, period, ref");
    }

    @Test
    void featuresUsedNamesEachKeyEventFormAndValueOnce() {
        assertThat(RtAppReader.featuresUsed("t.json", "{\"tasks\":{\"a\":{\"run1\":1,\"sleep\":2,\"sleep\":3,"
                + "\"timer\":{\"ref\":\"x\",\"period\":5,\"mode\":\"ABSOLUTE\"},\"policy\":\"SCHED_RR\"}},"
                + "\"global\":{\"logdir\":\"/tmp\"}}"))
                .containsExactlyInAnyOrder("top.tasks", "top.global", "global.logdir", "task.policy", "policy.SCHED_RR", "event.run",
                        "event.sleep", "event.timer", "event.timer.ref", "event.timer.period", "event.timer.mode", "timer.mode.absolute",
                        "form.in-task", "form.numbered", "form.repeated");
        assertThat(RtAppReader.features()).doesNotHaveDuplicates().contains("json.line-comment", "phase.cpus", "event.sync.mutex",
                "policy.SCHED_IDLE", "global.mem_buffer_size");
    }
}
