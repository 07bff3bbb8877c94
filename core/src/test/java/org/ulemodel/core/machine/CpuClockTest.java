// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.model.EventKind;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.StateSink;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.core.ule.UleVersion;

/**
 * Per-CPU clock events ({@link Event.CpuTick}) against the lock-step {@link Event.Tick} and
 * FreeBSD's {@code hardclock} rule for the global {@code ticks} (kern_clock.c): the furthest CPU's
 * clock is {@code ticks}, and a CPU more than one tick behind is set to {@code ticks − 1} when it
 * ticks.
 */
class CpuClockTest {
    private static final List<EventKind> KINDS = List.of(EventKind.BLOCK, EventKind.WAKE, EventKind.YIELD, EventKind.IDLE,
            EventKind.IPI);

    private static Machine boot(String topo, UleVersion version) {
        return Machine.boot(MachineConfig.of(Topology.parse(topo), version));
    }

    /** A seeded walk: creates first, then ticks (every fourth step) and the environment's other events. */
    private static Event next(Machine m, SplittableRandom rng, int step) {
        if (step < 6) {
            return new Event.Create(PriClass.TIMESHARE, rng.nextInt(-5, 6), -1, false, null, rng.nextInt(m.cpuCount()));
        }
        if (rng.nextInt(4) == 0) {
            return new Event.Tick();
        }
        List<Event> out = new ArrayList<>();
        for (EventKind k : KINDS) {
            k.candidates(m, out);
        }
        return out.isEmpty() ? new Event.Tick() : out.get(rng.nextInt(out.size()));
    }

    @Test
    void onOneCpuACpuTickIsATick() {
        for (UleVersion version : UleVersion.values()) {
            for (long seed = 1; seed <= 5; seed++) {
                SplittableRandom rng = new SplittableRandom(seed);
                Machine lockStep = boot("1", version);
                Machine perCpu = lockStep;
                for (int i = 0; i < 2_000; i++) {
                    Event e = next(lockStep, rng, i);
                    StepResult a = Scheduler.step(lockStep, e);
                    StepResult b = Scheduler.step(perCpu, e instanceof Event.Tick ? new Event.CpuTick(0) : e);
                    assertThat(b.decisions()).as("%s seed %d step %d %s", version, seed, i, e).isEqualTo(a.decisions());
                    assertThat(b.state()).as("%s seed %d step %d %s", version, seed, i, e).isEqualTo(a.state());
                    lockStep = a.state();
                    perCpu = b.state();
                }
            }
        }
    }

    /**
     * From lock-step clocks, one CPU tick on each CPU in id order ends where a {@link Event.Tick}
     * ends: the clock one further, every lag 0, and, when the tick switched no thread (its
     * returns to user mode did nothing, so only their order differs), the same state and decisions.
     */
    @Test
    void aRoundOfCpuTicksIsATickWhenNoCpuSwitches() {
        int compared = 0;
        int rounds = 0;
        for (UleVersion version : UleVersion.values()) {
            SplittableRandom rng = new SplittableRandom(7);
            Machine m = boot("2x2", version);
            for (int i = 0; i < 3_000; i++) {
                Event e = next(m, rng, i);
                if (e instanceof Event.Tick) {
                    StepResult tick = Scheduler.step(m, e);
                    Machine round = m;
                    List<Decision> roundDecisions = new ArrayList<>();
                    for (int c = 0; c < m.cpuCount(); c++) {
                        StepResult r = Scheduler.step(round, new Event.CpuTick(c));
                        roundDecisions.addAll(r.decisions());
                        round = r.state();
                    }
                    rounds++;
                    assertThat(round.elapsed()).isEqualTo(tick.state().elapsed());
                    for (int c = 0; c < m.cpuCount(); c++) {
                        assertThat(round.cpu(c).clockLag()).isZero();
                    }
                    if (tick.decisions().stream().noneMatch(d -> d instanceof Decision.Switch)) {
                        compared++;
                        assertThat(roundDecisions).as("%s step %d", version, i).isEqualTo(tick.decisions());
                        assertThat(round).as("%s step %d", version, i).isEqualTo(tick.state());
                    }
                }
                m = Scheduler.step(m, e).state();
            }
        }
        assertThat(compared).as("rounds compared state for state").isGreaterThan(rounds / 2);
    }

