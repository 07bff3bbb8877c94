// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ulemodel.trace.ftrace.FtraceText.trace;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ulemodel.cli.io.Progress;
import org.ulemodel.trace.ftrace.FtraceWriter;
import picocli.CommandLine;

/** {@code ulemodel audit}: the summary of our example traces, findings with file and line, bad input, the progress bar. */
class AuditCommandTest {
    /** Our example in the layout of {@code trace-cmd report} ({@code examples/traces/}). */
    static final String TRACE_CMD = "trace-cmd-report.txt";
    /** Our example in the layout of the kernel's tracefs {@code trace} file. */
    static final String KERNEL = "kernel-trace.txt";

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
    void theTraceCmdExampleAuditsCleanly() {
        String f = CliRunner.exampleTrace(TRACE_CMD).toString();
        Outcome o = run("audit", f);
        assertThat(o.err()).isEmpty();
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("audit of " + f,
                "  events:     54: sched_switch 12, sched_wakeup 5, sched_wakeup_new 1, sched_waking 3, sched_migrate_task 2, "
                        + "other 31 (counted, not checked: cpu_idle 9, sched_process_exec 1, sched_process_exit 1, "
                        + "sched_process_fork 1, sched_process_wait 1, sched_stat_blocked 1, sched_stat_iowait 1, "
                        + "sched_stat_runtime 8, sched_stat_sleep 3, sched_stat_wait 5)",
                "  CPUs:       cpus=4 in the header; events recorded on 3",
                "  time span:  812.400000 .. 812.401507 s (1.507 ms)",
                "  warm-up:    3 CPUs took their running task from the first event seen on them",
                "  rules:      0 violations",
                "  wasted cores (a CPU idle while a runnable thread waits longer than 1.000 ms): 0",
                "  result:     clean");
    }

    @Test
    void theKernelFormatExampleAuditsCleanly() {
        String f = CliRunner.exampleTrace(KERNEL).toString();
        Outcome o = run("audit", f);
        assertThat(o.err()).isEmpty();
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("audit of " + f,
                "  events:     25: sched_switch 9, sched_wakeup 4, sched_wakeup_new 1, sched_waking 4, sched_migrate_task 1, "
                        + "other 6 (counted, not checked: cpu_idle 3, sched_process_exec 1, sched_process_exit 1, "
                        + "sched_stat_runtime 1)",
                "  CPUs:       no header; events recorded on 2",
                "  time span:  2051.100000 .. 2051.100910 s (0.910 ms)",
                "  rules:      0 violations",
                "  result:     clean");
    }

