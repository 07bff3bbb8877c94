// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.smp;

/**
 * FreeBSD's per-CPU {@code randomval} together with {@code sched_random()} (sys/kern/sched_ule.c):
 * the linear congruential generator x &larr; x&middot;69069 + 5 (mod 2<sup>32</sup>), returning the
 * upper 16 bits. Mutable and deliberately local to one computation: a caller copies a CPU's state
 * in, runs one search or pickcpu, and reads {@link #state()} back out. Invariant: {@link #state()}
 * equals the start state advanced {@link #draws()} times.
 */
public final class Lcg {
    /** The LCG multiplier. */
    public static final int MULTIPLIER = 69069;
    /** The LCG increment. */
    public static final int INCREMENT = 5;

    private int state;
    private int draws;

    /** A generator whose {@code randomval} is {@code state} (read as an unsigned 32-bit value). */
    public Lcg(int state) {
        this.state = state;
    }

    /** The boot seed of CPU {@code cpu}: cpu&middot;69069 + 5 (mod 2<sup>32</sup>), as {@code sched_setup_smp} sets it. */
    public static int seed(int cpu) {
        return cpu * MULTIPLIER + INCREMENT;
    }

    /** The current {@code randomval}, as a 32-bit pattern (use {@link Integer#toUnsignedLong} for the u32 value). */
    public int state() {
        return state;
    }

    /** The number of {@link #next()} calls made on this object. */
    public int draws() {
        return draws;
    }

    /**
     * {@code sched_random()}: advances the state one step and returns its upper 16 bits, a value in
     * 0..65535.
     */
    public int next() {
        state = state * MULTIPLIER + INCREMENT;
        draws++;
        return state >>> 16;
    }

    @Override
    public String toString() {
        return "Lcg[state=" + Integer.toUnsignedString(state) + ", draws=" + draws + "]";
    }
}
