// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import java.util.function.IntPredicate;
import org.ulemodel.core.runq.RunqKind;

/**
 * FreeBSD 15's timeshare calendar: the batch band's 109 queues (absolute 115..223) of the single
 * run queue used as a ring, with the {@code struct tdq} fields that drive it — {@code tdq_ts_off}
 * (insertion offset), {@code tdq_ts_deq_off} (dequeue offset) and {@code tdq_ts_ticks} (stathz
 * ticks since the last 7/4 correction) — and the queue arithmetic of {@code tdq_runq_add},
 * {@code tdq_runq_rem}, {@code sched_clock} and {@code tdq_choose}. Offsets are relative to
 * RQ_TS_POL_MIN (115). Every method is pure: the run queue itself is not held here, its
 * emptiness is passed in as a predicate over absolute queue indices ({@code runq_is_queue_empty}).
 *
 * <p>Invariant (checked): both offsets in 0..108, tsTicks in 0..3. Real runs, starting from
 * {@link #INITIAL}, also keep the lag (tsOff − deqOff) mod 109 in {0, 1, 2} ({@link #lag()}).
 *
 * @param tsOff   tdq_ts_off, 0..108
 * @param deqOff  tdq_ts_deq_off, 0..108
 * @param tsTicks tdq_ts_ticks, 0..3
 */
public record Calendar15(int tsOff, int deqOff, int tsTicks) {
    private static final int MODULO = Priorities15.RQ_TS_POL_MODULO;
    private static final int TS_MIN = Priorities15.RQ_TS_POL_MIN;

    /** All zero, as {@code tdq_setup} leaves a tdq. */
    public static final Calendar15 INITIAL = new Calendar15(0, 0, 0);

    /** The largest {@code cnt} {@link #tick} accepts; sched_clock's cnt counts stathz ticks and is small. */
    public static final int MAX_CNT = 1 << 16;

    /** Checks the ranges stated in the class comment. */
    public Calendar15 {
        checkOffset(tsOff, "tdq_ts_off");
        checkOffset(deqOff, "tdq_ts_deq_off");
        if (tsTicks < 0 || tsTicks > 3) {
            throw new IllegalArgumentException("tdq_ts_ticks must be in 0..3, got " + tsTicks);
        }
    }

    /**
     * An offset brought into 0..108: (offset + 109) % 109, for offset &ge; −109.
     * FreeBSD 15: normalize_ts_off().
     *
     * @throws IllegalArgumentException when offset &lt; −109 (FreeBSD asserts against it)
     */
    public static int normalize(int offset) {
        if (offset < -MODULO) {
            throw new IllegalArgumentException("offset must be >= -" + MODULO + ", got " + offset);
        }
        return (offset + MODULO) % MODULO;
    }

    /**
     * The policy range of the run queue that holds priority {@code pri}: realtime 0..114
     * (ithreads, realtime, kernel and interactive timeshare), timeshare 115..223 (the calendar),
     * idle 224..255. FreeBSD 15: the RQ_*_POL_* ranges of sched_ule.c.
     *
     * @throws IllegalArgumentException unless 0 &le; pri &le; 255
     */
    public static RunqKind policy(int pri) {
        if (pri < 0 || pri > Priorities15.PRI_MAX_IDLE) {
            throw new IllegalArgumentException("priority must be in 0.." + Priorities15.PRI_MAX_IDLE + ", got " + pri);
        }
        if (pri <= Priorities15.RQ_RT_POL_MAX) {
            return RunqKind.REALTIME;
        }
        return pri <= Priorities15.RQ_TS_POL_MAX ? RunqKind.TIMESHARE : RunqKind.IDLE;
    }

    /** The lag (tsOff − deqOff) mod 109: 0, 1 or 2 in a real run. */
    public int lag() {
        return normalize(tsOff - deqOff);
    }

    /**
     * The queue {@code tdq_runq_add} chooses for priority {@code pri}. Outside the batch band:
     * queue {@code pri}. In it: with {@code preempted} ({@code SRQ_PREEMPTED}) or
     * {@code borrowing} ({@code SRQ_BORROWING}) offset deqOff; otherwise offset
     * normalize(pri − 115 + tsOff), and when deqOff ≠ tsOff and that offset lies in the window
     * still to be drained — normalize(offset − deqOff) &lt; normalize(tsOff − deqOff) — the
     * offset becomes normalize(deqOff − 1). The queue is 115 + offset; the thread goes to the
     * head iff {@code preempted} ({@code runq_add_idx}). FreeBSD 15: tdq_runq_add().
     *
     * @throws IllegalArgumentException unless 0 &le; pri &le; 255
     */
    public Placement15 place(int pri, boolean preempted, boolean borrowing) {
        RunqKind policy = policy(pri);
        if (policy != RunqKind.TIMESHARE) {
            return new Placement15(policy, pri, -1, false, preempted);
        }
        int base = pri - TS_MIN;
        if (preempted || borrowing) {
            return new Placement15(policy, TS_MIN + deqOff, base, false, preempted);
        }
        int off = normalize(base + tsOff);
        boolean adjusted = deqOff != tsOff && normalize(off - deqOff) < normalize(tsOff - deqOff);
        if (adjusted) {
            off = normalize(deqOff - 1);
        }
        return new Placement15(policy, TS_MIN + off, base, adjusted, false);
    }

