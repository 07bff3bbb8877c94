// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;

/**
 * The SMP rules of sched_ule.c (sched_pickcpu; tdq_idled and tdq_trysteal; tdq_notify and
 * sched_shouldpreempt; sched_balance; the tdq_load/tdq_transferable bookkeeping), one readable
 * case each. Each test's Javadoc derives the expected decision from that code by hand.
 */
class SmpSchedulerTest {

    static Machine step(Machine m, Event e) {
        return Scheduler.step(m, e).state();
    }

    static Machine boot(String topo) {
        return Machine.boot(MachineConfig.of(Topology.parse(topo)));
    }

    static List<Decision> decisions(Machine m, Event e) {
        return Scheduler.step(m, e).decisions();
    }

    /**
     * §9 step 3 (last-CPU fast path): a thread that left CPU 1 less than 2 hz ticks ago (L2
     * affinity, affinity = 1) and whose CPU is idle goes back to CPU 1, whoever wakes it.
     */
    @Test
    void aWakeupReturnsToTheIdleLastCpuWhileAffinityHolds() {
        Machine m = boot("4");
        m = step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(1), 0));
        m = step(m, new Event.DeliverIpi(1));
        assertThat(m.cpu(1).curthread()).isZero();
        m = step(m, new Event.SetCpuset(0, CpuSet.firstN(4), 0));
        m = step(m, new Event.Block(1, 0));
        m = step(m, new Event.Tick());
        StepResult r = Scheduler.step(m, new Event.Wake(0, 3));
        assertThat(r.state().thread(0).cpu()).isEqualTo(1);
        assertThat(r.decisions()).noneMatch(d -> d instanceof Decision.Migrate);
    }

    /**
     * §11 remote add: the new thread's priority beats the idle thread's 255, so
     * {@code shouldpreempt(pri, 255, remote)} holds; the remote CPU owes a preemption and gets
     * an IPI, delivered by a separate event, which switches it to the thread.
     */
    @Test
    void aRemoteAddSendsAnIpiThatIsDeliveredLater() {
        Machine m = boot("2");
        StepResult r = Scheduler.step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(1), 0));
        assertThat(r.decisions()).contains(new Decision.IpiSent(1, IpiKind.PREEMPT));
        assertThat(r.state().cpu(1).owepreempt()).isTrue();
        assertThat(r.state().cpu(1).isIdle()).isTrue();
        StepResult d = Scheduler.step(r.state(), new Event.DeliverIpi(1));
        assertThat(d.decisions()).contains(new Decision.Switch(1, -1, 0, SwitchReason.IDLE));
        assertThat(d.state().cpu(1).owepreempt()).isFalse();
        assertThatThrownBy(() -> Scheduler.step(d.state(), new Event.DeliverIpi(1))).hasMessageContaining("no IPI is pending");
    }

    /**
     * §10 tdq_idled: CPU 1 is idle, CPU 0 runs one hog with another queued (load 2 ≥
     * steal_thresh, transferable 1); the idle loop's search finds CPU 0 and steals the queued hog.
     */
    @Test
    void anIdleCpuStealsFromACpuWithLoadTwo() {
        Machine m = boot("2");
        CpuSet zero = CpuSet.of(0);
        m = step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, zero, 0));
        m = step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, zero, 0));
        m = step(m, new Event.SetCpuset(1, CpuSet.firstN(2), 0));
        assertThat(m.cpu(0).load()).isEqualTo(2);
        assertThat(m.cpu(0).transferable()).isEqualTo(1);
        StepResult r = Scheduler.step(m, new Event.IdleLoop(1));
        assertThat(r.decisions()).contains(new Decision.Migrate(1, 0, 1, MigrateReason.STEAL),
                new Decision.Switch(1, -1, 1, SwitchReason.IDLE));
    }

    /** §10: a pinned thread is never stolen: with the only queued thread pinned, transferable is 0 and the search finds no victim. */
    @Test
    void aPinnedThreadIsNotStolen() {
        Machine m = boot("2");
        m = step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(0), 0));
        m = step(m, new Event.Bind(0, 0)); // thread 0 pinned to CPU 0 while running
        m = step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(0), 0));
        m = step(m, new Event.Yield(0)); // thread 1 runs, thread 0 (pinned) waits
        assertThat(m.cpu(0).curthread()).isEqualTo(1);
        m = step(m, new Event.SetCpuset(1, CpuSet.firstN(2), 0));
        assertThat(m.cpu(0).transferable()).isZero();
        StepResult r = Scheduler.step(m, new Event.IdleLoop(1));
        assertThat(r.decisions()).noneMatch(d -> d instanceof Decision.Migrate);
    }

    /**
     * §10 tdq_trysteal: when the thread on CPU 1 sleeps, CPU 1's load falls to 0 and, inside the
     * switch, it steals the queued thread of CPU 0 (load 2) before choosing the idle thread.
     */
    @Test
    void sleepingLeavesTheCpuEmptyAndItStealsAtOnce() {
        Machine m = boot("2");
        m = step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(0), 0));
        m = step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(0), 0));
        m = step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(1), 0));
        m = step(m, new Event.DeliverIpi(1));
        m = step(m, new Event.SetCpuset(1, CpuSet.firstN(2), 0));
        StepResult r = Scheduler.step(m, new Event.Block(1, 0));
        assertThat(r.decisions()).contains(new Decision.Migrate(1, 0, 1, MigrateReason.STEAL),
                new Decision.Switch(1, 2, 1, SwitchReason.SLEEP));
    }

    /**
     * §12: CPU 0's balancer runs when balance_ticks (127 at boot) runs out; with CPU 0 at load 3
     * and CPU 1 idle, sched_balance_pair moves one transferable thread to CPU 1.
     */
    @Test
    void theBalancerMovesAThreadToAnIdleCpu() {
        Machine m = boot("2").withCpu(CpuState.initial(1)); // both idle
        for (int i = 0; i < 3; i++) {
            m = step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(0), 0));
        }
        for (int t = 1; t < 3; t++) {
            m = step(m, new Event.SetCpuset(t, CpuSet.firstN(2), 0));
        }
        boolean balanced = false;
        boolean moved = false;
        for (int i = 0; i < 1100 && !moved; i++) {
            StepResult r = Scheduler.step(m, new Event.Tick());
            for (Decision d : r.decisions()) {
                balanced |= d instanceof Decision.Balanced;
                moved |= d instanceof Decision.Migrate && ((Decision.Migrate) d).why() == MigrateReason.BALANCE;
            }
            m = r.state();
        }
        assertThat(balanced).isTrue();
        assertThat(moved).isTrue();
        assertThat(m.cpu(1).load()).isEqualTo(1);
    }

    /**
     * §12 step 3: a CPU whose only thread is running cannot give it away, so the balancer marks
     * it TDF_PICKCPU (and sends IPI_AST when remote); its next switch re-picks a CPU.
     */
    @Test
    void aLoneRunnerIsAskedToPickANewCpu() {
        Machine m = boot("2");
        m = step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(1), 0));
        m = step(m, new Event.DeliverIpi(1));
        m = step(m, new Event.SetCpuset(0, CpuSet.firstN(2), 0));
        SmpProbe.Outcome o = SmpProbe.balance(m, java.util.Set.of());
        assertThat(o.decisions()).contains(new Decision.RepickRequest(1, 0), new Decision.IpiSent(1, IpiKind.AST));
        assertThat(o.state().thread(0).pickCpu()).isTrue();
    }

    /**
     * §9 sched_affinity: a queued thread whose new cpuset excludes its CPU is removed and added
     * again elsewhere; a running one is asked to switch and moves at its switch.
     */
    @Test
    void aCpusetChangeMovesQueuedAndRunningThreads() {
        Machine m = boot("2");
        m = step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(0), 0));
        m = step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(0), 0));
        StepResult queued = Scheduler.step(m, new Event.SetCpuset(1, CpuSet.of(1), 0));
        assertThat(queued.decisions()).contains(new Decision.Migrate(1, 0, 1, MigrateReason.AFFINITY));
        StepResult running = Scheduler.step(m, new Event.SetCpuset(0, CpuSet.of(1), 0));
        assertThat(running.decisions()).contains(new Decision.Migrate(0, 0, 1, MigrateReason.AFFINITY));
        assertThat(running.state().thread(0).cpu()).isEqualTo(1);
    }

    /** A bound thread moves to its CPU at once (sched_bind switches), and a CPU holding a bound thread cannot go offline. */
    @Test
    void bindingMovesTheThreadAndBlocksOffliningItsCpu() {
        Machine m = boot("2");
        m = step(m, Event.Create.timeshare(0));
        StepResult r = Scheduler.step(m, new Event.Bind(0, 1));
        assertThat(r.decisions()).contains(new Decision.Migrate(0, 0, 1, MigrateReason.BIND));
        Machine bound = step(r.state(), new Event.DeliverIpi(1));
        assertThat(bound.cpu(1).curthread()).isZero();
        assertThatThrownBy(() -> Scheduler.step(bound, new Event.CpuOffline(1, 0)))
                .isInstanceOf(IllegalEventException.class).hasMessageContaining("bound to CPU 1");
        Machine unbound = step(bound, new Event.Unbind(1));
        StepResult off = Scheduler.step(unbound, new Event.CpuOffline(1, 0));
        assertThat(off.decisions()).contains(new Decision.CpuOnline(1, false), new Decision.Migrate(0, 1, 0, MigrateReason.OFFLINE));
        assertThat(off.state().cpu(1).online()).isFalse();
        assertThat(off.state().cpu(1).load()).isZero();
    }

    /** Offlining is refused when a thread's cpuset has no other online CPU; onlining makes the CPU eligible again. */
    @Test
    void offlineRefusesToStrandAThreadAndOnlineRestoresTheCpu() {
        Machine m = boot("2");
        m = step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(1), 0));
        Machine fm = m;
        assertThatThrownBy(() -> Scheduler.step(fm, new Event.CpuOffline(1, 0)))
                .hasMessageContaining("has no other online CPU and would be stranded");
        m = step(m, new Event.SetCpuset(0, CpuSet.firstN(2), 0));
        m = step(m, new Event.CpuOffline(1, 0));
        Machine off = m;
        assertThatThrownBy(() -> Scheduler.step(off, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(1), 0)))
                .hasMessageContaining("has no online CPU");
        m = step(m, new Event.CpuOnline(1));
        assertThat(m.cpu(1).online()).isTrue();
        m = step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(1), 0));
        assertThat(m.thread(1).cpu()).isEqualTo(1);
    }
}
