// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli.ftrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ulemodel.cli.ftrace.FtraceEvent.Migrate;
import org.ulemodel.cli.ftrace.FtraceEvent.Other;
import org.ulemodel.cli.ftrace.FtraceEvent.Switch;
import org.ulemodel.cli.ftrace.FtraceEvent.Wakeup;
import org.ulemodel.cli.ftrace.FtraceWriter.Task;

class FtraceReaderTest {
    static List<FtraceEvent> readAll(String text) throws IOException, FtraceSyntaxException {
        FtraceReader r = new FtraceReader(new StringReader(text), "t.txt");
        List<FtraceEvent> events = new ArrayList<>();
        for (FtraceEvent e = r.next(); e != null; e = r.next()) {
            events.add(e);
        }
        return events;
    }

    @Test
    void readsTheLisaTrace() throws Exception {
        List<FtraceEvent> events = readAll(Files.readString(FtraceWriterTest.lisaTrace(), StandardCharsets.UTF_8));
        assertThat(events).hasSize(100);
        assertThat(events.stream().filter(e -> e instanceof Switch)).hasSize(20);
        assertThat(events.stream().filter(e -> e instanceof Wakeup)).hasSize(12);
        assertThat(events.stream().filter(e -> e instanceof Migrate)).hasSize(2);
        assertThat(events.get(0)).isEqualTo(new Other(3, 0, 34_896_920_000L, 2461, "trace-cmd", "sched_stat_runtime"));
        assertThat(events.get(4)).isEqualTo(new Switch(7, 0, 34_897_053_000L, 2461, "trace-cmd",
                new Task("trace-cmd", 2461, 120), "R", new Task("sshd", 2450, 120)));
        // comms with ':' and ' ', and trace-cmd's left column cut at the space
        Switch rsMain = (Switch) events.stream().filter(e -> e.line() == 98).findFirst().orElseThrow();
        assertThat(rsMain.runningComm()).isEqualTo("rs:main");
        assertThat(rsMain.prev()).isEqualTo(new Task("rs:main Q:Reg", 1769, 120));
        assertThat(rsMain.next()).isEqualTo(new Task("in:imuxsock", 1767, 120));
        Migrate m = (Migrate) events.stream().filter(e -> e.line() == 86).findFirst().orElseThrow();
        assertThat(m).isEqualTo(new Migrate(86, 0, 34_901_238_000L, 1767, "in:imuxsock",
                new Task("rs:main Q:Reg", 1769, 120), 4, 0));
        Wakeup w = (Wakeup) events.stream().filter(e -> e.line() == 89).findFirst().orElseThrow();
        assertThat(w.wakee()).isEqualTo(new Task("rs:main Q:Reg", 1769, 120));
        assertThat(w.targetCpu()).isZero();
    }

    @Test
    void readsTheKernelsOwnFormatWithLatencyFlags() throws Exception {
        String text = """
                # tracer: nop
                #
                #                                _-----=> irqs-off/BH-disabled
                #           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION
                #              | |         |   |||||     |         |
                          <idle>-0       [001] d..2.  1234.567890123: sched_switch: prev_comm=swapper/1 prev_pid=0 prev_prio=120 prev_state=R ==> next_comm=kworker/1:1-ev nts next_pid=42 next_prio=100
                  kworker/1:1-ev nts-42      [001] d..3.  1234.567891: sched_wakeup: comm=a b pid=7 prio=-1 target_cpu=003
                  kworker/1:1-ev nts-42      [001] dN.3.  1234.567892: sched_waking: comm=c pid=8 prio=139 success=1 target_cpu=000
                  kworker/1:1-ev nts-42      [001] d..2.  1234.567893: sched_switch: prev_comm=kworker/1:1-ev nts prev_pid=42 prev_prio=100 prev_state=D|K ==> next_comm=swapper/1 next_pid=0 next_prio=120
                """;
        List<FtraceEvent> events = readAll(text);
        assertThat(events).containsExactly(
                new Switch(6, 1, 1_234_567_890_123L, 0, "<idle>", new Task("swapper/1", 0, 120), "R",
                        new Task("kworker/1:1-ev nts", 42, 100)),
                new Wakeup(7, 1, 1_234_567_891_000L, 42, "kworker/1:1-ev nts", "sched_wakeup", new Task("a b", 7, -1), 3),
                new Wakeup(8, 1, 1_234_567_892_000L, 42, "kworker/1:1-ev nts", "sched_waking", new Task("c", 8, 139), 0),
                new Switch(9, 1, 1_234_567_893_000L, 42, "kworker/1:1-ev nts", new Task("kworker/1:1-ev nts", 42, 100),
                        "D|K", new Task("swapper/1", 0, 120)));
    }

