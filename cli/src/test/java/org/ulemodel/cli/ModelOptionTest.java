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
import org.ulemodel.spec.Invariants;

/**
 * A model outside {@code core} — the toy round robin of {@code org.ulemodel.spec.toy}, registered
 * only by its own {@code ModelProvider} service — runs under every command through
 * {@code --model toy-rr}: {@code models} lists it, {@code simulate} drives it and checks it
 * against the generic invariants only, {@code check} judges its decision trace (and catches a
 * tampered decision), {@code explore} finds the planted bug it carries and prints a counterexample
 * that names the model, and {@code replay} replays that counterexample on the right model.
 */
class ModelOptionTest {
    @TempDir
    Path dir;

    @Test
    void modelsListsEveryRegisteredModelWithTheDefaultFirst() {
        CliRunner.Outcome o = CliRunner.run("models");
        assertThat(o.code()).isZero();
        List<String> lines = o.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("ule14 ").contains("8 invariants").endsWith("(default)");
        assertThat(lines.get(1)).startsWith("o1 ").contains("7 invariants", "5 planted bugs");
        assertThat(lines.get(2)).startsWith("toy-rr ").contains(Invariants.generic().size() + " invariants", "1 planted bug ");
        assertThat(lines.get(3)).startsWith("ule15 ").contains("8 invariants", "11 planted bugs");
    }

    @Test
    void anUnknownModelIsAUsageErrorNamingTheKnownOnes() {
        for (String cmd : List.of("simulate", "explore", "demo")) {
            List<String> args = cmd.equals("simulate")
                    ? List.of(cmd, CliRunner.workload("periodic.json").toString(), "--topology", "2", "--model", "cfs")
                    : List.of(cmd, "--model", "cfs");
            CliRunner.Outcome o = CliRunner.run(args.toArray(new String[0]));
            assertThat(o.code()).as(cmd).isEqualTo(2);
            assertThat(o.err()).as(cmd).contains("--model: unknown model 'cfs': expected one of ule14, o1, toy-rr, ule15");
        }
    }

    /**
     * The toy's run is checked by the generic invariants only: three checks a step, where ULE's
     * spec would apply eight.
     */
    @Test
    void simulateRunsTheToyCheckedByTheGenericInvariantsAndCheckJudgesItsTrace() throws IOException {
        Path trace = dir.resolve("toy.jsonl");
        CliRunner.Outcome sim = CliRunner.run("simulate", CliRunner.workload("ui-pipeline.json").toString(), "--topology", "2x2", "--model",
                "toy-rr", "--duration", "500ms", "--check", "--decisions", trace.toString());
        assertThat(sim.code()).as(sim.err()).isZero();
        assertThat(sim.out()).contains("(4 CPUs, model toy-rr)");
        long steps = number(sim.out(), " model steps");
        assertThat(number(sim.out(), " invariant checks")).isEqualTo(steps * Invariants.generic().size());
        List<String> lines = Files.readAllLines(trace, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).contains("\"model\":\"toy-rr\"", "\"randomval\":[]");

        CliRunner.Outcome ok = CliRunner.run("check", trace.toString(), "--topology", "2x2");
        assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains(lines.size() - 1 + " events, conforming");

        String second = lines.get(2);
        assertThat(second).contains("\"cpu\":1,\"from\":-1,\"to\":1");
        lines.set(2, second.replace("\"cpu\":1,\"from\":-1,\"to\":1", "\"cpu\":3,\"from\":-1,\"to\":1"));
        Path tampered = dir.resolve("tampered.jsonl");
        Files.write(tampered, lines, StandardCharsets.UTF_8);
        CliRunner.Outcome bad = CliRunner.run("check", tampered.toString(), "--topology", "2x2");
        assertThat(bad.code()).as(bad.out() + bad.err()).isEqualTo(1);
        assertThat(bad.out()).contains("event 2 (line 3").contains("1 divergent");

        CliRunner.Outcome wrong = CliRunner.run("check", trace.toString(), "--topology", "2x2", "--model", "ule14");
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err()).contains(trace + ":1: the file is for model toy-rr, but --model is ule14");
    }

    @Test
    void exploreFindsTheToysPlantedBugAndReplayReproducesItOnTheToy() throws IOException {
        CliRunner.Outcome clean = CliRunner.run("explore", "--model", "toy-rr", "--depth", "6");
        assertThat(clean.code()).as(clean.err()).isZero();
        assertThat(clean.out()).contains("outcome: COMPLETE", "no violation within depth 6");

        CliRunner.Outcome list = CliRunner.run("explore", "--model", "toy-rr", "--list-bugs");
        assertThat(list.out().lines().toList()).containsExactly(
                "FORGET_DEQUEUE: switching a thread in at a context switch leaves it in its FIFO too");

        CliRunner.Outcome bug = CliRunner.run("explore", "--model", "toy-rr", "--bug", "FORGET_DEQUEUE", "--depth", "6");
        assertThat(bug.code()).isEqualTo(1);
        assertThat(bug.out()).startsWith("# CONSERVE violated").contains("\nmodel toy-rr\ntopology 2\n");
        Path cx = dir.resolve("cx.txt");
        Files.writeString(cx, bug.out(), StandardCharsets.UTF_8);

        CliRunner.Outcome replayed = CliRunner.run("replay", cx.toString(), "--bug", "forget_dequeue");
        assertThat(replayed.code()).as(replayed.err()).isEqualTo(1);
        assertThat(replayed.out()).contains("CONSERVE violated after step 4");
        CliRunner.Outcome correct = CliRunner.run("replay", cx.toString());
        assertThat(correct.code()).as(correct.err()).isZero();
        CliRunner.Outcome onUle = CliRunner.run("replay", cx.toString(), "--model", "ule14");
        assertThat(onUle.code()).isEqualTo(2);
        assertThat(onUle.err()).contains(cx + ":1: the file is for model toy-rr, but --model is ule14");
        CliRunner.Outcome uleBug = CliRunner.run("replay", cx.toString(), "--bug", "STEAL_IGNORES_AFFINITY");
        assertThat(uleBug.code()).isEqualTo(2);
        assertThat(uleBug.err()).contains("unknown planted bug 'STEAL_IGNORES_AFFINITY' of model toy-rr");
    }

    @Test
    void demoRunsOnTheToyAndNamesIt() {
        CliRunner.Outcome o = CliRunner.run("demo", "--model", "toy-rr", "--seconds", "2", "--topology", "2");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).startsWith("ulemodel demo: model toy-rr on 2 (2 CPUs), hz 1000, stathz 1000");
    }

    private static long number(String text, String before) {
        int end = text.indexOf(before);
        int start = end;
        while (start > 0 && Character.isDigit(text.charAt(start - 1))) {
            start--;
        }
        return Long.parseLong(text.substring(start, end));
    }
}
