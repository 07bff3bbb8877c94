// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.prio.Priorities;
import org.ulemodel.core.runq.RunqKind;
import org.ulemodel.core.ule.Interactivity;
import org.ulemodel.core.ule.SchedParams;

/** Single-CPU events behave as FreeBSD 14's sched_ule.c paths do, and never change the state they start from. */
class SchedulerTest {
    private static final MachineConfig CFG = MachineConfig.singleCpu();
    private static final SchedParams P = CFG.params();

    static Machine step(Machine m, Event e) {
        return Scheduler.step(m, e).state();
    }

    static Machine ticks(Machine m, int n) {
        for (int i = 0; i < n; i++) {
            m = step(m, new Event.Tick());
        }
        return m;
    }

    static Machine withHog() {
        return step(Machine.boot(CFG), Event.Create.timeshare(0));
    }

    @Test
    void aStepNeverChangesTheStateItStartsFrom() {
        Machine m = withHog();
        m = step(m, Event.Create.timeshare(5));
        Machine copy = Machine.of(m.config(), m.elapsed(), List.of(m.cpu(0)), List.of(m.thread(0), m.thread(1)));
        Machine next = ticks(m, 200);
        assertThat(m).isEqualTo(copy);
        assertThat(next).isNotEqualTo(m);
    }

    @Test
    void sameEventsGiveEqualStatesAndDecisions() {
        Machine a = withHog();
        Machine b = withHog();
        for (int i = 0; i < 500; i++) {
            StepResult ra = Scheduler.step(a, new Event.Tick());
            StepResult rb = Scheduler.step(b, new Event.Tick());
            assertThat(ra.decisions()).isEqualTo(rb.decisions());
            a = ra.state();
            b = rb.state();
        }
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    }

    @Test
    void aCreatedThreadOnAnIdleCpuRunsAtOnce() {
        StepResult r = Scheduler.step(Machine.boot(CFG), Event.Create.timeshare(0));
        assertThat(r.decisions()).containsExactly(
                new Decision.Created(0, -1),
                new Decision.Enqueue(0, 0, RunqKind.TIMESHARE, 17, false),
                new Decision.Switch(0, -1, 0, SwitchReason.IDLE));
        CpuState cpu = r.state().cpu(0);
        assertThat(cpu.curthread()).isZero();
        assertThat(cpu.load()).isEqualTo(1);
        assertThat(cpu.lowpri()).isEqualTo(Priorities.SCHED_PRI_MIN);
        assertThat(r.cost().maxWordsPerPick()).isLessThanOrEqualTo(4);
    }

    @Test
    void blockingDropsLoadStampsSleepAndAppliesTheStaticBoost() {
        Machine m = ticks(withHog(), 500);
        int before = m.thread(0).priority();
        assertThat(before).isGreaterThan(Priorities.PRI_MIN_BATCH);
        StepResult r = Scheduler.step(m, new Event.Block(0, 0));
        ThreadState t = r.state().thread(0);
        assertThat(t.state()).isEqualTo(RunState.SLEEPING);
        assertThat(t.slptick()).isEqualTo(m.ticks());
        assertThat(t.priority()).isEqualTo(P.staticBoost());
        assertThat(r.state().cpu(0).load()).isZero();
        assertThat(r.state().cpu(0).isIdle()).isTrue();
        assertThat(r.decisions()).contains(new Decision.Switch(0, 0, -1, SwitchReason.SLEEP));
    }

    @Test
    void aLongSleepCreditsHistoryAndTheWakerQueuesAtTheBoostedPriority() {
        Machine m = ticks(withHog(), 100);
        m = step(m, new Event.Block(0, 0));
        int runtime = m.thread(0).runtime();
        m = ticks(m, 3000);
        StepResult r = Scheduler.step(m, new Event.Wake(0, 0));
        ThreadState t = r.state().thread(0);
        assertThat(Integer.toUnsignedLong(t.slptime())).isEqualTo(3000L << 10);
        assertThat(t.runtime()).isEqualTo(runtime);
        assertThat(t.slice()).isZero();
        // a sleeper with 3 s of sleep against 0.1 s of run is interactive
        assertThat(Interactivity.score(t.runtime(), t.slptime(), P.interactThresh())).isLessThan(P.interactThresh());
        assertThat(t.userPri()).isBetween(Priorities.PRI_MIN_INTERACT, Priorities.PRI_MAX_INTERACT);
        // queued at its boosted td_priority (152 → calendar offset 0), then run on return to user
        assertThat(r.decisions()).contains(new Decision.Enqueue(0, 0, RunqKind.TIMESHARE, m.cpu(0).idx(), false));
        assertThat(t.state()).isEqualTo(RunState.RUNNING);
        assertThat(t.priority()).isEqualTo(t.userPri());
    }

    @Test
    void aRealtimeWakeupPreemptsATimeshareThreadWhichGoesBackAtTheHead() {
        Machine m = withHog();
        m = step(m, new Event.Create(PriClass.REALTIME, 0, 60, false, null, 0));
        // the realtime thread preempted the hog at once
        assertThat(m.cpu(0).curthread()).isEqualTo(1);
        assertThat(m.thread(0).state()).isEqualTo(RunState.QUEUED);
        m = step(m, new Event.Block(0, 0));
        assertThat(m.cpu(0).curthread()).isZero();
        m = ticks(m, 3);
        StepResult r = Scheduler.step(m, new Event.Wake(1, 0));
        assertThat(r.decisions()).containsSubsequence(
                new Decision.PreemptRequest(0, 1),
                new Decision.Enqueue(0, 0, RunqKind.TIMESHARE, r.state().cpu(0).ridx(), true),
                new Decision.Switch(0, 0, 1, SwitchReason.PREEMPT));
    }

