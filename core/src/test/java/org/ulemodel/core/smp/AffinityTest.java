// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.smp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;

/**
 * {@link PickCpu#affinity}: V14's signed SCHED_AFFINITY, {@code rltick > ticks - level*affinity}
 * with wrapping int arithmetic, and what it does next to INT_MIN/INT_MAX, where it differs from
 * the true "fewer than level*affinity ticks ago" (V15's unsigned form).
 */
class AffinityTest {
    private static final int MIN = Integer.MIN_VALUE;
    private static final int MAX = Integer.MAX_VALUE;

    /** V15's form, (u_int)ticks - rltick &lt; level*affinity: the elapsed ticks, wrap-proof. */
    private static boolean v15(int rltick, int ticks, int level, int affinity) {
        return Integer.compareUnsigned(ticks - rltick, level * affinity) < 0;
    }

    @Test
    void awayFromTheWrapItMeansFewerThanLevelTimesAffinityTicksAgo() {
        assertThat(PickCpu.affinity(1000, 1000, 2, 1)).isTrue();
        assertThat(PickCpu.affinity(999, 1000, 2, 1)).isTrue();
        assertThat(PickCpu.affinity(998, 1000, 2, 1)).isFalse();
        assertThat(PickCpu.affinity(998, 1000, 3, 1)).isTrue();
        assertThat(PickCpu.affinity(997, 1000, 3, 1)).isFalse();
        assertThat(PickCpu.affinity(994, 1000, 3, 2)).isFalse();
        assertThat(PickCpu.affinity(995, 1000, 3, 2)).isTrue();
        // ts_rltick = ticks - affinity*MAX_CACHE_LEVELS (what sched_switch sets for TDF_PICKCPU) expires every level.
        for (int level = 1; level <= 3; level++) {
            assertThat(PickCpu.affinity(1000 - 3, 1000, level, 1)).isFalse();
        }
    }

    @Test
    void justAfterTheWrapTheSubtractionWrapsAndAffinityIsLostAtOnce() {
        // ticks = INT_MIN+1, left this very tick: ticks-2 wraps to INT_MAX, nothing is greater.
        assertThat(PickCpu.affinity(MIN + 1, MIN + 1, 2, 1)).isFalse();
        assertThat(v15(MIN + 1, MIN + 1, 2, 1)).isTrue();
        // ticks = INT_MIN, left one tick ago (rltick = INT_MAX): ticks-2 = INT_MAX-1, still true.
        assertThat(PickCpu.affinity(MAX, MIN, 2, 1)).isTrue();
        // ticks = INT_MIN, rltick = INT_MIN: L2 wraps (false), L3 too.
        assertThat(PickCpu.affinity(MIN, MIN, 2, 1)).isFalse();
        assertThat(PickCpu.affinity(MIN, MIN, 3, 1)).isFalse();
        assertThat(PickCpu.affinity(MIN + 2, MIN + 2, 2, 1)).isTrue();
        assertThat(PickCpu.affinity(MIN + 2, MIN + 2, 3, 1)).isFalse();
    }

    @Test
    void aPreWrapRltickKeepsAffinityAfterTheWrapLongAfterItShouldExpire() {
        // ticks = INT_MIN+3, rltick = INT_MAX: 4 ticks elapsed, yet INT_MAX > INT_MIN+1.
        assertThat(PickCpu.affinity(MAX, MIN + 3, 2, 1)).isTrue();
        assertThat(v15(MAX, MIN + 3, 2, 1)).isFalse();
        // Before the wrap the signed form is exact.
        assertThat(PickCpu.affinity(MAX - 1, MAX, 2, 1)).isTrue();
        assertThat(PickCpu.affinity(MAX - 2, MAX, 2, 1)).isFalse();
        assertThat(PickCpu.affinity(MAX - 4, MAX, 3, 1)).isFalse();
    }

    @Test
    void signedAndUnsignedFormsAgreeAwayFromTheWrap() {
        int[] bases = {0, 1, 1_000_000, -5_000_000, 123_456_789};
        for (int base : bases) {
            for (int delta = 0; delta < 20; delta++) {
                for (int level = 1; level <= 3; level++) {
                    assertThat(PickCpu.affinity(base - delta, base, level, 1))
                            .as("base %d delta %d level %d", base, delta, level)
                            .isEqualTo(v15(base - delta, base, level, 1))
                            .isEqualTo(delta < level);
                }
            }
        }
    }

    /** pickcpu.csv row 864 (tick_wrap): the stale pre-wrap rltick still wins the idle-affinity path. */
    @Test
    void goldenRow864KeepsIdleAffinityAcrossTheWrap() {
        Topology t = Topology.parse("1x4x1");
        LoadView v = SmpGolden.view(new int[] {0, 1, 3, 0}, new int[] {255, 195, 202, 255}, null);
        Lcg rnd = new Lcg((int) 2800914105L);
        PickResult r = PickCpu.pick(t, new PickRequest(3, MIN + 3, 1, 108, 3, MAX, CpuSet.ofMask(0xf), 0, false,
                false, false), v, rnd);
        assertThat(r).isEqualTo(new PickResult(3, 3, List.of("pickcpu_idle_affinity")));
        assertThat(rnd.draws()).isZero();
    }

    /** pickcpu.csv row 2145 (tick_wrap): left one tick ago, but L2 affinity wrapped away, so it searches. */
    @Test
    void goldenRow2145LosesIdleAffinityOneTickAfterTheWrap() {
        Topology t = Topology.parse("1x4x1");
        LoadView v = SmpGolden.view(new int[] {7, 0, 1, 0}, new int[] {138, 255, 146, 255}, null);
        Lcg rnd = new Lcg((int) 3365347883L);
        PickResult r = PickCpu.pick(t, new PickRequest(3, MIN + 1, 1, 94, 3, MIN, CpuSet.ofMask(0xf), 0, false,
                false, false), v, rnd);
        assertThat(r).isEqualTo(new PickResult(3, 3, List.of("pickcpu_lowest")));
        assertThat(rnd.draws()).isEqualTo(4);
        assertThat(Integer.toUnsignedLong(rnd.state())).isEqualTo(3883054935L);
    }
}
