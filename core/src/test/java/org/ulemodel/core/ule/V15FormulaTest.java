// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.runq.RunqKind;

/**
 * The FreeBSD 15 formulas where the golden tables do not reach: argument checks, the calendar's
 * tick and dequeue-offset moves on a run queue given as a predicate, the pick order, wrapping
 * u_int arithmetic, and the points where V14 and V15 differ on the same input.
 */
class V15FormulaTest {
    private static final SchedParams P15 = UleVersion.V15.params(1000, 127);
    private static final IntPredicate ALL_EMPTY = q -> true;

    /** A run queue whose non-empty queues are {@code queues} (absolute indices). */
    private static IntPredicate emptyExcept(Integer... queues) {
        Set<Integer> s = Set.of(queues);
        return q -> !s.contains(q);
    }

    @Test
    void versionsParseAndNameThemselves() {
        assertThat(UleVersion.parse("14")).isEqualTo(UleVersion.V14);
        assertThat(UleVersion.parse(" v15 ")).isEqualTo(UleVersion.V15);
        assertThat(UleVersion.parse("V14")).isEqualTo(UleVersion.V14);
        assertThat(UleVersion.V15.number()).isEqualTo(15);
        assertThat(UleVersion.V15.goldenName()).isEqualTo("V15");
        assertThatThrownBy(() -> UleVersion.parse("16")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 14 or 15").hasMessageContaining("'16'");
        assertThatThrownBy(() -> UleVersion.parse(null)).hasMessageContaining("got nothing");
    }

    @Test
    void batchBandsDifferByVersion() {
        assertThat(UleVersion.V15.isBatch(114)).isFalse();
        assertThat(UleVersion.V15.isBatch(115)).isTrue();
        assertThat(UleVersion.V15.isBatch(223)).isTrue();
        assertThat(UleVersion.V15.isBatch(224)).isFalse();
        assertThat(UleVersion.V14.isBatch(151)).isFalse();
        assertThat(UleVersion.V14.isBatch(152)).isTrue();
        assertThat(UleVersion.V14.isBatch(224)).isFalse();
        assertThat(UleVersion.V15.priMinBatch()).isEqualTo(Priorities15.PRI_MIN_BATCH);
        assertThat(UleVersion.V14.priMaxBatch()).isEqualTo(Priorities15.PRI_MAX_BATCH);
    }

    @Test
    void v15ParamsChangeOnlyTheWindowAndTheTunables() {
        SchedParams v14 = UleVersion.V14.params(1000, 127);
        assertThat(P15.tickMax()).isEqualTo(11000);
        assertThat(P15.tickTarg()).isEqualTo(10000);
        assertThat(P15.preemptThresh()).isEqualTo(40);
        assertThat(P15.staticBoost()).isEqualTo(115);
        assertThat(P15.withPreemptThresh(v14.preemptThresh()).withStaticBoost(v14.staticBoost())).isEqualTo(v14);
        // hz 100: the same 10 s / 11 s, in hz ticks
        assertThat(UleVersion.V15.params(100, 0).tickTarg()).isEqualTo(1000);
        assertThat(UleVersion.V15.params(100, 0).tickMax()).isEqualTo(1100);
    }

    @Test
    void tickTargetWrapsAsTheKernelsUnsignedProductDoes() {
        assertThat(UleVersion.V15.params(38130, 0).tickTarg()).isEqualTo(381300);
        // (t_max << 10) * 10 passes 2^32 from hz 38131 on: t_tgt collapses to 9 hz ticks
        assertThat(UleVersion.V15.params(38131, 0).tickTarg()).isEqualTo(9);
        assertThat(UleVersion.V15.params(100000, 0).tickTarg()).isEqualTo(237399);
    }

    @Test
    void thresholdIsStrictInV15() {
        assertThat(UleVersion.V14.shouldPreempt(40, 100, false, 40)).isTrue();
        assertThat(UleVersion.V15.shouldPreempt(40, 100, false, 40)).isFalse();
        assertThat(UleVersion.V15.shouldPreempt(39, 100, false, 40)).isTrue();
        // remote: interactive (≤ 114) against batch (> 114)
        assertThat(Preemption15.shouldPreempt(114, 115, true, 40)).isTrue();
        assertThat(Preemption15.shouldPreempt(114, 115, false, 40)).isFalse();
        assertThat(Preemption15.shouldPreempt(115, 116, true, 40)).isFalse();
        assertThat(Preemption15.shouldPreempt(100, 114, true, 40)).isFalse();
        assertThat(Preemption15.shouldPreempt(200, 224, false, 0)).isTrue();
        assertThat(Preemption15.shouldPreempt(100, 100, true, 256)).isFalse();
        assertThat(Preemption15.shouldPreempt(10, 100, true, 0)).isFalse();
    }

    @Test
    void priorityBandsAndNice() {
        // brand-new thread: score 50, batch, nothing run: 115 + 0 + 25
        assertThat(Priority15.of(0, 0, 0, 0, 0, 0, P15)).isEqualTo(140);
        // interactive: score 0 and 29 (nice pushes the score, not the band)
        assertThat(Priority15.of(0, 1 << 20, 0, 0, 0, 0, P15)).isEqualTo(56);
        assertThat(Priority15.compute(0, 1 << 20, 20, 0, 0, 0, P15).priority()).isEqualTo(56 + 59 * 20 / 30);
        // score 12: nice 20 makes it batch, nice −20 interactive at the best level
        PriorityCalc15 c = Priority15.compute(1 << 18, 1 << 20, 20, 0, 0, 0, P15);
        assertThat(c.score()).isEqualTo(12);
        assertThat(c.branch()).isEqualTo("batch");
        assertThat(c.nicePriOff()).isEqualTo(50);
        assertThat(c.priority()).isEqualTo(165);
        assertThat(Priority15.compute(1 << 18, 1 << 20, -20, 0, 0, 0, P15).priority()).isEqualTo(56);
        // a full window at nice 20: the worst timeshare priority
        assertThat(Priority15.batch(20, new CpuWindow(10000 << 10, 0, 10000))).isEqualTo(223);
        assertThat(Priority15.batch(-20, new CpuWindow(0, 0, 10000))).isEqualTo(115);
        assertThat(UleVersion.V15.batchPriority(0, new CpuWindow(5000 << 10, 0, 10000), P15)).isEqualTo(115 + 29 + 25);
        assertThatThrownBy(() -> Priority15.nicePriOff(21)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Priority15.compute(0, 0, -21, 0, 0, 0, P15)).isInstanceOf(IllegalArgumentException.class);
        // rounding to nearest: 1/116 of the window is half a level
        assertThat(Priority15.cpuPriOff(10000 << 10, 0, 10000 * 116)).isEqualTo(1);
        assertThat(Priority15.cpuPriOff((10000 << 10) - 20 * 1024, 0, 10000 * 116)).isZero();
        // the division rounds too: 58·882/100 = 511.56 rounds to 512, then 512 + 512 reaches level 1
        // (priority_v15.csv has no row where this inner rounding changes the result)
        assertThat(Priority15.cpuPriOff(882, 0, 100)).isEqualTo(1);
        assertThat(Priority15.cpuPriOff(881, 0, 100)).isZero();
    }

    @Test
    void windowResetsAfterATargetLengthWithoutUpdate() {
        CpuWindow w = new CpuWindow(3000 << 10, 1000, 4000);
        assertThat(PctCpu15.update(w, 14000, true, P15)).isEqualTo(new CpuWindow(10000 << 10, 4000, 14000));
        assertThat(PctCpu15.update(w, 14000, false, P15)).isEqualTo(new CpuWindow(0, 4000, 14000));
        // one tick short of that, the window is past t_max: what ran is squeezed into t_tgt − lu_span = 1 tick
        assertThat(PctCpu15.update(w, 13999, false, P15)).isEqualTo(new CpuWindow(1 << 10, 3999, 13999));
        assertThat(PctCpu15.update(w, 13999, true, P15)).isEqualTo(new CpuWindow(10000 << 10, 3999, 13999));
        // exactly t_tgt without update resets, though the window has not reached t_max
        assertThat(PctCpu15.update(new CpuWindow(1024, 3999, 4000), 14000, false, P15))
                .isEqualTo(new CpuWindow(0, 4000, 14000));
        // the reset is where V14 and V15 differ for a running thread (the rescale is the same
        // arithmetic at hz 1000): V15 credits exactly the target window, V14 the whole gap since
        // the last update, longer than the window
        assertThat(UleVersion.V15.updateWindow(w, 20000, true, P15)).isEqualTo(new CpuWindow(10000 << 10, 10000, 20000));
        assertThat(UleVersion.V14.updateWindow(w, 20000, true, UleVersion.V14.params(1000, 127)))
                .isEqualTo(new CpuWindow(16000 << 10, 10000, 20000));
        // rescale once the window reaches t_max: 3000/3000 per tick kept for t_tgt − lu_span ticks
        assertThat(PctCpu15.update(new CpuWindow(3000 << 10, 0, 3000), 11000, false, P15))
                .isEqualTo(new CpuWindow(1024 * 2000, 1000, 11000));
    }

    @Test
    void windowArithmeticIsUnsignedAcrossTheWrapOfTicks() {
        int start = Integer.MAX_VALUE - 5;
        CpuWindow w = PctCpu15.update(CpuWindow.startingAt(start), start + 10, true, P15);
        assertThat(w).isEqualTo(new CpuWindow(10 << 10, start, start + 10));
        assertThat(PctCpu15.pctcpu(w)).isEqualTo(2048);
        assertThat(Priority15.cpuPriOff(w.tsTicks(), w.ftick(), w.ltick())).isEqualTo(58);
    }

    @Test
    void pctcpuIsTheRoundedTrueRatio() {
        assertThat(PctCpu15.pctcpu(new CpuWindow(0, 5, 5))).isZero();
        assertThat(PctCpu15.pctcpu(new CpuWindow(1 << 10, 5, 5))).isEqualTo(2048);
        assertThat(PctCpu15.pctcpu(new CpuWindow(1 << 10, 0, 3))).isEqualTo(683);
        assertThat(UleVersion.V15.pctcpu(new CpuWindow(100 << 10, 0, 200), P15)).isEqualTo(1024);
        // V14 divides by the full 10 s instead
        assertThat(UleVersion.V14.pctcpu(new CpuWindow(100 << 10, 0, 200), UleVersion.V14.params(1000, 127)))
                .isEqualTo(20);
    }

    @Test
    void calendarChecksItsFields() {
        assertThatThrownBy(() -> new Calendar15(109, 0, 0)).hasMessageContaining("tdq_ts_off must be in 0..108");
        assertThatThrownBy(() -> new Calendar15(0, -1, 0)).hasMessageContaining("tdq_ts_deq_off");
        assertThatThrownBy(() -> new Calendar15(0, 0, 4)).hasMessageContaining("tdq_ts_ticks");
        assertThatThrownBy(() -> new Calendar15(0, 0, -1)).hasMessageContaining("tdq_ts_ticks");
        assertThat(Calendar15.normalize(-109)).isZero();
        assertThat(Calendar15.normalize(108)).isEqualTo(108);
        assertThat(Calendar15.normalize(109)).isZero();
        assertThatThrownBy(() -> Calendar15.normalize(-110)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Calendar15.policy(0)).isEqualTo(RunqKind.REALTIME);
        assertThat(Calendar15.policy(114)).isEqualTo(RunqKind.REALTIME);
        assertThat(Calendar15.policy(115)).isEqualTo(RunqKind.TIMESHARE);
        assertThat(Calendar15.policy(223)).isEqualTo(RunqKind.TIMESHARE);
        assertThat(Calendar15.policy(224)).isEqualTo(RunqKind.IDLE);
        assertThatThrownBy(() -> Calendar15.policy(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Calendar15.policy(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Calendar15(1, 108, 0).lag()).isEqualTo(2);
    }

    @Test
    void placementFlagsAndRanges() {
        Calendar15 cal = new Calendar15(30, 28, 2);
        Placement15 borrowed = cal.place(200, false, true);
        assertThat(borrowed.queue()).isEqualTo(115 + 28);
        assertThat(borrowed.atHead()).isFalse();
        assertThat(borrowed.baseOffset()).isEqualTo(85);
        Placement15 idle = cal.place(230, true, false);
        assertThat(idle).isEqualTo(new Placement15(RunqKind.IDLE, 230, -1, false, true));
        assertThat(idle.offsetInTsRange()).isEqualTo(-1);
        // offset 29 is inside the undrained window [28, 30): moved behind it, to 27
        Placement15 moved = cal.place(115 + 108, false, false);
        assertThat(moved.queue()).isEqualTo(115 + 27);
        assertThat(moved.collisionAdjusted()).isTrue();
        assertThat(moved.offsetInTsRange()).isEqualTo(27);
        // offset 30 is ts_off itself, outside the window
        assertThat(cal.place(115 + 0, false, false).queue()).isEqualTo(145);
        assertThatThrownBy(() -> new Placement15(null, 0, -1, false, false)).hasMessageContaining("policy");
        assertThatThrownBy(() -> new Placement15(RunqKind.IDLE, 256, -1, false, false)).hasMessageContaining("queue");
        assertThatThrownBy(() -> new Placement15(RunqKind.IDLE, -1, -1, false, false)).hasMessageContaining("queue");
        assertThatThrownBy(() -> new Placement15(RunqKind.TIMESHARE, 115, -1, false, false)).hasMessageContaining("baseOffset");
        assertThatThrownBy(() -> new Placement15(RunqKind.TIMESHARE, 115, 109, false, false)).hasMessageContaining("baseOffset");
        assertThatThrownBy(() -> new Placement15(RunqKind.REALTIME, 5, 0, false, false)).hasMessageContaining("baseOffset");
        assertThatThrownBy(() -> new Placement15(RunqKind.REALTIME, 5, -1, true, false)).hasMessageContaining("collision");
    }

    @Test
    void insertionOffsetStepsSevenQuartersPerTick() {
        Calendar15 c = Calendar15.INITIAL;
        int[] expected = {2, 4, 6, 7, 9, 11, 13, 14};
        for (int e : expected) {
            c = c.tick(1, ALL_EMPTY);
            assertThat(c.tsOff()).isEqualTo(e);
            assertThat(c.deqOff()).isEqualTo(e);
        }
        assertThat(c.tsTicks()).isZero();
        // cnt ticks at once: 2·cnt − (ts_ticks + cnt)/4
        assertThat(new Calendar15(107, 107, 3).tick(5, ALL_EMPTY)).isEqualTo(new Calendar15(6, 6, 0));
        Calendar15 at14 = c;
        assertThatThrownBy(() -> at14.tick(0, ALL_EMPTY)).hasMessageContaining("cnt");
        assertThatThrownBy(() -> at14.tick(Calendar15.MAX_CNT + 1, ALL_EMPTY)).hasMessageContaining("cnt");
        assertThat(at14.tick(Calendar15.MAX_CNT, ALL_EMPTY).tsTicks()).isBetween(0, 3);
    }

    @Test
    void dequeueOffsetStopsAtWorkAndTheInsertionOffsetWaits() {
        // queue 115 + 3 holds work: deq stops there, ts_off runs ahead by 2 and then waits
        Calendar15 c = new Calendar15(1, 1, 0).tick(1, emptyExcept(118));
        assertThat(c).isEqualTo(new Calendar15(3, 3, 1));
        c = new Calendar15(2, 2, 0).tick(1, emptyExcept(117));
        assertThat(c).isEqualTo(new Calendar15(4, 2, 1));
        assertThat(c.lag()).isEqualTo(2);
        assertThat(c.tick(1, ALL_EMPTY)).isSameAs(c);
        // the thread leaves queue 117 and it empties: deq moves on, known empty, up to ts_off
        assertThat(c.afterRemove(180, 117, true, ALL_EMPTY)).isEqualTo(new Calendar15(4, 4, 1));
        assertThat(c.afterRemove(180, 117, true, emptyExcept(118))).isEqualTo(new Calendar15(4, 3, 1));
        // known empty is believed for the first queue only
        assertThat(c.advanceDeqOff(true, emptyExcept(117))).isEqualTo(new Calendar15(4, 4, 1));
        assertThat(c.advanceDeqOff(false, emptyExcept(117))).isSameAs(c);
        assertThat(c.afterRemove(180, 117, false, ALL_EMPTY)).isSameAs(c);
        assertThat(c.afterRemove(180, 118, true, ALL_EMPTY)).isSameAs(c);
        assertThat(c.afterRemove(100, 117, true, ALL_EMPTY)).isSameAs(c);
        assertThat(c.afterRemove(230, 117, true, ALL_EMPTY)).isSameAs(c);
        // the batch band's ends count: 115 and 223
        assertThat(new Calendar15(2, 0, 0).afterRemove(115, 115, true, ALL_EMPTY)).isEqualTo(new Calendar15(2, 2, 0));
        assertThat(new Calendar15(2, 0, 0).afterRemove(223, 115, true, ALL_EMPTY)).isEqualTo(new Calendar15(2, 2, 0));
        assertThat(new Calendar15(2, 0, 0).afterRemove(114, 115, true, ALL_EMPTY)).isEqualTo(new Calendar15(2, 0, 0));
        // wrap: from 108 to 0
        assertThat(new Calendar15(1, 108, 0).advanceDeqOff(false, ALL_EMPTY)).isEqualTo(new Calendar15(1, 1, 0));
    }

    @Test
    void chooseTakesRealtimeThenTheRingFromDeqOffThenIdle() {
        Calendar15 c = new Calendar15(51, 50, 0);
        assertThat(c.chooseQueue(ALL_EMPTY)).isEqualTo(-1);
        assertThat(c.chooseQueue(emptyExcept(114, 120, 230))).isEqualTo(114);
        assertThat(c.chooseQueue(emptyExcept(120, 170, 230))).isEqualTo(170);
        assertThat(c.chooseQueue(emptyExcept(120, 164, 230))).isEqualTo(120);
        assertThat(c.chooseQueue(emptyExcept(165, 230))).isEqualTo(165);
        assertThat(c.chooseQueue(emptyExcept(223, 224))).isEqualTo(223);
        assertThat(c.chooseQueue(emptyExcept(255))).isEqualTo(255);
        assertThat(Calendar15.INITIAL.chooseQueue(emptyExcept(115, 224))).isEqualTo(115);
        // queue 0 is a queue like any other: found first, ends the search
        assertThat(c.chooseQueue(emptyExcept(0, 116, 230))).isZero();
        assertThat(Calendar15.INITIAL.chooseQueue(emptyExcept(224))).isEqualTo(224);
    }
}
