// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.core.topo.TopologyXml;

/** {@code ulemodel explore} and {@code ulemodel replay}: exit codes, statistics, counterexamples that replay. */
class ExploreCommandTest {
    @TempDir
    Path dir;

    /** A clean exploration exits 0 and prints its statistics. */
    @Test
    void cleanExplorationExitsZero() {
        CliRunner.Outcome o = CliRunner.run("explore", "--depth", "5");
        assertThat(o.code()).as(o.err()).isEqualTo(0);
        assertThat(o.out()).contains("outcome: COMPLETE", "states: ", "transitions: ", "states/s: ", "bytes/state", "no violation within depth 5");
    }

    /** A violation exits 1 with the counterexample, which {@code replay} replays to the same violation (exit 1). */
    @Test
    void violationPrintsAReplayableCounterexample() throws Exception {
        CliRunner.Outcome o = CliRunner.run("explore", "--depth", "5", "--bug", "stale_lowpri");
        assertThat(o.code()).as(o.err()).isEqualTo(1);
        assertThat(o.out()).startsWith("# COUNTERS violated after step ").contains("topology 2\ncreate class=TIMESHARE");
        Path f = dir.resolve("cx.txt");
        Files.writeString(f, o.out());
        CliRunner.Outcome replayWithBug = CliRunner.run("replay", f.toString(), "--bug", "STALE_LOWPRI");
        assertThat(replayWithBug.code()).isEqualTo(1);
        assertThat(replayWithBug.out()).contains("step 1: create", "Switch[").contains(o.out().lines().findFirst().orElseThrow().substring(2));
        CliRunner.Outcome replayModel = CliRunner.run("replay", f.toString());
        assertThat(replayModel.code()).isEqualTo(0);
        assertThat(replayModel.out()).contains("no violation in ");
    }

    /** Without explore-spark on the class path, {@code --engine spark} is a usage error saying where the engine is. */
    @Test
    void aMissingEngineSaysHowToGetIt() {
        CliRunner.Outcome o = CliRunner.run("explore", "--engine", "spark", "--master", "local[2]");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("no explore engine 'spark' on the class path (engines here: local)", "./ulemodel explore --engine spark",
                "docs/explore-spark.md").doesNotContain("Exception");
        assertThat(CliRunner.run("explore", "--master", "local[2]").err()).contains("the local engine takes no master");
    }

    /** {@code --workers N} changes nothing but the time: the same statistics and the same counterexample as one worker. */
    @Test
    void workersGiveTheSameRun() {
        for (String[] args : List.of(new String[] {"--depth", "6"}, new String[] {"--depth", "6", "--bug", "STALE_LOWPRI"})) {
            String one = withoutTime(run(args, "--workers", "1"));
            assertThat(withoutTime(run(args, "--workers", "3"))).isEqualTo(one);
            assertThat(withoutTime(run(args))).isEqualTo(one);
        }
        CliRunner.Outcome o = CliRunner.run("explore", "--workers", "0");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("--workers: expected N >= 1, got 0");
    }

