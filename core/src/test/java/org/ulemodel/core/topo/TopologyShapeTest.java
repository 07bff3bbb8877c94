// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.topo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Shapes beyond the golden table: one CPU, single packages, 1024 and 4096 CPUs, the cpu_group
 * invariants on every group, names and lookups.
 */
class TopologyShapeTest {

    /** Checks the documented cpu_group invariants of every group. */
    static void assertInvariants(Topology t) {
        List<CpuGroup> gs = t.groups();
        assertThat(gs.get(0).isRoot()).isTrue();
        for (CpuGroup g : gs) {
            assertThat(t.group(g.index())).isSameAs(g);
            assertThat(g.count()).isEqualTo(g.mask().size());
            assertThat(g.first()).isEqualTo(g.mask().first());
            assertThat(g.last()).isEqualTo(g.mask().last());
            CpuSet union = CpuSet.empty();
            for (int c : g.children()) {
                CpuGroup k = t.group(c);
                assertThat(k.parent()).isEqualTo(g.index());
                assertThat(k.name()).startsWith(g.name() + ".");
                assertThat(union.intersects(k.mask())).isFalse();
                union = union.or(k.mask());
            }
            if (!g.isLeaf()) {
                assertThat(union).isEqualTo(g.mask());
            }
        }
        for (int cpu = t.all().first(); cpu >= 0; cpu = t.all().nextFrom(cpu + 1)) {
            CpuGroup leaf = t.leafOf(cpu);
            assertThat(leaf.isLeaf()).isTrue();
            assertThat(leaf.contains(cpu)).isTrue();
        }
    }

    @Test
    void oneCpuMachineIsASingleL3Leaf() {
        Topology one = Topology.parse("1");
        assertThat(one).isEqualTo(Topology.parse("1x1x1")).isEqualTo(Topology.parse("1x1"));
        assertThat(one.spec()).isEqualTo("1");
        assertThat(one.cpuCount()).isEqualTo(1);
        assertThat(one.groupCount()).isEqualTo(1);
        CpuGroup r = one.root();
        assertThat(r.name()).isEqualTo("r");
        assertThat(r.parent()).isEqualTo(-1);
        assertThat(r.level()).isEqualTo(CpuGroup.CG_SHARE_L3);
        assertThat(r.flags()).isZero();
        assertThat(r.children()).isEmpty();
        assertThat(r.first()).isZero();
        assertThat(r.last()).isZero();
        assertThat(one.leafOf(0)).isSameAs(r);
        assertThat(one.all()).isEqualTo(CpuSet.of(0));
        assertInvariants(one);
    }

    @Test
    void shortFormsAreOnePackageOrSingleThreaded() {
        assertThat(Topology.parse("8")).isEqualTo(Topology.parse("1x8x1"));
        assertThat(Topology.parse("2x4")).isEqualTo(Topology.parse("2x4x1"));
        assertThat(Topology.parse(" 2x4x2 ").spec()).isEqualTo("2x4x2");
    }

    @Test
    void singleCoreSmtCollapsesToTheThreadGroup() {
        Topology t = Topology.parse("1x1x2");
        assertThat(t.groupCount()).isEqualTo(1);
        assertThat(t.root().level()).isEqualTo(CpuGroup.CG_SHARE_L2);
        assertThat(t.root().flags()).isEqualTo(CpuGroup.CG_FLAG_THREAD);
        assertThat(t.root().isThreadGroup()).isTrue();
    }

    @Test
    void onlyTheRootIsCollapsed() {
        // 2x1x2: smp_topo_2level gives packages with a single core group each; smp_topo only collapses the root.
        Topology t = Topology.parse("2x1x2");
        assertThat(t.groups()).extracting(CpuGroup::name).containsExactly("r", "r.0", "r.0.0", "r.1", "r.1.0");
        assertThat(t.groupNamed("r.0").childCount()).isEqualTo(1);
        assertThat(t.groupNamed("r.0").level()).isEqualTo(CpuGroup.CG_SHARE_L3);
        assertThat(t.groupNamed("r.1.0").mask()).isEqualTo(CpuSet.of(2, 3));
        Topology four = Topology.parse("4x1x1");
        assertThat(four.root().level()).isEqualTo(CpuGroup.CG_SHARE_NONE);
        assertThat(four.root().childCount()).isEqualTo(4);
        assertInvariants(t);
        assertInvariants(four);
    }

