// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.runq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The tdq_idx/tdq_ridx rules of sched_clock and runq_remove_idx, and the queue-choice helpers. */
class CalendarIndexTest {

    /** When idx == ridx a tick advances idx, and ridx follows only if its queue is empty. */
    @Test
    void tickAdvancesIdxAndRidxCatchesUpOverAnEmptyQueue() {
        RunQueue empty = RunQueue.empty();
        assertThat(new CalendarIndex(5, 5).tick(empty)).isEqualTo(new CalendarIndex(6, 6));
        RunQueue busy5 = empty.addTail(5, 1);
        assertThat(new CalendarIndex(5, 5).tick(busy5)).isEqualTo(new CalendarIndex(6, 5));
        assertThat(new CalendarIndex(63, 63).tick(empty)).isEqualTo(new CalendarIndex(0, 0));
        assertThat(new CalendarIndex(63, 63).tick(empty.addTail(63, 0))).isEqualTo(new CalendarIndex(0, 63));
        // A thread in another queue does not hold ridx back.
        assertThat(new CalendarIndex(5, 5).tick(empty.addTail(6, 1))).isEqualTo(new CalendarIndex(6, 6));
    }

    /** When idx != ridx a tick changes nothing, even if the ridx queue is empty (the test sits inside sched_clock's idx == ridx branch). */
    @Test
    void tickDoesNothingWhileRidxLags() {
        assertThat(new CalendarIndex(6, 5).tick(RunQueue.empty())).isEqualTo(new CalendarIndex(6, 5));
        assertThat(new CalendarIndex(0, 63).tick(RunQueue.empty().addTail(63, 2))).isEqualTo(new CalendarIndex(0, 63));
    }

    /** Emptying the ridx queue while idx != ridx advances ridx by one; nothing else moves it. */
    @Test
    void removalAdvancesRidxOnlyWhenItEmptiesTheLaggingRidxQueue() {
        RunQueue empty = RunQueue.empty();
        assertThat(new CalendarIndex(6, 5).afterRemove(5, empty)).isEqualTo(new CalendarIndex(6, 6));
        assertThat(new CalendarIndex(0, 63).afterRemove(63, empty)).isEqualTo(new CalendarIndex(0, 0));
        assertThat(new CalendarIndex(6, 5).afterRemove(5, empty.addTail(5, 3))).isEqualTo(new CalendarIndex(6, 5));
        assertThat(new CalendarIndex(6, 5).afterRemove(9, empty)).isEqualTo(new CalendarIndex(6, 5));
        assertThat(new CalendarIndex(5, 5).afterRemove(5, empty)).isEqualTo(new CalendarIndex(5, 5));
        assertThat(Calendar.advanceOnRemove(6, 5, 5, true)).isEqualTo(6);
        assertThat(Calendar.advanceOnRemove(6, 5, 5, false)).isEqualTo(5);
        assertThat(Calendar.advanceOnRemove(5, 5, 5, true)).isEqualTo(5);
        // Raw arithmetic off the reachable states: ridx moves by one only.
        assertThat(Calendar.advanceOnRemove(20, 5, 5, true)).isEqualTo(6);
    }

