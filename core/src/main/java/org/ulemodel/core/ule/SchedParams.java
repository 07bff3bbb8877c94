// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import org.ulemodel.core.prio.Priorities;

/**
 * The clock-derived scheduler constants and the tunables that the formulas read. The derived
 * fields are what FreeBSD's sched_initticks() computes once stathz is known (plus the macros
 * SCHED_SLP_RUN_MAX/FORK, SCHED_TICK_TARG/MAX and sched_rr_interval()); the last three are
 * the sysctls kern.sched.interact, kern.sched.preempt_thresh and kern.sched.static_boost.
 * Units: slice and sliceMin in stathz ticks; hogticks, rrInterval, affinity, tickTarg, tickMax
 * in hz ticks; tickincr, slpRunMax, slpRunFork in hz ticks shifted left by SCHED_TICK_SHIFT.
 *
 * <p>Invariant (checked): hz in 2..100000, stathz in 0..100000, realstathz &gt; 0 and equal to
 * stathz or (when stathz is 0) hz, tickincr &ge; 1, tunables non-negative, static boost &le; 255.
 * Build values with {@link #initticks} rather than the canonical constructor.
 *
 * @param hz             hardclock frequency (kern.hz)
 * @param stathz         statistics clock frequency as configured; 0 means "none, use hz"
 * @param realstathz     stathz, or hz when stathz is 0. FreeBSD: realstathz
 * @param slice          full time slice in stathz ticks. FreeBSD: sched_slice
 * @param sliceMin       shortest slice under load. FreeBSD: sched_slice_min
 * @param tickincr       runtime charged per stathz tick (hz ticks &lt;&lt; 10). FreeBSD: tickincr
 * @param hogticks       slice length in hz ticks, doubled and rounded. FreeBSD: hogticks
 * @param rrInterval     slice in hz ticks. FreeBSD: sched_rr_interval()
 * @param balanceInterval stathz ticks between periodic balances. FreeBSD: balance_interval
 * @param affinity       hz ticks of cache affinity per level. FreeBSD: affinity (SCHED_AFFINITY_DEFAULT)
 * @param idleSpinThresh switch count above which the idle thread spins. FreeBSD: sched_idlespinthresh
 * @param slpRunMax      cap of runtime + slptime. FreeBSD: SCHED_SLP_RUN_MAX
 * @param slpRunFork     history a forked child keeps. FreeBSD: SCHED_SLP_RUN_FORK
 * @param tickTarg       %CPU window target length in hz ticks. FreeBSD: SCHED_TICK_TARG
 * @param tickMax        %CPU window length that triggers rescaling. FreeBSD: SCHED_TICK_MAX
 * @param interactThresh interactivity threshold, a u_int. FreeBSD: sched_interact
 * @param preemptThresh  preemption threshold. FreeBSD: preempt_thresh
 * @param staticBoost    priority given to sleeping timeshare threads. FreeBSD: static_boost
 */
