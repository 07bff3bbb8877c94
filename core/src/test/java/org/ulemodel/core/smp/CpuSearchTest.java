// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.smp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;

/** Hand-checked properties of {@link CpuSearch} and {@link PickCpu} beyond the golden rows. */
class CpuSearchTest {
    private static final Topology T2X2X2 = Topology.parse("2x2x2");

    private static LoadView loads(int[] load, int[] lowpri, int[] trans) {
        return SmpGolden.view(load, lowpri, trans);
    }

    @Test
    void emptyMaskFindsNothingDrawsNothingButStillTotalsTheGroup() {
        LoadView v = loads(new int[] {1, 2, 0, 0, 3, 0, 0, 1}, new int[] {100, 100, 255, 255, 100, 255, 255, 100},
                new int[] {0, 1, 0, 0, 2, 0, 0, 0});
        Lcg rnd = new Lcg(Lcg.seed(0));
        SearchResult low = CpuSearch.lowest(T2X2X2, T2X2X2.root(), CpuSet.empty(), -1, Integer.MAX_VALUE, 4, false, v,
                rnd);
        // 7 threads at 256 each, minus the preference bonus of CPU 4.
        assertThat(low.cpu()).isEqualTo(-1);
        assertThat(low.found()).isFalse();
        assertThat(low.total()).isEqualTo(7 * 256 - 128);
        SearchResult high = CpuSearch.highest(T2X2X2, T2X2X2.root(), CpuSet.empty(), 0, 0, v, rnd);
        assertThat(high.cpu()).isEqualTo(-1);
        assertThat(high.total()).isEqualTo(7 * 256);
        assertThat(rnd.draws()).isZero();
    }

    @Test
    void oneDrawPerQualifyingCpuVisitedLastToFirst() {
        // The SMT core r.1.1 = {6, 7}, all idle, any priority: both CPUs qualify, CPU 7 draws first.
        LoadView v = loads(new int[8], new int[] {255, 255, 255, 255, 255, 255, 255, 255}, null);
        Lcg rnd = new Lcg(Lcg.seed(0));
        SearchResult r = CpuSearch.lowest(T2X2X2, T2X2X2.leafOf(7), CpuSet.ofMask(-1L), -1,
                Integer.MAX_VALUE, -1, false, v, rnd);
        // seed(0)'s draws are 5 then 36287: CPU 7 gets -(5%128) = -5, CPU 6 gets -(36287%128) = -63.
        assertThat(r).isEqualTo(new SearchResult(6, -63, 0));
        assertThat(rnd.draws()).isEqualTo(2);
    }

    @Test
    void maskBitsBeyondTheMachineAreHarmless() {
        LoadView v = loads(new int[] {0, 0, 0, 0}, new int[] {255, 255, 255, 255}, null);
        Topology t = Topology.parse("1x4x1");
        SearchResult fill = CpuSearch.lowest(t, t.root(), CpuSet.ofMask(-1L), -1, Integer.MAX_VALUE, 0, false, v,
                new Lcg(9));
        SearchResult exact = CpuSearch.lowest(t, t.root(), CpuSet.firstN(4), -1, Integer.MAX_VALUE, 0, false, v,
                new Lcg(9));
        assertThat(fill).isEqualTo(exact);
    }

    @Test
    void ourselfAndPinnedReturnTsCpuUntouched() {
        LoadView v = loads(new int[8], new int[8], null);
        Lcg rnd = new Lcg(1);
        PickResult ourself = PickCpu.pick(T2X2X2,
                new PickRequest(0, 100, 1, 120, 5, 0, CpuSet.of(1), 0, true, false, false), v, rnd);
        PickResult pinned = PickCpu.pick(T2X2X2,
                new PickRequest(0, 100, 1, 120, 5, 0, CpuSet.of(1), 2, false, false, false), v, rnd);
        assertThat(ourself).isEqualTo(new PickResult(5, 5, List.of()));
        assertThat(pinned).isEqualTo(ourself);
        assertThat(rnd.draws()).isZero();
    }

    @Test
    void ithreadOnBusyCpuMovesTsCpuToCurrentCpuAndCountsMigrationAgainstIt() {
        // CPU 2 busy with priority 100; the ithread (pri 20) is in interrupt context there.
        int[] lowpri = {255, 255, 100, 255, 255, 255, 255, 255};
        int[] load = {0, 0, 1, 0, 0, 0, 0, 0};
        Lcg rnd = new Lcg(Lcg.seed(2));
        PickResult r = PickCpu.pick(T2X2X2, new PickRequest(2, 100, 1, 20, 6, 0, CpuSet.ofMask(-1L), 0, false, false,
                true), loads(load, lowpri, null), rnd);
        assertThat(r.tsCpuAfter()).isEqualTo(2);
        assertThat(r.stats().get(0)).isEqualTo(PickCpu.STAT_INTRBIND);
        assertThat(T2X2X2.groupNamed("r.0").contains(r.cpu())).as("stays in CPU 2's L3 package r.0").isTrue();
        assertThat(r.stats().contains(PickCpu.STAT_MIGRATION)).isEqualTo(r.cpu() != 2);
    }

    @Test
    void aCpusetWithoutAnyCpuOfTheMachineIsTheKernelsKassert() {
        LoadView v = loads(new int[8], new int[8], null);
        assertThatThrownBy(() -> PickCpu.pick(T2X2X2,
                new PickRequest(0, 100, 1, 120, 0, 0, CpuSet.of(40), 0, false, false, false), v, new Lcg(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no CPU found");
    }
}