    @Test
    void cpuNumberingIsPackageThenCoreThenThread() {
        Topology t = Topology.parse("3x2x4");
        for (int p = 0; p < 3; p++) {
            for (int c = 0; c < 2; c++) {
                for (int th = 0; th < 4; th++) {
                    int cpu = p * 2 * 4 + c * 4 + th;
                    assertThat(t.leafOf(cpu).name()).as("cpu %d", cpu).isEqualTo("r." + p + "." + c);
                }
            }
        }
        assertInvariants(t);
    }

    @Test
    void a1024CpuMachineBuildsAndFindsCpu1023() {
        Topology t = Topology.parse("16x32x2");
        assertThat(t.cpuCount()).isEqualTo(1024);
        assertThat(t.groupCount()).isEqualTo(1 + 16 + 16 * 32);
        assertThat(t.all()).isEqualTo(CpuSet.firstN(1024));
        assertThat(t.all().toHex()).isEqualTo("f".repeat(256));
        CpuGroup leaf = t.leafOf(1023);
        assertThat(leaf.name()).isEqualTo("r.15.31");
        assertThat(leaf.mask()).isEqualTo(CpuSet.of(1022, 1023));
        assertThat(leaf.first()).isEqualTo(1022);
        assertThat(t.groupNamed("r.15").first()).isEqualTo(960);
        assertThat(t.groupNamed("r.15").last()).isEqualTo(1023);
        assertInvariants(t);
        assertThatThrownBy(() -> t.leafOf(1024)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CPU 1024 is not in topology 16x32x2");
    }

    @Test
    void fourThousandNinetySixCpusIsTheLimit() {
        Topology t = Topology.parse("64x32x2");
        assertThat(t.cpuCount()).isEqualTo(Topology.MAX_CPUS);
        assertThat(t.leafOf(4095).name()).isEqualTo("r.63.31");
        assertThat(Topology.parse("4096").root().isLeaf()).isTrue();
        assertThatThrownBy(() -> Topology.parse("4097")).hasMessageContaining("at most 4096");
        // TopologyXml.write widens masks beyond MAXCPU 1024 when needed, and reads back equal.
        assertThat(TopologyXml.read(TopologyXml.write(t), "big")).isEqualTo(t);
    }

    @Test
    void lookupsNameWhatIsValid() {
        Topology t = Topology.parse("2x2x2");
        assertThat(t.groupNamed("r.1.0").mask()).isEqualTo(CpuSet.of(4, 5));
        assertThat(t.groupNamed("r.1.0").index()).isEqualTo(5);
        assertThat(t.groups()).extracting(CpuGroup::name)
                .containsExactly("r", "r.0", "r.0.0", "r.0.1", "r.1", "r.1.0", "r.1.1");
        assertThat(t.root().children()).containsExactly(1, 4);
        assertThatThrownBy(() -> t.groupNamed("r.2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no group named 'r.2' in topology 2x2x2; valid names: r, r.0, r.0.0, r.0.1, r.1, r.1.0, r.1.1");
        assertThatThrownBy(() -> t.group(7)).hasMessageContaining("out of range 0..6");
        assertThatThrownBy(() -> t.leafOf(-1)).hasMessageContaining("CPU -1 is not in topology");
        assertThatThrownBy(() -> t.groups().clear()).isInstanceOf(UnsupportedOperationException.class);
        int[] kids = t.root().children();
        kids[0] = 99;
        assertThat(t.root().children()).containsExactly(1, 4);
    }

    @Test
    void equalityIsStructural() {
        assertThat(Topology.parse("2x2x2")).isEqualTo(Topology.parse("2x2x2"))
                .hasSameHashCodeAs(Topology.parse("2x2x2"))
                .isNotEqualTo(Topology.parse("2x4x1"));
        assertThat(Topology.parse("2x2x2").root()).isEqualTo(Topology.parse("2x2x2").root())
                .isNotEqualTo(Topology.parse("1x2x2").root());
    }
}
