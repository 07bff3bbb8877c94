// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.runq;

import java.util.List;

/**
 * The three V14 per-CPU run queues of a {@code struct tdq}: {@code tdq_realtime},
 * {@code tdq_timeshare} (the batch calendar) and {@code tdq_idle}. Which one a thread enters
 * depends only on its current {@code td_priority} ({@code tdq_runq_add}).
 */
public enum RunqKind {
    /** {@code tdq_realtime}: priorities 0..151 (ithreads, realtime, kernel, interactive timeshare), plain mapping pri/4. */
    REALTIME,
    /** {@code tdq_timeshare}: batch priorities 152..223, queued at a calendar position. */
    TIMESHARE,
    /** {@code tdq_idle}: priorities 224..255, plain mapping pri/4. */
    IDLE;

    /**
     * The three kinds in declaration order, as an immutable list: for loops on hot paths, where
     * {@code values()} would copy an array on every call.
     */
    public static final List<RunqKind> IN_ORDER = List.of(values());

    /**
     * The runq {@code tdq_runq_add} uses for priority {@code pri}: below {@code PRI_MIN_BATCH}
     * (152) realtime, up to {@code PRI_MAX_BATCH} (223) timeshare, else idle.
     *
     * @throws IllegalArgumentException unless {@code 0 <= pri <= 255}
     */
    public static RunqKind forPriority(int pri) {
        RunqConstants.checkPriority(pri);
        if (pri < RunqConstants.PRI_MIN_BATCH) {
            return REALTIME;
        }
        return pri <= RunqConstants.PRI_MAX_BATCH ? TIMESHARE : IDLE;
    }
}
