// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ulemodel.core.topo.CpuGroup;
import org.ulemodel.core.topo.Topology;

/**
 * {@link TopologyOption}: a spec string or a kern.sched.topology_spec XML file, with errors that
 * name the file and line; and {@code demo --topology} using it.
 */
class TopologyOptionTest {
    @TempDir
    Path tmp;

    /** What {@code sysctl -n kern.sched.topology_spec} prints on a 4-thread, 2-core machine (MAXCPU 256). */
    static final String SMT_LAPTOP = String.join("\n",
            "<groups>",
            " <group level=\"1\" cache-level=\"3\">",
            "  <cpu count=\"4\" mask=\"f,0,0,0\">0, 1, 2, 3</cpu>",
            "  <children>",
            "   <group level=\"2\" cache-level=\"2\">",
            "    <cpu count=\"2\" mask=\"3,0,0,0\">0, 1</cpu>",
            "    <flags><flag name=\"THREAD\">THREAD group</flag><flag name=\"SMT\">SMT group</flag></flags>",
            "   </group>",
            "   <group level=\"2\" cache-level=\"2\">",
            "    <cpu count=\"2\" mask=\"c,0,0,0\">2, 3</cpu>",
            "    <flags><flag name=\"THREAD\">THREAD group</flag><flag name=\"SMT\">SMT group</flag></flags>",
            "   </group>",
            "  </children>",
            " </group>",
            "</groups>", "");

    @Test
    void specStringsAreParsedAsBefore() {
        assertThat(TopologyOption.parse("2x2x2")).isEqualTo(Topology.parse("2x2x2"));
        assertThatThrownBy(() -> TopologyOption.parse("2x0")).isInstanceOf(UsageError.class).hasMessageContaining("2x0");
    }

    @Test
    void freeBsdTopologySpecXmlFileIsRead() throws IOException {
        Path xml = tmp.resolve("laptop.xml");
        Files.writeString(xml, SMT_LAPTOP, StandardCharsets.UTF_8);
        Topology t = TopologyOption.parse(xml.toString());
        assertThat(t.spec()).isEqualTo("xml:" + xml);
        assertThat(t.cpuCount()).isEqualTo(4);
        assertThat(t.groups()).extracting(CpuGroup::name).containsExactly("r", "r.0", "r.1");
        assertThat(t.root().level()).isEqualTo(CpuGroup.CG_SHARE_L3);
        // x86 cpu_topo() sets SMT alone, which sysctl prints as THREAD and SMT; ULE only asks isThreadGroup.
        assertThat(t.groupNamed("r.1").flags()).isEqualTo(CpuGroup.CG_FLAG_SMT);
        assertThat(t.groupNamed("r.1").isThreadGroup()).isTrue();
        assertThat(t.groupNamed("r.1").mask().toHex()).isEqualTo("c");
        // Any existing file is read, whatever its name: here the model's own sysctl text for 2x2x2.
        Path sysctl = tmp.resolve("topology_spec");
        Files.writeString(sysctl, Topology.parse("2x2x2").toXml(), StandardCharsets.UTF_8);
        assertThat(TopologyOption.parse(sysctl.toString())).isEqualTo(Topology.parse("2x2x2"));
    }

    @Test
    void demoRunsOnAnXmlTopology() throws IOException {
        Path xml = tmp.resolve("laptop.xml");
        Files.writeString(xml, SMT_LAPTOP, StandardCharsets.UTF_8);
        CliRunner.Outcome o = CliRunner.run("demo", "--seconds", "1", "--topology", xml.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("xml:" + xml).contains("(4 CPUs)").contains("cpu3");
    }

    @Test
    void malformedXmlIsAUsageErrorNamingFileAndLine() throws IOException {
        Path xml = tmp.resolve("broken.xml");
        Files.writeString(xml, SMT_LAPTOP.replace("mask=\"3,0,0,0\"", "mask=\"3,z,0,0\""), StandardCharsets.UTF_8);
        CliRunner.Outcome o = CliRunner.run("demo", "--seconds", "1", "--topology", xml.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).contains("--topology: " + xml + ":6: <cpu>").doesNotContain("Exception").doesNotContain("\tat ");

        Files.writeString(xml, SMT_LAPTOP.replace("  </children>\n", ""), StandardCharsets.UTF_8);
        o = CliRunner.run("demo", "--seconds", "1", "--topology", xml.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(xml + ":").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void missingXmlFileIsAUsageError() {
        Path xml = tmp.resolve("absent.xml");
        CliRunner.Outcome o = CliRunner.run("demo", "--topology", xml.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("--topology: " + xml + ": no such file");
    }
}
