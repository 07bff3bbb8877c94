// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.ftrace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.trace.Corpus;
import org.ulemodel.trace.ftrace.FtraceEvent.Migrate;
import org.ulemodel.trace.ftrace.FtraceEvent.Other;
import org.ulemodel.trace.ftrace.FtraceEvent.Switch;
import org.ulemodel.trace.ftrace.FtraceEvent.Wakeup;
import org.ulemodel.trace.ftrace.FtraceWriter.Task;

/**
 * The reader and the writer against a real {@code trace-cmd report}: the sched trace
 * that LISA (ARM-software/lisa, Apache-2.0) ships, 100 events on 2 of 5 CPUs. It is not part of
 * this repository; these tests read it as {@code ftrace/lisa-trace_sched.txt} of the corpus folder
 * ({@code -Dulemodel.corpus=DIR}, see {@link Corpus}) and are skipped, with the reason, without it.
 */
class LisaTraceCorpusTest {
    static Path lisa() {
        return Corpus.file("ftrace/lisa-trace_sched.txt");
    }

    @Test
    void readsTheLisaTrace() throws Exception {
        int[] cpus = new int[1];
        List<FtraceEvent> events = FtraceReaderTest.readFile(lisa(), cpus);
        assertThat(cpus[0]).isEqualTo(5);
        assertThat(events).hasSize(100);
        assertThat(events.stream().filter(e -> e instanceof Switch)).hasSize(20);
        assertThat(events.stream().filter(e -> e instanceof Wakeup)).hasSize(12);
        assertThat(events.stream().filter(e -> e instanceof Migrate)).hasSize(2);
        assertThat(events.get(0)).isEqualTo(new Other(3, 0, 34_896_920_000L, 2461, "trace-cmd", "sched_stat_runtime"));
        assertThat(events.get(4)).isEqualTo(new Switch(7, 0, 34_897_053_000L, 2461, "trace-cmd",
                new Task("trace-cmd", 2461, 120), TaskState.of("R"), new Task("sshd", 2450, 120)));
        // comms with ':' and ' ', and trace-cmd's left column cut at the space
        Switch rsMain = (Switch) FtraceReaderTest.atLine(events, 98);
        assertThat(rsMain.runningComm()).isEqualTo("rs:main");
        assertThat(rsMain.prev()).isEqualTo(new Task("rs:main Q:Reg", 1769, 120));
        assertThat(rsMain.next()).isEqualTo(new Task("in:imuxsock", 1767, 120));
        assertThat(FtraceReaderTest.atLine(events, 86)).isEqualTo(new Migrate(86, 0, 34_901_238_000L, 1767, "in:imuxsock",
                new Task("rs:main Q:Reg", 1769, 120), 4, 0));
        Wakeup w = (Wakeup) FtraceReaderTest.atLine(events, 89);
        assertThat(w.wakee()).isEqualTo(new Task("rs:main Q:Reg", 1769, 120));
        assertThat(w.targetCpu()).isZero();
    }

    /**
     * Every sched_switch, sched_wakeup and sched_migrate_task line of the real trace, from each
     * CPU's first switch on (before it the writer cannot know what runs there), is exactly what
     * {@link FtraceWriter} writes for the event read from it, left column included (which tests
     * that the writer tracks what runs on each CPU as trace-cmd does). The one exception is where
     * trace-cmd cut the left column's comm at a space: the rest of that line must still match.
     */
    @Test
    void theWriterReproducesItsSchedLinesByteForByte() throws Exception {
        Path f = lisa();
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        int[] cpus = new int[1];
        List<FtraceEvent> events = FtraceReaderTest.readFile(f, cpus);
        StringWriter out = new StringWriter();
        FtraceWriter w = new FtraceWriter(out, cpus[0]);
        assertThat(out.toString()).isEqualTo(lines.get(0) + "\n" + lines.get(1) + "\n");
        boolean[] switched = new boolean[cpus[0]];
        List<Integer> exact = new ArrayList<>();
        List<Integer> leftColumnCut = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        for (FtraceEvent e : events) {
            switched[e.cpu()] |= e instanceof Switch;
            if (!switched[e.cpu()]) {
                continue;
            }
            int from = out.getBuffer().length();
            if (e instanceof Switch sw) {
                assertThat(sw.prevState().text()).as("line %d", e.line()).hasSize(1);
                w.sched_switch(e.timeNs(), e.cpu(), sw.prev(), sw.prevState().text().charAt(0), sw.next());
            } else if (e instanceof Wakeup wk) {
                assertThat(wk.name()).as("line %d", e.line()).isEqualTo("sched_wakeup");
                w.sched_wakeup(e.timeNs(), e.cpu(), wk.wakee(), wk.targetCpu());
            } else if (e instanceof Migrate m) {
                w.sched_migrate_task(e.timeNs(), e.cpu(), m.task(), m.origCpu(), m.destCpu());
            } else {
                continue;
            }
            String written = out.getBuffer().substring(from, out.getBuffer().length() - 1);
            String real = lines.get(e.line() - 1);
            if (written.equals(real)) {
                exact.add(e.line());
            } else if (afterComm(written, e).equals(afterComm(real, e)) && real.contains(" " + e.runningComm() + "-")) {
                leftColumnCut.add(e.line());
            } else {
                mismatches.add(e.line() + ":\n  real:    " + real + "\n  written: " + written);
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(leftColumnCut).containsExactly(98);
        assertThat(exact).hasSize(32).startsWith(7).endsWith(101);
    }

    /** The line from the {@code -PID} of its left column on (the whole line if it has none). */
    private static String afterComm(String line, FtraceEvent e) {
        int bracket = line.indexOf(String.format(" [%03d]", e.cpu()));
        int dash = bracket < 0 ? -1 : line.lastIndexOf("-" + e.runningPid() + " ", bracket);
        return dash < 0 ? line : line.substring(dash);
    }
}
