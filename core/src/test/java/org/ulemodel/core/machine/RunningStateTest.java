// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.prio.PriClass;

/**
 * A running thread's state is kept by its CPU ({@link CpuState#running}) so that a tick copies no
 * thread-vector path; {@link Machine#thread} answers that state, and everything built from a
 * machine's parts ({@link Machine#of}, {@link Machine#withCpu}, {@link Machine#withThread}) and
 * {@code equals}/{@code hashCode} see the threads as {@code thread(t)} answers them, wherever the
 * state is held.
 */
class RunningStateTest {

    /** Two CPUs, four timeshare threads, ticked until CPU 0's running thread has moved on from its switch-in state. */
    private static Machine busy() {
        Machine m = SmpSchedulerTest.boot("2");
        for (int i = 0; i < 4; i++) {
            m = Scheduler.step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, null, i % 2)).state();
        }
        int cur = m.cpu(0).curthread();
        for (int i = 0; i < 40 && m.threadVector().get(cur).equals(m.thread(cur)); i++) { // until a stathz tick
            m = Scheduler.step(m, new Event.Tick()).state();
        }
        assertThat(m.cpu(0).curthread()).isEqualTo(cur);
        assertThat(m.threadVector().get(cur)).as("CPU 0 keeps a state newer than the vector's").isNotEqualTo(m.thread(cur));
        return m;
    }

    private static List<ThreadState> threads(Machine m) {
        List<ThreadState> out = new ArrayList<>();
        for (int t = 0; t < m.threadCount(); t++) {
            out.add(m.thread(t));
        }
        return out;
    }

    private static List<CpuState> cpus(Machine m) {
        List<CpuState> out = new ArrayList<>();
        for (int c = 0; c < m.cpuCount(); c++) {
            out.add(m.cpu(c));
        }
        return out;
    }

    @Test
    void aTickLeavesTheThreadVectorAloneAndTheRunningThreadsStateMovesOn() {
        Machine m = busy();
        int cur = m.cpu(0).curthread();
        Machine next = m;
        for (int i = 0; i < 20 && next.thread(cur).equals(m.thread(cur)); i++) { // until a stathz tick
            next = Scheduler.step(next, new Event.Tick()).state();
        }
        assertThat(next.cpu(0).curthread()).as("no slice end in these ticks").isEqualTo(cur);
        assertThat(next.thread(cur)).as("sched_clock ran").isNotEqualTo(m.thread(cur));
        assertThat(next.threadVector()).as("ticks copy no vector path").isSameAs(m.threadVector());
        assertThat(next.thread(cur)).isSameAs(next.cpu(0).running);
        assertThat(next.threadVector().get(cur)).as("the vector keeps the switch-in state").isNotEqualTo(next.thread(cur));
    }

    @Test
    void theSamePartsMakeAnEqualMachineWhereverTheRunningStatesAreHeld() {
        Machine m = busy();
        Machine rebuilt = Machine.of(m.config(), m.elapsed(), cpus(m), threads(m), m.balanceTicks());
        assertThat(rebuilt.cpu(0).running).as("Machine.of keeps every state in the vector").isNull();
        assertThat(threads(rebuilt)).isEqualTo(threads(m));
        assertThat(rebuilt).isEqualTo(m).hasSameHashCodeAs(m).hasToString(m.toString());
        // Both go on the same way.
        Machine a = Scheduler.step(m, new Event.Tick()).state();
        Machine b = Scheduler.step(rebuilt, new Event.Tick()).state();
        assertThat(b).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(threads(b)).isEqualTo(threads(a));
    }

    @Test
    void replacingACpuOrAThreadKeepsEveryOtherThreadsCurrentState() {
        Machine m = busy();
        int cur = m.cpu(0).curthread();
        ThreadState running = m.thread(cur);
        CpuState.Builder b = m.cpu(0).edit();
        b.switchcnt = m.cpu(0).switchcnt() + 7;
        Machine withCpu = m.withCpu(b.build());
        assertThat(withCpu.thread(cur)).as("the CPU replaced kept it").isEqualTo(running);
        assertThat(withCpu.cpu(0).switchcnt()).isEqualTo(m.cpu(0).switchcnt() + 7);

        ThreadState.Builder t = running.edit();
        t.slice = running.slice() + 3;
        Machine withThread = m.withThread(t.build());
        assertThat(withThread.thread(cur).slice()).isEqualTo(running.slice() + 3);
        for (int other = 0; other < m.threadCount(); other++) {
            if (other != cur) {
                assertThat(withThread.thread(other)).isEqualTo(m.thread(other));
            }
        }
        // And the machine goes on from the replaced state as from the same parts held in the vector.
        Machine parts = Machine.of(withThread.config(), withThread.elapsed(), cpus(withThread), threads(withThread),
                withThread.balanceTicks());
        for (int i = 0; i < 10; i++) {
            withThread = Scheduler.step(withThread, new Event.Tick()).state();
            parts = Scheduler.step(parts, new Event.Tick()).state();
            assertThat(threads(withThread)).as("tick %d", i).isEqualTo(threads(parts));
        }
    }
}
