// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.topo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ulemodel.core.golden.GoldenTable;

/**
 * kern.sched.topology_spec XML: round trips for every golden spec, a FreeBSD-style sample read
 * and printed back byte for byte, and one error per malformed case naming line and element.
 */
class TopologyXmlTest {

    private static final String W15 = ",0,0,0,0,0,0,0,0,0,0,0,0,0,0,0";
    private static final String FLAGS_SMT =
            "<flags><flag name=\"THREAD\">THREAD group</flag><flag name=\"SMT\">SMT group</flag></flags>";

    /** A 2-package, 4-core, 2-thread amd64 box as FreeBSD 14 (MAXCPU 1024) prints it; x86 cpu_topo sets SMT only. */
    static String sample2x4x2() {
        StringBuilder sb = new StringBuilder();
        sb.append("<groups>\n");
        sb.append(" <group level=\"1\" cache-level=\"0\">\n");
        sb.append("  <cpu count=\"16\" mask=\"ffff" + W15 + "\">0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15</cpu>\n");
        sb.append("  <children>\n");
        for (int p = 0; p < 2; p++) {
            sb.append("   <group level=\"2\" cache-level=\"3\">\n");
            sb.append("    <cpu count=\"8\" mask=\"" + Long.toHexString(0xffL << (8 * p)) + W15 + "\">");
            for (int c = 0; c < 8; c++) {
                sb.append(c == 0 ? "" : ", ").append(8 * p + c);
            }
            sb.append("</cpu>\n");
            sb.append("    <children>\n");
            for (int core = 0; core < 4; core++) {
                int cpu = 8 * p + 2 * core;
                sb.append("     <group level=\"3\" cache-level=\"2\">\n");
                sb.append("      <cpu count=\"2\" mask=\"" + Long.toHexString(3L << cpu) + W15 + "\">" + cpu + ", " + (cpu + 1)
                        + "</cpu>\n");
                sb.append("      " + FLAGS_SMT + "\n");
                sb.append("     </group>\n");
            }
            sb.append("    </children>\n");
            sb.append("   </group>\n");
        }
        sb.append("  </children>\n");
        sb.append(" </group>\n");
        sb.append("</groups>\n");
        return sb.toString();
    }

    @Test
    void everyGoldenSpecRoundTripsThroughXml() {
        TreeSet<String> specs = new TreeSet<>(List.of("1", "1x1x1", "1x1x2", "4x1x1", "3x2", "16x32x2", "2x2x4"));
        for (GoldenTable.Row row : GoldenTable.load("smp/topology.csv").rows()) {
            specs.add(row.get("topo"));
        }
        for (String spec : specs) {
            Topology t = Topology.parse(spec);
            String xml = TopologyXml.write(t);
            Topology back = TopologyXml.read(xml, spec + ".xml");
            assertThat(back).as(spec).isEqualTo(t);
            assertThat(back.hashCode()).isEqualTo(t.hashCode());
            assertThat(back.spec()).isEqualTo("xml:" + spec + ".xml");
            assertThat(TopologyXml.write(back)).isEqualTo(xml);
            assertThat(TopologyXml.read(TopologyXml.write(t, 256), spec)).isEqualTo(t);
        }
    }

