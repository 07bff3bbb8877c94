// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
