// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

/**
 * The statistics clock against the hz clock: how many {@code statclock} interrupts (stathz per
 * second) fall on each {@code hardclock} tick (hz per second) when both start at boot, as the model
 * runs them (FreeBSD's kern_clock.c drives each from its own timer; the model fires a stathz tick
 * on the hz tick during which it falls). Pure integer arithmetic; no state.
 *
 * <p>Invariant: {@code ticksUpTo(t) − ticksUpTo(t − 1) == ticksAt(t)} for every t ≥ 1, so the two
 * never disagree about how many stathz ticks have fired.
 */
final class StatClock {
    private StatClock() {
    }

    /** Stathz ticks due at hz tick {@code t}: the k ≥ 1 with ⌊k·hz/stathz⌋ = t. */
    static int ticksAt(long t, int hz, int stathz) {
        if (hz == stathz && t >= 0) {
            return 1; // every hz tick is one stathz tick: the two divisions below would say so, slowly
        }
        if (stathz < hz && t >= 0) {
            // The two ceilings below differ by the multiples of hz in [t·stathz, t·stathz + stathz):
            // at most one when stathz < hz, and one iff t·stathz is one, or the next one is less than
            // stathz away. One remainder instead of two 64-bit divisions (the explorer's STAT move
            // asks this on every hz tick).
            long r = t * stathz % hz;
            return r == 0 || hz - r < stathz ? 1 : 0;
        }
        long upTo = ceilDiv((t + 1) * stathz, hz);
        long before = ceilDiv(t * stathz, hz);
        return (int) (upTo - before);
    }

    /** Stathz ticks since boot after hz tick {@code t}. */
    static long ticksUpTo(long t, int hz, int stathz) {
        return ceilDiv((t + 1) * stathz, hz) - 1;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