    @Test
    void freeBsdSampleIsReadAndPrintedBackIdentically() {
        String xml = sample2x4x2();
        Topology t = TopologyXml.read(xml, "sample");
        assertThat(TopologyXml.write(t)).isEqualTo(xml);
        assertThat(t.cpuCount()).isEqualTo(16);
        assertThat(t.groupCount()).isEqualTo(11);
        CpuGroup core = t.groupNamed("r.1.2");
        assertThat(core.flags()).isEqualTo(CpuGroup.CG_FLAG_SMT);
        assertThat(core.isThreadGroup()).isTrue();
        assertThat(core.level()).isEqualTo(CpuGroup.CG_SHARE_L2);
        assertThat(core.mask()).isEqualTo(CpuSet.of(12, 13));
        assertThat(t.leafOf(13)).isEqualTo(core);
        assertThat(t.groupNamed("r.1").level()).isEqualTo(CpuGroup.CG_SHARE_L3);
        // Same shape as the synthetic 2x4x2, except that smp_topo_2level gives HTT|SMT.
        Topology synthetic = Topology.parse("2x4x2");
        assertThat(t).isNotEqualTo(synthetic);
        for (int i = 0; i < t.groupCount(); i++) {
            CpuGroup a = t.group(i);
            CpuGroup b = synthetic.group(i);
            assertThat(a.name()).isEqualTo(b.name());
            assertThat(a.mask()).isEqualTo(b.mask());
            assertThat(a.level()).isEqualTo(b.level());
            assertThat(a.isThreadGroup()).isEqualTo(b.isThreadGroup());
        }
    }

    @Test
    void oxPrefixedWordsShortMasksAndLoneThreadFlagAreAccepted() {
        String xml = "<?xml version=\"1.0\"?>\n<!-- from a FreeBSD 13 box -->\n<groups>\n"
                + " <group level=\"1\" cache-level=\"2\">\n"
                + "  <cpu count=\"2\" mask=\"0x3, 0x0,0x0 ,0x0\">0,1</cpu>\n"
                + "  <flags><flag name=\"THREAD\">THREAD group</flag></flags>\n"
                + " </group>\n</groups>";
        Topology t = TopologyXml.read(xml, "old");
        assertThat(t.root().flags()).isEqualTo(CpuGroup.CG_FLAG_THREAD);
        assertThat(t.root().isLeaf()).isTrue();
        assertThat(t.leafOf(1)).isEqualTo(t.root());
    }

    @Test
    void xmlIsTakenAsGivenWithoutCollapse() {
        // A single-child root, which smp_topo would have collapsed, is kept as written.
        String xml = "<groups>\n <group level=\"1\" cache-level=\"0\">\n  <cpu count=\"2\" mask=\"3\">0, 1</cpu>\n"
                + "  <children>\n   <group level=\"2\" cache-level=\"3\">\n    <cpu count=\"2\" mask=\"3\">0, 1</cpu>\n"
                + "   </group>\n  </children>\n </group>\n</groups>\n";
        Topology t = TopologyXml.read(xml, "one-child");
        assertThat(t.groupCount()).isEqualTo(2);
        assertThat(t.root().childCount()).isEqualTo(1);
        assertThat(t.leafOf(0).name()).isEqualTo("r.0");
    }

    @Test
    void numaNodeFlagRoundTrips() {
        String xml = "<groups>\n <group level=\"1\" cache-level=\"0\">\n  <cpu count=\"2\" mask=\"3\">0, 1</cpu>\n"
                + "  <children>\n   <group level=\"2\" cache-level=\"3\">\n    <cpu count=\"1\" mask=\"1\">0</cpu>\n"
                + "    <flags><flag name=\"NODE\">NUMA node</flag></flags>\n   </group>\n"
                + "   <group level=\"2\" cache-level=\"3\">\n    <cpu count=\"1\" mask=\"2\">1</cpu>\n"
                + "    <flags><flag name=\"HTT\">HTT group</flag><flag name=\"THREAD\">THREAD group</flag></flags>\n"
                + "   </group>\n  </children>\n </group>\n</groups>\n";
        Topology t = TopologyXml.read(xml, "numa");
        assertThat(t.groupNamed("r.0").flags()).isEqualTo(CpuGroup.CG_FLAG_NODE);
        assertThat(t.groupNamed("r.1").flags()).isEqualTo(CpuGroup.CG_FLAG_HTT);
        assertThat(TopologyXml.read(TopologyXml.write(t, 64), "again")).isEqualTo(t);
        assertThat(TopologyXml.write(t, 64)).isEqualTo(xml);
    }

