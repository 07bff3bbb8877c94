// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Linux 2.6's O(1) model on every command through {@code --model o1}, with no CLI code of its
 * own: {@code simulate} runs a shipped workload checked by its seven invariants and {@code check}
 * finds the trace conforming, {@code explore} runs clean and finds a planted bug whose
 * counterexample {@code replay} reproduces, and {@code demo} runs.
 */
class O1CommandsTest {
    @TempDir
    Path dir;

    @Test
    void simulateChecksTheO1ModelAndCheckJudgesItsTrace() throws IOException {
        Path trace = dir.resolve("o1.jsonl");
        CliRunner.Outcome sim = CliRunner.run("simulate", CliRunner.workload("ui-pipeline.json").toString(), "--topology", "2x2", "--model",
                "o1", "--duration", "500ms", "--check", "--decisions", trace.toString());
        assertThat(sim.code()).as(sim.err()).isZero();
        assertThat(sim.out()).contains("(4 CPUs, model o1)");
        List<String> lines = Files.readAllLines(trace, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).contains("\"model\":\"o1\"", "\"randomval\":[]");
        CliRunner.Outcome ok = CliRunner.run("check", trace.toString(), "--topology", "2x2");
        assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains(lines.size() - 1 + " events, conforming");
    }

    @Test
    void exploreRunsCleanFindsAPlantedBugAndReplayReproducesIt() throws IOException {
        CliRunner.Outcome clean = CliRunner.run("explore", "--model", "o1", "--depth", "5");
        assertThat(clean.code()).as(clean.err()).isZero();
        assertThat(clean.out()).contains("outcome: COMPLETE", "no violation within depth 5");

        CliRunner.Outcome list = CliRunner.run("explore", "--model", "o1", "--list-bugs");
        assertThat(list.out().lines().map(l -> l.substring(0, l.indexOf(':'))).toList()).containsExactly("BITMAP_CLEARED_EARLY",
                "SWAP_KEEPS_TIMESTAMP", "SLICE_NOT_REFILLED", "NR_RUNNING_NOT_DECREMENTED", "PULLS_RUNNING_TASK", "EXPIRED_STAYS_ACTIVE");

        CliRunner.Outcome bug = CliRunner.run("explore", "--model", "o1", "--bug", "BITMAP_CLEARED_EARLY", "--depth", "6");
        assertThat(bug.code()).isEqualTo(1);
        assertThat(bug.out()).startsWith("# CONSERVE violated").contains("\nmodel o1\ntopology 2\n");
        Path cx = dir.resolve("cx.txt");
        Files.writeString(cx, bug.out(), StandardCharsets.UTF_8);
        CliRunner.Outcome replayed = CliRunner.run("replay", cx.toString(), "--bug", "bitmap_cleared_early");
        assertThat(replayed.code()).as(replayed.err()).isEqualTo(1);
        assertThat(replayed.out()).contains("CONSERVE violated after step 4");
        CliRunner.Outcome correct = CliRunner.run("replay", cx.toString());
        assertThat(correct.code()).as(correct.out() + correct.err()).isZero();
    }

    @Test
    void demoRunsOnO1() {
        CliRunner.Outcome o = CliRunner.run("demo", "--model", "o1", "--seconds", "2", "--topology", "2");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).startsWith("ulemodel demo: model o1 on 2 (2 CPUs), hz 1000, stathz 1000");
    }
}
