// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import org.ulemodel.core.prio.Priorities;

/**
 * FreeBSD 15's priority layout, run-queue geometry and the constants of its %CPU and nice
 * arithmetic — only what differs from FreeBSD 14 or is new; everything unchanged (nice range
 * {@code PRIO_MIN}/{@code PRIO_MAX}, {@code SCHED_TICK_SHIFT}, the interactivity and slice
 * constants, the steal tunables) stays in {@link Priorities}. Derived values are computed here
 * from the bands exactly as the macros at the top of FreeBSD 15's sys/kern/sched_ule.c do.
 *
 * <p>Invariant: the realtime, timeshare and idle policy ranges of the single run queue
 * ({@code RQ_RT_POL_*}, {@code RQ_TS_POL_*}, {@code RQ_ID_POL_*}) partition 0..255, and the
 * timeshare policy range is exactly the batch band (109 queues, {@code RQ_TS_POL_MODULO}).
 * Sources: sys/sys/priority.h (the newest layout, timeshare 56–223), sys/sys/runq.h and
 * sys/kern/sched_ule.c of FreeBSD 15 (see golden/v15/README.md for the commits).
 */
public final class Priorities15 {
    private Priorities15() {
    }

    // ---- bands, FreeBSD 15: sys/sys/priority.h ----

    /** Best interrupt-thread priority. FreeBSD: PRI_MIN_ITHD. */
    public static final int PRI_MIN_ITHD = 0;
    /** Worst interrupt-thread priority. FreeBSD: PRI_MAX_ITHD. */
    public static final int PRI_MAX_ITHD = 7;
    /** Best realtime user priority. FreeBSD: PRI_MIN_REALTIME. */
    public static final int PRI_MIN_REALTIME = PRI_MAX_ITHD + 1;
    /** Worst realtime user priority. FreeBSD: PRI_MAX_REALTIME. */
    public static final int PRI_MAX_REALTIME = 39;
    /** Best kernel ("top half") priority. FreeBSD: PRI_MIN_KERN. */
    public static final int PRI_MIN_KERN = PRI_MAX_REALTIME + 1;
    /** Worst kernel priority. FreeBSD: PRI_MAX_KERN. */
    public static final int PRI_MAX_KERN = 55;
    /** Best timeshare priority. FreeBSD: PRI_MIN_TIMESHARE. */
    public static final int PRI_MIN_TIMESHARE = PRI_MAX_KERN + 1;
    /** Worst timeshare priority (as in V14). FreeBSD: PRI_MAX_TIMESHARE. */
    public static final int PRI_MAX_TIMESHARE = Priorities.PRI_MAX_TIMESHARE;
    /** Best idle-class priority (as in V14). FreeBSD: PRI_MIN_IDLE. */
    public static final int PRI_MIN_IDLE = Priorities.PRI_MIN_IDLE;
    /** Worst priority of all (as in V14). FreeBSD: PRI_MAX_IDLE. */
    public static final int PRI_MAX_IDLE = Priorities.PRI_MAX_IDLE;

    // ---- ULE's split of the timeshare band, FreeBSD 15: sched_ule.c macros ----

    /** Levels of the timeshare band, 168. FreeBSD: PRI_TIMESHARE_RANGE. */
    public static final int PRI_TIMESHARE_RANGE = PRI_MAX_TIMESHARE - PRI_MIN_TIMESHARE + 1;
    /** Levels reserved for nice, SCHED_PRI_NICE(PRIO_MAX) = 50. FreeBSD: SCHED_PRI_NRESV. */
    public static final int SCHED_PRI_NRESV = schedPriNice(Priorities.PRIO_MAX);
    /** Levels of the interactive sub-band, (168 − 50) / 2 = 59. FreeBSD: PRI_INTERACT_RANGE. */
    public static final int PRI_INTERACT_RANGE = (PRI_TIMESHARE_RANGE - SCHED_PRI_NRESV) / 2;
    /** Levels of the batch sub-band, 109. FreeBSD: PRI_BATCH_RANGE. */
    public static final int PRI_BATCH_RANGE = PRI_TIMESHARE_RANGE - PRI_INTERACT_RANGE;
    /** Best interactive priority, 56. FreeBSD: PRI_MIN_INTERACT. */
    public static final int PRI_MIN_INTERACT = PRI_MIN_TIMESHARE;
    /** Worst interactive priority, 114. FreeBSD: PRI_MAX_INTERACT. */
    public static final int PRI_MAX_INTERACT = PRI_MIN_TIMESHARE + PRI_INTERACT_RANGE - 1;
    /** Best batch priority, 115; also the default static boost. FreeBSD: PRI_MIN_BATCH. */
    public static final int PRI_MIN_BATCH = PRI_MIN_TIMESHARE + PRI_INTERACT_RANGE;
    /** Worst batch priority, 223. FreeBSD: PRI_MAX_BATCH. */
    public static final int PRI_MAX_BATCH = PRI_MAX_TIMESHARE;
    /** Levels a batch priority's %CPU part spans, 109 − 50 = 59. FreeBSD: SCHED_PRI_CPU_RANGE. */
    public static final int SCHED_PRI_CPU_RANGE = PRI_BATCH_RANGE - SCHED_PRI_NRESV;