    /** Replaces one line (1-based) of the sample. */
    private static String sampleWithLine(int line, String text) {
        String[] lines = sample2x4x2().split("\n", -1);
        lines[line - 1] = text;
        return String.join("\n", lines);
    }

    private static void assertRejected(String xml, int line, String element, String... fragments) {
        assertThatThrownBy(() -> TopologyXml.read(xml, "bad.xml"))
                .isInstanceOf(TopologyException.class)
                .satisfies(e -> {
                    TopologyException te = (TopologyException) e;
                    assertThat(te.line()).as(te.getMessage()).isEqualTo(line);
                    assertThat(te.element()).as(te.getMessage()).isEqualTo(element);
                    assertThat(te.source()).isEqualTo("bad.xml");
                    assertThat(te.getMessage()).startsWith("bad.xml:" + line + ": <" + element + ">: ").contains("expected");
                    for (String f : fragments) {
                        assertThat(te.getMessage()).contains(f);
                    }
                });
    }

    @Test
    void malformedXmlNamesLineAndElement() {
        // sample lines: 8 <group> of core r.0.0, 9 its <cpu>, 10 its <flags>, 12/13 core r.0.1, 20/21 core r.0.3
        assertRejected(sampleWithLine(9, "      <cpu count=\"2\" mask=\"3\">0, 1</cpux>"), 9, "cpu", "malformed XML");
        assertRejected("<groups>\n <group level=\"1\" cache-level=\"0\">\n  <cpu count=\"1\" mask=\"1\">0</cpu>\n",
                4, "group", "malformed XML"); // reported at the end of the input, inside the open <group>
        assertRejected("<groups>\n <group cache-level=\"0\">\n  <cpu count=\"1\" mask=\"1\">0 &amp 1</cpu>\n </group>\n</groups>",
                3, "cpu", "malformed XML");
    }

    @Test
    void missingGroupsRootIsRejected() {
        assertRejected("", 1, "groups", "missing <groups>");
        assertRejected("<!-- nothing -->\n", 2, "groups", "missing <groups>");
        assertRejected("\n<group level=\"1\" cache-level=\"0\"><cpu count=\"1\" mask=\"1\">0</cpu></group>", 2, "group",
                "expected <groups>");
        assertRejected("<groups>\n</groups>\n", 1, "groups", "no <group>");
    }

    @Test
    void cpuListedTwiceInAListIsRejected() {
        assertRejected(sampleWithLine(9, "      <cpu count=\"2\" mask=\"3\">0, 0</cpu>"), 9, "cpu", "CPU 0 is listed twice");
    }

    @Test
    void cpuListDisagreeingWithMaskIsRejected() {
        assertRejected(sampleWithLine(9, "      <cpu count=\"2\" mask=\"3\">0, 2</cpu>"), 9, "cpu", "disagrees with mask");
        assertRejected(sampleWithLine(9, "      <cpu count=\"2\" mask=\"3\">0, x</cpu>"), 9, "cpu", "CPU list entry 'x'");
        assertRejected(sampleWithLine(9, "      <cpu count=\"2\" mask=\"3,zz\">0, 1</cpu>"), 9, "cpu", "bad CPU mask word 2 'zz'");
    }

    @Test
    void countNotMatchingTheCpusIsRejected() {
        assertRejected(sampleWithLine(9, "      <cpu count=\"3\" mask=\"3\">0, 1</cpu>"), 9, "cpu",
                "count=\"3\" but 2 CPUs are listed");
        assertRejected(sampleWithLine(9, "      <cpu count=\"-2\" mask=\"3\">0, 1</cpu>"), 9, "cpu", "positive integer");
    }

    @Test
    void cpuInTwoSiblingGroupsIsRejected() {
        // core r.0.1 (lines 12-15) claims CPUs 1-2, overlapping r.0.0's CPU 1
        String xml = sampleWithLine(13, "      <cpu count=\"2\" mask=\"6\">1, 2</cpu>");
        assertRejected(xml, 12, "group", "CPU 1 is in two sibling groups");
    }

