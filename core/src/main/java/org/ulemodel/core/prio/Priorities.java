// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.prio;

/**
 * The V14 priority constants (smaller is better, 0..255) and ULE's tunable defaults.
 *
 * <p>Base values come from sys/sys/priority.h, sys/sys/resource.h and sys/sys/runq.h; every
 * derived value is computed here from them exactly as the macros in sys/kern/sched_ule.c do,
 * so changing a base band changes everything that depends on it.
 */
public final class Priorities {
    private Priorities() {
    }

    // ---- bands, FreeBSD: sys/sys/priority.h (FreeBSD 10..14 layout) ----

    /** Best interrupt-thread priority. FreeBSD: PRI_MIN_ITHD. */
    public static final int PRI_MIN_ITHD = 0;
    /** Worst interrupt-thread priority. FreeBSD: PRI_MAX_ITHD. */
    public static final int PRI_MAX_ITHD = 47;
    /** Best realtime user priority. FreeBSD: PRI_MIN_REALTIME. */
    public static final int PRI_MIN_REALTIME = PRI_MAX_ITHD + 1;
    /** Worst realtime user priority. FreeBSD: PRI_MAX_REALTIME. */
    public static final int PRI_MAX_REALTIME = 79;
    /** Best kernel ("top half") priority. FreeBSD: PRI_MIN_KERN. */
    public static final int PRI_MIN_KERN = PRI_MAX_REALTIME + 1;
    /** Worst kernel priority. FreeBSD: PRI_MAX_KERN. */
    public static final int PRI_MAX_KERN = 119;
    /** Best timeshare priority. FreeBSD: PRI_MIN_TIMESHARE. */
    public static final int PRI_MIN_TIMESHARE = PRI_MAX_KERN + 1;
    /** Worst timeshare priority. FreeBSD: PRI_MAX_TIMESHARE. */
    public static final int PRI_MAX_TIMESHARE = 223;
    /** Best idle-class priority. FreeBSD: PRI_MIN_IDLE. */
    public static final int PRI_MIN_IDLE = PRI_MAX_TIMESHARE + 1;
    /** Worst priority of all. FreeBSD: PRI_MAX_IDLE. */
    public static final int PRI_MAX_IDLE = 255;
    /** Bit ORed into td_pri_class for POSIX SCHED_FIFO. FreeBSD: PRI_FIFO_BIT. */
    public static final int PRI_FIFO_BIT = 8;

    // ---- kernel sleep priorities, offsets from PRI_MIN_KERN (sys/sys/priority.h, V14) ----

    /** FreeBSD: PSWP = PRI_MIN_KERN + 0. */
    public static final int PSWP = PRI_MIN_KERN;
    /** FreeBSD: PVM = PRI_MIN_KERN + 4. */
    public static final int PVM = PRI_MIN_KERN + 4;
    /** FreeBSD: PINOD = PRI_MIN_KERN + 8. */
    public static final int PINOD = PRI_MIN_KERN + 8;
    /** FreeBSD: PRIBIO = PRI_MIN_KERN + 12. */
    public static final int PRIBIO = PRI_MIN_KERN + 12;
    /** FreeBSD: PVFS = PRI_MIN_KERN + 16. */
    public static final int PVFS = PRI_MIN_KERN + 16;
    /** FreeBSD: PZERO = PRI_MIN_KERN + 20. */
    public static final int PZERO = PRI_MIN_KERN + 20;
    /** FreeBSD: PSOCK = PRI_MIN_KERN + 24. */
    public static final int PSOCK = PRI_MIN_KERN + 24;
    /** FreeBSD: PWAIT = PRI_MIN_KERN + 28. */
    public static final int PWAIT = PRI_MIN_KERN + 28;
    /** FreeBSD: PLOCK = PRI_MIN_KERN + 32. */
    public static final int PLOCK = PRI_MIN_KERN + 32;
    /** FreeBSD: PPAUSE = PRI_MIN_KERN + 36. */
    public static final int PPAUSE = PRI_MIN_KERN + 36;

