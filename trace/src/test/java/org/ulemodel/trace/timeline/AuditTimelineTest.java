// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ulemodel.trace.ftrace.FtraceText.trace;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.trace.ftrace.FtraceEvent;
import org.ulemodel.trace.ftrace.FtraceReader;
import org.ulemodel.trace.ftrace.FtraceWriter.Task;
import org.ulemodel.trace.ftrace.TraceAudit;

/** What {@link TraceAudit#drawing} records: runs with priority and leaving state, waits, followed spans, findings. */
class AuditTimelineTest {
    private static final long MS = 1_000_000L;
    private static final Task A = new Task("a", 10, 120);
    private static final Task B = new Task("b", 11, 115);

    static Timeline draw(String text) throws Exception {
        Timeline tl = new Timeline();
        TraceAudit audit = new TraceAudit(MS).drawing(tl);
        FtraceReader r = new FtraceReader(new StringReader(text), "t");
        for (FtraceEvent e = r.next(); e != null; e = r.next()) {
            audit.accept(e);
        }
        audit.finish();
        return tl;
    }


    /** {@code start..end prio why} of each piece of a row, in ms. */
    static List<String> pieces(Timeline tl, Timeline.Row r) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < r.n; k++) {
            out.add(r.key[k] + "@" + r.start[k] / MS + ".." + r.end[k] / MS + (r.prio[k] == Timeline.NO_PRIORITY ? "" : " p" + r.prio[k])
                    + (tl.whyText(r.why[k]).isEmpty() ? "" : " " + tl.whyText(r.why[k])));
        }
        return out;
    }

    @Test
    void runsWaitsSpansAndAWastedCoreAreDrawn() throws Exception {
        Timeline tl = draw(trace(2, w -> {
            w.sched_switch(1 * MS, 0, Task.idle(0), 'R', A);
            w.sched_switch(1 * MS, 1, Task.idle(1), 'R', B);
            w.sched_switch(2 * MS, 1, B, 'S', Task.idle(1));
            w.sched_wakeup(3 * MS, 0, B, 0);
            w.sched_switch(6 * MS, 0, A, 'R', B);
            w.sched_switch(7 * MS, 0, B, 'x', A);
        }));
        assertThat(pieces(tl, tl.cpuRowOrNull(0))).containsExactly("10@1..6 p120 preempted, still runnable (R)",
                "11@6..7 p115 exited (x)");
        assertThat(pieces(tl, tl.cpuRowOrNull(1))).containsExactly("11@1..2 p115 blocked (S)");
        // b's row: its run on CPU 1, its wait for CPU 0 (key -1), its run on CPU 0; a waited 6..7 ms
        assertThat(pieces(tl, tl.threadOrNull(11).row)).containsExactly("1@1..2 p115 blocked (S)", "-1@3..6 ran",
                "0@6..7 p115 exited (x)");
        assertThat(pieces(tl, tl.threadOrNull(10).row)).containsExactly("0@1..6 p120 preempted, still runnable (R)",
                "-1@6..7 ran");
        assertThat(tl.threadOrNull(11).name).isEqualTo("b");
        assertThat(tl.histogram()[Timeline.bucket(3 * MS)]).isEqualTo(1);
        assertThat(tl.histogram()[Timeline.bucket(1 * MS)]).isEqualTo(1);
        Timeline.Row cpu1 = tl.cpuRowOrNull(1);
        assertThat(new long[] {cpu1.followStart, cpu1.followEnd}).containsExactly(1 * MS, 2 * MS);
        assertThat(tl.marks()).containsExactly(new Timeline.Mark(Timeline.MarkKind.INTERVAL, 1, 3 * MS, 6 * MS, "wasted core",
                "idle while b:11 waited for CPU 0 (runnable since line 6, ran at line 7)"));
    }

    @Test
    void findingsAreMarkedAtTheirEventAndRunsTheTraceDidNotEndAreClosedHonestly() throws Exception {
        // a runs on CPU 0 and then shows up on CPU 1 without leaving CPU 0: ONE_CPU at line 4
        Timeline tl = draw(trace(2, w -> {
            w.sched_switch(1 * MS, 0, Task.idle(0), 'R', A);
            w.sched_switch(2 * MS, 1, Task.idle(1), 'R', A);
            w.sched_wakeup(3 * MS, 1, B, 1);
        }));
        assertThat(tl.marks()).containsExactly(new Timeline.Mark(Timeline.MarkKind.FINDING, 1, 2 * MS, 2 * MS,
                "ONE_CPU at line 4", "a:10 switches in on CPU 1 while it runs on CPU 0 since line 3"));
        assertThat(pieces(tl, tl.cpuRowOrNull(0))).containsExactly("10@1..2 p120 not shown: it appears on CPU 1");
        assertThat(pieces(tl, tl.cpuRowOrNull(1))).containsExactly("10@2..3 p120 still running at the end of the trace");
        // a thread adopted at warm-up has no known priority
        Timeline adopted = draw("cpus=1\n  b-11 [000] 1.000000: sched_stat_runtime: x\n"
                + "  b-11 [000] 1.002000: sched_switch: b:11 [115] S ==> swapper/0:0 [120]\n");
        assertThat(pieces(adopted, adopted.cpuRowOrNull(0))).containsExactly("11@1000..1002 blocked (S)");
    }

    @Test
    void runsAndWaitsRestOnSwitchEventsLikeTheRules() throws Exception {
        String noSwitch = "cpus=1\n  a-10 [000] 1.000000: sched_stat_runtime: x\n  b-11 [000] 1.001000: sched_stat_runtime: x\n"
                + "  b-11 [000] 1.002000: sched_wakeup: a:10 [120] success=1 CPU:000\n";
        Timeline none = draw(noSwitch);
        // the left column changed and a was woken, but without switches nothing says who ran or waited
        assertThat(none.cpuRowOrNull(0).n).isZero();
        assertThat(none.threadOrNull(10).row).isNull();
        assertThat(none.openWaits()).isZero();
        // one switch shows that switches are recorded: what was held back is drawn
        Timeline later = draw(noSwitch + "  b-11 [000] 1.003000: sched_switch: b:11 [120] S ==> a:10 [120]\n");
        assertThat(pieces(later, later.cpuRowOrNull(0))).containsExactly("10@1000..1001 not shown: line 3 names another task",
                "11@1001..1003 blocked (S)");
        assertThat(pieces(later, later.threadOrNull(10).row)).containsExactly("0@1000..1001 not shown: line 3 names another task",
                "-1@1002..1003 ran");
    }
}
