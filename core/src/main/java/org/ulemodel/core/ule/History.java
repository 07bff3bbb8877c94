// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

/**
 * A thread's interactivity history: voluntary run and sleep time in hz ticks shifted left by
 * SCHED_TICK_SHIFT. Both are FreeBSD {@code u_int}s carried in Java ints, so every comparison
 * and division on them must be unsigned; {@link #toString()} prints them as unsigned decimals.
 * FreeBSD: td_sched.ts_runtime and td_sched.ts_slptime in sys/kern/sched_ule.c.
 *
 * @param runtime ts_runtime (u_int)
 * @param slptime ts_slptime (u_int)
 */
public record History(int runtime, int slptime) {

    /** The empty history of a brand-new thread (score 50 with default tunables). */
    public static final History EMPTY = new History(0, 0);

    /** runtime as an unsigned value. */
    public long runtimeUnsigned() {
        return Integer.toUnsignedLong(runtime);
    }

    /** slptime as an unsigned value. */
    public long slptimeUnsigned() {
        return Integer.toUnsignedLong(slptime);
    }

    /** {@code History[runtime=R, slptime=S]} with R and S as unsigned decimals. */
    @Override
    public String toString() {
        return "History[runtime=" + Integer.toUnsignedString(runtime) + ", slptime=" + Integer.toUnsignedString(slptime)
                + "]";
    }

    /** {@code runtime} and {@code slptime} packed in one long: runtime in the high 32 bits, slptime (as u_int) in the low. */
    public static long bits(int runtime, int slptime) {
        return ((long) runtime << 32) | (slptime & 0xFFFF_FFFFL);
    }

    /** The history {@link #bits} packed. */
    public static History ofBits(long bits) {
        return new History((int) (bits >>> 32), (int) bits);
    }
}
