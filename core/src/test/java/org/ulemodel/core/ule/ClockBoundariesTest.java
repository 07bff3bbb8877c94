// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The boundaries of kern_clocksource.c's periodic stathz choice and of the parameter ranges,
 * each expected value worked out by hand from the rule in ClockMode's Javadoc (singlemul 1 when
 * hz ≥ 1500 or hz % 128 = 0, else 2 when hz ≥ 750, else 4; base = hz·singlemul; base itself when
 * ≤ 128, else base/div with div = base/128, plus one when div ≥ singlemul and div % singlemul = 0).
 */
class ClockBoundariesTest {

    @Test
    void periodicStathzAtEachBranchBoundary() {
        // hz 1500: singlemul 1, base 1500, div 11 → 12, 1500/12 = 125
        assertThat(ClockMode.PERIODIC_IDEAL_TIMER.stathz(1500)).isEqualTo(125);
        // hz 1499: singlemul 2, base 2998, div 23 (odd, no bump), 2998/23 = 130
        assertThat(ClockMode.PERIODIC_IDEAL_TIMER.stathz(1499)).isEqualTo(130);
        // hz 750: singlemul 2, base 1500, div 11 (odd), 1500/11 = 136
        assertThat(ClockMode.PERIODIC_IDEAL_TIMER.stathz(750)).isEqualTo(136);
        // hz 749: singlemul 4, base 2996, div 23 (23 % 4 = 3), 2996/23 = 130
        assertThat(ClockMode.PERIODIC_IDEAL_TIMER.stathz(749)).isEqualTo(130);
        // hz 256 (a multiple of 128): singlemul 1, base 256, div 2 → 3, 256/3 = 85
        assertThat(ClockMode.PERIODIC_IDEAL_TIMER.stathz(256)).isEqualTo(85);
        // hz 32: singlemul 4, base 128 ≤ 128 → 128; hz 33: base 132, div 1 < 4 → 132
        assertThat(ClockMode.PERIODIC_IDEAL_TIMER.stathz(32)).isEqualTo(128);
        assertThat(ClockMode.PERIODIC_IDEAL_TIMER.stathz(33)).isEqualTo(132);
    }

    @Test
    void parameterRangesAreEnforcedAtTheirEdges() {
        assertThat(SchedParams.initticks(SchedParams.MIN_HZ, 0).hz()).isEqualTo(2);
        assertThat(SchedParams.initticks(SchedParams.MAX_HZ, SchedParams.MAX_HZ).realstathz()).isEqualTo(100_000);
        assertThatThrownBy(() -> SchedParams.initticks(SchedParams.MIN_HZ - 1, 127)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SchedParams.initticks(SchedParams.MAX_HZ + 1, 127)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SchedParams.initticks(1000, SchedParams.MAX_HZ + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClockMode.ONESHOT.stathz(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void historyUpdateNeedsAPositiveBound() {
        assertThatThrownBy(() -> Interactivity.update(1, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SCHED_SLP_RUN_MAX");
        assertThat(Interactivity.update(1, 1, 1).runtime()).isZero(); // sum 2 > (1/5)·6 = 0, not > 2·1: halved to 0
    }
}
