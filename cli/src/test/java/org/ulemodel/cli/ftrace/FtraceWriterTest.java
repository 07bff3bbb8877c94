// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli.ftrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.cli.ftrace.FtraceWriter.Task;

/** Golden-style tests: the writer reproduces, byte for byte, lines that a real trace-cmd report printed. */
class FtraceWriterTest {
    private static final Task TRACE_CMD = new Task("trace-cmd", 2461, 120);
    private static final Task SSHD = new Task("sshd", 2450, 120);
    private static final Task RCUOS = new Task("rcuos/0", 9, 120);
    private static final Task RCU_SCHED = new Task("rcu_sched", 7, 120);
    private static final Task BASH = new Task("bash", 2459, 120);

    /** Lines 7-73 of the LISA trace, only its sched_switch, sched_wakeup and sched_migrate_task events. */
    static final String LISA_EXCERPT = """
            version = 6
            cpus=5
                   trace-cmd-2461  [000]    34.897053: sched_switch:         trace-cmd:2461 [120] R ==> sshd:2450 [120]
                      <idle>-0     [001]    34.897153: sched_switch:         swapper/1:0 [120] R ==> rcuos/0:9 [120]
                     rcuos/0-9     [001]    34.897182: sched_wakeup:         rcu_sched:7 [120] success=1 CPU:000
                     rcuos/0-9     [001]    34.897230: sched_switch:         rcuos/0:9 [120] S ==> swapper/1:0 [120]
                        sshd-2450  [000]    34.897319: sched_switch:         sshd:2450 [120] S ==> rcu_sched:7 [120]
                   rcu_sched-7     [000]    34.897343: sched_switch:         rcu_sched:7 [120] S ==> trace-cmd:2461 [120]
                   trace-cmd-2461  [000]    34.897703: sched_wakeup:         bash:2459 [120] success=1 CPU:001
                   trace-cmd-2461  [000]    34.897738: sched_switch:         trace-cmd:2461 [120] x ==> swapper/0:0 [120]
                      <idle>-0     [001]    34.898082: sched_switch:         swapper/1:0 [120] R ==> bash:2459 [120]
                        bash-2459  [001]    34.898708: sched_wakeup:         sshd:2450 [120] success=1 CPU:000
                      <idle>-0     [000]    34.898726: sched_switch:         swapper/0:0 [120] R ==> sshd:2450 [120]
                        bash-2459  [001]    34.898758: sched_switch:         bash:2459 [120] x ==> swapper/1:0 [120]
                        sshd-2450  [000]    34.898996: sched_switch:         sshd:2450 [120] S ==> swapper/0:0 [120]
                      <idle>-0     [000]    34.899149: sched_wakeup:         rcu_sched:7 [120] success=1 CPU:000
                      <idle>-0     [000]    34.899180: sched_switch:         swapper/0:0 [120] R ==> rcu_sched:7 [120]
                   rcu_sched-7     [000]    34.899200: sched_wakeup:         rcuos/0:9 [120] success=1 CPU:001
                   rcu_sched-7     [000]    34.899216: sched_switch:         rcu_sched:7 [120] S ==> swapper/0:0 [120]
                      <idle>-0     [001]    34.899628: sched_switch:         swapper/1:0 [120] R ==> rcuos/0:9 [120]
                     rcuos/0-9     [001]    34.899807: sched_wakeup:         rcu_sched:7 [120] success=1 CPU:000
                     rcuos/0-9     [001]    34.899877: sched_switch:         rcuos/0:9 [120] S ==> swapper/1:0 [120]
                      <idle>-0     [000]    34.899984: sched_migrate_task:   comm=sshd pid=2450 prio=120 orig_cpu=0 dest_cpu=1
                      <idle>-0     [000]    34.899995: sched_wakeup:         sshd:2450 [120] success=1 CPU:001
            """;

    /** Writes, through the writer, the events of {@link #LISA_EXCERPT}. */
    static void writeExcerpt(FtraceWriter w) {
        Task idle0 = Task.idle(0);
        Task idle1 = Task.idle(1);
        w.sched_switch(34_897_053_000L, 0, TRACE_CMD, 'R', SSHD);
        w.sched_switch(34_897_153_000L, 1, idle1, 'R', RCUOS);
        w.sched_wakeup(34_897_182_000L, 1, RCU_SCHED, 0);
        w.sched_switch(34_897_230_000L, 1, RCUOS, 'S', idle1);
        w.sched_switch(34_897_319_000L, 0, SSHD, 'S', RCU_SCHED);
        w.sched_switch(34_897_343_000L, 0, RCU_SCHED, 'S', TRACE_CMD);
        w.sched_wakeup(34_897_703_000L, 0, BASH, 1);
        w.sched_switch(34_897_738_000L, 0, TRACE_CMD, 'x', idle0);
        w.sched_switch(34_898_082_000L, 1, idle1, 'R', BASH);
        w.sched_wakeup(34_898_708_000L, 1, SSHD, 0);
        w.sched_switch(34_898_726_000L, 0, idle0, 'R', SSHD);
        w.sched_switch(34_898_758_000L, 1, BASH, 'x', idle1);
        w.sched_switch(34_898_996_000L, 0, SSHD, 'S', idle0);
        w.sched_wakeup(34_899_149_000L, 0, RCU_SCHED, 0);
        w.sched_switch(34_899_180_000L, 0, idle0, 'R', RCU_SCHED);
        w.sched_wakeup(34_899_200_000L, 0, RCUOS, 1);
        w.sched_switch(34_899_216_000L, 0, RCU_SCHED, 'S', idle0);
        w.sched_switch(34_899_628_000L, 1, idle1, 'R', RCUOS);
        w.sched_wakeup(34_899_807_000L, 1, RCU_SCHED, 0);
        w.sched_switch(34_899_877_000L, 1, RCUOS, 'S', idle1);
        w.sched_migrate_task(34_899_984_000L, 0, SSHD, 0, 1);
        w.sched_wakeup(34_899_995_000L, 0, SSHD, 1);
    }