    @Test
    void whatTheWriterWritesTheReaderReadsBack() throws Exception {
        Random rnd = new Random(20240607L);
        String[] comms = {"a", "trace-cmd", "rs:main Q:Reg", "kworker/3:2-[x]", "in:imuxsock", "a b c:1 [2]", "x-9"};
        int cpus = 6;
        StringWriter text = new StringWriter();
        FtraceWriter w = new FtraceWriter(text, cpus);
        List<FtraceEvent> expected = new ArrayList<>();
        Task[] running = new Task[cpus];
        for (int c = 0; c < cpus; c++) {
            running[c] = Task.idle(c);
        }
        long t = 7_000_000_000L;
        for (int i = 0; i < 2000; i++) {
            t += rnd.nextInt(50) * 1_000L;
            int line = i + 3;
            int cpu = rnd.nextInt(cpus);
            Task task = rnd.nextInt(5) == 0 ? Task.idle(cpu)
                    : new Task(comms[rnd.nextInt(comms.length)], 1 + rnd.nextInt(40_000), rnd.nextInt(140));
            int other = rnd.nextInt(cpus);
            Task cur = running[cpu];
            String left = cur.pid() == 0 ? "<idle>" : cur.comm();
            switch (rnd.nextInt(3)) {
                case 0 -> {
                    char state = FtraceWriter.STATES.charAt(rnd.nextInt(FtraceWriter.STATES.length()));
                    w.sched_switch(t, cpu, cur, state, task);
                    expected.add(new Switch(line, cpu, t, cur.pid(), left, cur, String.valueOf(state),
                            task.pid() == 0 ? Task.idle(cpu) : task));
                    running[cpu] = task.pid() == 0 ? Task.idle(cpu) : task;
                }
                case 1 -> {
                    Task wakee = task.pid() == 0 ? new Task("z", 5, 120) : task;
                    w.sched_wakeup(t, cpu, wakee, other);
                    expected.add(new Wakeup(line, cpu, t, cur.pid(), left, "sched_wakeup", wakee, other));
                }
                default -> {
                    w.sched_migrate_task(t, cpu, task, cpu, other);
                    expected.add(new Migrate(line, cpu, t, cur.pid(), left, task, cpu, other));
                }
            }
        }
        assertThat(readAll(text.toString())).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '§', quoteCharacter = '"', textBlock = """
            garbage line                                              § t.txt:1:1: expected an event line 'COMM-PID [CPU] SECONDS.MICROS: EVENT: …' or a header line, found 'garbage line'
            "   a-1  [000]    34.89692: "                             § t.txt:1:28: expected an event name (letters, digits, '_') followed by ':'
            "   a-1  [000]    34: x: y"                               § t.txt:1:20: expected '.' in the timestamp SECONDS.MICROS
            "   a-1  [000]    34.1234567891: x: y"                    § t.txt:1:31: expected 1 to 9 digits of fraction in the timestamp starting at column 18
            "   a-1  [000]    x.1: x: y"                              § t.txt:1:18: expected a timestamp SECONDS.MICROS, found 'x.1: x: y'
            "   a-1  [007]    1.1: x: y"                              § t.txt:1:10: expected a CPU number below 5 (the header says cpus=5), found 7
            "   a-99999999999  [000]    1.1: x: y"                    § t.txt:1:6: expected a pid of at most 2147483647
            "   a-1  [000]    1.1: sched_switch: a:1 [120] S"         § t.txt:1:37: expected sched_switch 'PREV:PID [PRIO] STATE ==> NEXT:PID [PRIO]' or 'prev_comm=… ==> next_comm=…'
            "   a-1  [000]    1.1: sched_switch: a:1 [120] ? ==> b:2 [1]" § t.txt:1:47: expected a task state made of RSDTtZXxWPIK, '+' and '|', found '?'
            "   a-1  [000]    1.1: sched_switch: a:1 [12x] S ==> b:2 [1]" § t.txt:1:44: expected ']' after the priority
            "   a-1  [000]    1.1: sched_switch: a:x [120] S ==> b:2 [1]" § t.txt:1:39: expected a pid after ':', found 'x [120] S ==> b:2 [1]'
            "   a-1  [000]    1.1: sched_switch: a:1 [120] S ==> b:2" § t.txt:1:55: expected a task 'COMM:PID [PRIO]' ending in ']'
            "   a-1  [000]    1.1: sched_wakeup: b:2 [120] success=1 CPU:9" § t.txt:1:61: expected a CPU number below 5 (the header says cpus=5), found 9
            "   a-1  [000]    1.1: sched_wakeup: comm=b pid=2 prio=120 target=1" § t.txt:1:58: expected 'target_cpu=', found ' target=1'
            "   a-1  [000]    1.1: sched_migrate_task: comm=b pid=2 prio=120 orig_cpu=1 dest_cpu=2 x" § t.txt:1:86: expected the end of the line, found ' x'
            "   a-1  [000]    1.1: sched_switch: prev_comm=a prev_pid=1 prev_prio=1 prev_state=S ==> next_comm= next_pid=2 next_prio=3" § t.txt:1:99: expected the next_comm value (empty)
            cpus=0                                                    § t.txt:1:6: expected a CPU count of at least 1
            """)
    void badLinesSayWhereAndWhatWasExpected(String line, String message) {
        String text = line.startsWith("cpus=") ? line + "\n" : "cpus=5\n" + line + "\n";
        int lineNo = line.startsWith("cpus=") ? 1 : 2;
        String expected = message.replace("t.txt:1:", "t.txt:" + lineNo + ":");
        assertThatThrownBy(() -> readAll(text)).isInstanceOf(FtraceSyntaxException.class).hasMessage(expected);
    }

