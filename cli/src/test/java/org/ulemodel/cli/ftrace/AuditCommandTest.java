// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli.ftrace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ulemodel.cli.Main;
import picocli.CommandLine;

class AuditCommandTest {
    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @TempDir
    Path dir;

    Path file(String text) throws IOException {
        Path f = dir.resolve("t.txt");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void theLisaTraceAuditsCleanly() {
        String lisa = FtraceWriterTest.lisaTrace().toString();
        Outcome o = run("audit", lisa);
        assertThat(o.err()).isEmpty();
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("audit of " + lisa,
                "  events:     100: sched_switch 20, sched_wakeup 12, sched_wakeup_new 0, sched_waking 0, sched_migrate_task 2, other 66",
                "  CPUs:       cpus=5 in the header; events recorded on 2",
                "  time span:  34.896920 .. 34.901511 s (4.591 ms)",
                "  rules:      0 violations",
                "  wasted cores (a CPU idle while a runnable thread waits longer than 1.000 ms): 0",
                "  result:     clean");
    }

    @Test
    void aLowerThresholdShowsTheLisaTracesIdleWakeupLatencies() {
        String lisa = FtraceWriterTest.lisaTrace().toString();
        Outcome o = run("audit", lisa, "--threshold", "400us");
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.out()).contains("waits longer than 0.400 ms): 3",
                "34.899995 .. 34.900460 s (0.465 ms) CPU 1 idle while sshd:2450 waited for CPU 1 (runnable since "
                        + lisa + ":72, ran at " + lisa + ":80)",
                "  result:     findings");
    }

    @Test
    void violationsAreListedWithFileAndLine() throws IOException {
        Path f = file(TraceAuditTest.trace(2, w -> {
            w.sched_switch(1_000_000, 0, FtraceWriter.Task.idle(0), 'R', new FtraceWriter.Task("a", 10, 120));
            w.sched_switch(2_000_000, 1, FtraceWriter.Task.idle(1), 'R', new FtraceWriter.Task("a", 10, 120));
        }));
        Outcome o = run("audit", f.toString());
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.out()).contains("    ONE_CPU  a thread runs on one CPU at a time: 1",
                "    " + f + ":4: ONE_CPU: a:10 switches in on CPU 1 while it runs on CPU 0 since line 3");
    }

    @Test
    void badInputIsOneLineWithFileLineColumnAndExitTwo() throws IOException {
        Path f = file("cpus=2\n  a-1 [000] 1.000001: sched_switch: a:1 [120] Q ==> b:2 [120]\n");
        Outcome o = run("audit", f.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).isEqualTo("ulemodel: " + f + ":2:47: expected a task state made of RSDTtZXxWPIK, "
                + "'+' and '|', found 'Q'" + System.lineSeparator());
    }

    @Test
    void otherBadInputs() throws IOException {
        Path f = file("  a-1 [000] 1.000001: x: y\n".repeat(100));
        assertThat(run("audit", f.toString(), "--max-size", "1k").err()).isEqualTo(
                "ulemodel: " + f + ": expected a trace of at most 1024 bytes (--max-size), the file has 2700"
                        + System.lineSeparator());
        assertThat(run("audit", f.toString(), "--threshold", "1 fortnight").err())
                .contains("--threshold: expected a duration like 1ms, 500us, 2s or 100ns, found '1 fortnight'");
        assertThat(run("audit", dir.resolve("missing.txt").toString()).err()).contains("missing.txt: no such file");
        Path empty = file("version = 6\ncpus=4\n");
        assertThat(run("audit", empty.toString()).err()).contains(":1:1: expected ftrace events");
        Path longLine = file("x".repeat(5000));
        Outcome o = run("audit", longLine.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(":1:4097: expected a line of at most 4096 characters");
        for (String args : new String[] {"--max-size 1k", "--threshold 1fortnight", "--max-line 10"}) {
            Outcome bad = run(("audit " + f + " " + args).split(" "));
            assertThat(bad.code()).as(args).isEqualTo(2);
            assertThat(bad.err()).as(args).doesNotContain("Exception").doesNotContain("\tat ").hasLineCount(1);
        }
    }

    @Test
    void progressBarOnlyOnATerminal() {
        String lisa = FtraceWriterTest.lisaTrace().toString();
        for (boolean terminal : new boolean[] {true, false}) {
            AuditCommand cmd = new AuditCommand();
            cmd.terminal = () -> terminal;
            cmd.progressMinBytes = 1;
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = new CommandLine(cmd);
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            assertThat(cl.execute(lisa)).isZero();
            if (terminal) {
                assertThat(err.toString()).startsWith("\raudit [").contains("100% 0.0/0.0 MB").endsWith(System.lineSeparator());
            } else {
                assertThat(err.toString()).isEmpty();
            }
            assertThat(out.toString()).contains("result:     clean");
        }
        // by default small files stay quiet even on a terminal
        StringWriter err = new StringWriter();
        Progress.start(new PrintWriter(err), "audit", Progress.MIN_TOTAL - 1, true).finish();
        assertThat(err.toString()).isEmpty();
        Progress big = Progress.start(new PrintWriter(err), "audit", 10 * Progress.MIN_TOTAL, true);
        big.update(Progress.MIN_TOTAL);
        big.update(Progress.MIN_TOTAL + 1);
        assertThat(err.toString()).isEqualTo("\raudit [###                           ]  10% 4.2/41.9 MB");
    }
}