    private static String run(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of("explore"));
        all.addAll(List.of(args));
        all.addAll(List.of(more));
        return CliRunner.run(all.toArray(new String[0])).out();
    }

    private static String withoutTime(String out) {
        return out.replaceAll("(?m)^(# )?(time|states/s): .*$", "");
    }

    /** {@code --report} writes the run as JSON: the states first met per level add up to the states. */
    @Test
    void theReportHasTheStatesPerLevel() throws Exception {
        Path f = dir.resolve("run.json");
        CliRunner.Outcome o = CliRunner.run("explore", "--depth", "3", "--report", f.toString());
        assertThat(o.code()).as(o.err()).isEqualTo(0);
        String json = Files.readString(f, StandardCharsets.UTF_8);
        assertThat(json).contains("\"engine\" : \"local\"", "\"workers\" : " + Runtime.getRuntime().availableProcessors(), "\"outcome\" : \"COMPLETE\"", "\"maxDepth\" : 3", "\"bytesPerState\"");
        long states = Long.parseLong(json.replaceAll("(?s).*\"states\" : (\\d+).*", "$1"));
        String levels = json.replaceAll("(?s).*\"statesPerLevel\" : \\[([^\\]]*)\\].*", "$1");
        long sum = 0;
        for (String n : levels.split(",")) {
            sum += Long.parseLong(n.trim());
        }
        assertThat(levels.split(",")).hasSize(4);
        assertThat(sum).isEqualTo(states);
        assertThat(o.out()).contains("states: " + states);
    }

    /** Bad options and bad files exit 2 with one line, no stack trace. */
    @Test
    void badInputExitsTwo() throws Exception {
        assertThat(CliRunner.run("explore", "--moves", "stat,jump").code()).isEqualTo(2);
        assertThat(CliRunner.run("explore", "--shard", "3/2").code()).isEqualTo(2);
        assertThat(CliRunner.run("explore", "--thread", "bogus").code()).isEqualTo(2);
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "topology 2\nwake tid=x\n");
        CliRunner.Outcome o = CliRunner.run("replay", bad.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("bad.txt:2: ").doesNotContain("Exception");
        Files.writeString(bad, "topology 2\nblock cpu=0\n");
        assertThat(CliRunner.run("replay", bad.toString()).code()).isEqualTo(2);
    }

    /** Shards run independently and each reports its own share. */
    @Test
    void shardRuns() {
        CliRunner.Outcome o = CliRunner.run("explore", "--depth", "5", "--shard", "1/2");
        assertThat(o.code()).isEqualTo(0);
        assertThat(o.out()).contains("outcome: COMPLETE");
    }

    /**
     * {@code --topology} takes a kern.sched.topology_spec XML file as every command does: the
     * FreeBSD-printed laptop of {@link TopologyOptionTest} is explored as 1x2x2 (ULE cannot tell the
     * two apart), and its counterexample names that spec, which replay reads back — also with the
     * XML file given to replay.
     */
    @Test
    void exploreAcceptsAnXmlTopology() throws Exception {
        Path xml = dir.resolve("laptop.xml");
        Files.writeString(xml, TopologyOptionTest.SMT_LAPTOP, StandardCharsets.UTF_8);
        CliRunner.Outcome o = CliRunner.run("explore", "--topology", xml.toString(), "--threads", "2", "--depth", "4");
        assertThat(o.code()).as(o.err()).isEqualTo(0);
        assertThat(o.err()).isEqualTo("ulemodel: note: --topology " + xml + " is explored as 1x2x2, the PxCxT machine ULE cannot tell "
                + "from it" + System.lineSeparator());
        assertThat(o.out()).contains("outcome: COMPLETE", "no violation within depth 4");
        // the same exploration as the spec's: same number of states and transitions
        assertThat(counts(o.out())).isNotEmpty()
                .isEqualTo(counts(CliRunner.run("explore", "--topology", "1x2x2", "--threads", "2", "--depth", "4").out()));

        // the model's own sysctl text of a spec is explored as that spec
        Path sysctl = dir.resolve("2x2.xml");
        Files.writeString(sysctl, TopologyXml.write(Topology.parse("2x2")), StandardCharsets.UTF_8);
        o = CliRunner.run("explore", "--topology", sysctl.toString(), "--threads", "2", "--depth", "3");
        assertThat(o.code()).as(o.err()).isEqualTo(0);
        assertThat(o.err()).contains("is explored as 2x2,");

        o = CliRunner.run("explore", "--topology", xml.toString(), "--depth", "5", "--bug", "stale_lowpri");
        assertThat(o.code()).as(o.err()).isEqualTo(1);
        assertThat(o.out()).contains("topology 1x2x2\ncreate class=TIMESHARE");
        Path cx = dir.resolve("cx.txt");
        Files.writeString(cx, o.out());
        assertThat(CliRunner.run("replay", cx.toString(), "--bug", "STALE_LOWPRI").code()).isEqualTo(1);
        CliRunner.Outcome replay = CliRunner.run("replay", cx.toString(), "--bug", "STALE_LOWPRI", "--topology", xml.toString());
        assertThat(replay.code()).isEqualTo(1);
        assertThat(replay.err()).isEqualTo("ulemodel: note: --topology " + xml + " is replayed as 1x2x2, the PxCxT machine ULE cannot "
                + "tell from it" + System.lineSeparator());
    }

    /** The {@code states:} and {@code transitions:} lines of explore's statistics. */
    private static List<String> counts(String out) {
        return out.lines().filter(l -> l.startsWith("states: ") || l.startsWith("transitions: ")).toList();
    }
}
