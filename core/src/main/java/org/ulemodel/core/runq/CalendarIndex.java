// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.runq;

/**
 * The V14 calendar indices of a {@code struct tdq}: {@code tdq_idx} (where new batch work is
 * inserted, relative) and {@code tdq_ridx} (the queue being drained, where picks start).
 * Invariant of real runs: starting from 0/0, {@code (idx - ridx) mod 64} is 0 or 1; the record
 * itself accepts any pair of indices in 0..63 so that the raw arithmetic can be tested.
 *
 * @param idx {@code tdq_idx}, 0..63
 * @param ridx {@code tdq_ridx}, 0..63
 */
record CalendarIndex(int idx, int ridx) {
    /** Both indices at 0, as {@code tdq_setup} leaves them. */
    public static final CalendarIndex INITIAL = new CalendarIndex(0, 0);

    /** Checks both indices are in 0..63. */
    public CalendarIndex {
        RunqConstants.checkCalendarIndex(idx, "idx");
        RunqConstants.checkCalendarIndex(ridx, "ridx");
    }

    /**
     * One stathz tick ({@code sched_clock}): only when {@code idx == ridx}, idx advances to
     * {@code (idx + 1) % 64} and, if the timeshare queue at the old ridx is empty, ridx catches
     * up to the new idx. When {@code idx != ridx} nothing changes (the emptiness test sits inside
     * the {@code idx == ridx} branch in sched_ule.c).
     */
    public CalendarIndex tick(RunQueue timeshare) {
        if (idx != ridx) {
            return this;
        }
        int nidx = (idx + 1) % RunqConstants.RQ_NQS;
        int nridx = timeshare.queueSize(ridx) == 0 ? nidx : ridx;
        return new CalendarIndex(nidx, nridx);
    }

    /**
     * The indices after a thread left timeshare queue {@code queue}, given the timeshare runq
     * after that removal ({@code tdq_runq_rem} → {@code runq_remove_idx}, see
     * {@link Calendar#advanceOnRemove}).
     */
    public CalendarIndex afterRemove(int queue, RunQueue timeshareAfterRemoval) {
        int nridx = Calendar.advanceOnRemove(idx, ridx, queue, timeshareAfterRemoval.queueSize(queue) == 0);
        return nridx == ridx ? this : new CalendarIndex(idx, nridx);
    }

    /** The queue {@code tdq_runq_add} chooses with these indices: {@link Calendar#place(int, int, int, boolean, boolean)}. */
    public Placement place(int pri, boolean preempted, boolean borrowing) {
        return Calendar.place(pri, idx, ridx, preempted, borrowing);
    }
}