    // ---- nice, FreeBSD: sys/sys/resource.h ----

    /** Best nice value. FreeBSD: PRIO_MIN. */
    public static final int PRIO_MIN = -20;
    /** Worst nice value. FreeBSD: PRIO_MAX. */
    public static final int PRIO_MAX = 20;

    // ---- run queues, FreeBSD: sys/sys/runq.h (classic, amd64) ----

    /** Queues per run queue. FreeBSD: RQ_NQS. */
    public static final int RQ_NQS = 64;
    /** Priorities per queue in the realtime and idle run queues. FreeBSD: RQ_PPQ. */
    public static final int RQ_PPQ = 4;
    /** Bits per status word on amd64. FreeBSD: RQB_BPW. */
    public static final int RQB_BPW = 64;
    /** Status words per run queue on amd64 (RQ_NQS / RQB_BPW). FreeBSD: RQB_LEN. */
    public static final int RQB_LEN = RQ_NQS / RQB_BPW;

    // ---- ULE's split of the timeshare band, FreeBSD: sys/kern/sched_ule.c macros ----

    /** Levels of the timeshare band. FreeBSD: PRI_TIMESHARE_RANGE. */
    public static final int PRI_TIMESHARE_RANGE = PRI_MAX_TIMESHARE - PRI_MIN_TIMESHARE + 1;
    /** Levels reserved for nice (V14: PRIO_MAX − PRIO_MIN). FreeBSD: SCHED_PRI_NRESV. */
    public static final int SCHED_PRI_NRESV = PRIO_MAX - PRIO_MIN;
    /** Half of the nice levels. FreeBSD: SCHED_PRI_NHALF. */
    public static final int SCHED_PRI_NHALF = SCHED_PRI_NRESV / 2;
    /** Levels of the interactive sub-band (integer division). FreeBSD: PRI_INTERACT_RANGE. */
    public static final int PRI_INTERACT_RANGE = (PRI_TIMESHARE_RANGE - SCHED_PRI_NRESV) / 2;
    /** Levels of the batch sub-band. FreeBSD: PRI_BATCH_RANGE. */
    public static final int PRI_BATCH_RANGE = PRI_TIMESHARE_RANGE - PRI_INTERACT_RANGE;
    /** Best interactive priority. FreeBSD: PRI_MIN_INTERACT. */
    public static final int PRI_MIN_INTERACT = PRI_MIN_TIMESHARE;
    /** Worst interactive priority. FreeBSD: PRI_MAX_INTERACT. */
    public static final int PRI_MAX_INTERACT = PRI_MIN_INTERACT + PRI_INTERACT_RANGE - 1;
    /** Best batch priority; also the default static boost. FreeBSD: PRI_MIN_BATCH. */
    public static final int PRI_MIN_BATCH = PRI_MIN_INTERACT + PRI_INTERACT_RANGE;
    /** Worst batch priority. FreeBSD: PRI_MAX_BATCH. */
    public static final int PRI_MAX_BATCH = PRI_MAX_TIMESHARE;
    /** Start of the %CPU-driven batch band (nice 0, no CPU use). FreeBSD: SCHED_PRI_MIN. */
    public static final int SCHED_PRI_MIN = PRI_MIN_BATCH + SCHED_PRI_NHALF;
    /** End of the %CPU-driven batch band. FreeBSD: SCHED_PRI_MAX. */
    public static final int SCHED_PRI_MAX = PRI_MAX_BATCH - SCHED_PRI_NHALF;
    /** Levels of the %CPU-driven batch band. FreeBSD: SCHED_PRI_RANGE. */
    public static final int SCHED_PRI_RANGE = SCHED_PRI_MAX - SCHED_PRI_MIN + 1;

