// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import org.ulemodel.core.runq.RunqKind;

/**
 * Where FreeBSD 15's {@code tdq_runq_add} puts a thread in the single 256-queue run queue: the
 * policy range, the absolute queue index (what FreeBSD records in {@code td_rqindex}) and how it
 * came about. Invariant (checked): queue in 0..255; baseOffset −1 outside the timeshare range and
 * in 0..108 inside it; only a timeshare placement can be collision-adjusted.
 *
 * @param policy            which policy range of the run queue ({@code RQ_RT_POL_*},
 *                          {@code RQ_TS_POL_*}, {@code RQ_ID_POL_*}); V14's run-queue kinds
 *                          name them
 * @param queue             the absolute queue index, 0..255 (the priority itself outside the
 *                          timeshare range, as RQ_PPQ is 1)
 * @param baseOffset        timeshare: the priority's own offset, priority − 115 (computed even when
 *                          PREEMPTED/BORROWING ignore it); else −1
 * @param collisionAdjusted whether the calendar slot fell in the not-yet-drained window
 *                          [tdq_ts_deq_off, tdq_ts_off) and was moved to the slot just behind it
 * @param atHead            whether the thread goes to the head of its queue ({@code SRQ_PREEMPTED})
 */
public record Placement15(RunqKind policy, int queue, int baseOffset, boolean collisionAdjusted, boolean atHead) {

    /** Checks the invariant stated in the class comment. */
    public Placement15 {
        if (policy == null) {
            throw new IllegalArgumentException("policy must not be null");
        }
        if (queue < 0 || queue >= Priorities15.RQ_NQS) {
            throw new IllegalArgumentException("queue must be in 0.." + (Priorities15.RQ_NQS - 1) + ", got " + queue);
        }
        boolean ts = policy == RunqKind.TIMESHARE;
        if (ts ? baseOffset < 0 || baseOffset >= Priorities15.RQ_TS_POL_MODULO : baseOffset != -1 || collisionAdjusted) {
            throw new IllegalArgumentException("a " + policy + " placement cannot have baseOffset " + baseOffset
                    + (collisionAdjusted ? " and a collision adjustment" : ""));
        }
    }

    /** The queue's offset inside the timeshare range, queue − RQ_TS_POL_MIN (0..108), or −1 for another policy. */
    public int offsetInTsRange() {
        return policy == RunqKind.TIMESHARE ? queue - Priorities15.RQ_TS_POL_MIN : -1;
    }
}
