// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** simulate on every shared rt-app file, its outputs, and its handling of bad input. */
class SimulateCommandTest {
    @TempDir
    Path tmp;

    static Path rtapp(String name) {
        String prop = System.getProperty("ulemodel.shared");
        Path shared = prop != null ? Paths.get(prop) : Paths.get("..", "..", "shared");
        Path f = shared.resolve("data").resolve("rtapp").resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new IllegalStateException("shared rt-app data missing: " + f.toAbsolutePath());
        }
        return f;
    }

    static List<Path> allRtapp() throws IOException {
        Path dir = rtapp("example1.json").getParent();
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = new ArrayList<>(s.filter(p -> p.toString().endsWith(".json")).sorted().toList());
            assertThat(files).hasSizeGreaterThanOrEqualTo(12);
            return files;
        }
    }

    @Test
    void everySharedWorkloadSimulatesOrNamesTheUnsupportedKey() throws IOException {
        for (Path f : allRtapp()) {
            CliRunner.Outcome o = CliRunner.run("simulate", f.toString(), "--topology", "2x4x2", "--duration", "1s", "--check");
            if (f.getFileName().toString().equals("example6.json")) {
                // mem and iorun are memory/I/O load the model cannot express: an error naming the key and its place
                assertThat(o.code()).as(o.err()).isEqualTo(2);
                assertThat(o.err()).contains("example6.json:11:4: \"mem\"").doesNotContain("Exception");
                continue;
            }
            assertThat(o.code()).as(f + ": " + o.err()).isZero();
            assertThat(o.out()).contains("cpu%").contains("busy%");
            assertThat(o.out().lines().filter(l -> l.matches("\\d+\\s+\\d+\\.\\d\\s+\\d+"))).hasSize(16);
        }
    }

    @Test
    void tableShowsEveryThreadWithSensibleShares() {
        CliRunner.Outcome o = CliRunner.run("simulate", rtapp("example1.json").toString(), "--topology", "2x2");
        assertThat(o.code()).as(o.err()).isZero();
        // thread0 runs 20 ms of every 100 ms: a 20% CPU share over the 2 s global duration
        assertThat(o.out()).contains("2.000 s simulated");
        String row = o.out().lines().filter(l -> l.startsWith("0 ") && l.contains("thread0")).findFirst().orElseThrow();
        assertThat(row).contains("SCHED_OTHER nice 0").containsPattern("\\s(19\\.\\d|20\\.\\d)\\s");
        CliRunner.Outcome browser = CliRunner.run("simulate", rtapp("browser-short.json").toString(), "--topology", "2x2",
                "--duration", "500ms");
        for (String t : List.of("BrowserMain", "BrowserSub1", "BrowserDisplay", "Binder-dummy", "Event-Browser", "Display")) {
            assertThat(browser.out()).contains(t);
        }
    }

    @Test
    void contendedCpuShowsWaits() {
        // 12 instances of up to 90% load on one CPU: threads must wait for each other
        CliRunner.Outcome o = CliRunner.run("simulate", rtapp("example3.json").toString(), "--topology", "1");
        assertThat(o.code()).as(o.err()).isZero();
        String row = o.out().lines().filter(l -> l.contains("thread0-0")).findFirst().orElseThrow();
        assertThat(row).doesNotContain("0.000        0.000        0.000");
    }

    @Test
    void sameSeedSameOutputAndSeedMatters() throws IOException {
        Path a = tmp.resolve("a.jsonl");
        Path b = tmp.resolve("b.jsonl");
        Path c = tmp.resolve("c.jsonl");
        String w = rtapp("example3.json").toString();
        assertThat(CliRunner.run("simulate", w, "--topology", "2x4x2", "--seed", "7", "--decisions", a.toString()).code()).isZero();
        assertThat(CliRunner.run("simulate", w, "--topology", "2x4x2", "--seed", "7", "--decisions", b.toString()).code()).isZero();
        assertThat(CliRunner.run("simulate", w, "--topology", "2x4x2", "--seed", "8", "--decisions", c.toString()).code()).isZero();
        assertThat(Files.readString(a)).isEqualTo(Files.readString(b)).isNotEqualTo(Files.readString(c));
    }

    @Test
    void ftraceOutputHasTheThreeEventKinds() throws IOException {
        Path f = tmp.resolve("t.txt");
        CliRunner.Outcome o = CliRunner.run("simulate", rtapp("example8.json").toString(), "--topology", "2x2", "--duration", "50ms",
                "--ftrace", f.toString());
        assertThat(o.code()).as(o.err()).isZero();
        String text = Files.readString(f);
        assertThat(text).startsWith("version = 6\ncpus=4\n").contains("sched_switch:").contains("sched_wakeup:")
                .contains("sched_migrate_task:").contains("comm=thread0 pid=1000 prio=120");
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
    void badOptionsAreUsageErrors() {
        String w = rtapp("example1.json").toString();
        assertThat(CliRunner.run("simulate", w, "--topology", "3x").err()).contains("--topology 3x");
        assertThat(CliRunner.run("simulate", w, "--topology", "2", "--duration", "soon").code()).isEqualTo(2);
        assertThat(CliRunner.run("simulate", tmp.resolve("none.json").toString(), "--topology", "2").err()).contains("no such file");
    }
}