    @Test
    void childNotContainedInItsParentIsRejected() {
        // core r.0.3 (lines 20-23) claims CPUs 8-9, which belong to package r.1
        assertRejected(sampleWithLine(21, "      <cpu count=\"2\" mask=\"300\">8, 9</cpu>"), 20, "group",
                "child CPUs {8-9} are not in the parent group's mask {0-7}");
    }

    @Test
    void childrenNotCoveringTheParentAreRejected() {
        String xml = "<groups>\n <group level=\"1\" cache-level=\"0\">\n  <cpu count=\"3\" mask=\"7\">0, 1, 2</cpu>\n"
                + "  <children>\n   <group level=\"2\" cache-level=\"3\">\n    <cpu count=\"2\" mask=\"3\">0, 1</cpu>\n"
                + "   </group>\n  </children>\n </group>\n</groups>\n";
        assertRejected(xml, 4, "children", "missing {2}");
    }

    @Test
    void unknownFlagNameIsRejected() {
        assertRejected(sampleWithLine(10, "      <flags><flag name=\"TURBO\">x</flag></flags>"), 10, "flag",
                "unknown flag name 'TURBO'", "HTT, SMT, THREAD or NODE");
    }

    @Test
    void badAttributesAndElementsAreRejected() {
        assertRejected(sampleWithLine(8, "     <group level=\"3\" cache-level=\"7\">"), 8, "group", "cache-level=\"7\"");
        assertRejected(sampleWithLine(8, "     <group level=\"2\" cache-level=\"2\">"), 8, "group", "depth 3");
        assertRejected(sampleWithLine(8, "     <group level=\"3\">"), 8, "group", "missing cache-level");
        assertRejected(sampleWithLine(10, "      <colour/>"), 10, "colour", "unexpected element");
        assertRejected(sampleWithLine(10, "      stray text"), 10, "group", "unexpected text 'stray text'");
    }

    @Test
    void dtdsAndEntitiesAreRefused() {
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE groups [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<groups>\n <group level=\"1\" cache-level=\"0\">\n  <cpu count=\"1\" mask=\"1\">&x;</cpu>\n </group>\n</groups>";
        assertThatThrownBy(() -> TopologyXml.read(xml, "evil.xml"))
                .isInstanceOf(TopologyException.class)
                .hasMessageStartingWith("evil.xml:")
                .hasMessageNotContaining("root:");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2x0x2    | topology '2x0x2': cores per package must be ≥ 1; expected PxCxT such as 2x4x2",
        "0        | topology '0': number of CPUs must be ≥ 1; expected PxCxT",
        "0x4      | topology '0x4': packages must be ≥ 1; expected PxCxT",
        "2x4x0    | topology '2x4x0': threads per core must be ≥ 1; expected PxCxT",
        "2x       | topology '2x': cores per package '' is not a positive integer; expected PxCxT",
        "axb      | topology 'axb': packages 'a' is not a positive integer; expected PxCxT",
        "2x-4x2   | topology '2x-4x2': cores per package '-4' is not a positive integer",
        "1x2x3x4  | topology '1x2x3x4': 4 parts; expected PxCxT such as 2x4x2 (or PxC, or N)",
        "2X4X2    | topology '2X4X2': number of CPUs '2X4X2' is not a positive integer",
        "64x64x2  | topology '64x64x2' has 8192 CPUs; at most 4096 are supported",
        "4097     | topology '4097' has 4097 CPUs; at most 4096",
        "99999999999 | number of CPUs 99999999999 is too large; at most 4096",
    })
    void badSpecsAreRejectedWithTheExpectedForm(String spec, String message) {
        assertThatThrownBy(() -> Topology.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void emptyAndNullSpecsAreRejected() {
        assertThatThrownBy(() -> Topology.parse("")).hasMessageContaining("is not a positive integer; expected PxCxT");
        assertThatThrownBy(() -> Topology.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected PxCxT");
    }
}
