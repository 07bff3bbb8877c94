// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.runq;

import static org.ulemodel.core.runq.RunqConstants.PRI_BATCH_RANGE;
import static org.ulemodel.core.runq.RunqConstants.PRI_MIN_BATCH;
import static org.ulemodel.core.runq.RunqConstants.RQ_NQS;
import static org.ulemodel.core.runq.RunqConstants.RQ_PPQ;

/**
 * The V14 queue-choice arithmetic of {@code tdq_runq_add} and the removal rule of
 * {@code runq_remove_idx} (sched_ule.c, kern_switch.c), as pure functions. Stateful use goes
 * through {@link CalendarIndex}.
 */
public final class Calendar {
    private Calendar() {
    }

    /**
     * The calendar offset of a batch priority: {@code RQ_NQS * (pri - PRI_MIN_BATCH) /
     * PRI_BATCH_RANGE} = {@code 64*(pri-152)/72}, integer division (152→0, 172→17, 203→45, 223→63).
     *
     * @throws IllegalArgumentException unless {@code 152 <= pri <= 223}
     */
    public static int baseOffset(int pri) {
        if (RunqKind.forPriority(pri) != RunqKind.TIMESHARE) {
            throw new IllegalArgumentException("baseOffset is defined for batch priorities "
                    + PRI_MIN_BATCH + ".." + RunqConstants.PRI_MAX_BATCH + ", got " + pri);
        }
        return RQ_NQS * (pri - PRI_MIN_BATCH) / PRI_BATCH_RANGE;
    }

    /**
     * The queue {@code tdq_runq_add} chooses. Realtime and idle priorities: queue {@code pri/4},
     * base offset −1. Batch priorities: with {@code preempted} ({@code SRQ_PREEMPTED}) or
     * {@code borrowing} ({@code SRQ_BORROWING}) queue {@code ridx}; otherwise
     * {@code q = (baseOffset + idx) % 64}, and if {@code ridx != idx && q == ridx} then
     * {@code q = (q - 1) mod 64} (collision-adjusted: the draining queue takes no new work).
     * The thread goes to the head iff {@code preempted}.
     *
     * @param idx {@code tdq_idx}, 0..63
     * @param ridx {@code tdq_ridx}, 0..63
     * @throws IllegalArgumentException on a priority outside 0..255 or an index outside 0..63
     */
    public static Placement place(int pri, int idx, int ridx, boolean preempted, boolean borrowing) {
        RunqKind kind = RunqKind.forPriority(pri);
        RunqConstants.checkCalendarIndex(idx, "idx");
        RunqConstants.checkCalendarIndex(ridx, "ridx");
        if (kind != RunqKind.TIMESHARE) {
            return new Placement(kind, pri / RQ_PPQ, -1, false, preempted);
        }
        int off = baseOffset(pri);
        if (preempted || borrowing) {
            return new Placement(kind, ridx, off, false, preempted);
        }
        int q = (off + idx) % RQ_NQS;
        boolean adjusted = ridx != idx && q == ridx;
        if (adjusted) {
            q = (q + RQ_NQS - 1) % RQ_NQS; // FreeBSD: (u_char)(q - 1) % RQ_NQS; 255 % 64 = 63 likewise
        }
        return new Placement(kind, q, off, adjusted, preempted);
    }

    /**
     * The new {@code tdq_ridx} after a thread left timeshare queue {@code queue}
     * ({@code tdq_runq_rem} → {@code runq_remove_idx}): only when {@code idx != ridx} (otherwise
     * FreeBSD passes NULL), the queue became empty and it is {@code ridx} does ridx advance to
     * {@code (ridx + 1) % 64}; else it is returned unchanged.
     *
     * @throws IllegalArgumentException on an index outside 0..63
     */
    public static int advanceOnRemove(int idx, int ridx, int queue, boolean queueNowEmpty) {
        RunqConstants.checkCalendarIndex(idx, "idx");
        RunqConstants.checkCalendarIndex(ridx, "ridx");
        RunqConstants.checkCalendarIndex(queue, "queue");
        if (idx != ridx && queueNowEmpty && queue == ridx) {
            return (ridx + 1) % RQ_NQS;
        }
        return ridx;
    }
}
