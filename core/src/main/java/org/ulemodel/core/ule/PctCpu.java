// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import org.ulemodel.core.prio.Priorities;

/**
 * The sliding %CPU window and the %CPU value that ps/top report, with FreeBSD 14's integer
 * arithmetic. FreeBSD: sched_pctcpu_update() and sched_pctcpu() in sys/kern/sched_ule.c.
 */
public final class PctCpu {
    /** Fixed-point shift of fixpt_t. FreeBSD: FSHIFT (sys/sys/param.h). */
    public static final int FSHIFT = 11;
    /** Fixed-point one, 2048. FreeBSD: FSCALE. */
    public static final int FSCALE = 1 << FSHIFT;

    private PctCpu() {
    }

    /**
     * Advances the window to hz tick {@code ticks}. (1) If (u_int)(ticks − ltick) &ge; tickTarg
     * the history is dropped: tsTicks = 0, ftick = ticks − tickTarg. (2) Else, if
     * ticks − ftick &ge; tickMax (signed), the count is rescaled to the last tickTarg ticks,
     * dividing first: tsTicks = (tsTicks / (ltick − ftick)) · (ltick − (ticks − tickTarg)),
     * ftick = ticks − tickTarg. (3) When {@code run}, (ticks − ltick) &lt;&lt; 10 is added.
     * (4) ltick = ticks. All in wrapping int arithmetic. FreeBSD: sched_pctcpu_update().
     *
     * @param run true when the thread ran since ltick (sched_clock, sched_switch of the outgoing
     *            thread, sched_pctcpu of a running thread); false otherwise
     */
    public static CpuWindow update(CpuWindow w, int ticks, boolean run, SchedParams p) {
        return CpuWindow.ofBits(updateBits(w.tsTicks(), w.ftick(), w.ltick(), ticks, run, p), ticks);
    }

    /**
     * {@link #update} without making records, for the per-tick path: the window's fields in, the
     * new {@code tsTicks} and {@code ftick} out as {@link CpuWindow#bits} packs them (the new
     * {@code ltick} is {@code ticks}).
     */
    public static long updateBits(int tsTicksIn, int ftickIn, int ltick, int ticks, boolean run, SchedParams p) {
        int tsTicks = tsTicksIn;
        int ftick = ftickIn;
        if (Integer.compareUnsigned(ticks - ltick, p.tickTarg()) >= 0) {
            tsTicks = 0;
            ftick = ticks - p.tickTarg();
        } else if (ticks - ftick >= p.tickMax()) {
            // ltick != ftick here: otherwise ticks - ltick == ticks - ftick >= tickMax took branch (1).
            tsTicks = (tsTicks / (ltick - ftick)) * (ltick - (ticks - p.tickTarg()));
            ftick = ticks - p.tickTarg();
        }
        if (run) {
            tsTicks += (ticks - ltick) << Priorities.SCHED_TICK_SHIFT;
        }
        return CpuWindow.bits(tsTicks, ftick);
    }

    /**
     * The %CPU in fixed point (FSCALE = 2048 means 100 %) of a window holding {@code tsTicks}:
     * 0 when tsTicks is 0, else with rtick = min((tsTicks &gt;&gt; 10) / SCHED_TICK_SECS, hz)
     * (u_int min), (FSCALE · ((FSCALE · rtick) / hz)) &gt;&gt; FSHIFT. It always divides by the
     * full 10 s, so a thread younger than that is under-reported. The caller updates the window
     * first, as FreeBSD's sched_pctcpu() does. FreeBSD: sched_pctcpu().
     */
    public static int pctcpu(int tsTicks, SchedParams p) {
        if (tsTicks == 0) {
            return 0;
        }
        int rtick = Interactivity.minUnsigned((tsTicks >> Priorities.SCHED_TICK_SHIFT) / Priorities.SCHED_TICK_SECS,
                p.hz());
        return (FSCALE * ((FSCALE * rtick) / p.hz())) >> FSHIFT;
    }
}
