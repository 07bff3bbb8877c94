// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.prio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrioritiesTest {

    @Test
    void bandPredicatesSplitAtBatchAndIdleBoundaries() {
        assertThat(Priorities.isRealtimeQueue(151)).isTrue();
        assertThat(Priorities.isRealtimeQueue(152)).isFalse();
        assertThat(Priorities.isBatch(151)).isFalse();
        assertThat(Priorities.isBatch(152)).isTrue();
        assertThat(Priorities.isBatch(223)).isTrue();
        assertThat(Priorities.isBatch(224)).isFalse();
        assertThat(Priorities.isIdle(223)).isFalse();
        assertThat(Priorities.isIdle(224)).isTrue();
    }

    @Test
    void sleepPrioritiesAreKernelOffsets() {
        assertThat(Priorities.PSWP).isEqualTo(80);
        assertThat(Priorities.PSOCK).isEqualTo(104);
        assertThat(Priorities.PPAUSE).isEqualTo(116);
        assertThat(Priorities.PPAUSE).isLessThanOrEqualTo(Priorities.PRI_MAX_KERN);
    }

    @Test
    void classBandsAndCodes() {
        assertThat(PriClass.ITHD.code()).isEqualTo(1);
        assertThat(PriClass.IDLE.code()).isEqualTo(4);
        assertThat(PriClass.ITHD.minPri()).isZero();
        assertThat(PriClass.ITHD.maxPri()).isEqualTo(47);
        assertThat(PriClass.REALTIME.minPri()).isEqualTo(48);
        assertThat(PriClass.REALTIME.maxPri()).isEqualTo(79);
        assertThat(PriClass.TIMESHARE.minPri()).isEqualTo(120);
        assertThat(PriClass.TIMESHARE.maxPri()).isEqualTo(223);
        assertThat(PriClass.IDLE.minPri()).isEqualTo(224);
        assertThat(PriClass.IDLE.maxPri()).isEqualTo(255);
        assertThat(PriClass.fromCode(2 | Priorities.PRI_FIFO_BIT)).isEqualTo(PriClass.REALTIME);
        assertThatThrownBy(() -> PriClass.fromCode(5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("td_pri_class must be 1 (ITHD)");
    }
}
