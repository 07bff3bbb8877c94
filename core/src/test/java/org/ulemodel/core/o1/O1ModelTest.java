// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.o1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.IpiKind;
import org.ulemodel.core.machine.MigrateReason;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.runq.RunqKind;
import org.ulemodel.core.topo.Topology;

/** The O(1) model's behaviour as docs/o1.md states it, one scenario a claim. */
class O1ModelTest {
    static final O1Model M = O1Model.DEFAULT;

    static O1State run(O1State s, Event... events) {
        for (Event e : events) {
            s = M.step(s, e).state();
        }
        return s;
    }

    static O1State ticks(O1State s, int n) {
        for (int i = 0; i < n; i++) {
            s = M.step(s, new Event.Tick()).state();
        }
        return s;
    }

    static List<Long> encoding(O1State s) {
        List<Long> out = new ArrayList<>();
        int[] label = new int[s.threadCount()];
        for (int t = 0; t < label.length; t++) {
            label[t] = t;
        }
        M.encode(s, label, out::add);
        return out;
    }

    @Test
    void aStepLeavesItsInputUnchanged() {
        O1State s = run(M.boot(Topology.parse("2")), Event.Create.timeshare(0), Event.Create.timeshare(5));
        List<Long> before = encoding(s);
        ModelStep<O1State> r = M.step(s, new Event.Fork(0));
        assertThat(encoding(s)).isEqualTo(before);
        assertThat(encoding(r.state())).isNotEqualTo(before);
    }

    /** The best list's head runs; a nice-19 hog alone expires after its 5-jiffy slice and the arrays swap to run it again. */
    @Test
    void pickIsTheFirstSetBitAndAnEmptyActiveArraySwaps() {
        O1State s = run(M.boot(Topology.parse("1")), Event.Create.timeshare(19), Event.Create.timeshare(0));
        assertThat(s.running(0)).isEqualTo(1);
        assertThat(s.prio(1)).isEqualTo(125);
        assertThat(s.bitmapWord(0, s.activeArray(0), 1) >>> (125 - 64) & 1).isEqualTo(1);
        s = run(s, new Event.Block(0, 0));
        assertThat(s.running(0)).isZero();
        int active = s.activeArray(0);
        s = ticks(s, 5);
        assertThat(s.running(0)).isZero();
        assertThat(s.activeArray(0)).isEqualTo(1 - active);
        assertThat(s.timeSlice(0)).isEqualTo(O1Math.taskTimeslice(139));
        assertThat(s.expiredTimestamp(0)).isZero();
    }

    /** Fork: the slice is split, the child takes the parent's prio and list just ahead of it, and runs first. */
    @Test
    void theChildOfAForkRunsFirstAtItsParentsPriority() {
        O1State s = run(M.boot(Topology.parse("1")), Event.Create.timeshare(0));
        ModelStep<O1State> r = M.step(s, new Event.Fork(0));
        O1State f = r.state();
        assertThat(f.running(0)).isEqualTo(1);
        assertThat(f.threadState(0)).isEqualTo(RunState.QUEUED);
        assertThat(f.prio(1)).isEqualTo(f.prio(0));
        assertThat(f.timeSlice(1)).isEqualTo(50);
        assertThat(f.firstTimeSlice(1)).isTrue();
        assertThat(f.queue(0, f.activeArray(0), f.prio(0))).containsExactly(1, 0);
        assertThat(r.decisions()).contains(new Decision.Created(1, 0));
    }

    /** Yield moves a SCHED_NORMAL task to the expired array (reported as the IDLE run queue), and the other task runs. */
    @Test
    void yieldGoesToTheExpiredArray() {
        O1State s = run(M.boot(Topology.parse("1")), Event.Create.timeshare(0), Event.Create.timeshare(0));
        ModelStep<O1State> r = M.step(s, new Event.Yield(0));
        assertThat(r.state().running(0)).isEqualTo(1);
        assertThat(r.state().taskArray(0)).isEqualTo(1 - r.state().activeArray(0));
        assertThat(r.decisions()).anyMatch(d -> d instanceof Decision.Enqueue && ((Decision.Enqueue) d).queue() == RunqKind.IDLE);
    }

