// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.runq;

/**
 * The V14 constants this package needs, in one place (sys/sys/priority.h, sys/sys/runq.h,
 * sched_ule.c). Temporary: to be replaced by {@code org.ulemodel.core.prio.Priorities}, which
 * uses the same names, when the branches merge.
 */
final class RunqConstants {
    /** {@code PRI_MIN_BATCH}: first priority of the timeshare (calendar) runq. */
    static final int PRI_MIN_BATCH = 152;
    /** {@code PRI_MAX_BATCH}: last priority of the timeshare (calendar) runq. */
    static final int PRI_MAX_BATCH = 223;
    /** {@code PRI_MIN_IDLE}: first priority of the idle runq. */
    static final int PRI_MIN_IDLE = 224;
    /** {@code PRI_MAX_IDLE}: the worst priority. */
    static final int PRI_MAX_IDLE = 255;
    /** {@code PRI_BATCH_RANGE} = MAX_BATCH − MIN_BATCH + 1 = 72. */
    static final int PRI_BATCH_RANGE = PRI_MAX_BATCH - PRI_MIN_BATCH + 1;
    /** {@code RQ_NQS}: queues per runq. */
    static final int RQ_NQS = 64;
    /** {@code RQ_PPQ}: priorities per queue in the plain mapping. */
    static final int RQ_PPQ = 4;

    private RunqConstants() {
    }

    static int checkPriority(int pri) {
        if (pri < 0 || pri > PRI_MAX_IDLE) {
            throw new IllegalArgumentException("priority must be in 0.." + PRI_MAX_IDLE + ", got " + pri);
        }
        return pri;
    }

    static int checkCalendarIndex(int i, String name) {
        if (i < 0 || i >= RQ_NQS) {
            throw new IllegalArgumentException(name + " must be in 0.." + (RQ_NQS - 1) + ", got " + i);
        }
        return i;
    }
}
