// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check: a simulate trace conforms; tampered traces are caught with their event numbers. */
class CheckCommandTest {
    @TempDir
    Path tmp;
    Path trace;
    List<String> lines;

    @BeforeEach
    void simulate() throws IOException {
        trace = tmp.resolve("t.jsonl");
        // eight threads that wake each other (resume, signal, broad, sync) and sleep on timers
        CliRunner.Outcome o = CliRunner.run("simulate", CliRunner.workload("ui-pipeline.json").toString(), "--topology",
                "2x2x2", "--duration", "600ms", "--decisions", trace.toString());
        assertThat(o.code()).as(o.err()).isZero();
        lines = Files.readAllLines(trace);
    }

    @Test
    void simulateTraceChecksClean() {
        CliRunner.Outcome o = CliRunner.run("check", trace.toString(), "--topology", "2x2x2");
        assertThat(o.code()).as(o.out() + o.err()).isZero();
        assertThat(o.out()).contains((lines.size() - 1) + " events, conforming");
    }

    /** Replaces the first match of {@code from} at or after event {@code after} and returns its event number. */
    private long tamper(Path out, int after, String regex, java.util.function.Function<Matcher, String> repl) throws IOException {
        List<String> copy = new ArrayList<>(lines);
        Pattern p = Pattern.compile(regex);
        for (int i = after; i < copy.size(); i++) {
            Matcher m = p.matcher(copy.get(i));
            if (m.find()) {
                copy.set(i, copy.get(i).substring(0, m.start()) + repl.apply(m) + copy.get(i).substring(m.end()));
                Files.write(out, copy);
                return i;
            }
        }
        throw new AssertionError("nothing to tamper with: " + regex);
    }

    @Test
    void wrongCpuIsReportedWithItsEventNumber() throws IOException {
        Path bad = tmp.resolve("cpu.jsonl");
        long n = tamper(bad, 300, "\"event\":\\{\"type\":\"wake\".*?\"type\":\"enqueue\",\"tid\":(\\d+),\"cpu\":(\\d)",
                m -> m.group().substring(0, m.start(2) - m.start()) + ((Integer.parseInt(m.group(2)) + 3) % 8));
        CliRunner.Outcome o = CliRunner.run("check", bad.toString(), "--topology", "2x2x2");
        assertThat(o.code()).as(o.out()).isEqualTo(1);
        assertThat(o.out()).contains("event " + n + " (line " + (n + 1)).contains("the model's CPU choice here can only be one of")
                .contains("model: [").contains("trace: [");
    }

    @Test
    void wrongThreadSwitchedInIsReported() throws IOException {
        Path bad = tmp.resolve("switch.jsonl");
        // an idle CPU switches to the next of ui-pipeline's 8 threads instead of the one the model picks
        long n = tamper(bad, 300, "\"type\":\"switch\",\"cpu\":(\\d),\"from\":-1,\"to\":(\\d+)",
                m -> m.group().substring(0, m.start(2) - m.start()) + ((Integer.parseInt(m.group(2)) + 1) % 8));
        CliRunner.Outcome o = CliRunner.run("check", bad.toString(), "--topology", "2x2x2");
        assertThat(o.code()).as(o.out()).isEqualTo(1);
        assertThat(o.out()).contains("event " + n + " ").contains("must run the best queued thread");
    }

    @Test
    void anotherRandomStateIsAcceptedButNotAnyCpu() throws IOException {
        // a trace made with other boot random states (seed 7) conforms once its header claims FreeBSD's boot values
        Path seeded = tmp.resolve("s.jsonl");
        CliRunner.run("simulate", CliRunner.workload("phases.json").toString(), "--topology", "2x4x2", "--seed", "7",
                "--decisions", seeded.toString());
        List<String> l = new ArrayList<>(Files.readAllLines(seeded));
        StringBuilder rv = new StringBuilder();
        for (int c = 0; c < 16; c++) {
            rv.append(c == 0 ? "" : ",").append(Integer.toUnsignedLong(c * 69069 + 5));
        }
        l.set(0, l.get(0).replaceFirst("\"randomval\":\\[[^]]*]", "\"randomval\":[" + rv + "]"));
        Files.write(seeded, l);
        CliRunner.Outcome o = CliRunner.run("check", seeded.toString(), "--topology", "2x4x2");
        assertThat(o.code()).as(o.out()).isZero();
        assertThat(o.out()).contains("accepted as another random choice");
    }

    /**
     * The balancer's tick: its interval ({@code next_in}, one of ~128) and the lone thread it asks
     * to re-pick (one of the equally loaded CPUs) come from the same CPU 0 random state, so one
     * alternative in several hundred reproduces both. These runs with seed 13 (their headers
     * claiming FreeBSD's boot values) conform; the former oracle's fixed sample of 2,048 missed
     * such a tick in ui-pipeline on 2x4x2 and reported two false divergences (the second a
     * consequence: the IPI it had not sent).
     */
    @Test
    void aRareBalancerChoiceIsAccepted() throws IOException {
        for (String[] run : new String[][] {{"ui-pipeline.json", "2x4x2"}, {"phases.json", "2x4x2"}}) {
            Path seeded = tmp.resolve("b-" + run[0] + ".jsonl");
            CliRunner.run("simulate", CliRunner.workload(run[0]).toString(), "--topology", run[1], "--seed", "13", "--decisions",
                    seeded.toString());
            List<String> l = new ArrayList<>(Files.readAllLines(seeded));
            StringBuilder rv = new StringBuilder();
            for (int c = 0; c < 16; c++) {
                rv.append(c == 0 ? "" : ",").append(Integer.toUnsignedLong(c * 69069 + 5));
            }
            l.set(0, l.get(0).replaceFirst("\"randomval\":\\[[^]]*]", "\"randomval\":[" + rv + "]"));
            Files.write(seeded, l);
            CliRunner.Outcome o = CliRunner.run("check", seeded.toString(), "--topology", run[1]);
            assertThat(o.code()).as(o.out()).isZero();
            assertThat(o.out()).contains((l.size() - 1) + " events, conforming (");
        }
    }

    @Test
    void badTracesAreInputErrors() throws IOException {
        Path bad = tmp.resolve("bad.jsonl");
        List<String> copy = new ArrayList<>(lines.subList(0, 5));
        copy.set(1, copy.get(1).replace("\"type\":\"create\"", "\"type\":\"teleport\""));
        Files.write(bad, copy);
        CliRunner.Outcome o = CliRunner.run("check", bad.toString(), "--topology", "2x2x2");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).containsPattern("bad.jsonl:2:\\d+: unknown event type \"teleport\"").doesNotContain("Exception");
        Files.write(bad, List.of(lines.get(0), "{\"n\":1,"));
        assertThat(CliRunner.run("check", bad.toString(), "--topology", "2x2x2").err()).contains("bad.jsonl:2:");
        assertThat(CliRunner.run("check", trace.toString(), "--topology", "2x2").err()).contains("the trace is for 8 CPUs");
    }
}
