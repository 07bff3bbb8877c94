// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * simulate on our example workloads (examples/workloads), its outputs, and its handling of bad
 * input; rt-app's own examples are run by {@link RtAppCorpusTest}, every example of ours with
 * {@code --check} by {@link ExampleWorkloadsTest}.
 */
class SimulateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void tableShowsEveryThreadWithSensibleShares() {
        CliRunner.Outcome o = CliRunner.run("simulate", CliRunner.workload("periodic.json").toString(), "--topology", "2x2");
        assertThat(o.code()).as(o.err()).isZero();
        // ticker runs 15 ms of every 50 ms, alone on 4 CPUs: a 30% CPU share over the 2 s global duration
        assertThat(o.out()).contains("2.000 s simulated");
        String row = o.out().lines().filter(l -> l.startsWith("0 ") && l.contains("ticker")).findFirst().orElseThrow();
        assertThat(row).contains("SCHED_OTHER nice 0").containsPattern("\\s(29\\.\\d|30\\.\\d)\\s");
        CliRunner.Outcome ui = CliRunner.run("simulate", CliRunner.workload("ui-pipeline.json").toString(), "--topology", "2x2",
                "--duration", "500ms");
        assertThat(ui.code()).as(ui.err()).isZero();
        for (String t : List.of("input", "main", "tile-0", "tile-1", "tile-2", "compositor", "gpu-submit", "gpu-reply")) {
            assertThat(row(ui.out(), t)).contains("SCHED_OTHER");
        }
    }

    @Test
    void contendedCpuShowsWaits() {
        // 6 instances of up to 60% load (the steady phase) on one CPU: threads must wait for each other
        CliRunner.Outcome o = CliRunner.run("simulate", CliRunner.workload("phases.json").toString(), "--topology", "1");
        assertThat(o.code()).as(o.err()).isZero();
        String row = row(o.out(), "ramp-0");
        // wait p50, p99 and max are not all zero
        assertThat(row).doesNotContainPattern("\\s0\\.000\\s+0\\.000\\s+0\\.000\\s");
    }

    @Test
    void sameSeedSameOutputAndSeedMatters() throws IOException {
        Path a = tmp.resolve("a.jsonl");
        Path b = tmp.resolve("b.jsonl");
        Path c = tmp.resolve("c.jsonl");
        String w = CliRunner.workload("phases.json").toString();
        assertThat(CliRunner.run("simulate", w, "--topology", "2x4x2", "--seed", "7", "--decisions", a.toString()).code()).isZero();
        assertThat(CliRunner.run("simulate", w, "--topology", "2x4x2", "--seed", "7", "--decisions", b.toString()).code()).isZero();
        assertThat(CliRunner.run("simulate", w, "--topology", "2x4x2", "--seed", "8", "--decisions", c.toString()).code()).isZero();
        assertThat(Files.readString(a)).isEqualTo(Files.readString(b)).isNotEqualTo(Files.readString(c));
    }

    /** {@code --clock per-cpu} writes one cpu_tick per online CPU and hz tick, and the trace conforms when checked. */
    @Test
    void perCpuClockTicksEachCpuAndItsTraceConforms() throws IOException {
        Path f = tmp.resolve("pc.jsonl");
        String w = CliRunner.workload("affinity.json").toString();
        CliRunner.Outcome o = CliRunner.run("simulate", w, "--topology", "2x2", "--duration", "100ms", "--clock", "per-cpu", "--check",
                "--decisions", f.toString());
        assertThat(o.code()).as(o.err()).isZero();
        List<String> lines = Files.readAllLines(f);
        assertThat(lines.stream().filter(l -> l.contains("\"type\":\"cpu_tick\"")).count()).as("99 hz ticks x 4 CPUs").isEqualTo(4 * 99);
        assertThat(lines).noneMatch(l -> l.contains("\"type\":\"tick\""));
        CliRunner.Outcome c = CliRunner.run("check", f.toString(), "--topology", "2x2");
        assertThat(c.code()).as(c.err() + c.out()).isZero();
        CliRunner.Outcome bad = CliRunner.run("simulate", w, "--topology", "2x2", "--clock", "perCPU");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--clock: expected lock-step or per-cpu, got 'perCPU'");
    }

    @Test
    void ftraceOutputHasTheThreeEventKinds() throws IOException {
        Path f = tmp.resolve("t.txt");
        // hopper (tid 0, pid 1000, nice 0: prio 120) changes CPU with every phase, so the trace has migrations
        CliRunner.Outcome o = CliRunner.run("simulate", CliRunner.workload("affinity.json").toString(), "--topology", "2x2",
                "--duration", "50ms", "--ftrace", f.toString());
        assertThat(o.code()).as(o.err()).isZero();
        String text = Files.readString(f);
        assertThat(text).startsWith("version = 6\ncpus=4\n").contains("sched_switch:").contains("sched_wakeup:")
                .contains("sched_migrate_task:").contains("comm=hopper pid=1000 prio=120");
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void badWorkloadsGiveFileLineColumnAndLeaveNoOutputFile() throws IOException {
        Path out = tmp.resolve("out.jsonl");
        String[][] cases = {
            {"{\"tasks\":{\"a\":{\"policy\":\"SCHED_DEADLINE\",\"run\":10}}}", ":1:25: \"policy\": SCHED_DEADLINE"},
            {"{\"tasks\":{\"a\":{\n\"iorun\":10}}}", ":2:1: \"iorun\""},
            {"{\"tasks\":{\"a\":{\"run\":10,\n   \"mem\":1000}}}", ":2:4: \"mem\": memory and I/O load are not modelled"},
            {"{\"tasks\":{\"a\":{\"run\":10, \"bogus\":1}}}", ":1:26: unknown key \"bogus\""},
            {"{\"tasks\":{\"a\":{\"run\":-5}}}", ":1:22: \"run\": expected an integer"},
            {"{\"tasks\":{\"a\":{\"run\":10}}} x", "malformed JSON"},
            {"{\"tasks\":{\"a\":{\"run\":10,\"cpus\":[9]}}}", "names CPU 9 but the topology has CPUs 0..3"},
            {"{\"tasks\":{\"a\":{\"unlock\":\"m\"}}}", ":1:16: a unlocks mutex \"m\" which it does not hold"},
            {"[" .repeat(40) + "]".repeat(40), "nesting too deep"},
            {"", "empty document"},
            {"{\"tasks\":{\"a\":{\"fork\":\"b\"},\"b\":{\"run\":1}}}", ":1:16: fork of \"b\" would make more than 4096 threads"},
            {"{\"tasks\":{\"a\":{\"resume\":\"x\"}}}", ":1:11: thread a ran 10000 steps in a row"},
        };
        for (String[] c : cases) {
            Path w = write("w.json", c[0]);
            CliRunner.Outcome o = CliRunner.run("simulate", w.toString(), "--topology", "2x2", "--duration", "10ms",
                    "--decisions", out.toString());
            assertThat(o.code()).as(c[0] + " -> " + o.err()).isEqualTo(2);
            assertThat(o.err()).as(c[0]).contains(w.toString()).contains(c[1]).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(out).as("no partial output for " + c[0]).doesNotExist();
            try (Stream<Path> s = Files.list(tmp)) {
                assertThat(s.filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
            }
        }
    }

    @Test
    void aThreadThatHandsItsMutexOnStillSleepsOnTheCondition() throws IOException {
        // a and b pass a condition back and forth with sync under one mutex, on one CPU. Each sync wakes the other
        // thread and hands it the mutex as the syncing thread goes to sleep; the woken thread may preempt it, yet it
        // is the syncing thread that sleeps. One round: a runs 0.6 ms, then b runs 1.2 ms and sleeps 2 ms while a
        // waits for it, so a gets 600/3800 = 15.8% of the CPU and b 1200/3800 = 31.6%.
        Path w = write("pingpong.json", "{\"tasks\":{"
                + "\"a\":{\"lock\":\"m\",\"sync\":{\"ref\":\"c\",\"mutex\":\"m\"},\"unlock\":\"m\",\"run\":600},"
                + "\"b\":{\"lock\":\"m\",\"sync\":{\"ref\":\"c\",\"mutex\":\"m\"},\"unlock\":\"m\",\"run\":1200,\"sleep\":2000}}}");
        CliRunner.Outcome o = CliRunner.run("simulate", w.toString(), "--topology", "1", "--duration", "1s", "--check");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(row(o.out(), "a")).containsPattern("SCHED_OTHER nice 0\\s+(15\\.[6-9]|16\\.0)\\s");
        assertThat(row(o.out(), "b")).containsPattern("SCHED_OTHER nice 0\\s+(31\\.[4-9]|32\\.0)\\s");
    }

    /** The thread table's row of thread {@code name}. */
    static String row(String out, String name) {
        return out.lines().filter(l -> l.matches("\\d+\\s+" + java.util.regex.Pattern.quote(name) + "\\s.*")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + name + " in\n" + out));
    }

    @Test
    void offlineTakesACpuOutForAWhileAndTheTraceStillConforms() throws IOException {
        Path trace = tmp.resolve("offline.jsonl");
        CliRunner.Outcome o = CliRunner.run("simulate", CliRunner.workload("phases.json").toString(), "--topology", "2x2", "--duration",
                "1s", "--offline", "3@200ms..600ms", "--offline", "2@0..100ms", "--check", "--decisions", trace.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).containsPattern("offline \\d+");
        String text = Files.readString(trace);
        assertThat(text).contains("\"type\":\"cpu_offline\",\"cpu\":3").contains("\"type\":\"cpu_online\",\"cpu\":3")
                .contains("\"type\":\"cpu_offline\",\"cpu\":2");
        // CPU 3 was offline 40 % of the run, CPU 2 10 %
        String cpu3 = o.out().lines().filter(l -> l.matches("3\\s+\\d+\\.\\d\\s+\\d+")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(cpu3.split("\\s+")[1])).isLessThanOrEqualTo(60.0);
        CliRunner.Outcome check = CliRunner.run("check", trace.toString(), "--topology", "2x2");
        assertThat(check.code()).as(check.out() + check.err()).isZero();
    }

    @Test
    void badOfflineValuesAreUsageErrors() {
        String w = CliRunner.workload("periodic.json").toString();
        String[][] cases = {
            {"7@1s..2s", "--offline: CPU 7 changes state but the topology has CPUs 0..3"},
            {"0@1s..2s", "CPU 0 cannot go offline"},
            {"1@2s..1s", "expected the end after the start"},
            {"1@soon..2s", "--offline 1@soon..2s: expected CPU@FROM..TO"},
            {"1-2s", "--offline 1-2s: expected CPU@FROM..TO"},
            {"x@1s..2s", "--offline x@1s..2s: expected CPU@FROM..TO"},
        };
        for (String[] c : cases) {
            CliRunner.Outcome o = CliRunner.run("simulate", w, "--topology", "2x2", "--offline", c[0]);
            assertThat(o.code()).as(c[0] + " -> " + o.err()).isEqualTo(2);
            assertThat(o.err()).as(c[0]).contains(c[1]).doesNotContain("Exception");
        }
        CliRunner.Outcome twice = CliRunner.run("simulate", w, "--topology", "2x2", "--offline", "1@1s..3s", "--offline", "1@2s..4s");
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("CPU 1 is already offline at 2000000 us");
        // a thread allowed only on the CPU that goes offline: the model refuses, a usage error names the change
        CliRunner.Outcome pinned = CliRunner.run("simulate", CliRunner.workload("pinned-rt.json").toString(), "--topology", "2x2",
                "--duration", "100ms", "--offline", "1@10ms..20ms");
        assertThat(pinned.code()).as(pinned.err()).isEqualTo(2);
        assertThat(pinned.err()).contains("CPU 1 offline at 0.010000 s: model ule14 refuses it").doesNotContain("Exception");
    }

    @Test
    void badOptionsAreUsageErrors() {
        String w = CliRunner.workload("periodic.json").toString();
        assertThat(CliRunner.run("simulate", w, "--topology", "3x").err()).contains("ulemodel: --topology: topology '3x': ");
        assertThat(CliRunner.run("simulate", w, "--topology", "2", "--duration", "soon").code()).isEqualTo(2);
        assertThat(CliRunner.run("simulate", tmp.resolve("none.json").toString(), "--topology", "2").err()).contains("no such file");
    }
}
