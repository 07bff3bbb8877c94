// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.ftrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.trace.ftrace.FtraceWriter.Task;

/**
 * Golden-style tests: the writer produces, byte for byte, the column layout of {@code trace-cmd
 * report}. The expected lines here are our own, written by hand in that layout; that the layout is
 * trace-cmd's own is checked against a real trace in {@link LisaTraceCorpusTest} (run with
 * {@code -Dulemodel.corpus=DIR}).
 */
class FtraceWriterTest {
    private static final Task MAKE = new Task("make", 4100, 120);
    private static final Task CC1 = new Task("cc1", 4117, 120);
    private static final Task AS = new Task("as", 4118, 120);
    private static final Task KWORKER = new Task("kworker/u8:2", 88, 120);
    private static final Task IRQ = new Task("irq/45-eth0", 301, 49);

    /**
     * A build on 2 of 4 CPUs, written by hand: make wakes cc1, a threaded IRQ (prio 49) preempts
     * it, as and cc1 exit (state x), make is migrated while asleep and woken from an idle CPU.
     */
    static final String EXCERPT = """
            version = 6
            cpus=4
                      <idle>-0     [000]    77.100010: sched_switch:         swapper/0:0 [120] R ==> make:4100 [120]
                        make-4100  [000]    77.100025: sched_wakeup:         cc1:4117 [120] success=1 CPU:001
                      <idle>-0     [001]    77.100031: sched_switch:         swapper/1:0 [120] R ==> cc1:4117 [120]
                        make-4100  [000]    77.100102: sched_switch:         make:4100 [120] S ==> swapper/0:0 [120]
                         cc1-4117  [001]    77.100650: sched_wakeup:         as:4118 [120] success=1 CPU:000
                      <idle>-0     [000]    77.100661: sched_switch:         swapper/0:0 [120] R ==> as:4118 [120]
                         cc1-4117  [001]    77.100900: sched_wakeup:         irq/45-eth0:301 [49] success=1 CPU:001
                         cc1-4117  [001]    77.100903: sched_switch:         cc1:4117 [120] R ==> irq/45-eth0:301 [49]
                 irq/45-eth0-301   [001]    77.100911: sched_wakeup:         kworker/u8:2:88 [120] success=1 CPU:001
                 irq/45-eth0-301   [001]    77.100920: sched_switch:         irq/45-eth0:301 [49] S ==> kworker/u8:2:88 [120]
                kworker/u8:2-88    [001]    77.100980: sched_switch:         kworker/u8:2:88 [120] S ==> cc1:4117 [120]
                          as-4118  [000]    77.101200: sched_switch:         as:4118 [120] x ==> swapper/0:0 [120]
                      <idle>-0     [000]    77.101208: sched_migrate_task:   comm=make pid=4100 prio=120 orig_cpu=0 dest_cpu=1
                      <idle>-0     [000]    77.101210: sched_wakeup:         make:4100 [120] success=1 CPU:001
                         cc1-4117  [001]    77.101590: sched_switch:         cc1:4117 [120] x ==> make:4100 [120]
                        make-4100  [001]    77.101700: sched_wakeup:         kworker/u8:2:88 [120] success=1 CPU:000
                      <idle>-0     [000]    77.101712: sched_switch:         swapper/0:0 [120] R ==> kworker/u8:2:88 [120]
                kworker/u8:2-88    [000]    77.101760: sched_switch:         kworker/u8:2:88 [120] S ==> swapper/0:0 [120]
                        make-4100  [001]    77.102000: sched_switch:         make:4100 [120] S ==> swapper/1:0 [120]
                      <idle>-0     [001]    77.102310: sched_wakeup:         make:4100 [120] success=1 CPU:001
                      <idle>-0     [001]    77.102316: sched_switch:         swapper/1:0 [120] R ==> make:4100 [120]
                        make-4100  [001]    77.102480: sched_migrate_task:   comm=kworker/u8:2 pid=88 prio=120 orig_cpu=0 dest_cpu=1
            """;

