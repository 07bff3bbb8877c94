// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.ftrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ulemodel.trace.ftrace.FtraceText.trace;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.ulemodel.trace.ftrace.FtraceWriter.Task;
import org.ulemodel.trace.ftrace.TraceAudit.Rule;
import org.ulemodel.trace.ftrace.TraceAudit.Violation;
import org.ulemodel.trace.ftrace.TraceAudit.WastedCore;

/** Each rule is shown catching a planted fault, and staying quiet on the same trace without it. */
class TraceAuditTest {
    private static final long MS = 1_000_000L;
    private static final Task A = new Task("a", 10, 120);
    private static final Task B = new Task("b", 11, 120);
    private static final Task C = new Task("c c:1", 12, 120);

    static TraceAudit audit(String text, long thresholdNs) throws Exception {
        TraceAudit audit = new TraceAudit(thresholdNs);
        FtraceReaderTest.readAll(text).forEach(audit::accept);
        audit.finish();
        return audit;
    }


    static TraceAudit audit(Consumer<FtraceWriter> events) throws Exception {
        return audit(trace(2, events), MS);
    }

    @Test
    void theWriterExcerptIsClean() throws Exception {
        TraceAudit a = audit(trace(4, FtraceWriterTest::writeExcerpt), MS);
        assertThat(a.violations()).isEmpty();
        assertThat(a.wastedCores()).isEmpty();
        assertThat(a.eventCount()).isEqualTo(22);
    }

    @Test
    void oneCpuAtATime() throws Exception {
        TraceAudit bad = audit(w -> {
            w.sched_switch(1 * MS, 0, Task.idle(0), 'R', A);
            w.sched_switch(2 * MS, 1, Task.idle(1), 'R', A);
        });
        assertThat(bad.violations()).containsExactly(
                new Violation(4, 2 * MS, 1, Rule.ONE_CPU, "a:10 switches in on CPU 1 while it runs on CPU 0 since line 3"));
        TraceAudit good = audit(w -> {
            w.sched_switch(1 * MS, 0, Task.idle(0), 'R', A);
            w.sched_switch(2 * MS, 0, A, 'R', Task.idle(0));
            w.sched_switch(2 * MS, 1, Task.idle(1), 'R', A);
        });
        assertThat(good.violations()).isEmpty();
    }

    @Test
    void prevIsWhatLastSwitchedIn() throws Exception {
        TraceAudit bad = audit(w -> {
            w.sched_switch(1 * MS, 0, Task.idle(0), 'R', A);
            w.sched_switch(2 * MS, 0, B, 'S', Task.idle(0));
        });
        assertThat(bad.violations()).extracting(Violation::line, Violation::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple(4, Rule.SWITCH));
        assertThat(bad.violations().get(0).detail())
                .isEqualTo("the line is attributed to b-11 but a:10 runs on CPU 0 (switched in at line 3)");
    }

    @Test
    void aSleeperIsWokenBeforeItRunsAgain() throws Exception {
        // the trace must record wakeups for the rule to be judged: b's wakeup on CPU 1 shows it does
        Consumer<FtraceWriter> sleep = w -> {
            w.sched_switch(1 * MS, 0, Task.idle(0), 'R', A);
            w.sched_switch(2 * MS, 0, A, 'S', Task.idle(0));
            w.sched_wakeup(2 * MS, 1, B, 1);
        };
        TraceAudit bad = audit(sleep.andThen(w -> w.sched_switch(3 * MS, 0, Task.idle(0), 'R', A)));
        assertThat(bad.violations()).containsExactly(new Violation(6, 3 * MS, 0, Rule.WAKEUP,
                "a:10 switches in on CPU 0 but went to sleep at line 4 and no wakeup followed"));
        assertThat(bad.notJudged()).isEmpty();
        TraceAudit good = audit(sleep.andThen(w -> {
            w.sched_wakeup(3 * MS, 0, A, 0);
            w.sched_switch(3 * MS, 0, Task.idle(0), 'R', A);
        }));
        assertThat(good.violations()).isEmpty();
        TraceAudit dead = audit(w -> {
            w.sched_switch(1 * MS, 0, Task.idle(0), 'R', A);
            w.sched_switch(2 * MS, 0, A, 'x', Task.idle(0));
            w.sched_switch(3 * MS, 1, Task.idle(1), 'R', A);
            w.sched_wakeup(4 * MS, 1, B, 0);
        });
        // found before the first wakeup, counted once one shows that wakeups are recorded
        assertThat(dead.violations()).containsExactly(new Violation(5, 3 * MS, 1, Rule.WAKEUP,
                "a:10 switches in on CPU 1 but exited at line 4"));
        assertThat(dead.violationCount(Rule.WAKEUP)).isEqualTo(1);
    }