    /**
     * Under random adds (normal, preempted, borrowing), picks from ridx, removals of random threads
     * and ticks, (idx − ridx) mod 64 stays in {0, 1}, normal adds never land in a lagging ridx queue,
     * and ridx never points at an empty queue while it lags.
     */
    @Test
    @Timeout(120)
    void lagStaysZeroOrOneUnderRandomSequences() {
        int events = 0;
        for (int seed = 0; seed < 100; seed++) {
            Random rnd = new Random(seed);
            CalendarIndex ci = CalendarIndex.INITIAL;
            RunQueue ts = RunQueue.empty();
            int tid = 0;
            for (int step = 0; step < 3_000; step++, events++) {
                // Said only when a check breaks: the queues as text cost more than the step itself.
                int atSeed = seed;
                int atStep = step;
                CalendarIndex ciBefore = ci;
                RunQueue tsBefore = ts;
                Supplier<String> where = () -> "seed " + atSeed + " step " + atStep + " " + ciBefore + " " + tsBefore;
                int r = rnd.nextInt(10);
                if (r < 4) {
                    int pri = 152 + rnd.nextInt(72);
                    boolean preempted = rnd.nextInt(10) == 0;
                    boolean borrowing = !preempted && rnd.nextInt(10) == 0;
                    Placement p = ci.place(pri, preempted, borrowing);
                    assertThat(p.runq()).isEqualTo(RunqKind.TIMESHARE);
                    if (!preempted && !borrowing && ci.idx() != ci.ridx()) {
                        assertThat(p.queue()).as(() -> where.get() + ": normal add into the draining queue").isNotEqualTo(ci.ridx());
                    }
                    ts = p.atHead() ? ts.addHead(p.queue(), tid++) : ts.addTail(p.queue(), tid++);
                } else if (r < 7) {
                    if (!ts.isEmpty()) {
                        int q = ts.findbitFrom(ci.ridx());
                        ts = ts.removeHead(q);
                        ci = ci.afterRemove(q, ts);
                    }
                } else if (r < 8) {
                    if (!ts.isEmpty()) {
                        int q = rnd.nextInt(64);
                        for (int k = 0; k < 64 && ts.queueSize(q) == 0; k++) {
                            q = (q + 1) % 64;
                        }
                        RunQueue queues = ts;
                        assertThat(ts.queueSize(q)).as(() -> where.get() + ": status " + Long.toHexString(queues.status())
                                + " says non-empty, yet no queue holds a thread").isPositive();
                        ts = ts.remove(q, ts.get(q, rnd.nextInt(ts.queueSize(q))));
                        ci = ci.afterRemove(q, ts);
                    }
                } else {
                    ci = ci.tick(ts);
                }
                int lag = Math.floorMod(ci.idx() - ci.ridx(), 64);
                assertThat(lag).as(() -> where.get() + ": idx - ridx mod 64").isIn(0, 1);
                if (lag == 1) {
                    assertThat(ts.queueSize(ci.ridx())).as(() -> where.get() + ": lagging ridx queue").isPositive();
                }
            }
        }
        assertThat(events).isEqualTo(300_000);
    }

    /** Queue choice: plain pri/4 outside the batch band, calendar inside, ridx for preempted/borrowing. */
    @Test
    void placementRules() {
        assertThat(Calendar.place(0, 0, 0, false, false)).isEqualTo(new Placement(RunqKind.REALTIME, 0, -1, false, false));
        assertThat(Calendar.place(151, 9, 8, true, false)).isEqualTo(new Placement(RunqKind.REALTIME, 37, -1, false, true));
        assertThat(Calendar.place(255, 0, 0, false, true)).isEqualTo(new Placement(RunqKind.IDLE, 63, -1, false, false));
        assertThat(Calendar.place(203, 10, 10, false, false)).isEqualTo(new Placement(RunqKind.TIMESHARE, 55, 45, false, false));
        assertThat(Calendar.place(203, 30, 29, false, true)).isEqualTo(new Placement(RunqKind.TIMESHARE, 29, 45, false, false));
        assertThat(Calendar.place(203, 30, 29, true, false)).isEqualTo(new Placement(RunqKind.TIMESHARE, 29, 45, false, true));
        // Collision: 223 → offset 63; idx 1 → queue 0 == ridx, moved back to 63.
        assertThat(Calendar.place(223, 1, 0, false, false)).isEqualTo(new Placement(RunqKind.TIMESHARE, 63, 63, true, false));
        assertThat(Calendar.baseOffset(152)).isZero();
        assertThat(Calendar.baseOffset(172)).isEqualTo(17);
        assertThat(Calendar.baseOffset(187)).isEqualTo(31);
        assertThat(Calendar.baseOffset(203)).isEqualTo(45);
        assertThat(Calendar.baseOffset(223)).isEqualTo(63);
        assertThat(RunqKind.forPriority(151)).isEqualTo(RunqKind.REALTIME);
        assertThat(RunqKind.forPriority(152)).isEqualTo(RunqKind.TIMESHARE);
        assertThat(RunqKind.forPriority(223)).isEqualTo(RunqKind.TIMESHARE);
        assertThat(RunqKind.forPriority(224)).isEqualTo(RunqKind.IDLE);
    }

    /** Out-of-range priorities and indices are refused with a message saying what was expected. */
    @Test
    void argumentsAreValidated() {
        assertThatThrownBy(() -> RunqKind.forPriority(256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("priority must be in 0..255, got 256");
        assertThatThrownBy(() -> Calendar.baseOffset(151)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baseOffset is defined for batch priorities 152..223, got 151");
        assertThatThrownBy(() -> Calendar.place(160, 64, 0, false, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("idx must be in 0..63, got 64");
        assertThatThrownBy(() -> new CalendarIndex(0, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ridx must be in 0..63, got -1");
        assertThatThrownBy(() -> new Placement(null, 0, 0, false, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Placement(RunqKind.IDLE, 0, -2, false, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baseOffset must be in -1..63, got -2");
    }
}
