// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

/**
 * A thread's %CPU window: run time counted in [ftick, ltick]. ftick and ltick are values of
 * FreeBSD's global hz counter {@code ticks}, a signed int that wraps, so only differences are
 * meaningful. Invariant kept by {@link PctCpu#update} and {@link PctCpu15#update}: the window
 * length ltick − ftick stays between 0 and SCHED_TICK_MAX, and tsTicks &le; length &lt;&lt; 10 for
 * a real thread. FreeBSD 15 declares all three fields u_int, and {@link PctCpu15} reads them so.
 * FreeBSD: td_sched.ts_ticks, ts_ftick, ts_ltick in sys/kern/sched_ule.c.
 *
 * @param tsTicks ts_ticks: hz ticks run inside the window, shifted left by SCHED_TICK_SHIFT. V14
 *                declares it {@code int} (so the rescale divides signed); it is never negative in
 *                a real run, where it reads the same as a u_int
 * @param ftick   ts_ftick: first hz tick of the window
 * @param ltick   ts_ltick: last hz tick at which the window was updated
 */
public record CpuWindow(int tsTicks, int ftick, int ltick) {

    /** The window of a thread created at hz tick {@code now}: empty, ftick = ltick = now (FreeBSD: schedinit()). */
    public static CpuWindow startingAt(int now) {
        return new CpuWindow(0, now, now);
    }

    /** Window length ltick − ftick in hz ticks (wrapping int difference). */
    public int length() {
        return ltick - ftick;
    }

    /** {@code tsTicks} and {@code ftick} packed in one long: tsTicks in the high 32 bits, ftick (as u_int) in the low. */
    public static long bits(int tsTicks, int ftick) {
        return ((long) tsTicks << 32) | (ftick & 0xFFFF_FFFFL);
    }

    /** The window {@link #bits} packed, last updated at {@code ltick}. */
    public static CpuWindow ofBits(long bits, int ltick) {
        return new CpuWindow((int) (bits >>> 32), (int) bits, ltick);
    }
}
