// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Cost;
import org.ulemodel.core.machine.CpuState;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.machine.Scheduler;
import org.ulemodel.core.machine.StepResult;
import org.ulemodel.core.machine.ThreadState;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.runq.RunqKind;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.spec.explore.Checker;
import org.ulemodel.spec.explore.ModelSpecs;

/**
 * Every invariant holds along random single-CPU event sequences, and every invariant catches a
 * state broken on purpose (a planted bug per invariant), with a message naming it and the values.
 */
class InvariantsTest {
    private static final MachineConfig CFG = MachineConfig.singleCpu();

    /** A random but always-legal event for {@code m}, from a seeded generator. */
    static Event randomEvent(Machine m, Random rnd) {
        List<Integer> sleeping = new ArrayList<>();
        List<Integer> alive = new ArrayList<>();
        for (int t = 0; t < m.threadCount(); t++) {
            ThreadState td = m.thread(t);
            if (td.state() == RunState.SLEEPING) {
                sleeping.add(t);
            }
            if (td.alive()) {
                alive.add(t);
            }
        }
        boolean running = !m.cpu(0).isIdle();
        int roll = rnd.nextInt(100);
        if (roll < 4 && m.threadCount() < 12) {
            PriClass[] classes = {PriClass.TIMESHARE, PriClass.TIMESHARE, PriClass.TIMESHARE, PriClass.REALTIME, PriClass.IDLE,
                PriClass.ITHD};
            PriClass c = classes[rnd.nextInt(classes.length)];
            int pri = c == PriClass.TIMESHARE ? -1 : c.minPri() + rnd.nextInt(c.maxPri() - c.minPri() + 1);
            return new Event.Create(c, rnd.nextInt(41) - 20, pri, false, null, 0);
        }
        if (roll < 10 && !sleeping.isEmpty()) {
            return new Event.Wake(sleeping.get(rnd.nextInt(sleeping.size())), 0);
        }
        if (roll < 14 && running) {
            return new Event.Block(0, rnd.nextInt(4) == 0 ? 80 + rnd.nextInt(40) : 0);
        }
        if (roll < 16 && running) {
            return new Event.Yield(0);
        }
        if (roll < 17 && running && m.threadCount() < 12) {
            return new Event.Fork(0);
        }
        if (roll < 18 && running && alive.size() > 1) {
            return new Event.Exit(0);
        }
        if (roll < 20 && !alive.isEmpty()) {
            return new Event.SetNice(alive.get(rnd.nextInt(alive.size())), rnd.nextInt(41) - 20);
        }
        return new Event.Tick();
    }

    @Test
    void invariantsHoldAlongRandomEventSequences() {
        Checker<Machine> checked = new Checker<>(ModelSpecs.ule14(), -1);
        int steps = 0;
        for (long seed = 1; seed <= 40; seed++) {
            Random rnd = new Random(seed);
            Machine m = Machine.boot(CFG);
            for (int i = 0; i < 3000; i++) {
                m = checked.stepOrThrow(m, randomEvent(m, rnd)).state();
                steps++;
            }
        }
        assertThat(steps).isEqualTo(40 * 3000);
        assertThat(checked.spec().invariants()).isEqualTo(List.copyOf(UleInvariants.all()));
    }

    /** A small busy machine: one running hog, two queued. */
    static Machine busy() {
        Checker<Machine> checked = new Checker<>(ModelSpecs.ule14(), -1);
        Machine m = Machine.boot(CFG);
        for (int i = 0; i < 3; i++) {
            m = checked.stepOrThrow(m, Event.Create.timeshare(0)).state();
        }
        for (int i = 0; i < 50; i++) {
            m = checked.stepOrThrow(m, new Event.Tick()).state();
        }
        return m;
    }

    static String violation(Invariant<? super Machine> inv, Machine broken) {
        return inv.check(null, new StepResult(broken, List.of(), Cost.ZERO));
    }

    @Test
    void everyInvariantHoldsOnTheUnbrokenState() {
        Machine m = busy();
        for (Invariant<? super Machine> inv : UleInvariants.all()) {
            assertThat(violation(inv, m)).as(inv.id()).isNull();
        }
    }

    @Test
    void conserveCatchesAThreadQueuedTwice() {
        Machine m = busy();
        CpuState.Builder b = m.cpu(0).edit();
        int queued = m.cpu(0).curthread() == 0 ? 1 : 0;
        ThreadState t = m.thread(queued);
        b.timeshare = b.timeshare.addTail((t.rqIndex() + 5) % 64, queued);
        String v = violation(Invariants.CONSERVE, m.withCpu(b.build()));
        assertThat(v).contains("thread " + queued);
    }

    @Test
    void conserveCatchesALostThread() {
        Machine m = busy();
        int queued = m.cpu(0).curthread() == 0 ? 1 : 0;
        ThreadState t = m.thread(queued);
        CpuState.Builder b = m.cpu(0).edit();
        b.timeshare = b.timeshare.remove(t.rqIndex(), queued);
        assertThat(violation(Invariants.CONSERVE, m.withCpu(b.build()))).contains("appears 0 times");
    }

    @Test
    void runqCatchesABatchThreadInTheWrongQueueKind() {
        Machine m = busy();
        int queued = m.cpu(0).curthread() == 0 ? 1 : 0;
        ThreadState t = m.thread(queued);
        ThreadState.Builder tb = t.edit();
        tb.priority = 130; // interactive priority, yet left in the calendar
        assertThat(violation(UleInvariants.RUNQ, m.withThread(tb.build()))).contains("calendar");
    }

