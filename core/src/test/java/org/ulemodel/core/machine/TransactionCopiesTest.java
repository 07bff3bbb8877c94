// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.CpuSet;

/**
 * A step edits its own copies of the CPUs and threads it changes ({@link MachineEdit}) and never
 * the machine it started from: every earlier state keeps its value (equality and hash) however
 * many CPUs and threads later steps touch, and states that were reached twice are equal.
 */
class TransactionCopiesTest {

    /** Every event of a run, applied from a 2x4 machine with threads spread over all CPUs. */
    private static List<Machine> run() {
        List<Machine> states = new ArrayList<>();
        Machine m = SmpSchedulerTest.boot("2x4");
        states.add(m);
        for (int i = 0; i < 20; i++) {
            m = Scheduler.step(m, new Event.Create(PriClass.TIMESHARE, i % 5 - 2, -1, false, null, i % 8)).state();
            states.add(m);
        }
        for (int k = 0; k < 300; k++) {
            Event e;
            int c = k % 8;
            if (k % 3 == 0) {
                e = new Event.Tick();
            } else if (k % 3 == 1 && !m.cpu(c).isIdle()) {
                e = new Event.Block(c, 0);
            } else {
                int sleeper = -1;
                for (int t = 0; t < m.threadCount() && sleeper < 0; t++) {
                    if (m.thread((t + k) % m.threadCount()).state() == RunState.SLEEPING) {
                        sleeper = (t + k) % m.threadCount();
                    }
                }
                e = sleeper < 0 ? new Event.Tick() : new Event.Wake(sleeper, c);
            }
            m = Scheduler.step(m, e).state();
            for (int d = 0; d < 8; d++) {
                if (m.cpu(d).ipiPending()) {
                    m = Scheduler.step(m, new Event.DeliverIpi(d)).state();
                }
            }
            states.add(m);
        }
        return states;
    }

    @Test
    void earlierStatesKeepTheirValueAndTheRunIsRepeatable() {
        List<Machine> first = run();
        List<String> printed = new ArrayList<>();
        List<Integer> hashes = new ArrayList<>();
        for (Machine m : first) {
            printed.add(m.toString());
            hashes.add(m.hashCode());
        }
        List<Machine> second = run(); // the same events again, from a fresh boot
        for (int i = 0; i < first.size(); i++) {
            assertThat(first.get(i).toString()).as("state %d printed again", i).isEqualTo(printed.get(i));
            assertThat(first.get(i).hashCode()).as("state %d hashed again", i).isEqualTo(hashes.get(i));
            assertThat(second.get(i)).as("state %d of the second run", i).isEqualTo(first.get(i)).hasSameHashCodeAs(first.get(i));
        }
        assertThat(first.get(first.size() - 1)).isNotEqualTo(first.get(first.size() - 2));
    }

    @Test
    void aTickOnEveryCpuChangesEveryCpuAndEveryRunningThreadAndNothingBefore() {
        Machine m = SmpSchedulerTest.boot("4x4");
        for (int i = 0; i < 16; i++) {
            m = Scheduler.step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(i), i)).state();
        }
        Machine before = m;
        String printed = before.toString();
        Machine after = before;
        for (int k = 0; k < 10; k++) {
            after = Scheduler.step(after, new Event.Tick()).state();
        }
        assertThat(before.toString()).isEqualTo(printed);
        for (int c = 0; c < 16; c++) {
            int t = before.cpu(c).curthread();
            assertThat(t).as("CPU %d runs a thread", c).isNotEqualTo(CpuState.IDLE);
            assertThat(after.thread(t).tsTicks()).as("thread %d ran", t).isNotEqualTo(before.thread(t).tsTicks());
            assertThat(after.cpu(c).switchcnt()).as("CPU %d", c).isEqualTo(before.cpu(c).load());
        }
    }

    @Test
    void readingAThreadMakesNoCopyOfIt() {
        Machine m = SmpSchedulerTest.boot("2");
        m = Scheduler.step(m, Event.Create.timeshare(0)).state();
        m = Scheduler.step(m, Event.Create.timeshare(1)).state();
        m = Scheduler.step(m, new Event.Tick()).state(); // the idle CPU takes the queued thread
        assertThat(m.cpu(0).isIdle() || m.cpu(1).isIdle()).isFalse();
        // hz 1000 with stathz 127: most hz ticks run no sched_clock and change no CPU or thread
        Machine quiet = m;
        int checked = 0;
        for (int k = 0; k < 20; k++) {
            Machine next = Scheduler.step(quiet, new Event.Tick()).state();
            if (Scheduler.statTicks(next) == Scheduler.statTicks(quiet)) {
                for (int t = 0; t < next.threadCount(); t++) {
                    assertThat(next.thread(t)).as("thread %d after a tick without sched_clock", t).isSameAs(quiet.thread(t));
                }
                for (int c = 0; c < next.cpuCount(); c++) {
                    assertThat(next.cpu(c)).as("CPU %d after a tick without sched_clock", c).isSameAs(quiet.cpu(c));
                }
                checked++;
            }
            quiet = next;
        }
        assertThat(checked).as("ticks without sched_clock").isGreaterThan(10);
    }

    @Test
    void aValueTooWideForANarrowFieldIsRefusedNotTruncated() {
        ThreadState t = SmpSchedulerTest.step(SmpSchedulerTest.boot("2"), Event.Create.timeshare(0)).thread(0);
        ThreadState.Builder b = t.edit();
        b.priority = 40_000;
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("40000");
        ThreadState.Builder n = t.edit();
        n.nice = 200;
        assertThatThrownBy(n::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("200");
        n.nice = -20;
        b.priority = 255;
        assertThat(n.build().nice()).isEqualTo(-20);
        assertThat(b.build().priority()).isEqualTo(255);
        assertThat(ThreadState.narrow(-1)).isEqualTo((short) -1);
        assertThat(ThreadState.narrow(32_767)).isEqualTo((short) 32_767);
        assertThatThrownBy(() -> ThreadState.narrow(32_768)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThreadState.narrow(-32_769)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ThreadState.narrowByte(-128)).isEqualTo((byte) -128);
        assertThatThrownBy(() -> ThreadState.narrowByte(128)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCpuValueTooWideForItsNarrowFieldIsRefusedAndTheFlagsAreIndependent() {
        CpuState.Builder b = CpuState.initial(3).edit();
        b.idx = 200; // the calendar indices are held in bytes (at most 108, FreeBSD 15's tdq_ts_off)
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("200");
        b.idx = 108;
        b.lowpri = 40_000;
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("40000");
        b.lowpri = 255;
        b.cpu = 4_095;
        b.ridx = 107;
        b.tsTicks = 3;
        CpuState c = b.build();
        assertThat(List.of(c.idx(), c.ridx(), c.lowpri(), c.cpu(), c.tsTicks())).containsExactly(108, 107, 255, 4_095, 3);
        // each flag is its own bit: every combination reads back as built
        for (int bits = 0; bits < 8; bits++) {
            b.online = (bits & 1) != 0;
            b.owepreempt = (bits & 2) != 0;
            b.astIpi = (bits & 4) != 0;
            CpuState f = b.build();
            assertThat(List.of(f.online(), f.owepreempt(), f.astIpi(), f.ipiPending()))
                    .as("flags %d", bits).containsExactly(b.online, b.owepreempt, b.astIpi, b.owepreempt || b.astIpi);
            assertThat(f.copy()).isEqualTo(f).hasSameHashCodeAs(f);
        }
    }
}