    @Test
    void aSliceEndRequeuesAtTheTailAndRunsTheNextThread() {
        Machine m = step(withHog(), Event.Create.timeshare(0));
        int slice = P.tdqSlice(2);
        Machine before = m;
        StepResult last = null;
        for (long k = 0; k < slice; ) {
            last = Scheduler.step(m, new Event.Tick());
            m = last.state();
            k = Scheduler.statTicks(m);
        }
        assertThat(last.decisions()).contains(new Decision.SliceEnd(0, 0), new Decision.Switch(0, 0, 1, SwitchReason.SLICE_END));
        assertThat(m.thread(0).state()).isEqualTo(RunState.QUEUED);
        assertThat(before.cpu(0).curthread()).isZero();
    }

    @Test
    void yieldRequeuesAtTheTail() {
        Machine m = step(withHog(), Event.Create.timeshare(0));
        StepResult r = Scheduler.step(m, new Event.Yield(0));
        assertThat(r.decisions()).contains(new Decision.Switch(0, 0, 1, SwitchReason.YIELD));
        assertThat(r.decisions().stream().filter(d -> d instanceof Decision.Enqueue).map(d -> ((Decision.Enqueue) d).atHead()))
                .containsOnly(false);
    }

    @Test
    void forkDilutesTheChildsHistoryShortensItsFirstSliceAndChargesTheParent() {
        Machine m = ticks(withHog(), 2000);
        ThreadState parent = m.thread(0);
        StepResult r = Scheduler.step(m, new Event.Fork(0));
        Machine n = r.state();
        ThreadState child = n.thread(1);
        assertThat(r.decisions()).contains(new Decision.Created(1, 0));
        assertThat(child.parent()).isZero();
        long sum = Integer.toUnsignedLong(child.runtime()) + Integer.toUnsignedLong(child.slptime());
        assertThat(sum).isLessThanOrEqualTo(2L * P.slpRunFork());
        assertThat(child.slice()).isEqualTo(P.tdqSlice(1) - P.sliceMin());
        assertThat(n.thread(0).runtime()).isNotEqualTo(parent.runtime());
        assertThat(child.state()).isEqualTo(RunState.QUEUED);
        assertThat(n.cpu(0).load()).isEqualTo(2);
    }

    @Test
    void exitGivesTheChildsRunTimeToItsParent() {
        Machine m = step(withHog(), new Event.Fork(0));
        m = step(m, new Event.Block(0, 0)); // parent sleeps; the child runs
        assertThat(m.cpu(0).curthread()).isEqualTo(1);
        m = ticks(m, 300);
        int parentRun = m.thread(0).runtime();
        int childRun = m.thread(1).runtime();
        StepResult r = Scheduler.step(m, new Event.Exit(0));
        assertThat(r.state().thread(1).state()).isEqualTo(RunState.EXITED);
        assertThat(r.state().thread(0).runtime()).isEqualTo(
                Interactivity.update(parentRun + childRun, m.thread(0).slptime(), P.slpRunMax()).runtime());
        assertThat(r.state().cpu(0).load()).isZero();
        assertThat(r.decisions()).contains(new Decision.Exited(1), new Decision.Switch(0, 1, -1, SwitchReason.EXIT));
    }

    @Test
    void niceChangesTheUserPriority() {
        Machine m = ticks(withHog(), 1000);
        int before = m.thread(0).userPri();
        Machine n = step(m, new Event.SetNice(0, 10));
        assertThat(n.thread(0).nice()).isEqualTo(10);
        assertThat(n.thread(0).userPri()).isEqualTo(before + 10);
        assertThat(n.thread(0).priority()).isEqualTo(before + 10);
    }

    @Test
    void impossibleEventsAreRefusedWithWhatWasExpected() {
        Machine idle = Machine.boot(CFG);
        assertThatThrownBy(() -> Scheduler.step(idle, new Event.Block(0, 0)))
                .isInstanceOf(IllegalEventException.class).hasMessageContaining("CPU 0 is idle");
        Machine m = withHog();
        assertThatThrownBy(() -> Scheduler.step(m, new Event.Wake(0, 0)))
                .hasMessageContaining("thread 0 is RUNNING, expected SLEEPING");
        assertThatThrownBy(() -> Scheduler.step(m, new Event.Wake(7, 0))).hasMessageContaining("no thread 7");
        assertThatThrownBy(() -> Scheduler.step(m, new Event.Yield(3))).hasMessageContaining("CPU 3 does not exist");
        assertThatThrownBy(() -> Scheduler.step(m, new Event.SetNice(0, 21))).hasMessageContaining("expected -20..20");
        assertThatThrownBy(() -> Scheduler.step(m, new Event.Create(PriClass.REALTIME, 0, 100, false, null, 0)))
                .hasMessageContaining("REALTIME priority 100 outside 48..79");
    }
}
