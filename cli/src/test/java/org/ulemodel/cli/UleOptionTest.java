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
 * {@code --ule 14|15} on every command that runs a model, the synonym of {@code --model
 * ule14|ule15}: {@code simulate} runs FreeBSD 15's machine and records {@code "model":"ule15"} in
 * the trace header, {@code check} boots it from there, {@code explore} finds a V15 planted bug
 * and prints a counterexample naming the model, {@code replay} replays it, {@code demo} runs it;
 * contradictions and bad values are usage errors.
 */
class UleOptionTest {
    @TempDir
    Path dir;

    @Test
    void simulateRecordsUle15AndCheckBootsItFromTheHeader() throws IOException {
        Path trace = dir.resolve("v15.jsonl");
        CliRunner.Outcome sim = CliRunner.run("simulate", CliRunner.workload("ui-pipeline.json").toString(), "--topology", "2x2", "--ule",
                "15", "--duration", "500ms", "--check", "--decisions", trace.toString());
        assertThat(sim.code()).as(sim.err()).isZero();
        assertThat(sim.out()).contains("(4 CPUs, model ule15)");
        List<String> lines = Files.readAllLines(trace, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).contains("\"model\":\"ule15\"");
        CliRunner.Outcome ok = CliRunner.run("check", trace.toString(), "--topology", "2x2");
        assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains(lines.size() - 1 + " events, conforming");
        CliRunner.Outcome same = CliRunner.run("check", trace.toString(), "--topology", "2x2", "--model", "ule15", "--ule", "15");
        assertThat(same.code()).as(same.out() + same.err()).isZero();
        CliRunner.Outcome wrong = CliRunner.run("check", trace.toString(), "--topology", "2x2", "--ule", "14");
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err()).contains(trace + ":1: the file is for model ule15, but --ule 14 names ule14");
    }

    @Test
    void exploreFindsAUle15BugAndReplayRunsItsCounterexample() throws IOException {
        CliRunner.Outcome ex = CliRunner.run("explore", "--ule", "15", "--bug", "QUEUE_INDEX_MOD_64", "--depth", "4");
        assertThat(ex.code()).as(ex.err()).isEqualTo(1);
        assertThat(ex.out()).contains("RUNQ15 violated").contains("\nmodel ule15\n");
        Path cx = dir.resolve("cx.events");
        Files.writeString(cx, ex.out().lines().filter(l -> !l.startsWith("#")).reduce("", (a, l) -> a + l + "\n"),
                StandardCharsets.UTF_8);
        CliRunner.Outcome clean = CliRunner.run("replay", cx.toString());
        assertThat(clean.code()).as(clean.out() + clean.err()).isZero();
        CliRunner.Outcome bug = CliRunner.run("replay", cx.toString(), "--bug", "QUEUE_INDEX_MOD_64");
        assertThat(bug.code()).isEqualTo(1);
        assertThat(bug.out()).contains("RUNQ15 violated");
    }

    @Test
    void demoRunsUle15() {
        CliRunner.Outcome o = CliRunner.run("demo", "--ule", "15", "--seconds", "1", "--topology", "2");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("model ule15").contains("115-223 batch").contains("--check --model ule15");
    }

    @Test
    void contradictionsAndBadValuesAreUsageErrors() {
        CliRunner.Outcome both = CliRunner.run("explore", "--ule", "15", "--model", "o1");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--ule 15 names model ule15, but --model is o1");
        CliRunner.Outcome bad = CliRunner.run("demo", "--ule", "13");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--ule: expected 14 or 15");
        CliRunner.Outcome agree = CliRunner.run("explore", "--ule", "14", "--model", "ULE14", "--depth", "1");
        assertThat(agree.code()).as(agree.err()).isZero();
    }
}