    @Test
    void reproducesTraceCmdReportLinesExactly() {
        StringWriter out = new StringWriter();
        writeExcerpt(new FtraceWriter(out, 5));
        assertThat(out.toString()).isEqualTo(LISA_EXCERPT);
    }

    @Test
    void pinnedLinesAreTheRealTraceCmdOutput() throws IOException {
        List<String> real = Files.readAllLines(lisaTrace());
        for (String line : LISA_EXCERPT.split("\n")) {
            assertThat(real).as("a line of the LISA trace").contains(line);
        }
    }

    @Test
    void idleTaskIsIdleOnTheLeftAndSwapperOfTheEventCpuInTheBody() {
        StringWriter out = new StringWriter();
        FtraceWriter w = new FtraceWriter(out, 12);
        // a pid-0 task is the idle task of the event's CPU whatever it is called
        w.sched_switch(5_000_000_000L, 11, new Task("idle", 0, 255), 'R', new Task("a b:c", 17, 100));
        w.sched_wakeup(5_000_001_000L, 11, new Task("x", 3, 139), 10);
        w.sched_switch(5_000_001_999L, 11, new Task("a b:c", 17, 100), 'D', new Task("whatever", 0, 1));
        assertThat(out.toString()).isEqualTo("""
                version = 6
                cpus=12
                          <idle>-0     [011]     5.000000: sched_switch:         swapper/11:0 [120] R ==> a b:c:17 [100]
                           a b:c-17    [011]     5.000001: sched_wakeup:         x:3 [139] success=1 CPU:010
                           a b:c-17    [011]     5.000001: sched_switch:         a b:c:17 [100] D ==> swapper/11:0 [120]
                """);
    }

    @Test
    void wideFieldsGrowInsteadOfBeingCut() {
        StringWriter out = new StringWriter();
        FtraceWriter w = new FtraceWriter(out, 1000);
        Task longName = new Task("a-very-long-command-name", 4_194_304, 0);
        w.sched_switch(123_456_789_999_000L, 999, Task.idle(999), 'R', longName);
        w.sched_migrate_task(123_456_789_999_999L, 999, longName, 998, 999);
        assertThat(out.toString()).endsWith(
                "a-very-long-command-name-4194304 [999] 123456.789999: sched_migrate_task:   "
                        + "comm=a-very-long-command-name pid=4194304 prio=0 orig_cpu=998 dest_cpu=999\n");
    }

    @Test
    void refusesWhatNoKernelCouldTrace() {
        FtraceWriter w = new FtraceWriter(new StringWriter(), 2);
        assertThatThrownBy(() -> w.sched_wakeup(1, 2, SSHD, 0)).hasMessageContaining("cpu must be in [0, 2): 2");
        assertThatThrownBy(() -> w.sched_wakeup(1, 0, SSHD, -1)).hasMessageContaining("targetCpu");
        assertThatThrownBy(() -> w.sched_switch(1, 0, SSHD, '?', BASH)).hasMessageContaining("prevState");
        w.sched_wakeup(10, 0, SSHD, 1);
        assertThatThrownBy(() -> w.sched_wakeup(9, 0, SSHD, 1)).hasMessageContaining("time goes backwards");
        assertThatThrownBy(() -> new Task("a\nb", 1, 120)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FtraceWriter(new StringWriter(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** ../shared/data/ftrace/lisa-trace_sched.txt; a missing shared folder fails the test (never skips it). */
    static Path lisaTrace() {
        String prop = System.getProperty("ulemodel.shared");
        Path shared = prop != null ? Paths.get(prop) : Paths.get("..", "..", "shared");
        Path f = shared.resolve("data").resolve("ftrace").resolve("lisa-trace_sched.txt");
        if (!Files.isRegularFile(f)) {
            throw new IllegalStateException("LISA trace missing: " + f.toAbsolutePath());
        }
        return f;
    }
}