    // ---- %CPU window and interactivity, FreeBSD: sys/kern/sched_ule.c ----

    /** Seconds of %CPU history. FreeBSD: SCHED_TICK_SECS. */
    public static final int SCHED_TICK_SECS = 10;
    /** Fixed-point shift of runtime, slptime and ts_ticks. FreeBSD: SCHED_TICK_SHIFT. */
    public static final int SCHED_TICK_SHIFT = 10;
    /** Largest interactivity score. FreeBSD: SCHED_INTERACT_MAX. */
    public static final int SCHED_INTERACT_MAX = 100;
    /** Half the largest score. FreeBSD: SCHED_INTERACT_HALF. */
    public static final int SCHED_INTERACT_HALF = SCHED_INTERACT_MAX / 2;
    /** Default interactivity threshold (tunable kern.sched.interact). FreeBSD: SCHED_INTERACT_THRESH. */
    public static final int SCHED_INTERACT_THRESH = 30;

    // ---- slices ----

    /** sched_slice = realstathz / this. FreeBSD: SCHED_SLICE_DEFAULT_DIVISOR. */
    public static final int SCHED_SLICE_DEFAULT_DIVISOR = 10;
    /** sched_slice_min = sched_slice / this. FreeBSD: SCHED_SLICE_MIN_DIVISOR. */
    public static final int SCHED_SLICE_MIN_DIVISOR = 6;

    // ---- tunable defaults, FreeBSD: statics in sys/kern/sched_ule.c ----

    /** Default kern.sched.preempt_thresh with options PREEMPTION (= PRI_MIN_KERN). */
    public static final int PREEMPT_THRESH_DEFAULT = PRI_MIN_KERN;
    /** kern.sched.preempt_thresh with options FULL_PREEMPTION (= PRI_MAX_IDLE). */
    public static final int PREEMPT_THRESH_FULL = PRI_MAX_IDLE;
    /** kern.sched.preempt_thresh without options PREEMPTION. */
    public static final int PREEMPT_THRESH_NONE = 0;
    /** Default kern.sched.static_boost (= PRI_MIN_BATCH). FreeBSD: static_boost. */
    public static final int STATIC_BOOST_DEFAULT = PRI_MIN_BATCH;
    /** Default kern.sched.idlespins. FreeBSD: sched_idlespins. */
    public static final int SCHED_IDLESPINS = 10000;
    /** Default kern.sched.steal_thresh. FreeBSD: steal_thresh. */
    public static final int STEAL_THRESH = 2;
    /** Default kern.sched.trysteal_limit. FreeBSD: trysteal_limit. */
    public static final int TRYSTEAL_LIMIT = 2;
    /** Default kern.sched.steal_idle (1 = on). FreeBSD: steal_idle. */
    public static final int STEAL_IDLE_DEFAULT = 1;
    /** Default kern.sched.always_steal (0 = off). FreeBSD: always_steal. */
    public static final int ALWAYS_STEAL_DEFAULT = 0;
    /** Default kern.sched.balance (1 = periodic balancing on). FreeBSD: rebalance. */
    public static final int REBALANCE_DEFAULT = 1;

    /** True when {@code pri} lies in the batch sub-band [PRI_MIN_BATCH, PRI_MAX_BATCH] (the calendar run queue). */
    public static boolean isBatch(int pri) {
        return pri >= PRI_MIN_BATCH && pri <= PRI_MAX_BATCH;
    }

    /** True when a thread at {@code pri} is queued on the realtime run queue: pri &lt; PRI_MIN_BATCH (FreeBSD: tdq_runq_add). */
    public static boolean isRealtimeQueue(int pri) {
        return pri < PRI_MIN_BATCH;
    }

    /** True when {@code pri} is an idle priority, pri &ge; PRI_MIN_IDLE (the idle run queue). */
    public static boolean isIdle(int pri) {
        return pri >= PRI_MIN_IDLE;
    }
}