    /**
     * One call of {@code sched_clock} with {@code cnt} stathz ticks. Only when tsOff == deqOff:
     * tsTicks += cnt (a u_char), tsOff = (tsOff + 2·cnt − tsTicks/4) % 109, tsTicks %= 4, then
     * {@link #advanceDeqOff advanceDeqOff(false, …)}. One tick at a time this moves tsOff by
     * 2, 2, 2, 1: 7/4 queues per tick on average. FreeBSD 15: sched_clock().
     *
     * @param cnt        stathz ticks, 1..{@value #MAX_CNT}
     * @param queueEmpty whether the run queue's queue at an absolute index is empty
     */
    public Calendar15 tick(int cnt, IntPredicate queueEmpty) {
        if (cnt < 1 || cnt > MAX_CNT) {
            throw new IllegalArgumentException("cnt must be in 1.." + MAX_CNT + ", got " + cnt);
        }
        if (tsOff != deqOff) {
            return this;
        }
        int ticks = (tsTicks + cnt) & 0xFF;
        int off = (tsOff + 2 * cnt - ticks / 4) % MODULO;
        return new Calendar15(off, deqOff, ticks % 4).advanceDeqOff(false, queueEmpty);
    }

    /**
     * Moves deqOff forward, one queue at a time, while it is not tsOff and its queue is empty;
     * with {@code deqQueueKnownEmpty} the first queue is taken to be empty without asking.
     * FreeBSD 15: tdq_advance_ts_deq_off().
     */
    public Calendar15 advanceDeqOff(boolean deqQueueKnownEmpty, IntPredicate queueEmpty) {
        int d = deqOff;
        boolean known = deqQueueKnownEmpty;
        while (d != tsOff) {
            if (known) {
                known = false;
            } else if (!queueEmpty.test(TS_MIN + d)) {
                break;
            }
            d = (d + 1) % MODULO;
        }
        return d == deqOff ? this : new Calendar15(tsOff, d, tsTicks);
    }

    /**
     * The calendar after a thread of priority {@code pri} left queue {@code rqindex}: when the
     * priority is in the batch band, the queue became empty and it is deqOff's queue, deqOff
     * advances ({@link #advanceDeqOff advanceDeqOff(true, …)}); otherwise nothing changes.
     * FreeBSD 15: tdq_runq_rem().
     *
     * @param queueEmpty the run queue after the removal
     */
    public Calendar15 afterRemove(int pri, int rqindex, boolean queueNowEmpty, IntPredicate queueEmpty) {
        if (Priorities15.isBatch(pri) && queueNowEmpty && TS_MIN + deqOff == rqindex) {
            return advanceDeqOff(true, queueEmpty);
        }
        return this;
    }

    /**
     * The queue {@code tdq_choose} takes its thread from: the first non-empty queue of the
     * realtime range 0..114; else of [115 + deqOff, 223], then of [115, 115 + deqOff − 1]; else
     * of the idle range 224..255; −1 when all are empty. FreeBSD 15: tdq_choose(),
     * runq_choose_timeshare().
     */
    public int chooseQueue(IntPredicate queueEmpty) {
        int q = findq(Priorities15.RQ_RT_POL_MIN, Priorities15.RQ_RT_POL_MAX, queueEmpty);
        if (q < 0) {
            q = findq(TS_MIN + deqOff, Priorities15.RQ_TS_POL_MAX, queueEmpty);
        }
        if (q < 0 && deqOff != 0) {
            q = findq(TS_MIN, TS_MIN + deqOff - 1, queueEmpty);
        }
        return q < 0 ? findq(Priorities15.RQ_ID_POL_MIN, Priorities15.RQ_ID_POL_MAX, queueEmpty) : q;
    }

    /** The first non-empty queue in [lo, hi], or −1. FreeBSD 15: runq_findq() with an accept-all predicate. */
    private static int findq(int lo, int hi, IntPredicate queueEmpty) {
        for (int q = lo; q <= hi; q++) {
            if (!queueEmpty.test(q)) {
                return q;
            }
        }
        return -1;
    }

    private static void checkOffset(int off, String name) {
        if (off < 0 || off >= MODULO) {
            throw new IllegalArgumentException(name + " must be in 0.." + (MODULO - 1) + ", got " + off);
        }
    }
}