    @Test
    void theFurthestCpuIsTicksAndALaggingClockIsSetToOneBehind() {
        Machine m = boot("2", UleVersion.V14);
        long t0 = m.elapsed();
        for (int i = 0; i < 3; i++) {
            m = Scheduler.step(m, new Event.CpuTick(0)).state();
        }
        assertThat(m.elapsed()).isEqualTo(t0 + 3);
        assertThat(m.cpu(0).clockLag()).isZero();
        assertThat(m.cpu(1).clockLag()).isEqualTo(3);
        m = Scheduler.step(m, new Event.CpuTick(1)).state();
        assertThat(m.cpu(1).clockLag()).as("set to ticks − 1").isEqualTo(1);
        m = Scheduler.step(m, new Event.CpuTick(1)).state();
        assertThat(m.cpu(1).clockLag()).isZero();
        assertThat(m.elapsed()).as("caught up, not past").isEqualTo(t0 + 3);
        m = Scheduler.step(m, new Event.CpuTick(1)).state();
        assertThat(m.elapsed()).isEqualTo(t0 + 4);
        assertThat(m.cpu(0).clockLag()).isEqualTo(1);
        assertThat(m.cpu(1).clockLag()).isZero();
        // A lock-step tick moves every clock: the lags stay.
        m = Scheduler.step(m, new Event.Tick()).state();
        assertThat(m.elapsed()).isEqualTo(t0 + 5);
        assertThat(m.cpu(0).clockLag()).isEqualTo(1);
    }

