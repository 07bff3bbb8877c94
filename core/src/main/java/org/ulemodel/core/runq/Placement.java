// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.runq;

/**
 * Where {@code tdq_runq_add} puts a thread: the runq, the queue index within it (what FreeBSD
 * records in {@code td_rqindex}), and how that index came about.
 *
 * @param runq which of the three runqs
 * @param queue the queue index, 0..63
 * @param baseOffset for the timeshare runq the calendar offset {@code 64*(pri-152)/72}
 *     (computed even when PREEMPTED/BORROWING ignore it), else −1
 * @param collisionAdjusted whether the calendar slot was the draining {@code tdq_ridx} and was
 *     moved back by one
 * @param atHead whether the thread goes to the head of the queue ({@code SRQ_PREEMPTED})
 */
public record Placement(RunqKind runq, int queue, int baseOffset, boolean collisionAdjusted, boolean atHead) {
    /** Checks {@code runq != null}, {@code 0 <= queue <= 63} and {@code -1 <= baseOffset <= 63}. */
    public Placement {
        if (runq == null) {
            throw new IllegalArgumentException("runq must not be null");
        }
        RunqConstants.checkCalendarIndex(queue, "queue");
        if (baseOffset < -1 || baseOffset >= RunqConstants.RQ_NQS) {
            throw new IllegalArgumentException("baseOffset must be in -1..63, got " + baseOffset);
        }
    }
}
