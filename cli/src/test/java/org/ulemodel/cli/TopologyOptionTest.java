// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ulemodel.core.topo.CpuGroup;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.core.topo.TopologyXml;

/**
 * {@link TopologyOption}: a spec string or a kern.sched.topology_spec XML file, with errors that
 * name the file and line; every command's {@code --topology} goes through it, with one error style.
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
        Files.writeString(sysctl, TopologyXml.write(Topology.parse("2x2x2")), StandardCharsets.UTF_8);
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

    /** Each command that takes a topology, with the arguments it needs besides {@code --topology VALUE}. */
    private List<List<String>> commands() throws IOException {
        Path trace = tmp.resolve("t.jsonl");
        Files.writeString(trace, "", StandardCharsets.UTF_8);
        Path events = tmp.resolve("e.txt");
        Files.writeString(events, "yield cpu=0\n", StandardCharsets.UTF_8);
        return List.of(List.of("simulate", CliRunner.workload("periodic.json").toString()), List.of("check", trace.toString()),
                List.of("explore", "--depth", "1"), List.of("replay", events.toString()), List.of("demo", "--seconds", "1"));
    }

    private static CliRunner.Outcome run(List<String> command, String topology) {
        List<String> args = new ArrayList<>(command);
        args.add("--topology");
        args.add(topology);
        return CliRunner.run(args.toArray(new String[0]));
    }

    @Test
    void everyCommandRefusesABadTopologyInOneStyle() throws IOException {
        Path absent = tmp.resolve("absent.xml");
        Path broken = tmp.resolve("broken.xml");
        Files.writeString(broken, SMT_LAPTOP.replace("mask=\"3,0,0,0\"", "mask=\"3,z,0,0\""), StandardCharsets.UTF_8);
        for (List<String> c : commands()) {
            CliRunner.Outcome o = run(c, "2x0");
            assertThat(o.code()).as(c + ": " + o.err()).isEqualTo(2);
            assertThat(o.err()).as(c.toString()).startsWith("ulemodel: --topology: topology '2x0': cores per package must be ≥ 1")
                    .endsWith("; or name a kern.sched.topology_spec XML file" + System.lineSeparator()).hasLineCount(1);
            o = run(c, absent.toString());
            assertThat(o.code()).as(c.toString()).isEqualTo(2);
            assertThat(o.err()).as(c.toString()).isEqualTo("ulemodel: --topology: " + absent
                    + ": no such file (expected kern.sched.topology_spec XML)" + System.lineSeparator());
            o = run(c, broken.toString());
            assertThat(o.code()).as(c.toString()).isEqualTo(2);
            assertThat(o.err()).as(c.toString()).startsWith("ulemodel: --topology: " + broken + ":6: <cpu>").hasLineCount(1);
            o = run(c, tmp.toString());
            assertThat(o.code()).as(c.toString()).isEqualTo(2);
            assertThat(o.err()).as(c.toString()).startsWith("ulemodel: --topology: topology '" + tmp + "'");
        }
    }

    @Test
    void aDirectoryNamedLikeXmlIsNotReadAsAFile() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("machine.xml"));
        assertThatThrownBy(() -> TopologyOption.parse(dir.toString())).isInstanceOf(UsageError.class)
                .hasMessage("--topology: " + dir + ": not a regular file (expected kern.sched.topology_spec XML)");
    }

    @Test
    void toolsThatNameMachinesBySpecGetTheSpecUleCannotTellApart() throws IOException {
        assertThat(TopologyOption.spec("--topology", "2x2", TopologyOption.parse("2x2"))).isEqualTo("2x2");
        // FreeBSD prints SMT alone where smp_topo_2level sets SMT|HTT: ULE reads neither, only THREAD-ness.
        assertThat(TopologyOption.spec("--topology", "laptop.xml", TopologyXml.read(SMT_LAPTOP, "laptop.xml"))).isEqualTo("1x2x2");
        for (String spec : List.of("1", "8", "3x2", "2x2x2", "2x4x2", "4x1x1")) {
            Topology t = TopologyXml.read(TopologyXml.write(Topology.parse(spec)), spec + ".xml");
            assertThat(Topology.parse(TopologyOption.spec("--topology", spec + ".xml", t))).as(spec).isEqualTo(t);
        }
        // three CPUs: an SMT pair and a lone core under one L3 — no PxCxT machine has that tree
        String uneven = String.join("\n", "<groups>", " <group level=\"1\" cache-level=\"3\">",
                "  <cpu count=\"3\" mask=\"7\">0, 1, 2</cpu>", "  <children>", "   <group level=\"2\" cache-level=\"2\">",
                "    <cpu count=\"2\" mask=\"3\">0, 1</cpu>", "    <flags><flag name=\"SMT\">SMT group</flag></flags>", "   </group>",
                "   <group level=\"2\" cache-level=\"2\">", "    <cpu count=\"1\" mask=\"4\">2</cpu>", "   </group>", "  </children>",
                " </group>", "</groups>", "");
        Path xml = tmp.resolve("uneven.xml");
        Files.writeString(xml, uneven, StandardCharsets.UTF_8);
        assertThat(TopologyOption.parse(xml.toString()).cpuCount()).isEqualTo(3);
        CliRunner.Outcome o = CliRunner.run("explore", "--depth", "1", "--topology", xml.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("ulemodel: --topology: " + xml + ": a machine no PxCxT spec builds (3 CPUs in 3 groups); "
                + "explore and replay name the machine by spec: expected the tree of a PxCxT machine" + System.lineSeparator());
    }
}