    /** Writes, through the writer, the events of {@link #EXCERPT}. */
    static void writeExcerpt(FtraceWriter w) {
        Task idle0 = Task.idle(0);
        Task idle1 = Task.idle(1);
        w.sched_switch(77_100_010_000L, 0, idle0, 'R', MAKE);
        w.sched_wakeup(77_100_025_000L, 0, CC1, 1);
        w.sched_switch(77_100_031_000L, 1, idle1, 'R', CC1);
        w.sched_switch(77_100_102_000L, 0, MAKE, 'S', idle0);
        w.sched_wakeup(77_100_650_000L, 1, AS, 0);
        w.sched_switch(77_100_661_000L, 0, idle0, 'R', AS);
        w.sched_wakeup(77_100_900_000L, 1, IRQ, 1);
        w.sched_switch(77_100_903_000L, 1, CC1, 'R', IRQ);
        w.sched_wakeup(77_100_911_000L, 1, KWORKER, 1);
        w.sched_switch(77_100_920_000L, 1, IRQ, 'S', KWORKER);
        w.sched_switch(77_100_980_000L, 1, KWORKER, 'S', CC1);
        w.sched_switch(77_101_200_000L, 0, AS, 'x', idle0);
        w.sched_migrate_task(77_101_208_000L, 0, MAKE, 0, 1);
        w.sched_wakeup(77_101_210_000L, 0, MAKE, 1);
        w.sched_switch(77_101_590_000L, 1, CC1, 'x', MAKE);
        w.sched_wakeup(77_101_700_000L, 1, KWORKER, 0);
        w.sched_switch(77_101_712_000L, 0, idle0, 'R', KWORKER);
        w.sched_switch(77_101_760_000L, 0, KWORKER, 'S', idle0);
        w.sched_switch(77_102_000_000L, 1, MAKE, 'S', idle1);
        w.sched_wakeup(77_102_310_000L, 1, MAKE, 1);
        w.sched_switch(77_102_316_000L, 1, idle1, 'R', MAKE);
        w.sched_migrate_task(77_102_480_000L, 1, KWORKER, 0, 1);
    }

    @Test
    void reproducesTraceCmdReportLinesExactly() {
        StringWriter out = new StringWriter();
        writeExcerpt(new FtraceWriter(out, 4));
        assertThat(out.toString()).isEqualTo(EXCERPT);
    }

    @Test
    void theExcerptReadsBackAsTheEventsWritten() throws Exception {
        List<FtraceEvent> events = FtraceReaderTest.readAll(EXCERPT);
        assertThat(events).hasSize(22);
        assertThat(events.get(7)).isEqualTo(new FtraceEvent.Switch(10, 1, 77_100_903_000L, 4117, "cc1", CC1, TaskState.of("R"), IRQ));
        assertThat(events.get(12)).isEqualTo(new FtraceEvent.Migrate(15, 0, 77_101_208_000L, 0, "<idle>", MAKE, 0, 1));
        assertThat(events.get(13)).isEqualTo(
                new FtraceEvent.Wakeup(16, 0, 77_101_210_000L, 0, "<idle>", "sched_wakeup", MAKE, 1));
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
        assertThatThrownBy(() -> w.sched_wakeup(1, 2, MAKE, 0)).hasMessageContaining("cpu must be in [0, 2): 2");
        assertThatThrownBy(() -> w.sched_wakeup(1, 0, MAKE, -1)).hasMessageContaining("targetCpu");
        assertThatThrownBy(() -> w.sched_switch(1, 0, MAKE, '?', CC1)).hasMessageContaining("prevState");
        w.sched_wakeup(10, 0, MAKE, 1);
        assertThatThrownBy(() -> w.sched_wakeup(9, 0, MAKE, 1)).hasMessageContaining("time goes backwards");
        assertThatThrownBy(() -> new Task("a\nb", 1, 120)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FtraceWriter(new StringWriter(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
