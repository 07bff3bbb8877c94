// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ulemodel eval} writes back FreeBSD's golden tables byte for byte when given their inputs, and refuses bad input with FILE:LINE. */
class EvalCommandTest {
    @TempDir
    Path tmp;

    static List<String> lines(Path p) throws IOException {
        return Files.readAllLines(p, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).collect(Collectors.toList());
    }

    static List<String> lines(String s) {
        return s.lines().filter(l -> !l.isEmpty()).collect(Collectors.toList());
    }

    @ParameterizedTest(name = "eval {0} reproduces {1}")
    @CsvSource({"interact,interact.csv", "priority,priority.csv", "slice,slice.csv", "pctcpu,pctcpu.csv",
        "calendar,calendar.csv", "runq-pick,runq_pick.csv", "preempt,preempt.csv"})
    void reproducesGoldenTable(String table, String file) throws IOException {
        Path golden = CliRunner.golden(file);
        CliRunner.Outcome o = CliRunner.run("eval", table, golden.toString());
        assertThat(o.err()).isEmpty();
        assertThat(o.code()).isZero();
        List<String> expected = lines(golden);
        assertThat(lines(o.out())).hasSize(expected.size()).containsExactlyElementsOf(expected);
    }

    /**
     * interact_update.csv's exit_absorb_child rows do not record the child's run time; the input
     * gets a {@code child_runtime} column (2, 5 and 10 s of run time, which the rows pin down) and
     * every row, sequences included, comes back unchanged.
     */
    @Test
    void reproducesInteractUpdateGivenTheChildRuntime() throws IOException {
        List<String> golden = lines(CliRunner.golden("interact_update.csv"));
        List<String> input = new ArrayList<>();
        input.add(golden.get(0) + ",child_runtime");
        long[] child = {2000L << 10, 5000L << 10, 10000L << 10};
        int k = 0;
        for (String l : golden.subList(1, golden.size())) {
            input.add(l + "," + (l.contains(",add_child_runtime,") ? String.valueOf(child[k++]) : ""));
        }
        assertThat(k).isEqualTo(3);
        Path in = tmp.resolve("iu.csv");
        Files.write(in, input, StandardCharsets.UTF_8);
        CliRunner.Outcome o = CliRunner.run("eval", "interact-update", in.toString());
        assertThat(o.err()).isEmpty();
        assertThat(lines(o.out())).containsExactlyElementsOf(golden);
    }

    @Test
    void calendarSimReproducesEveryGoldenScenario() throws IOException {
        List<String> golden = lines(CliRunner.golden("calendar_sim.csv"));
        List<String> summary = lines(CliRunner.golden("calendar_sim_summary.csv"));
        String[][] runs = {
            {"fixed_spread4", "--priorities", "160,172,190,223", "1270"},
            {"fixed_same3", "--priorities", "203,203,203", "400"},
            {"hogs_nice_0x2", "--nice", "0,0", "2540"}};
        for (String[] r : runs) {
            List<String> args = new ArrayList<>(List.of("eval", "calendar-sim", r[1], r[2], "--ticks", r[3], "--scenario", r[0]));
            if (r[1].equals("--nice")) {
                args.add("--userret");
            }
            CliRunner.Outcome o = CliRunner.run(args.toArray(new String[0]));
            assertThat(o.code()).as(o.err()).isZero();
            List<String> expected = golden.stream().filter(l -> l.startsWith(r[0] + ",")).collect(Collectors.toList());
            List<String> got = lines(o.out());
            assertThat(got.get(0)).isEqualTo(golden.get(0));
            assertThat(got.subList(1, got.size())).containsExactlyElementsOf(expected);

            args.add("--summary");
            CliRunner.Outcome s = CliRunner.run(args.toArray(new String[0]));
            List<String> expectedSummary = summary.stream().filter(l -> l.startsWith(r[0] + ",")).collect(Collectors.toList());
            List<String> gotSummary = lines(s.out());
            assertThat(gotSummary.get(0)).isEqualTo(summary.get(0));
            assertThat(gotSummary.subList(1, gotSummary.size())).containsExactlyElementsOf(expectedSummary);
        }
    }

    @Test
    void hogsScenarioOfTheIssueRuns() {
        CliRunner.Outcome o = CliRunner.run("eval", "calendar-sim", "--nice", "-10,0,10", "--userret", "--ticks", "3810");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(lines(o.out())).hasSize(3811);
    }

    @Test
    void missingInputColumnNamesFileLineAndColumns() throws IOException {
        Path in = tmp.resolve("bad.csv");
        Files.writeString(in, "runtime_ticks,foo\n1,2\n");
        CliRunner.Outcome o = CliRunner.run("eval", "interact", in.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).contains(in + ":1:").contains("slptime_ticks").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void badNumberNamesFileLineColumnAndExpectation() throws IOException {
        Path in = tmp.resolve("bad.csv");
        Files.writeString(in, "runtime_ticks,slptime_ticks\n1,2\n3,x7\n");
        CliRunner.Outcome o = CliRunner.run("eval", "interact", in.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.out()).as("nothing half-written").isEmpty();
        assertThat(o.err()).contains(in + ":3: column slptime_ticks: expected an unsigned 32-bit integer").contains("'x7'");
    }

    @Test
    void wrongFieldCountAndBadEnumsAreReported() throws IOException {
        Path in = tmp.resolve("bad.csv");
        Files.writeString(in, "tdq_idx,tdq_ridx,priority,flags\n0,0,152,normal\n0,0,152\n");
        CliRunner.Outcome o = CliRunner.run("eval", "calendar", in.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(in + ":3: expected 4 fields");
        Files.writeString(in, "tdq_idx,tdq_ridx,priority,flags\n0,70,152,normal\n");
        assertThat(CliRunner.run("eval", "calendar", in.toString()).err()).contains(in + ":2: column tdq_ridx: expected an integer in 0..63");
        Files.writeString(in, "tdq_idx,tdq_ridx,priority,flags\n0,0,152,BORROW\n");
        assertThat(CliRunner.run("eval", "calendar", in.toString()).err()).contains("expected normal or PREEMPTED");
    }

    @Test
    void unknownTableMissingFileAndBadOptionsExitTwo() {
        CliRunner.Outcome o = CliRunner.run("eval", "nosuch");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("unknown table 'nosuch'").contains("interact-update");
        o = CliRunner.run("eval", "interact", tmp.resolve("absent.csv").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("absent.csv: no such file");
        o = CliRunner.run("eval", "calendar-sim", "--priorities", "100", "--ticks", "5");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("not a batch priority");
        o = CliRunner.run("eval", "calendar-sim", "--ticks", "5");
        assertThat(o.code()).isEqualTo(2);
        o = CliRunner.run("eval", "calendar-sim", "--nice", "1", "--ticks", "zz");
        assertThat(o.code()).isEqualTo(2);
    }

    @Test
    void emptyInputIsAnError() throws IOException {
        Path in = tmp.resolve("empty.csv");
        Files.writeString(in, "");
        CliRunner.Outcome o = CliRunner.run("eval", "preempt", in.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(in + ":1: empty input");
    }
}