    // ---- the single run queue, FreeBSD 15: sys/sys/runq.h (amd64: 64-bit status words) ----

    /** Priorities per queue: one queue per level. FreeBSD: RQ_PPQ. */
    public static final int RQ_PPQ = 1;
    /** Queues of the run queue, 256. FreeBSD: RQ_NQS. */
    public static final int RQ_NQS = (PRI_MAX_IDLE + 1) / RQ_PPQ;
    /** Bits per status word (unsigned long on amd64). FreeBSD: RQSW_BPW. */
    public static final int RQSW_BPW = 64;
    /** Status words, 4. FreeBSD: RQSW_NB. */
    public static final int RQSW_NB = RQ_NQS / RQSW_BPW;
    /** First queue of the realtime policy (ithreads … interactive timeshare). FreeBSD: RQ_RT_POL_MIN. */
    public static final int RQ_RT_POL_MIN = PRI_MIN_ITHD / RQ_PPQ;
    /** Last queue of the realtime policy, 114. FreeBSD: RQ_RT_POL_MAX. */
    public static final int RQ_RT_POL_MAX = PRI_MAX_INTERACT / RQ_PPQ;
    /** First queue of the timeshare (calendar) policy, 115. FreeBSD: RQ_TS_POL_MIN. */
    public static final int RQ_TS_POL_MIN = PRI_MIN_BATCH / RQ_PPQ;
    /** Last queue of the timeshare policy, 223. FreeBSD: RQ_TS_POL_MAX. */
    public static final int RQ_TS_POL_MAX = PRI_MAX_BATCH / RQ_PPQ;
    /** Queues of the circular timeshare range, 109. FreeBSD: RQ_TS_POL_MODULO. */
    public static final int RQ_TS_POL_MODULO = RQ_TS_POL_MAX - RQ_TS_POL_MIN + 1;
    /** First queue of the idle policy, 224. FreeBSD: RQ_ID_POL_MIN. */
    public static final int RQ_ID_POL_MIN = PRI_MIN_IDLE / RQ_PPQ;
    /** Last queue of the idle policy, 255. FreeBSD: RQ_ID_POL_MAX. */
    public static final int RQ_ID_POL_MAX = PRI_MAX_IDLE / RQ_PPQ;

    // ---- %CPU window, FreeBSD 15: sched_ule.c ----

    /** Seconds of %CPU history (the window's maximum length). FreeBSD: SCHED_TICK_SECS. */
    public static final int SCHED_TICK_SECS = 11;
    /** Numerator of the per-second %CPU decay, 10/11. FreeBSD: SCHED_CPU_DECAY_NUMER. */
    public static final int SCHED_CPU_DECAY_NUMER = 10;
    /** Denominator of the per-second %CPU decay. FreeBSD: SCHED_CPU_DECAY_DENOM. */
    public static final int SCHED_CPU_DECAY_DENOM = 11;

    // ---- tunable defaults, FreeBSD 15: statics in sched_ule.c ----

    /** Default kern.sched.ule.preempt_thresh with options PREEMPTION (= PRI_MIN_KERN, 40). */
    public static final int PREEMPT_THRESH_DEFAULT = PRI_MIN_KERN;
    /** kern.sched.ule.preempt_thresh with options FULL_PREEMPTION (= PRI_MAX_IDLE + 1, 256; the test is {@code <}). */
    public static final int PREEMPT_THRESH_FULL = PRI_MAX_IDLE + 1;
    /** Default kern.sched.ule.static_boost (= PRI_MIN_BATCH, 115). FreeBSD: static_boost. */
    public static final int STATIC_BOOST_DEFAULT = PRI_MIN_BATCH;

    /**
     * The nice part of a batch priority: (nice − PRIO_MIN) · 5 / 4, integer division, so 0..50
     * for nice −20..20 in uneven steps and 25 for nice 0. FreeBSD: SCHED_PRI_NICE().
     */
    public static int schedPriNice(int nice) {
        return (nice - Priorities.PRIO_MIN) * 5 / 4;
    }

    /** True when {@code pri} lies in the batch band [115, 223], the circular timeshare policy range. */
    public static boolean isBatch(int pri) {
        return pri >= PRI_MIN_BATCH && pri <= PRI_MAX_BATCH;
    }
}