public record SchedParams(int hz, int stathz, int realstathz, int slice, int sliceMin, int tickincr, int hogticks,
        int rrInterval, int balanceInterval, int affinity, int idleSpinThresh, int slpRunMax, int slpRunFork,
        int tickTarg, int tickMax, int interactThresh, int preemptThresh, int staticBoost) {

    /** Smallest hz accepted; below it SCHED_SLP_RUN_FORK = (hz/2) &lt;&lt; 10 is 0 and sched_interact_fork() divides by 0. */
    public static final int MIN_HZ = 2;
    /** Largest hz accepted; keeps (hz·5) &lt;&lt; 10 and the hogticks product inside int as in FreeBSD. */
    public static final int MAX_HZ = 100_000;
    /** Default kern.hz on current platforms. */
    public static final int DEFAULT_HZ = 1000;
    /** stathz of a one-shot event timer. */
    public static final int DEFAULT_STATHZ = 127;

    /** Validates the invariant stated in the class comment. */
    public SchedParams {
        requireHz(hz);
        requireStathz(stathz);
        if (realstathz != (stathz != 0 ? stathz : hz)) {
            throw new IllegalArgumentException("realstathz must be stathz, or hz when stathz is 0: expected "
                    + (stathz != 0 ? stathz : hz) + ", got " + realstathz);
        }
        if (tickincr < 1) {
            throw new IllegalArgumentException("tickincr must be at least 1, got " + tickincr);
        }
        if (slice < 0 || sliceMin < 0 || sliceMin > slice) {
            throw new IllegalArgumentException("slices must satisfy 0 <= sliceMin <= slice, got sliceMin " + sliceMin
                    + ", slice " + slice);
        }
        if (tickTarg < 1 || tickMax < tickTarg) {
            throw new IllegalArgumentException("%CPU window must satisfy 1 <= tickTarg <= tickMax, got tickTarg "
                    + tickTarg + ", tickMax " + tickMax);
        }
        if (slpRunMax < 1 || slpRunFork < 1) {
            throw new IllegalArgumentException("slpRunMax and slpRunFork must be positive, got "
                    + slpRunMax + " and " + slpRunFork);
        }
        if (interactThresh < 0) {
            throw new IllegalArgumentException("kern.sched.interact must be >= 0, got " + interactThresh);
        }
        if (preemptThresh < 0) {
            throw new IllegalArgumentException("kern.sched.preempt_thresh must be >= 0, got " + preemptThresh);
        }
        if (staticBoost < 0 || staticBoost > Priorities.PRI_MAX_IDLE) {
            throw new IllegalArgumentException("kern.sched.static_boost must be in 0.." + Priorities.PRI_MAX_IDLE
                    + ", got " + staticBoost);
        }
    }

    /**
     * The constants sched_initticks() derives for {@code hz} and {@code stathz} (0 = no statistics
     * clock, use hz), with default tunables: interact 30, preempt_thresh 80 (options PREEMPTION),
     * static_boost 152. FreeBSD: sched_initticks(), sched_rr_interval().
     *
     * @throws IllegalArgumentException when hz is not in 2..100000 or stathz not in 0..100000
     */
    public static SchedParams initticks(int hz, int stathz) {
        requireHz(hz);
        requireStathz(stathz);
        int realstathz = stathz != 0 ? stathz : hz;
        int slice = realstathz / Priorities.SCHED_SLICE_DEFAULT_DIVISOR;
        int sliceMin = slice / Priorities.SCHED_SLICE_MIN_DIVISOR;
        int hogticks = Math.max(1, (2 * hz * slice + realstathz / 2) / realstathz);
        int incr = (hz << Priorities.SCHED_TICK_SHIFT) / realstathz;
        int tickincr = incr == 0 ? 1 : incr;
        int rrInterval = Math.max(1, (slice * hz + realstathz / 2) / realstathz);
        int affinity = Math.max(1, hz / 1000);
        int idleSpinThresh = 2 * Math.max(10000, 6 * hz) / realstathz;
        int slpRunMax = (hz * 5) << Priorities.SCHED_TICK_SHIFT;
        int slpRunFork = (hz / 2) << Priorities.SCHED_TICK_SHIFT;
        int tickTarg = hz * Priorities.SCHED_TICK_SECS;
        int tickMax = tickTarg + hz;
        return new SchedParams(hz, stathz, realstathz, slice, sliceMin, tickincr, hogticks, rrInterval, realstathz,
                affinity, idleSpinThresh, slpRunMax, slpRunFork, tickTarg, tickMax, Priorities.SCHED_INTERACT_THRESH,
                Priorities.PREEMPT_THRESH_DEFAULT, Priorities.STATIC_BOOST_DEFAULT);
    }

    /**
     * FreeBSD 15's constants for {@code hz} and {@code stathz}: sched_initticks() is unchanged;
     * the %CPU window is t_max = SCHED_TICK_MAX(hz) = 11·hz ({@link #tickMax()}) with target
     * t_tgt = ((t_max &lt;&lt; 10) · 10 / 11) &gt;&gt; 10 in u_int arithmetic ({@link #tickTarg()}:
     * 10·hz up to hz 38130, where the product starts to wrap as in the kernel); the tunable
     * defaults are interact 30, preempt_thresh 40 and static_boost 115.
     * FreeBSD 15: sched_initticks(), sched_pctcpu_update()'s t_max and t_tgt.
     *
     * @throws IllegalArgumentException when hz is not in 2..100000 or stathz not in 0..100000
     */
    public static SchedParams initticks15(int hz, int stathz) {
        SchedParams c = initticks(hz, stathz);
        int tickMax = hz * Priorities15.SCHED_TICK_SECS;
        int tickTarg = Integer.divideUnsigned((tickMax << Priorities.SCHED_TICK_SHIFT) * Priorities15.SCHED_CPU_DECAY_NUMER,
                Priorities15.SCHED_CPU_DECAY_DENOM) >>> Priorities.SCHED_TICK_SHIFT;
        return new SchedParams(hz, stathz, c.realstathz, c.slice, c.sliceMin, c.tickincr, c.hogticks, c.rrInterval,
                c.balanceInterval, c.affinity, c.idleSpinThresh, c.slpRunMax, c.slpRunFork, tickTarg, tickMax,
                c.interactThresh, Priorities15.PREEMPT_THRESH_DEFAULT, Priorities15.STATIC_BOOST_DEFAULT);
    }

    /** {@link #initticks} for hz 1000 and stathz 127, the usual amd64 one-shot setup. */
    public static SchedParams defaults() {
        return initticks(DEFAULT_HZ, DEFAULT_STATHZ);
    }

    /** A copy with kern.sched.interact set to {@code interact} (a u_int; must be &ge; 0). */
    public SchedParams withInteract(int interact) {
        return new SchedParams(hz, stathz, realstathz, slice, sliceMin, tickincr, hogticks, rrInterval,
                balanceInterval, affinity, idleSpinThresh, slpRunMax, slpRunFork, tickTarg, tickMax, interact,
                preemptThresh, staticBoost);
    }

    /** A copy with kern.sched.preempt_thresh set (0 = no PREEMPTION, 80 = PREEMPTION, 255 = FULL_PREEMPTION). */
    public SchedParams withPreemptThresh(int thresh) {
        return new SchedParams(hz, stathz, realstathz, slice, sliceMin, tickincr, hogticks, rrInterval,
                balanceInterval, affinity, idleSpinThresh, slpRunMax, slpRunFork, tickTarg, tickMax, interactThresh,
                thresh, staticBoost);
    }

    /** A copy with kern.sched.static_boost set (0 = off, 1 = use the sleep priority, else a priority). */
    public SchedParams withStaticBoost(int boost) {
        return new SchedParams(hz, stathz, realstathz, slice, sliceMin, tickincr, hogticks, rrInterval,
                balanceInterval, affinity, idleSpinThresh, slpRunMax, slpRunFork, tickTarg, tickMax, interactThresh,
                preemptThresh, boost);
    }

    /**
     * The slice, in stathz ticks, a non-ithread gets on a CPU whose tdq_sysload is {@code sysload}:
     * with L = sysload − 1, sliceMin when L &ge; 6, slice when L &le; 1, else slice / L.
     * FreeBSD: tdq_slice().
     */
    public int tdqSlice(int sysload) {
        int load = sysload - 1;
        if (load >= Priorities.SCHED_SLICE_MIN_DIVISOR) {
            return sliceMin;
        }
        if (load <= 1) {
            return slice;
        }
        return slice / load;
    }

    /** {@link #tdqSlice} converted to microseconds, rounded down: ticks · 1,000,000 / realstathz. */
    public int tdqSliceMicros(int sysload) {
        return (int) ((long) tdqSlice(sysload) * 1_000_000L / realstathz);
    }

    static void requireHz(int hz) {
        if (hz < MIN_HZ || hz > MAX_HZ) {
            throw new IllegalArgumentException("hz must be in " + MIN_HZ + ".." + MAX_HZ + ", got " + hz);
        }
    }

    private static void requireStathz(int stathz) {
        if (stathz < 0 || stathz > MAX_HZ) {
            throw new IllegalArgumentException("stathz must be in 0.." + MAX_HZ + " (0 = use hz), got " + stathz);
        }
    }
}