    /**
     * Stathz ticks are counted on each CPU's own clock: a CPU whose clock jumps forward runs
     * {@code sched_clock} for every stathz tick of the hz ticks it passed (its running thread's
     * slice count grows by that many), and the CPU that did not tick runs none.
     */
    @Test
    void aCpuRunsTheStathzTicksItsOwnClockPasses() {
        boolean clocksDisagree = false;
        for (int behind = 2; behind <= 40; behind++) {
            Machine m = boot("2", UleVersion.V14);
            m = Scheduler.step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, null, 1)).state();
            int td = m.cpu(1).curthread();
            assertThat(td).isNotEqualTo(CpuState.IDLE);
            int hz = m.config().params().hz();
            int stathz = m.config().params().realstathz();
            for (int i = 0; i < behind; i++) {
                m = Scheduler.step(m, new Event.CpuTick(0)).state();
            }
            assertThat(m.thread(td).slice()).as("CPU 1 has not ticked").isZero();
            long before = m.elapsed() - m.cpu(1).clockLag();
            m = Scheduler.step(m, new Event.CpuTick(1)).state();
            long after = m.elapsed() - m.cpu(1).clockLag();
            assertThat(after - before).as("from ticks − %d to ticks − 1", behind).isEqualTo(behind - 1);
            long due = StatClock.ticksUpTo(after, hz, stathz) - StatClock.ticksUpTo(before, hz, stathz);
            long dueByMachineClock = StatClock.ticksUpTo(m.elapsed(), hz, stathz) - StatClock.ticksUpTo(before, hz, stathz);
            clocksDisagree |= due != dueByMachineClock;
            assertThat(m.thread(td).slice()).as("%d behind", behind).isEqualTo((int) due);
        }
        assertThat(clocksDisagree).as("some jump ends just before a stathz tick of the machine's clock").isTrue();
    }

    /**
     * A lock-step tick moves every clock by one, and each CPU runs the stathz ticks due at its own
     * count: with CPU 1 some hz ticks behind, its thread's slice count follows CPU 1's clock, not
     * the machine's.
     */
    @Test
    void aLockStepTickCountsStathzOnEachCpusOwnClock() {
        Machine m = boot("2", UleVersion.V14);
        m = Scheduler.step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, null, 1)).state();
        int td = m.cpu(1).curthread();
        int hz = m.config().params().hz();
        int stathz = m.config().params().realstathz();
        for (int i = 0; i < 5; i++) {
            m = Scheduler.step(m, new Event.CpuTick(0)).state(); // CPU 1 five hz ticks behind
        }
        int lag = m.cpu(1).clockLag();
        assertThat(lag).isEqualTo(5);
        long own = m.elapsed() - lag;
        long expected = 0;
        List<Integer> byOwnClock = new ArrayList<>();
        List<Integer> byMachineClock = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            m = Scheduler.step(m, new Event.Tick()).state();
            byOwnClock.add(StatClock.ticksAt(++own, hz, stathz));
            byMachineClock.add(StatClock.ticksAt(m.elapsed(), hz, stathz));
            expected += byOwnClock.get(i);
            assertThat(m.cpu(1).clockLag()).isEqualTo(lag);
            assertThat(m.thread(td).slice()).as("after lock-step tick %d", i + 1).isEqualTo((int) expected);
        }
        assertThat(byOwnClock).as("the two clocks fire stathz on different hz ticks here, so the test tells them apart")
                .isNotEqualTo(byMachineClock);
    }

    /** A model written before per-CPU clocks (it keeps {@link SchedulerModel#perCpuClocks}' default) is offered none. */
    static final class LockStepOnly implements SchedulerModel<Machine> {
        private final SchedulerModel<Machine> base = Ule14Model.withConfig(MachineConfig.of(Topology.parse("2")));

        @Override
        public String id() {
            return "lock-step-only";
        }

        @Override
        public String description() {
            return "ULE 14 without per-CPU clocks";
        }

        @Override
        public Machine boot(Topology topology) {
            return base.boot(topology);
        }

        @Override
        public ModelStep<Machine> step(Machine state, Event event) {
            return base.step(state, event);
        }

        @Override
        public void encode(Machine state, int[] label, StateSink sink) {
            base.encode(state, label, sink);
        }

        @Override
        public void encodeThread(Machine state, int tid, StateSink sink) {
            base.encodeThread(state, tid, sink);
        }
    }

    @Test
    void onlyAModelWithPerCpuClocksIsOfferedCpuTicks() {
        SchedulerModel<Machine> ule = Ule14Model.withConfig(MachineConfig.of(Topology.parse("2")));
        Machine m = ule.boot(Topology.parse("2"));
        List<Event> offered = new ArrayList<>();
        ule.enabledEvents(m, EventKind.CPU_TICK, offered);
        assertThat(ule.perCpuClocks()).isTrue();
        assertThat(offered).containsExactly(new Event.CpuTick(0), new Event.CpuTick(1));
        offered.clear();
        LockStepOnly legacy = new LockStepOnly();
        legacy.enabledEvents(m, EventKind.CPU_TICK, offered);
        assertThat(legacy.perCpuClocks()).isFalse();
        assertThat(offered).isEmpty();
        legacy.enabledEvents(m, EventKind.TICK, offered);
        assertThat(offered).containsExactly(new Event.Tick());
    }

    @Test
    void aCpuTickNeedsAnOnlineCpu() {
        Machine m = boot("2", UleVersion.V14);
        Machine off = Scheduler.step(m, new Event.CpuOffline(1, 0)).state();
        assertThatThrownBy(() -> Scheduler.step(off, new Event.CpuTick(1))).isInstanceOf(IllegalEventException.class)
                .hasMessage("tick: CPU 1 is offline; expected an online CPU");
        assertThatThrownBy(() -> Scheduler.step(m, new Event.CpuTick(2))).isInstanceOf(IllegalEventException.class)
                .hasMessage("CPU 2 does not exist: expected 0..1");
        List<Event> candidates = new ArrayList<>();
        EventKind.CPU_TICK.candidates(off, candidates);
        assertThat(candidates).containsExactly(new Event.CpuTick(0));
    }
}
