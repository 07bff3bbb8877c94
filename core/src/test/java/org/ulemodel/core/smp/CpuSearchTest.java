// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.smp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.core.topo.TopologyXml;

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

    /** Two leaves that are not runs of CPUs: {0, 2} and {1, 3}, under a root that shares nothing. */
    private static Topology interleaved() {
        return TopologyXml.read("<groups>\n <group level=\"1\" cache-level=\"0\">\n  <cpu count=\"4\" mask=\"f\">0, 1, 2, 3</cpu>\n"
                + "  <children>\n   <group level=\"2\" cache-level=\"2\">\n    <cpu count=\"2\" mask=\"5\">0, 2</cpu>\n"
                + "   </group>\n   <group level=\"2\" cache-level=\"2\">\n    <cpu count=\"2\" mask=\"a\">1, 3</cpu>\n"
                + "   </group>\n  </children>\n </group>\n</groups>\n", "interleaved");
    }

    @Test
    void aLeafThatIsNoRunOfCpusVisitsOnlyItsOwnCpus() {
        Topology t = interleaved();
        assertThat(t.group(1).isRange()).isFalse();
        assertThat(T2X2X2.leafOf(7).isRange()).isTrue();
        LoadView v = loads(new int[] {0, 3, 1, 3}, new int[] {100, 100, 100, 100}, new int[] {0, 1, 1, 1});
        Lcg rnd = new Lcg(Lcg.seed(1));
        // {1, 3} holds 6 threads and {0, 2} one: the lighter leaf wins and CPU 0 in it.
        SearchResult low = CpuSearch.lowest(t, t.root(), t.all(), -1, Integer.MAX_VALUE, -1, false, v, rnd);
        assertThat(low.cpu()).isZero();
        assertThat(low.total()).isEqualTo(7 * 256);
        assertThat(rnd.draws()).isEqualTo(4);
        Lcg leafRnd = new Lcg(Lcg.seed(1));
        SearchResult odd = CpuSearch.lowest(t, t.group(2), t.all(), -1, Integer.MAX_VALUE, -1, false, v, leafRnd);
        assertThat(odd.total()).isEqualTo(6 * 256);
        assertThat(leafRnd.draws()).isEqualTo(2);
        Lcg highRnd = new Lcg(Lcg.seed(1));
        SearchResult high = CpuSearch.highest(t, t.group(1), t.all(), 1, 1, v, highRnd);
        assertThat(high.cpu()).isEqualTo(2);
        assertThat(high.total()).isEqualTo(256);
        assertThat(highRnd.draws()).isEqualTo(1);
    }

    @Test
    void cpusOutsideAPartialMaskNeverWinAndDrawNothing() {
        Topology t = Topology.parse("1x4x1");
        CpuSet notZero = CpuSet.of(1, 2, 3);
        LoadView v = loads(new int[] {0, 2, 2, 2}, new int[] {100, 100, 100, 100}, new int[] {0, 1, 1, 1});
        Lcg rnd = new Lcg(Lcg.seed(2));
        SearchResult low = CpuSearch.lowest(t, t.root(), notZero, -1, Integer.MAX_VALUE, -1, false, v, rnd);
        assertThat(low.cpu()).isBetween(1, 3);
        assertThat(low.total()).isEqualTo(6 * 256);
        assertThat(rnd.draws()).isEqualTo(3);
        LoadView heavyZero = loads(new int[] {5, 1, 1, 1}, null, new int[] {4, 1, 1, 1});
        Lcg highRnd = new Lcg(Lcg.seed(2));
        SearchResult high = CpuSearch.highest(t, t.root(), notZero, 1, 1, heavyZero, highRnd);
        assertThat(high.cpu()).isBetween(1, 3);
        assertThat(high.total()).isEqualTo(8 * 256);
        assertThat(highRnd.draws()).isEqualTo(3);
        // On an SMT machine a mask that covers one core but not the other: only that core's CPUs.
        Lcg smtRnd = new Lcg(Lcg.seed(2));
        LoadView idle = loads(new int[8], new int[] {255, 255, 255, 255, 255, 255, 255, 255}, null);
        SearchResult core = CpuSearch.lowest(T2X2X2, T2X2X2.root(), CpuSet.of(2, 3, 6), -1, Integer.MAX_VALUE, -1, false,
                idle, smtRnd);
        assertThat(core.cpu()).isIn(2, 3, 6);
        assertThat(smtRnd.draws()).isEqualTo(3);
    }
}
