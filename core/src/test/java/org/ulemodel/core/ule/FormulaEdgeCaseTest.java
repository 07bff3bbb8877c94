// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ulemodel.core.prio.Priorities;

/** Edge cases the golden sample does not reach: u_int wraparound, nice floor, hz 100, validation. */
class FormulaEdgeCaseTest {
    private static final SchedParams P = SchedParams.defaults();
    /** 3,000,000,000 as a u_int; negative as a Java int. */
    private static final int THREE_BILLION = (int) 3_000_000_000L;

    @Test
    void scoreComparesUnsigned() {
        // Signed, 3e9 would be "less than" 10 and score 3e9/d; unsigned it is a hog.
        assertThat(Interactivity.score(THREE_BILLION, 10, 30)).isEqualTo(50);
        assertThat(Interactivity.score(THREE_BILLION, 10, 100)).isEqualTo(100);
        assertThat(Interactivity.score(10, THREE_BILLION, 30)).isZero();
        // Small-value effects of the integer divisions in sched_ule.c: sched_interact_score.
        assertThat(Interactivity.score(98, 99, 30)).isEqualTo(98);
        assertThat(Interactivity.score(99, 98, 100)).isEqualTo(2);
        assertThat(Interactivity.score(149, 148, 100)).isEqualTo(26);
        assertThat(Interactivity.score(0, 0, 100)).isZero();
        assertThat(Interactivity.score(0, 0, 30)).isEqualTo(50);
    }

    @Test
    void updateSumWrapsLikeUnsignedInt() {
        // 0xFFFFFFF0 + 0x20 wraps to 0x10 < SLP_RUN_MAX: FreeBSD leaves the history alone.
        History h = Interactivity.update(0xFFFF_FFF0, 0x20, P.slpRunMax());
        assertThat(h).isEqualTo(new History(0xFFFF_FFF0, 0x20));
        assertThat(h.toString()).contains("runtime=4294967280");
        // 3e9 + 0 is far above 2·MAX when read unsigned: clamp to (MAX, 1).
        assertThat(Interactivity.update(THREE_BILLION, 0, P.slpRunMax())).isEqualTo(new History(P.slpRunMax(), 1));
        // Tie goes to slptime.
        assertThat(Interactivity.update(6_000_000, 6_000_000, P.slpRunMax())).isEqualTo(new History(1, P.slpRunMax()));
    }

    @Test
    void updateDividesBeforeMultiplying() {
        // (5,119,999/5)*4 = 4,095,996, whereas 5,119,999*4/5 = 4,095,999.
        assertThat(Interactivity.update(5_119_999, 1, P.slpRunMax())).isEqualTo(new History(4_095_996, 0));
    }

    @Test
    void forkKeepsASignedSumAndSkipsScalingAbove2To31() {
        assertThat(Interactivity.fork(THREE_BILLION, 0, P.slpRunFork())).isEqualTo(new History(THREE_BILLION, 0));
        assertThat(Interactivity.fork(1_024_000, 0, P.slpRunFork())).isEqualTo(new History(512_000, 0));
    }