    @Test
    void aCarriageReturnInsideALineIsRefused() {
        // found by the fuzzer: a comm cannot hold a line break, so neither may the line
        assertThatThrownBy(() -> readAll("  a-1 [000] 1.000001: sched_switch: a\r:1 [120] S ==> b:2 [120]\r\n"))
                .hasMessage("t.txt:1:38: expected a line without a carriage return inside it (line ends are \\n or \\r\\n)");
    }

    @Test
    void headerAfterEventsIsRefused() {
        assertThatThrownBy(() -> readAll("  a-1 [000] 1.000001: x: y\ncpus=4\n"))
                .hasMessage("t.txt:2:1: expected an event line; header lines come before the first event");
    }

    @Test
    void linesAndSourcesHaveSizeLimits() throws Exception {
        String ok = "  a-1 [000] 1.000001: x: y\n";
        FtraceReader longLine = new FtraceReader(new StringReader(ok + "x".repeat(200)), "big", 100, 1_000);
        assertThat(longLine.next()).isNotNull();
        assertThatThrownBy(longLine::next).isInstanceOf(FtraceSyntaxException.class)
                .hasMessage("big:2:101: expected a line of at most 100 characters, found a longer one");
        FtraceReader bigSource = new FtraceReader(new StringReader(ok.repeat(10)), "big", 100, 100);
        assertThatThrownBy(() -> {
            while (bigSource.next() != null) {
                // read on until the limit stops us
            }
        }).hasMessage("big:4:20: expected at most 100 characters in all, the source is longer");
        // exactly at the limits: accepted
        FtraceReader exact = new FtraceReader(new StringReader(ok.repeat(4)), "big", ok.length() - 1, ok.length() * 4L);
        int n = 0;
        while (exact.next() != null) {
            n++;
        }
        assertThat(n).isEqualTo(4);
    }

    @Test
    void lostEventMarkersAndEmptyCpuLinesAreUnderstood() throws Exception {
        List<FtraceEvent> events = readAll("version = 6\ncpus=4\nCPU 3 is empty\r\n  a-1 [002] 1.5: x: y\nCPU:2 [LOST 17 EVENTS]\n");
        assertThat(events).containsExactly(new Other(4, 2, 1_500_000_000L, 1, "a", "x"),
                new FtraceEvent.Lost(5, 2, 1_500_000_000L, 17));
    }
}