    @Test
    void countersCatchLoadNotDecremented() {
        Machine m = busy();
        CpuState.Builder b = m.cpu(0).edit();
        b.load++;
        assertThat(violation(UleInvariants.COUNTERS, m.withCpu(b.build()))).contains("load " + (m.cpu(0).load() + 1));
    }

    @Test
    void countersCatchTransferableCountingPinnedThreads() {
        Machine m = busy();
        int queued = m.cpu(0).curthread() == 0 ? 1 : 0;
        ThreadState.Builder tb = m.thread(queued).edit();
        tb.pinned = 1;
        assertThat(violation(UleInvariants.COUNTERS, m.withThread(tb.build()))).contains("transferable");
    }

    @Test
    void countersCatchALowpriWorseThanTheRunningThread() {
        Machine m = busy();
        CpuState.Builder b = m.cpu(0).edit();
        b.lowpri = 250;
        assertThat(violation(UleInvariants.COUNTERS, m.withCpu(b.build()))).contains("worse than its running priority");
        b.lowpri = 100;
        assertThat(violation(UleInvariants.COUNTERS, m.withCpu(b.build()))).contains("better than every");
    }

    @Test
    void calendarCatchesAnInsertIndexRunningAhead() {
        Machine m = busy();
        CpuState.Builder b = m.cpu(0).edit();
        b.idx = (b.ridx + 2) % 64;
        assertThat(violation(UleInvariants.CALENDAR, m.withCpu(b.build()))).contains("difference 2");
    }

    @Test
    void rangesCatchHistoryNeverDecayed() {
        Machine m = busy();
        ThreadState.Builder tb = m.thread(0).edit();
        tb.runtime = m.config().params().slpRunMax() + 5;
        assertThat(violation(UleInvariants.RANGES, m.withThread(tb.build()))).contains("SLP_RUN_MAX");
        tb = m.thread(0).edit();
        tb.slice = m.config().params().slice();
        assertThat(violation(UleInvariants.RANGES, m.withThread(tb.build()))).contains("slice count");
    }

    /** RANGES also bounds the per-CPU clocks: no CPU past the machine's ticks, and the furthest exactly there. */
    @Test
    void rangesCatchesClocksPastOrAllBehindTicks() {
        Machine m = Machine.boot(MachineConfig.of(Topology.parse("2")));
        CpuState.Builder ahead = m.cpu(1).edit();
        ahead.clockLag = -1;
        assertThat(violation(UleInvariants.RANGES, m.withCpu(ahead.build()))).isEqualTo("CPU 1's clock is 1 hz ticks past ticks = 0");
        Machine behind = m;
        for (int c = 0; c < 2; c++) {
            CpuState.Builder b = m.cpu(c).edit();
            b.clockLag = 2;
            behind = behind.withCpu(b.build());
        }
        assertThat(violation(UleInvariants.RANGES, behind)).isEqualTo("no CPU's clock is at ticks = 0: the nearest is 2 hz ticks behind");
        assertThat(violation(UleInvariants.RANGES, Scheduler.step(m, new Event.CpuTick(0)).state())).isNull();
    }

    @Test
    void pickCostCatchesAnUnboundedScan() {
        Machine m = busy();
        String v = Invariants.PICK_COST.check(null, new StepResult(m, List.of(), new Cost(1, 9, 9, 0)));
        assertThat(v).contains("9 status words");
    }

    @Test
    void theCheckerNamesInvariantStepAndValues() {
        Machine m = busy();
        CpuState.Builder b = m.cpu(0).edit();
        b.transferable += 3;
        Machine broken = m.withCpu(b.build());
        assertThatThrownBy(() -> new Checker<>(ModelSpecs.ule14(), -1).stepOrThrow(broken, new Event.Tick()))
                .isInstanceOf(InvariantViolationException.class)
                .hasMessageStartingWith("COUNTERS violated after tick: CPU 0 has transferable");
        assertThatThrownBy(() -> new Checker<>(ModelSpecs.ule14(), -1).verify(broken, "the state"))
                .isInstanceOf(InvariantViolationException.class)
                .hasMessageStartingWith("COUNTERS violated after the state: CPU 0 has transferable");
    }

    @Test
    void staleLowpriIsAcceptedOnlyWhereUleLeavesItStale() {
        Machine m = busy();
        int queued = m.cpu(0).curthread() == 0 ? 1 : 0;
        int best = m.cpu(0).lowpri();
        for (int t = 0; t < m.threadCount(); t++) {
            best = Math.min(best, m.thread(t).priority());
        }
        int old = best - 1;
        ThreadState.Builder holder = m.thread(queued).edit();
        holder.priority = old;
        CpuState.Builder cb = m.cpu(0).edit();
        cb.lowpri = old;
        Machine before = m.withThread(holder.build()).withCpu(cb.build());
        assertThat(UleInvariants.COUNTERS.check(null, new StepResult(before, List.of(), Cost.ZERO))).isNull();
        // ULE's sched_thread_priority worsens a queued thread without touching tdq_lowpri:
        holder.priority = 223;
        Machine stale = before.withThread(holder.build());
        List<org.ulemodel.core.machine.Decision> worsened = List.of(
                new org.ulemodel.core.machine.Decision.PriorityChange(queued, false, old, 223));
        assertThat(UleInvariants.COUNTERS.check(before, new StepResult(stale, worsened, Cost.ZERO))).isNull();
        // ... and while it persists unchanged
        assertThat(UleInvariants.COUNTERS.check(stale, new StepResult(stale, List.of(), Cost.ZERO))).isNull();
        // ... but not when no step explains it
        assertThat(UleInvariants.COUNTERS.check(m, new StepResult(stale, List.of(), Cost.ZERO))).contains("better than every");
    }
}