    @Test
    void withoutWakeupEventsTheWakeupRuleIsNotJudged() throws Exception {
        // trace-cmd record -e sched_switch: every sleeper runs again "without a wakeup"
        TraceAudit a = audit(w -> {
            w.sched_switch(1 * MS, 0, Task.idle(0), 'R', A);
            w.sched_switch(2 * MS, 0, A, 'S', Task.idle(0));
            w.sched_switch(3 * MS, 0, Task.idle(0), 'R', A);
        });
        assertThat(a.violations()).isEmpty();
        assertThat(a.violationCount()).isZero();
        assertThat(a.notJudged()).containsExactly(
                java.util.Map.entry(Rule.WAKEUP, "no sched_wakeup, sched_wakeup_new or sched_waking events"));
        assertThat(a.wastedNotJudged()).isNull();
    }

    @Test
    void withoutSwitchEventsNothingIsSaidAboutSwitches() throws Exception {
        // the trace: only sched_stat_* and sched_process_*, the left column changing on each CPU
        String text = """
                cpus=2
                       a-10    [000]     1.000000: sched_stat_runtime:   comm=a pid=10 runtime=1 [ns] vruntime=1 [ns]
                       b-11    [000]     1.000100: sched_stat_runtime:   comm=b pid=11 runtime=1 [ns] vruntime=1 [ns]
                       a-10    [001]     1.000200: sched_process_exit:   comm=a pid=10 prio=120
                  <idle>-0     [000]     1.000300: sched_stat_sleep:     comm=a pid=10 delay=1 [ns]
                       b-11    [001]     9.000000: sched_process_fork:   comm=b pid=11 child_comm=b child_pid=12
                """;
        TraceAudit a = audit(text, MS);
        assertThat(a.violations()).isEmpty();
        assertThat(a.violationCount()).isZero();
        assertThat(a.notJudged()).containsOnlyKeys(Rule.ONE_CPU, Rule.SWITCH, Rule.WAKEUP, Rule.MIGRATE)
                .containsValue("no sched_switch events");
        assertThat(a.wastedNotJudged()).isEqualTo("no sched_switch events");
        assertThat(a.wastedCores()).isEmpty();
        // one switch anywhere shows that switches are recorded: the same left columns are findings then
        String withSwitch = text + "          <idle>-0     [000]     9.500000: sched_switch:         swapper/0:0 [120] R ==> a:10 [120]\n";
        TraceAudit b = audit(withSwitch, MS);
        assertThat(b.notJudged()).containsOnlyKeys(Rule.WAKEUP);
        assertThat(b.violations()).extracting(Violation::line, Violation::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, Rule.SWITCH), org.assertj.core.groups.Tuple.tuple(5, Rule.SWITCH),
                org.assertj.core.groups.Tuple.tuple(6, Rule.SWITCH));
    }

    @Test
    void theAnalysisSaysWhichCpusItFollowedForWhichSpan() throws Exception {
        String text = trace(3, w -> {
            w.sched_switch(1 * MS, 0, Task.idle(0), 'R', A);
            w.sched_switch(2 * MS, 2, Task.idle(2), 'R', B);
            w.sched_switch(4 * MS, 0, A, 'S', Task.idle(0));
        });
        String after = trace(3, w -> w.sched_switch(7 * MS, 0, Task.idle(0), 'R', A)).replaceFirst("(?s)^.*?cpus=3\n", "");
        TraceAudit a = audit(text + "CPU:0 [LOST 3 EVENTS]\n" + after, MS);
        assertThat(a.followed()).containsExactly(
                new TraceAudit.CpuSpan(0, 1 * MS, 7 * MS, 3, 7, 3 * MS, 2),
                new TraceAudit.CpuSpan(2, 2 * MS, 2 * MS, 4, 4, 0, 1));
    }

    @Test
    void aRunningThreadIsNotMigrated() throws Exception {
        TraceAudit bad = audit(w -> {
            w.sched_switch(1 * MS, 0, Task.idle(0), 'R', A);
            w.sched_migrate_task(2 * MS, 1, A, 0, 1);
        });
        assertThat(bad.violations()).extracting(Violation::rule).containsExactly(Rule.MIGRATE);
        TraceAudit good = audit(w -> {
            w.sched_switch(1 * MS, 0, Task.idle(0), 'R', A);
            w.sched_switch(2 * MS, 0, A, 'S', Task.idle(0));
            w.sched_migrate_task(2 * MS, 1, A, 0, 1);
        });
        assertThat(good.violations()).isEmpty();
    }

    @Test
    void timeDoesNotGoBackwards() throws Exception {
        String text = "cpus=2\n  a-10 [000] 2.000000: x: y\n  a-10 [000] 1.999999: x: y\n  a-10 [000] 2.000000: x: y\n";
        assertThat(audit(text, MS).violations()).containsExactly(
                new Violation(3, 1_999_999_000L, 0, Rule.TIME, "time 1.999999 comes after 2.000000"));
        assertThat(audit(text.replace("1.999999", "2.000000"), MS).violations()).isEmpty();
    }

    @Test
    void warmUpAdoptsWhatRunsAtTheFirstEventOfEachCpu() throws Exception {
        // b runs on CPU 0 and a on CPU 1 when the trace starts; a slept before the trace started
        String text = """
                cpus=2
                       b-11    [000]     1.000000: sched_wakeup:         c c:1:12 [120] success=1 CPU:000
                       a-10    [001]     1.000001: cpu_idle:             state=1 cpu_id=1
                       b-11    [000]     1.000002: sched_switch:         b:11 [120] S ==> c c:1:12 [120]
                       a-10    [001]     1.000003: sched_switch:         a:10 [120] S ==> swapper/1:0 [120]
                """;
        TraceAudit a = audit(text, MS);
        assertThat(a.violations()).isEmpty();
        assertThat(a.adoptedAtWarmUp()).isEqualTo(2);
        // the same thread adopted on both CPUs is still caught
        assertThat(audit(text.replace("a-10    [001]     1.000001", "b-11    [001]     1.000001"), MS).violations())
                .extracting(Violation::rule).contains(Rule.ONE_CPU);
    }

    @Test
    void lostEventsRestartTheWarmUp() throws Exception {
        String text = trace(2, w -> {
            w.sched_switch(1 * MS, 0, Task.idle(0), 'R', A);
            w.sched_switch(2 * MS, 0, A, 'S', Task.idle(0));
            w.sched_wakeup(2 * MS, 1, B, 1);
        });
        String after = trace(2, w -> w.sched_switch(3 * MS, 0, Task.idle(0), 'R', A)).replaceFirst("(?s)^.*?cpus=2\n", "");
        assertThat(audit(text + after, MS).violations()).hasSize(1);
        TraceAudit a = audit(text + "CPU:0 [LOST 3 EVENTS]\n" + after, MS);
        assertThat(a.violations()).isEmpty();
        assertThat(a.lostMarkers()).isEqualTo(1);
    }

    /** CPU 0 runs a; CPU 1 goes idle at 1 ms; c is woken onto CPU 0 at 2 ms and runs there at 5 ms; a then waits until 9 ms. */
    static String wastedCoreTrace() {
        return trace(2, w -> {
            w.sched_switch(0, 0, Task.idle(0), 'R', A);
            w.sched_switch(0, 1, Task.idle(1), 'R', B);
            w.sched_switch(1 * MS, 1, B, 'S', Task.idle(1));
            w.sched_wakeup(2 * MS, 0, C, 0);
            w.sched_switch(5 * MS, 0, A, 'R', C);
            w.sched_wakeup(9 * MS, 0, B, 0);
        });
    }

    @Test
    void wastedCoresAreIdleCpusWhileRunnableThreadsWait() throws Exception {
        TraceAudit a = audit(wastedCoreTrace(), MS);
        assertThat(a.violations()).isEmpty();
        assertThat(a.wastedCores()).containsExactly(
                new WastedCore(2 * MS, 5 * MS, 1, "c c:1:12", 0, 6, 7, false),
                new WastedCore(5 * MS, 9 * MS, 1, "a:10", 0, 7, 8, true));
        // longer than the threshold, not equal to it
        assertThat(audit(wastedCoreTrace(), 3 * MS).wastedCores()).extracting(WastedCore::waiter).containsExactly("a:10");
        assertThat(audit(wastedCoreTrace(), 3 * MS - 1).wastedCount()).isEqualTo(2);
        assertThat(audit(wastedCoreTrace(), 4 * MS).wastedCount()).isZero();
        // CPU 1 busy all along: nothing is wasted
        String busy = wastedCoreTrace().replace("b:11 [120] S ==> swapper/1:0 [120]", "b:11 [120] R ==> b2:13 [120]");
        assertThat(audit(busy, MS).wastedCores()).extracting(WastedCore::idleCpu).doesNotContain(1);
    }

    @Test
    void aWaitCutShortByTheWarmUpIsNotReported() throws Exception {
        // c is woken onto CPU 0 while CPU 1 idles; CPU 0's first event then shows c already running there
        String text = """
                cpus=2
                          <idle>-0     [001]     1.000000: sched_switch:         swapper/1:0 [120] R ==> b:11 [120]
                               b-11    [001]     1.000001: sched_switch:         b:11 [120] S ==> swapper/1:0 [120]
                          <idle>-0     [001]     1.000002: sched_wakeup:         c c:1:12 [120] success=1 CPU:000
                           c c:1-12    [000]     1.900000: cpu_idle:             state=1 cpu_id=0
                           c c:1-12    [000]     9.000000: sched_switch:         c c:1:12 [120] S ==> swapper/0:0 [120]
                """;
        TraceAudit a = audit(text, MS);
        assertThat(a.violations()).isEmpty();
        assertThat(a.wastedCores()).isEmpty();
    }

    @Test
    void findingsAreListedInTimeOrder() throws Exception {
        List<WastedCore> w = audit(wastedCoreTrace(), 0).wastedCores();
        assertThat(w).isSortedAccordingTo((x, y) -> Long.compare(x.startNs(), y.startNs()));
    }
}
