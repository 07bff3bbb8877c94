// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import org.ulemodel.core.prio.Priorities;

/**
 * The interactivity score and the bounding of its history, with FreeBSD's u_int arithmetic:
 * runtime and slptime are u_int (unsigned compare and divide, wrapping add), and FreeBSD's
 * {@code max()} takes u_int. FreeBSD: sched_interact_score(), sched_interact_update() and
 * sched_interact_fork() in sys/kern/sched_ule.c.
 */
public final class Interactivity {
    private static final int HALF = Priorities.SCHED_INTERACT_HALF;

    private Interactivity() {
    }

    /**
     * The interactivity score, 0 (interactive) … 100 (hog); in [0, 50] while the tunable is
     * &le; 50. Shortcut: when {@code interactTunable} (u_int) &le; 50 and runtime &ge; slptime
     * the score is 50 without computing. Otherwise, with d the larger side / 50 (at least 1):
     * runtime &gt; slptime gives 50 + (50 − slptime/d) in wrapping u_int arithmetic;
     * slptime &gt; runtime gives runtime/d; equal non-zero values give 50; both zero give 0.
     * FreeBSD: sched_interact_score().
     *
     * @param runtime        ts_runtime (u_int)
     * @param slptime        ts_slptime (u_int)
     * @param interactTunable kern.sched.interact (u_int; default 30)
     */
    public static int score(int runtime, int slptime, int interactTunable) {
        if (Integer.compareUnsigned(interactTunable, HALF) <= 0 && Integer.compareUnsigned(runtime, slptime) >= 0) {
            return HALF;
        }
        int cmp = Integer.compareUnsigned(runtime, slptime);
        if (cmp > 0) {
            int div = maxUnsigned(1, Integer.divideUnsigned(runtime, HALF));
            return HALF + (HALF - Integer.divideUnsigned(slptime, div));
        }
        if (cmp < 0) {
            int div = maxUnsigned(1, Integer.divideUnsigned(slptime, HALF));
            return Integer.divideUnsigned(runtime, div);
        }
        return runtime != 0 ? HALF : 0;
    }

    /**
     * Bounds the history after runtime or slptime grew. With sum = runtime + slptime (u_int,
     * wrapping): sum &lt; slpRunMax leaves it unchanged; sum &gt; 2·slpRunMax sets the larger side
     * to slpRunMax and the other to 1 (on a tie slptime gets slpRunMax); sum &gt; (slpRunMax/5)·6
     * halves both; otherwise each becomes (x/5)·4, dividing before multiplying.
     * Invariant: the result's sum is at most slpRunMax + 1. FreeBSD: sched_interact_update().
     *
     * @param slpRunMax SCHED_SLP_RUN_MAX, {@link SchedParams#slpRunMax()}
     * @throws IllegalArgumentException when slpRunMax is not positive
     */
    public static History update(int runtime, int slptime, int slpRunMax) {
        return History.ofBits(updateBits(runtime, slptime, slpRunMax));
    }

    /**
     * {@link #update(int, int, int)} without making a record, for the per-tick path: the result
     * as {@link History#bits} packs it (runtime high, slptime low).
     */
    public static long updateBits(int runtime, int slptime, int slpRunMax) {
        if (slpRunMax <= 0) {
            throw new IllegalArgumentException("slpRunMax must be positive (SCHED_SLP_RUN_MAX), got " + slpRunMax);
        }
        int sum = runtime + slptime;
        if (Integer.compareUnsigned(sum, slpRunMax) < 0) {
            return History.bits(runtime, slptime);
        }
        if (Integer.compareUnsigned(sum, slpRunMax * 2) > 0) {
            if (Integer.compareUnsigned(runtime, slptime) > 0) {
                return History.bits(slpRunMax, 1);
            }
            return History.bits(1, slpRunMax);
        }
        if (Integer.compareUnsigned(sum, (slpRunMax / 5) * 6) > 0) {
            return History.bits(Integer.divideUnsigned(runtime, 2), Integer.divideUnsigned(slptime, 2));
        }
        return History.bits(Integer.divideUnsigned(runtime, 5) * 4, Integer.divideUnsigned(slptime, 5) * 4);
    }

    /** {@link #update(int, int, int)} of a {@link History}. */
    public static History update(History h, int slpRunMax) {
        return update(h.runtime(), h.slptime(), slpRunMax);
    }

    /**
     * Scales an inherited history down for a forked child so that it keeps the parent's ratio but
     * only about slpRunFork of history. FreeBSD keeps the sum and ratio in a signed int here: when
     * sum (as int) &gt; slpRunFork, ratio = sum / slpRunFork and both sides are divided (unsigned)
     * by it; a sum of 2^31 or more is negative as an int and leaves the history unscaled.
     * FreeBSD: sched_interact_fork().
     *
     * @param slpRunFork SCHED_SLP_RUN_FORK, {@link SchedParams#slpRunFork()}
     * @throws IllegalArgumentException when slpRunFork is not positive
     */
    public static History fork(int runtime, int slptime, int slpRunFork) {
        if (slpRunFork <= 0) {
            throw new IllegalArgumentException("slpRunFork must be positive (SCHED_SLP_RUN_FORK), got " + slpRunFork);
        }
        int sum = runtime + slptime;
        if (sum > slpRunFork) {
            int ratio = sum / slpRunFork;
            return new History(Integer.divideUnsigned(runtime, ratio), Integer.divideUnsigned(slptime, ratio));
        }
        return new History(runtime, slptime);
    }

    /**
     * Charges run time and bounds the history: runtime += added (u_int, wrapping), then
     * {@link #update}. Used for a stathz tick of a timeshare thread (added = tickincr·cnt,
     * FreeBSD: sched_clock()), the parent's fork penalty (added = tickincr, sched_fork()) and an
     * exiting child's run time given to its parent (added = child's ts_runtime, sched_exit_thread()).
     */
    public static History addRuntime(int runtime, int slptime, int added, int slpRunMax) {
        return update(runtime + added, slptime, slpRunMax);
    }

    /**
     * Charges a voluntary sleep of {@code sleptHzTicks} hz ticks and bounds the history:
     * slptime += sleptHzTicks &lt;&lt; SCHED_TICK_SHIFT (u_int, wrapping), then {@link #update}.
     * FreeBSD: sched_wakeup() (which does this only when the sleep lasted at least one hz tick).
     */
    public static History addSleep(int runtime, int slptime, int sleptHzTicks, int slpRunMax) {
        return update(runtime, slptime + (sleptHzTicks << Priorities.SCHED_TICK_SHIFT), slpRunMax);
    }

    /** FreeBSD's u_int {@code max()} of sys/sys/libkern.h. */
    static int maxUnsigned(int a, int b) {
        return Integer.compareUnsigned(a, b) >= 0 ? a : b;
    }

    /** FreeBSD's u_int {@code min()} of sys/sys/libkern.h. */
    static int minUnsigned(int a, int b) {
        return Integer.compareUnsigned(a, b) <= 0 ? a : b;
    }
}
