// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.smp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;

/**
 * sched_pickcpu's paths (sched_ule.c: sched_pickcpu) on a 2x2x2 machine — root (no shared
 * cache) → two L3 packages {0-3}, {4-7} → SMT cores {0,1} {2,3} {4,5} {6,7} — each expected
 * answer derived by hand in the test's Javadoc.
 */
class PickCpuRulesTest {
    private static final Topology T = Topology.parse("2x2x2");
    private static final int TICKS = 100_000;

    private static LoadView view(int[] load, int[] lowpri) {
        return LoadView.of(load, lowpri, null); // sched_pickcpu never reads tdq_transferable
    }

    private static PickResult pick(int curcpu, int pri, int tsCpu, int rltick, int[] load, int[] lowpri) {
        return PickCpu.pick(T, new PickRequest(curcpu, TICKS, 1, pri, tsCpu, rltick, CpuSet.firstN(8), 0, false, false, false),
                view(load, lowpri), new Lcg(Lcg.seed(curcpu)));
    }

    /**
     * Step 3: the thread left CPU 2 this tick (rltick = ticks, so L2 affinity holds: rltick >
     * ticks − 2), CPU 2 is idle (lowpri 255 ≥ 224) and so is its SMT sibling 3: return ts_cpu = 2
     * without any search (no random draw), counting pickcpu_idle_affinity.
     */
    @Test
    void lastCpuIdleWithIdleSiblingsIsKept() {
        int[] load = {1, 1, 0, 0, 1, 1, 1, 1};
        int[] low = {100, 100, 255, 255, 100, 100, 100, 100};
        PickResult r = pick(5, 180, 2, TICKS, load, low);
        assertThat(r.cpu()).isEqualTo(2);
        assertThat(r.stats()).containsExactly(PickCpu.STAT_IDLE_AFFINITY);
    }

    /**
     * Step 3 fails when the SMT sibling 3 is busy. Step 4 walks up from CPU 2's group: the core
     * {2,3} is SMT (skipped), package {0-3} shares L3, has 2 children and L3 affinity holds
     * (rltick > ticks − 3), the root shares nothing: the LLC group is {0-3}. Step 5 searches it
     * for idle CPUs (pri max(180, 223)): only CPU 2 has lowpri &gt; 223, so CPU 2, counting
     * pickcpu_affinity. Step 6 does not apply: current CPU 5 runs priority 100, not worse than 180.
     */
    @Test
    void aBusySiblingSendsTheSearchToTheLastLevelCacheGroup() {
        int[] load = {1, 1, 0, 1, 1, 1, 1, 1};
        int[] low = {100, 100, 255, 100, 100, 100, 100, 100};
        PickResult r = pick(5, 180, 2, TICKS, load, low);
        assertThat(r.cpu()).isEqualTo(2);
        assertThat(r.stats()).containsExactly(PickCpu.STAT_AFFINITY);
    }

    /**
     * Affinity expired (rltick long ago) so step 4 keeps no group and step 5 searches the whole
     * machine for CPUs running something worse than 180: CPU 4 (lowpri 190, load 2) and CPU 6
     * (lowpri 200, load 1). The root picks the child with the smaller total: package {4-7} (only
     * package with a candidate), then core {6,7} (total 2·256) over core {4,5} (3·256): CPU 6,
     * counting pickcpu_lowest. Step 6: current CPU 4 runs 190, worse than 180; CPU 6 is not idle;
     * load(4) = 2 ≤ load(6) + 1 = 2: prefer the current CPU 4, counting pickcpu_local, and since
     * 4 ≠ ts_cpu 0, pickcpu_migration.
     */
    @Test
    void theCurrentCpuIsPreferredWhenItIsNoMoreLoadedThanTheChoicePlusOne() {
        int[] load = {1, 1, 1, 1, 2, 1, 1, 1};
        int[] low = {100, 100, 100, 100, 190, 100, 200, 100};
        PickResult r = pick(4, 180, 0, TICKS - 50_000, load, low);
        assertThat(r.cpu()).isEqualTo(4);
        assertThat(r.stats()).isEqualTo(List.of(PickCpu.STAT_LOWEST, PickCpu.STAT_LOCAL, PickCpu.STAT_MIGRATION));
    }
}