    @Test
    void aLowerThresholdShowsTheExampleTracesIdleWakeupLatencies() {
        String f = CliRunner.exampleTrace(TRACE_CMD).toString();
        Outcome o = run("audit", f, "--threshold", "400us");
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.out()).contains("  rules:      0 violations",
                "waits longer than 0.400 ms): 3",
                "    812.400203 .. 812.400652 s (0.449 ms) CPU 1 idle while log writer:3302 waited for CPU 1 (runnable since "
                        + f + ":25, ran at " + f + ":41)",
                "    812.400898 .. 812.401316 s (0.418 ms) CPU 0 idle while pool:io flush:3301 waited for CPU 0 (runnable since "
                        + f + ":52, ran at " + f + ":58)",
                "    812.400898 .. 812.401316 s (0.418 ms) CPU 2 idle while pool:io flush:3301 waited for CPU 0 (runnable since "
                        + f + ":52, ran at " + f + ":58)",
                "  result:     findings");
        // 0.3 ms also catches CPU 2, idle from sh's exit until log writer ran
        assertThat(run("audit", f, "--threshold", "300us").out()).contains("waits longer than 0.300 ms): 4",
                "    812.400330 .. 812.400652 s (0.322 ms) CPU 2 idle while log writer:3302 waited for CPU 1");
    }

    @Test
    void violationsAreListedWithFileAndLine() throws IOException {
        Path f = file(trace(2, w -> {
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
        assertThat(o.err()).isEqualTo("ulemodel: " + f + ":2:47: expected a task state: letters of RSDTtXZxKWPNnI joined by "
                + "'|' with an optional '+' (R, R+, D|K), or the kernel's number (0, 1, 4096), found 'Q'" + System.lineSeparator());
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
        String example = CliRunner.exampleTrace(TRACE_CMD).toString();
        for (boolean terminal : new boolean[] {true, false}) {
            AuditCommand cmd = new AuditCommand();
            cmd.terminal = () -> terminal;
            cmd.progressMinBytes = 1;
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = new CommandLine(cmd);
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            assertThat(cl.execute(example)).isZero();
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

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "trace-cmd-report-raw.txt | trace-cmd report (line 6 showed it) | cpus=2 in the header; events recorded on 2",
        "tracefs-trace-pipe.txt   | tracefs trace/trace_pipe (line 6 showed it) | no header; events recorded on 3",
        "perf-script.txt          | perf script (line 6 showed it) | no header; events recorded on 2",
        "trace-cmd-4096-cpus.txt  | trace-cmd report (line 5 showed it) | cpus=4096 in the header; events recorded on 3 (the highest is CPU 4095)",
    })
    void everyFormOfTheExamplesAuditsCleanly(String name, String format, String cpus) {
        String f = CliRunner.exampleTrace(name).toString();
        Outcome o = run("audit", f);
        assertThat(o.err()).isEmpty();
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("  format:     " + format, "  CPUs:       " + cpus, "  rules:      0 violations\n",
                "  result:     clean\n").doesNotContain("not judged");
        // --format names the same form: the same report, but for where the form came from
        String option = format.startsWith("perf") ? "perf" : format.startsWith("tracefs") ? "tracefs" : "trace-cmd";
        Outcome forced = run("audit", f, "--format", option);
        assertThat(forced.code()).isZero();
        assertThat(forced.out()).isEqualTo(o.out().replaceFirst("\\(line \\d+ showed it\\)", "(--format)"));
    }

    @Test
    void aTraceWithoutSwitchEventsGetsNoSwitchFindingsAndSaysWhatItCouldNotJudge() {
        String f = CliRunner.exampleTrace("no-switch-events.txt").toString();
        Outcome o = run("audit", f);
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains(
                "  rules:      0 violations; 4 rules not judged for want of the events they need",
                "    ONE_CPU  a thread runs on one CPU at a time: not judged: no sched_switch events",
                "    SWITCH   the prev of a switch on CPU c, and the task of every event on c, is what last switched in on c: "
                        + "not judged: no sched_switch events",
                "    WAKEUP   a thread seen going to sleep or exiting is woken before it runs again: not judged: no sched_switch events",
                "    TIME     timestamps never go backwards: 0",
                "  wasted cores (a CPU idle while a runnable thread waits longer than 1.000 ms): not judged: no sched_switch events",
                "  result:     clean as far as judged (some checks were not judged, see above)")
                .doesNotContain(": SWITCH: ", "followed:");
    }

    @Test
    void theWastedCoreAnalysisSaysWhichCpusItFollowed() {
        String f = CliRunner.exampleTrace(TRACE_CMD).toString();
        assertThat(run("audit", f).out()).contains("    followed: 3 CPUs, from each one's first event to its last",
                "      CPU 0: 812.400000 .. 812.401358 s (1.358 ms), lines 11..61",
                "      CPU 1: 812.400031 .. 812.401507 s (1.476 ms), lines 15..64",
                "      CPU 2: 812.400040 .. 812.400336 s (0.296 ms), lines 16..32");
    }

    @Test
    void formatForcedOrBadIsChecked() {
        String f = CliRunner.exampleTrace(TRACE_CMD).toString();
        Outcome perf = run("audit", f, "--format", "perf");
        assertThat(perf.code()).isEqualTo(2);
        assertThat(perf.out()).isEmpty();
        assertThat(perf.err()).isEqualTo("ulemodel: " + f + ":8:1: expected an event line 'COMM PID [CPU] SECONDS.MICROS: "
                + "sched:EVENT: …' (perf script, as --format says), found trace-cmd report's header line" + System.lineSeparator());
        Outcome bad = run("audit", f, "--format", "ctf");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("ulemodel: --format: expected auto, trace-cmd, tracefs, perf, found 'ctf'"
                + System.lineSeparator());
    }
}
