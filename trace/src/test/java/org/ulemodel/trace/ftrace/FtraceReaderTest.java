// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.ftrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ulemodel.trace.ftrace.FtraceEvent.Migrate;
import org.ulemodel.trace.ftrace.FtraceEvent.Other;
import org.ulemodel.trace.ftrace.FtraceEvent.Switch;
import org.ulemodel.trace.ftrace.FtraceEvent.Wakeup;
import org.ulemodel.trace.ftrace.FtraceWriter.Task;

class FtraceReaderTest {
    static List<FtraceEvent> readAll(String text) throws IOException, FtraceSyntaxException {
        FtraceReader r = new FtraceReader(new StringReader(text), "t.txt");
        List<FtraceEvent> events = new ArrayList<>();
        for (FtraceEvent e = r.next(); e != null; e = r.next()) {
            events.add(e);
        }
        return events;
    }

    /** Reads a whole file, returning its events; {@code cpus[0]} receives the header's CPU count. */
    static List<FtraceEvent> readFile(Path file, int[] cpus) throws IOException, FtraceSyntaxException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            FtraceReader r = new FtraceReader(in, file.toString());
            List<FtraceEvent> events = new ArrayList<>();
            for (FtraceEvent e = r.next(); e != null; e = r.next()) {
                events.add(e);
            }
            cpus[0] = r.cpus();
            return events;
        }
    }

    static FtraceEvent atLine(List<FtraceEvent> events, int line) {
        return events.stream().filter(e -> e.line() == line).findFirst().orElseThrow();
    }

    @Test
    void readsTheTraceCmdExample() throws Exception {
        int[] cpus = new int[1];
        List<FtraceEvent> events = readFile(ExampleTraces.file(ExampleTraces.TRACE_CMD), cpus);
        assertThat(cpus[0]).isEqualTo(4);
        assertThat(events).hasSize(54);
        assertThat(events.stream().filter(e -> e instanceof Switch)).hasSize(12);
        assertThat(events.stream().filter(e -> e instanceof Wakeup)).hasSize(9);
        assertThat(events.stream().filter(e -> e instanceof Migrate)).hasSize(2);
        // the SPDX and description comments, the header and "CPU 3 is empty" are not events
        assertThat(events.get(0)).isEqualTo(new Other(11, 0, 812_400_000_000L, 4100, "make", "sched_stat_runtime"));
        assertThat(atLine(events, 14)).isEqualTo(new Wakeup(14, 0, 812_400_025_000L, 4100, "make", "sched_wakeup_new",
                new Task("make", 4120, 120), 2));
        // trace-cmd cuts the left column's comm at its first space; the body keeps it whole
        assertThat(atLine(events, 18)).isEqualTo(new Switch(18, 2, 812_400_048_000L, 3301, "pool:io",
                new Task("pool:io flush", 3301, 120), TaskState.of("D"), new Task("make", 4120, 120)));
        // after exec the left column names the new comm while the switch named the old one
        assertThat(atLine(events, 19)).isEqualTo(new Other(19, 2, 812_400_061_000L, 4120, "sh", "sched_process_exec"));
        // sched_waking has no trace-cmd plugin: its body is the kernel's key=value form
        assertThat(atLine(events, 25)).isEqualTo(new Wakeup(25, 2, 812_400_203_000L, 4120, "sh", "sched_waking",
                new Task("log writer", 3302, 130), 1));
        assertThat(atLine(events, 31)).isEqualTo(new Switch(31, 2, 812_400_330_000L, 4120, "sh",
                new Task("sh", 4120, 120), TaskState.of("x"), Task.idle(2)));
        assertThat(((Switch) atLine(events, 49)).prevState().text()).isEqualTo("R+");
        assertThat(atLine(events, 53)).isEqualTo(new Wakeup(53, 1, 812_400_900_000L, 301, "irq/45-eth0", "sched_wakeup",
                new Task("pool:io flush", 3301, 120), 2));
        assertThat(atLine(events, 56)).isEqualTo(new Migrate(56, 0, 812_401_302_000L, 0, "<idle>",
                new Task("pool:io flush", 3301, 120), 2, 0));
        Switch cut = (Switch) atLine(events, 60);
        assertThat(cut.runningComm()).isEqualTo("pool:io");
        assertThat(cut.prev()).isEqualTo(new Task("pool:io flush", 3301, 120));
        assertThat(events.get(53)).isEqualTo(new Other(64, 1, 812_401_507_000L, 0, "<idle>", "cpu_idle"));
    }

    @Test
    void readsTheKernelFormatExample() throws Exception {
        int[] cpus = new int[1];
        List<FtraceEvent> events = readFile(ExampleTraces.file(ExampleTraces.KERNEL), cpus);
        assertThat(cpus[0]).isEqualTo(-1);
        assertThat(events).hasSize(25);
        assertThat(events.stream().filter(e -> e instanceof Switch)).hasSize(9);
        assertThat(events.stream().filter(e -> e instanceof Wakeup)).hasSize(9);
        assertThat(events.stream().filter(e -> e instanceof Migrate)).hasSize(1);
        assertThat(events.get(0)).isEqualTo(new Switch(12, 0, 2_051_100_000_000L, 0, "<idle>", Task.idle(0), TaskState.of("R"),
                new Task("player", 7001, 120)));
        assertThat(atLine(events, 17)).isEqualTo(new Wakeup(17, 0, 2_051_100_100_000L, 7001, "player",
                "sched_wakeup_new", new Task("player", 7040, 120), 0));
        assertThat(atLine(events, 20)).isEqualTo(new Other(20, 0, 2_051_100_130_000L, 7040, "thumb",
                "sched_process_exec"));
        assertThat(atLine(events, 24)).isEqualTo(new Switch(24, 0, 2_051_100_296_000L, 7040, "thumb",
                new Task("thumb", 7040, 120), TaskState.of("X"), new Task("player", 7001, 120)));
        // the kernel's left column keeps a comm's spaces
        assertThat(atLine(events, 26)).isEqualTo(new Wakeup(26, 1, 2_051_100_302_000L, 7003, "player:decode 0",
                "sched_wakeup", new Task("rt audio", 7005, 89), 0));
        assertThat(atLine(events, 27)).isEqualTo(new Switch(27, 0, 2_051_100_306_000L, 7001, "player",
                new Task("player", 7001, 120), TaskState.of("R+"), new Task("rt audio", 7005, 89)));
        assertThat(atLine(events, 32)).isEqualTo(new Migrate(32, 0, 2_051_100_621_000L, 7001, "player",
                new Task("player:decode 0", 7003, 120), 1, 0));
        assertThat(atLine(events, 35)).isEqualTo(new Switch(35, 0, 2_051_100_905_000L, 7003, "player:decode 0",
                new Task("player:decode 0", 7003, 120), TaskState.of("D"), Task.idle(0)));
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
                new Switch(6, 1, 1_234_567_890_123L, 0, "<idle>", new Task("swapper/1", 0, 120), TaskState.of("R"),
                        new Task("kworker/1:1-ev nts", 42, 100)),
                new Wakeup(7, 1, 1_234_567_891_000L, 42, "kworker/1:1-ev nts", "sched_wakeup", new Task("a b", 7, -1), 3),
                new Wakeup(8, 1, 1_234_567_892_000L, 42, "kworker/1:1-ev nts", "sched_waking", new Task("c", 8, 139), 0),
                new Switch(9, 1, 1_234_567_893_000L, 42, "kworker/1:1-ev nts", new Task("kworker/1:1-ev nts", 42, 100),
                        TaskState.of("D|K"), new Task("swapper/1", 0, 120)));
    }

    @Test
    void whatTheWriterWritesTheReaderReadsBack() throws Exception {
        Random rnd = new Random(20240607L);
        String[] comms = {"a", "trace-cmd", "pool:io flush", "kworker/3:2-[x]", "log:writer", "a b c:1 [2]", "x-9"};
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
                    expected.add(new Switch(line, cpu, t, cur.pid(), left, cur, TaskState.of(String.valueOf(state)),
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
            "   a-1  [000]    1.1: sched_switch: a:1 [120] ? ==> b:2 [1]" § t.txt:1:47: expected a task state: letters of RSDTtXZxKWPNnI joined by '|' with an optional '+' (R, R+, D|K), or the kernel's number (0, 1, 4096), found '?'
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
    void aTimestampWhoseNanosecondsDoNotFitALongIsRefused() throws Exception {
        // found by the fuzz campaign (TraceCmdReaderFuzzTest, crash-b2286dc4…): 14444444400.000150 s read as a negative time
        assertThat(readAll("cpus=1\n   a-1  [000]    9223372035.999999999: x: y\n")).extracting(FtraceEvent::timeNs)
                .containsExactly(9_223_372_035_999_999_999L);
        assertThatThrownBy(() -> readAll("cpus=1\n   a-1  [000]    9223372036.000000: x: y\n"))
                .hasMessage("t.txt:2:18: expected a timestamp SECONDS.MICROS of at most 9223372035");
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

    /** Reads a source with the given format (null: detect), returning the reader after its last event. */
    static FtraceReader readAs(String text, FtraceFormat format, List<FtraceEvent> into) throws Exception {
        FtraceReader r = new FtraceReader(new StringReader(text), "t.txt", 4096, Long.MAX_VALUE, format);
        for (FtraceEvent e = r.next(); e != null; e = r.next()) {
            into.add(e);
        }
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "trace-cmd-report.txt,       TRACE_CMD, 8, 4,    54, 12",
        "trace-cmd-report-raw.txt,   TRACE_CMD, 6, 2,    17, 10",
        "trace-cmd-4096-cpus.txt,    TRACE_CMD, 5, 4096,  6,  4",
        "no-switch-events.txt,       TRACE_CMD, 6, 2,    10,  0",
        "kernel-trace.txt,           TRACEFS,   8, -1,   25,  9",
        "tracefs-trace-pipe.txt,     TRACEFS,   6, -1,   14,  7",
        "perf-script.txt,            PERF,      6, -1,   14,  7",
    })
    void everyExampleIsReadInTheFormItIsWrittenIn(String name, FtraceFormat format, int formatLine, int cpus, int events,
            int switches) throws Exception {
        List<FtraceEvent> read = new ArrayList<>();
        FtraceReader r = readAs(Files.readString(ExampleTraces.file(name)), null, read);
        assertThat(r.format()).isEqualTo(format);
        assertThat(r.formatLine()).isEqualTo(formatLine);
        assertThat(r.cpus()).isEqualTo(cpus);
        assertThat(read).hasSize(events);
        assertThat(read.stream().filter(e -> e instanceof Switch)).hasSize(switches);
        // forcing the same form reads the same events; forcing the other line shape is refused at the first event
        List<FtraceEvent> forced = new ArrayList<>();
        readAs(Files.readString(ExampleTraces.file(name)), format, forced);
        assertThat(forced).isEqualTo(read);
        FtraceFormat other = format == FtraceFormat.PERF ? FtraceFormat.TRACEFS : FtraceFormat.PERF;
        assertThatThrownBy(() -> readAs(Files.readString(ExampleTraces.file(name)), other, new ArrayList<>()))
                .isInstanceOf(FtraceSyntaxException.class).hasMessageContaining("as --format says");
    }

    @Test
    void trace_cmd_report_R_printsNumericStatesWithoutTheArrow() throws Exception {
        List<FtraceEvent> events = readFile(ExampleTraces.file("trace-cmd-report-raw.txt"), new int[1]);
        assertThat(atLine(events, 8)).isEqualTo(new Switch(8, 0, 100_000_100_000L, 0, "<idle>", Task.idle(0),
                TaskState.of("0"), new Task("Web Content", 2001, 120)));
        Switch preempted = (Switch) atLine(events, 13);
        assertThat(preempted.prevState().text()).isEqualTo("256");
        assertThat(preempted.prevRunnable()).isTrue();
        assertThat(preempted.next()).isEqualTo(new Task("[ioq] 3-x", 2003, 100));
        assertThat(((Switch) atLine(events, 14)).prevState()).isEqualTo(TaskState.of("2"));
        assertThat(((Switch) atLine(events, 21)).prevDead()).isTrue();
        assertThat(atLine(events, 12)).isEqualTo(new Wakeup(12, 1, 100_000_300_000L, 2002, "pool-2-thread-1", "sched_wakeup",
                new Task("[ioq] 3-x", 2003, 100), 0));
    }

    @ParameterizedTest(name = "prev_state={0}")
    @ValueSource(strings = {"64", "4096", "0", "1", "256", "R+", "D|K", "I", "P", "t"})
    void theIssuesNumericStatesAndEveryLetterFormRead(String state) throws Exception {
        // the kernel's key=value form with the arrow, as trace-cmd prints it without the plugin
        String line = "cpus=6\n  kworker/u12:0-7  [005]  10.000001: sched_switch: prev_comm=kworker/u12:0 prev_pid=7 prev_prio=120 "
                + "prev_state=" + state + " ==> next_comm=swapper/5 next_pid=0 next_prio=120\n";
        Switch sw = (Switch) readAll(line).get(0);
        assertThat(sw.prevState().text()).isEqualTo(state);
        assertThat(sw.next()).isEqualTo(Task.idle(5));
    }

    @Test
    void perfScriptPidTidAndTracefsTgidColumnsAreUnderstood() throws Exception {
        List<FtraceEvent> perf = readAll("""
                 Web Content  4001/4005  [001]  5.000001: sched:sched_waking: comm=a pid=9 prio=120 target_cpu=000
                  swapper 0/0 [000] 5.000002: sched:sched_switch: swapper/0:0 [120] R ==> a:9 [120]
                """);
        assertThat(perf).containsExactly(
                new Wakeup(1, 1, 5_000_001_000L, 4005, "Web Content", "sched_waking", new Task("a", 9, 120), 0),
                new Switch(2, 0, 5_000_002_000L, 0, "swapper", Task.idle(0), TaskState.of("R"), new Task("a", 9, 120)));
        List<FtraceEvent> tgid = new ArrayList<>();
        FtraceReader r = readAs("""
                # tracer: nop
                # entries-in-buffer/entries-written: 2/2   #P:4
                            bash-1977  (   1977) [003] d..2.   17.000001: sched_switch: prev_comm=bash prev_pid=1977 prev_prio=120 prev_state=S ==> next_comm=swapper/3 next_pid=0 next_prio=120
                    kworker/0:1-[x]-12  (-------) [000] .....   17.000002: cpu_idle: state=1 cpu_id=0
                """, null, tgid);
        assertThat(r.cpus()).isEqualTo(4);
        assertThat(r.format()).isEqualTo(FtraceFormat.TRACEFS);
        assertThat(tgid).extracting(FtraceEvent::runningComm, FtraceEvent::runningPid, FtraceEvent::cpu).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bash", 1977, 3), org.assertj.core.groups.Tuple.tuple("kworker/0:1-[x]", 12, 0));
        // #P:4 bounds the CPU numbers as cpus=4 does
        assertThatThrownBy(() -> readAll("# entries-in-buffer/entries-written: 1/1   #P:4\n  a-1 [004] d..2. 1.000001: x: y\n"))
                .hasMessage("t.txt:2:8: expected a CPU number below 4 (the header says cpus=4), found 4");
    }

    @Test
    void oneFormatPerSource() {
        String ftrace = "  a-1 [000] 1.000001: x: y\n";
        String perf = "  a 1 [000] 1.000002: sched:x: y\n";
        assertThatThrownBy(() -> readAll(ftrace + perf)).hasMessage("t.txt:2:3: expected an event line 'COMM-PID [CPU] "
                + "SECONDS.MICROS: EVENT: …' (trace-cmd report, as line 1 showed), found perf script's 'COMM PID [CPU]' line");
        assertThatThrownBy(() -> readAll(perf + ftrace)).hasMessageContaining("t.txt:2:3: expected an event line 'COMM PID [CPU] "
                + "SECONDS.MICROS: sched:EVENT: …' (perf script, as line 1 showed)");
        assertThatThrownBy(() -> readAll("# tracer: nop\nversion = 6\n")).hasMessage("t.txt:2:1: expected an event line "
                + "'COMM-PID [CPU] FLAGS SECONDS.MICROS: EVENT: …' (tracefs trace/trace_pipe, as line 1 showed), "
                + "found trace-cmd report's header line");
        assertThatThrownBy(() -> readAll(perf + "CPU:0 [LOST 3 EVENTS]\n")).hasMessageContaining("found a lost-events marker");
        // trace-cmd report -l prints the flags column too: both ftrace shapes mix freely
        assertThatCode(() -> readAll("version = 6\n" + ftrace + "  a-1 [000] d..2. 1.000003: x: y\n")).doesNotThrowAnyException();
    }
}