    /** set_user_nice moves prio by the change from the old dynamic prio, so the sleep bonus is lost until the next effective_prio. */
    @Test
    void reniceDropsTheSleepBonus() {
        O1State s = run(M.boot(Topology.parse("1")), Event.Create.timeshare(0), new Event.Block(0, 0));
        s = ticks(s, 400);
        s = run(s, new Event.Wake(0, 0));
        assertThat(s.prio(0)).isLessThan(120);
        s = run(s, new Event.SetNice(0, 5));
        assertThat(s.prio(0)).isEqualTo(125);
        assertThat(O1Math.effectivePrio(125, s.sleepAvg(0))).isLessThan(125);
    }

    /** A wakeup goes to the task's last CPU; code on another CPU sends it a reschedule IPI. */
    @Test
    void aWakeupGoesToTheLastCpuWithAnIpi() {
        O1State s = run(M.boot(Topology.parse("2")), Event.Create.timeshare(0), Event.Create.timeshare(0));
        s = run(s, new Event.Bind(0, 1), new Event.DeliverIpi(1), new Event.Unbind(1), new Event.Block(1, 0));
        assertThat(s.threadCpu(0)).isEqualTo(1);
        ModelStep<O1State> r = M.step(s, new Event.Wake(0, 0));
        assertThat(r.state().threadCpu(0)).isEqualTo(1);
        assertThat(r.state().threadState(0)).isEqualTo(RunState.QUEUED);
        assertThat(r.decisions()).contains(new Decision.IpiSent(1, IpiKind.PREEMPT));
        assertThat(M.step(r.state(), new Event.DeliverIpi(1)).state().running(1)).isZero();
    }

    /** An idle CPU pulls one task from the busiest CPU, but not one that ran or was queued less than 2.5 ms ago. */
    @Test
    void anIdleCpuPullsOnlyCacheColdTasks() {
        O1State s = run(M.boot(Topology.parse("2")), Event.Create.timeshare(0), Event.Create.timeshare(0), Event.Create.timeshare(0));
        s = run(s, new Event.Bind(0, 1), new Event.DeliverIpi(1), new Event.Block(1, 0));
        assertThat(s.nrRunning(0)).isEqualTo(2);
        ModelStep<O1State> hot = M.step(s, new Event.IdleLoop(1));
        assertThat(hot.decisions()).noneMatch(d -> d instanceof Decision.Migrate);
        s = ticks(s, 2);
        assertThat(s.running(1)).isEqualTo(-1);
        ModelStep<O1State> cold = M.step(s, new Event.Tick());
        assertThat(cold.decisions()).contains(new Decision.Migrate(2, 0, 1, MigrateReason.BALANCE));
        assertThat(cold.state().running(1)).isEqualTo(2);
    }

    /** An interactive task whose slice runs out goes back to the active array; a nice-19 hog does not. */
    @Test
    void anInteractiveTaskExpiresBackIntoTheActiveArray() {
        O1State s = run(M.boot(Topology.parse("1")), Event.Create.timeshare(-5), new Event.Block(0, 0));
        s = ticks(s, 900);
        s = run(s, new Event.Wake(0, 0), Event.Create.timeshare(19));
        assertThat(O1Math.taskInteractive(s.prio(0), s.staticPrio(0))).isTrue();
        int slice = s.timeSlice(0);
        s = ticks(s, slice);
        assertThat(s.taskArray(0)).isEqualTo(s.activeArray(0));
        assertThat(s.running(0)).isZero();
        assertThat(s.expiredTimestamp(0)).isNotZero();
    }

    @Test
    void impossibleEventsAreRefusedSayingWhatWasExpected() {
        O1State s = M.boot(Topology.parse("2"));
        assertThatThrownBy(() -> M.step(s, new Event.Block(0, 0))).isInstanceOf(IllegalEventException.class)
                .hasMessage("block on CPU 0: expected a running thread, but CPU 0 is idle");
        assertThatThrownBy(() -> M.step(s, new Event.DeliverIpi(1))).isInstanceOf(IllegalEventException.class)
                .hasMessageContaining("expected a pending reschedule IPI");
        assertThatThrownBy(() -> M.step(s, Event.Create.timeshare(21))).isInstanceOf(IllegalEventException.class)
                .hasMessage("nice 21 out of range: expected -20..20");
    }
}