    @Test
    void negativeNiceFloorsTheScoreAtZero() {
        // score 5 (runtime 10% of sleep), nice -20: imax(0, -15) = 0 gives the best interactive priority.
        PriorityCalc c = Priority.compute(500_000, 5_000_000, -20, 0, 0, 0, P);
        assertThat(c.score()).isEqualTo(5);
        assertThat(c.scorePlusNice()).isZero();
        assertThat(c.interactive()).isTrue();
        assertThat(c.priority()).isEqualTo(Priorities.PRI_MIN_INTERACT);
        assertThatThrownBy(() -> Priority.compute(0, 0, 21, 0, 0, 0, P)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nice must be in -20..20, got 21");
    }

    @Test
    void batchPriorityRangeEnds() {
        // A full 10 s hog: T = 10000 / 313 = 31, nice 20 gives the worst timeshare priority.
        assertThat(Priority.of(5_000_000, 0, 20, 10_000 << 10, 0, 10_000, P)).isEqualTo(Priorities.PRI_MAX_BATCH);
        assertThat(Priority.of(5_000_000, 0, -20, 0, 0, 10_000, P)).isEqualTo(Priorities.PRI_MIN_BATCH);
    }

    @Test
    void hz100Constants() {
        SchedParams p = SchedParams.initticks(100, 127);
        assertThat(p.tickincr()).isEqualTo(806);
        assertThat(p.slpRunMax()).isEqualTo(512_000);
        assertThat(p.slpRunFork()).isEqualTo(51_200);
        assertThat(p.tickTarg()).isEqualTo(1000);
        assertThat(p.tickMax()).isEqualTo(1100);
        assertThat(p.hogticks()).isEqualTo(19);
        // At hz 100 a 10 s window of 1000 ticks rounds to 1024, so 32 ticks per priority level.
        assertThat(Priority.ticksTerm(1000 << 10, 0, 1000, p)).isEqualTo(31);
        assertThat(ClockMode.PERIODIC_IDEAL_TIMER.stathz(100)).isEqualTo(133);
        assertThat(SchedParams.initticks(100, 0).realstathz()).isEqualTo(100);
    }

    @Test
    void pctcpuWindowSurvivesTicksWraparound() {
        int start = Integer.MAX_VALUE - 5;
        CpuWindow w = CpuWindow.startingAt(start);
        for (int i = 1; i <= 20; i++) {
            w = PctCpu.update(w, start + i, true, P);
        }
        assertThat(w.tsTicks()).isEqualTo(20 << 10);
        assertThat(w.length()).isEqualTo(20);
        assertThat(w.ltick()).isNegative();
        // A long absence (>= TARG as u_int) drops the history.
        CpuWindow later = PctCpu.update(w, w.ltick() + P.tickTarg(), false, P);
        assertThat(later.tsTicks()).isZero();
        assertThat(later.length()).isEqualTo(P.tickTarg());
    }

    @Test
    void sleepBoostModes() {
        assertThat(Priority.sleepBoost(200, Priorities.PSOCK, P)).isEqualTo(Priorities.PRI_MIN_BATCH);
        assertThat(Priority.sleepBoost(130, Priorities.PSOCK, P)).isEqualTo(130);
        assertThat(Priority.sleepBoost(200, Priorities.PSOCK, P.withStaticBoost(1))).isEqualTo(Priorities.PSOCK);
        assertThat(Priority.sleepBoost(200, 0, P.withStaticBoost(1))).isEqualTo(1);
        assertThat(Priority.sleepBoost(200, Priorities.PSOCK, P.withStaticBoost(0))).isEqualTo(200);
    }

    @Test
    void shouldPreemptBoundaries() {
        assertThat(Preemption.shouldPreempt(80, 120, false, 80)).isTrue();
        assertThat(Preemption.shouldPreempt(81, 120, false, 80)).isFalse();
        assertThat(Preemption.shouldPreempt(151, 152, true, 80)).isTrue();
        assertThat(Preemption.shouldPreempt(151, 152, false, 80)).isFalse();
        assertThat(Preemption.shouldPreempt(223, 224, false, 0)).isTrue();
        assertThat(Preemption.shouldPreempt(100, 100, true, 255)).isFalse();
    }

    @Test
    void paramsValidationSaysWhatWasExpected() {
        assertThatThrownBy(() -> SchedParams.initticks(0, 127)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hz must be in 2..100000, got 0");
        assertThatThrownBy(() -> SchedParams.initticks(1000, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stathz must be in 0..100000 (0 = use hz), got -1");
        assertThatThrownBy(() -> P.withInteract(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kern.sched.interact must be >= 0");
        assertThatThrownBy(() -> ClockMode.parse("periodic")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("oneshot, periodic_ideal_timer, stathz0_uses_hz");
        assertThat(P.withInteract(50).interactThresh()).isEqualTo(50);
        assertThat(P.withPreemptThresh(255).preemptThresh()).isEqualTo(255);
        assertThat(SchedParams.defaults()).isEqualTo(SchedParams.initticks(1000, 127));
    }
}
