// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link StatClock}: the stathz ticks due at each hz tick add up to the stathz ticks fired so far,
 * spread as evenly as FreeBSD's divided clock spreads them, and are exactly one per hz tick when
 * the two rates are equal.
 */
class StatClockTest {

    @Test
    void ticksAtEachHzTickAddUpToTheTicksFiredSoFar() {
        // stathz below hz (the remainder path), equal (one a tick), and above hz (the two-division path)
        int[][] rates = {{1000, 127}, {1000, 133}, {127, 127}, {100, 100}, {1000, 1000}, {128, 127}, {100, 127}, {127, 1000}, {2, 100_000}};
        for (int[] r : rates) {
            long sum = StatClock.ticksUpTo(0, r[0], r[1]);
            for (long t = 1; t <= 5 * r[0]; t++) {
                int due = StatClock.ticksAt(t, r[0], r[1]);
                assertThat(due).as("hz %d stathz %d at %d", r[0], r[1], t).isBetween(0, (r[1] + r[0] - 1) / r[0]);
                sum += due;
                assertThat(sum).as("hz %d stathz %d up to %d", r[0], r[1], t).isEqualTo(StatClock.ticksUpTo(t, r[0], r[1]));
            }
            assertThat(sum - StatClock.ticksUpTo(0, r[0], r[1])).as("one second per rate").isEqualTo(5L * r[1]);
        }
    }

    @Test
    void equalRatesFireOneStatTickPerHzTick() {
        for (long t = 0; t < 1000; t++) {
            assertThat(StatClock.ticksAt(t, 127, 127)).isEqualTo(1);
        }
        assertThat(StatClock.ticksAt(1, 1000, 127)).isZero();
    }
}
