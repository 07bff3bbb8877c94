// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import org.ulemodel.core.prio.Priorities;

/**
 * FreeBSD 15's %CPU window and the %CPU value that ps/top report. The window is up to
 * SCHED_TICK_MAX = 11 s long and decays by about 10/11 a second for a running thread; the
 * reported value is the true ratio of run time to window length, so a young thread is no longer
 * under-reported as in V14 ({@link PctCpu}). The window fields are u_int in V15 and are treated
 * as such here. FreeBSD 15: sched_pctcpu_update() and sched_pctcpu() in sys/kern/sched_ule.c.
 */
public final class PctCpu15 {
    private PctCpu15() {
    }

    /**
     * Advances the window to hz tick {@code ticks}; lu_span = ticks − ltick (u_int).
     * (1) If lu_span &ge; t_tgt ({@link SchedParams#tickTarg()}, 10 s at hz 1000) the history is
     * replaced: ts_ticks = t_tgt &lt;&lt; 10 when {@code run}, else 0; ftick = ticks − t_tgt;
     * ltick = ticks; nothing else happens. (2) Else, if ticks − ftick &ge; t_max
     * ({@link SchedParams#tickMax()}, 11 s; u_int compare), the count is rescaled to what is left
     * of the target window, dividing first: ts_ticks = ts_ticks / max(ltick − ftick, 1) ·
     * (t_tgt − lu_span), and ftick = ticks − t_tgt. (3) When {@code run}, lu_span &lt;&lt; 10 is
     * added. (4) ltick = ticks. All u_int, wrapping like the kernel's.
     * FreeBSD 15: sched_pctcpu_update().
     *
     * @param run true when the thread ran since ltick (sched_clock, the outgoing thread of
     *            sched_switch, sched_pctcpu of a running thread); false otherwise
     * @param p   V15's constants ({@link UleVersion#params}), for t_tgt and t_max
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
        int tgt = p.tickTarg();
        int luSpan = ticks - ltick;
        if (Integer.compareUnsigned(luSpan, tgt) >= 0) {
            return CpuWindow.bits(run ? tgt << Priorities.SCHED_TICK_SHIFT : 0, ticks - tgt);
        }
        int tsTicks = tsTicksIn;
        int ftick = ftickIn;
        if (Integer.compareUnsigned(ticks - ftick, p.tickMax()) >= 0) {
            tsTicks = Integer.divideUnsigned(tsTicks, length(ftick, ltick)) * (tgt - luSpan);
            ftick = ticks - tgt;
        }
        if (run) {
            tsTicks += luSpan << Priorities.SCHED_TICK_SHIFT;
        }
        return CpuWindow.bits(tsTicks, ftick);
    }

    /**
     * The %CPU in fixed point (FSCALE = 2048 means 100 %): the rounded ratio
     * ((ts_ticks &lt;&lt; 1) + len/2) / len with len = max(ltick − ftick, 1), u_int (ts_ticks is
     * hz ticks &lt;&lt; 10, fixpt_t is &lt;&lt; 11, hence the shift by one). The caller updates the
     * window first, as FreeBSD's sched_pctcpu() does. FreeBSD 15: sched_pctcpu().
     */
    public static int pctcpu(CpuWindow w) {
        int len = length(w.ftick(), w.ltick());
        return Integer.divideUnsigned((w.tsTicks() << (PctCpu.FSHIFT - Priorities.SCHED_TICK_SHIFT)) + (len >>> 1), len);
    }

    /** The window length used as a divisor, max(ltick − ftick, 1) as u_int. FreeBSD 15: SCHED_TICK_LENGTH(). */
    static int length(int ftick, int ltick) {
        return Interactivity.maxUnsigned(ltick - ftick, 1);
    }
}
