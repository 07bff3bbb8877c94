// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
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

    /**
     * Asserts that {@code out}, what eval wrote, is golden/{@code file}'s header followed by those
     * of its rows that {@code keep} selects, in order. A mismatch fails with {@code FILE:LINE},
     * the golden row and each differing column as {@code col: golden X, eval Y} (up to 20 rows),
     * as the core golden tests report theirs.
     */
    static void assertReproduces(String file, Predicate<String> keep, String out) throws IOException {
        List<String> golden = Files.readAllLines(CliRunner.golden(file), StandardCharsets.UTF_8);
        List<String> got = lines(out);
        assertThat(got).as("eval wrote nothing for " + file).isNotEmpty();
        assertThat(got.get(0)).as(file + ":1: header").isEqualTo(golden.get(0));
        String[] columns = golden.get(0).split(",", -1);
        List<String> diffs = new ArrayList<>();
        int next = 1;
        for (int i = 1; i < golden.size(); i++) {
            String g = golden.get(i);
            if (g.isEmpty() || !keep.test(g)) {
                continue;
            }
            String m = next < got.size() ? got.get(next) : null;
            next++;
            if (!g.equals(m)) {
                StringBuilder d = new StringBuilder(file + ":" + (i + 1) + ": " + g);
                if (m == null) {
                    d.append("\n    eval wrote no row for it");
                } else {
                    String[] gf = g.split(",", -1);
                    String[] mf = m.split(",", -1);
                    for (int c = 0; c < Math.max(gf.length, mf.length); c++) {
                        String gv = c < gf.length ? gf[c] : "<none>";
                        String mv = c < mf.length ? mf[c] : "<none>";
                        if (!gv.equals(mv)) {
                            d.append("\n    ").append(c < columns.length ? columns[c] : "column " + (c + 1))
                                    .append(": golden ").append(gv).append(", eval ").append(mv);
                        }
                    }
                }
                diffs.add(d.toString());
            }
        }
        if (next < got.size()) {
            diffs.add(file + ": eval wrote " + (got.size() - next) + " rows more than the golden file has, from: " + got.get(next));
        }
        if (!diffs.isEmpty()) {
            throw new AssertionError(file + ": " + diffs.size() + " rows differ from eval's:\n  "
                    + String.join("\n  ", diffs.subList(0, Math.min(20, diffs.size()))));
        }
    }

    @ParameterizedTest(name = "eval {1} --ule {0} reproduces {2}")
    @CsvSource({"14,interact,interact.csv", "14,priority,priority.csv", "14,slice,slice.csv", "14,pctcpu,pctcpu.csv",
        "14,calendar,calendar.csv", "14,runq-pick,runq_pick.csv", "14,preempt,preempt.csv",
        "15,priority,v15/priority_v15.csv", "15,slice,v15/slice_v15.csv", "15,pctcpu,v15/pctcpu_v15.csv",
        "15,calendar,v15/calendar_v15.csv", "15,preempt,v15/preempt_v15.csv", "15,interact,interact.csv"})
    void reproducesGoldenTable(String ule, String table, String file) throws IOException {
        CliRunner.Outcome o = CliRunner.run("eval", table, CliRunner.golden(file).toString(), "--ule", ule);
        assertThat(o.err()).isEmpty();
        assertThat(o.code()).isZero();
        assertReproduces(file, row -> true, o.out());
    }

    /**
     * interact_update.csv's exit_absorb_child rows do not record the child's run time; the input
     * gets a {@code child_runtime} column (2, 5 and 10 s of run time, which the rows pin down) and
     * every row, sequences included, comes back unchanged — with FreeBSD 15's ULE too, whose
     * interactivity history is FreeBSD 14's.
     */
    @ParameterizedTest(name = "--ule {0}")
    @CsvSource({"14", "15"})
    void reproducesInteractUpdateGivenTheChildRuntime(String ule) throws IOException {
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
        CliRunner.Outcome o = CliRunner.run("eval", "interact-update", in.toString(), "--ule", ule);
        assertThat(o.err()).isEmpty();
        assertReproduces("interact_update.csv", row -> true, o.out());
    }

    /**
     * The golden simulations, every tick and every summary row, through {@code eval calendar-sim}:
     * FreeBSD 14's (calendar_sim*.csv, the default version) and FreeBSD 15's
     * (v15/calendar_sim_v15*.csv, {@code --ule 15}; the fixed priorities move with the batch band).
     */
    @ParameterizedTest(name = "eval calendar-sim {0} reproduces {1}")
    @CsvSource(delimiter = ';', value = {
        ";calendar_sim.csv;calendar_sim_summary.csv;160,172,190,223;203,203,203",
        "--ule=15;v15/calendar_sim_v15.csv;v15/calendar_sim_v15_summary.csv;120,150,190,223;180,180,180"})
    void calendarSimReproducesEveryGoldenScenario(String ule, String simFile, String summaryFile, String spread4,
            String same3) throws IOException {
        String[][] runs = {
            {"fixed_spread4", "--priorities", spread4, "1270"},
            {"fixed_same3", "--priorities", same3, "400"},
            {"hogs_nice_0x2", "--nice", "0,0", "2540"}};
        for (String[] r : runs) {
            List<String> args = new ArrayList<>(List.of("eval", "calendar-sim", r[1], r[2], "--ticks", r[3], "--scenario", r[0]));
            if (ule != null) {
                args.add(ule);
            }
            if (r[1].equals("--nice")) {
                args.add("--userret");
            }
            CliRunner.Outcome o = CliRunner.run(args.toArray(new String[0]));
            assertThat(o.code()).as(o.err()).isZero();
            assertReproduces(simFile, l -> l.startsWith(r[0] + ","), o.out());

            args.add("--summary");
            CliRunner.Outcome s = CliRunner.run(args.toArray(new String[0]));
            assertThat(s.code()).as(s.err()).isZero();
            assertReproduces(summaryFile, l -> l.startsWith(r[0] + ","), s.out());
        }
    }

    @Test
    void badUleValuesAndTablesWithoutAV15FormAreUsageErrors() throws IOException {
        CliRunner.Outcome o = CliRunner.run("eval", "priority", CliRunner.golden("priority.csv").toString(), "--ule", "13");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).contains("--ule: expected 14 or 15").contains("'13'").doesNotContain("Exception");
        o = CliRunner.run("eval", "runq-pick", CliRunner.golden("runq_pick.csv").toString(), "--ule", "15");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("table 'runq-pick' has no FreeBSD 15 form").contains("calendar, preempt");
        o = CliRunner.run("eval", "pickcpu", "--ule", "15");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("has no FreeBSD 15 form");
        o = CliRunner.run("eval", "nosuch", "--ule", "15");
        assertThat(o.err()).contains("unknown table 'nosuch'");
    }

    @Test
    void batchBandOfCalendarSimFollowsTheVersion() {
        CliRunner.Outcome o = CliRunner.run("eval", "calendar-sim", "--priorities", "120", "--ticks", "5");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("120 is not a batch priority of FreeBSD 14's ULE: expected 152..223");
        o = CliRunner.run("eval", "calendar-sim", "--priorities", "114", "--ticks", "5", "--ule", "15");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("expected 115..223");
        o = CliRunner.run("eval", "calendar-sim", "--priorities", "120", "--ticks", "5", "--ule", "15");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(lines(o.out())).hasSize(6).first().asString().contains("tdq_ts_off");
    }

    @Test
    void v15InputErrorsNameFileLineAndColumn() throws IOException {
        Path in = tmp.resolve("bad15.csv");
        Files.writeString(in, "tdq_ts_off,tdq_ts_deq_off,priority,flags\n0,109,152,normal\n");
        CliRunner.Outcome o = CliRunner.run("eval", "calendar", in.toString(), "--ule", "15");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(in + ":2: column tdq_ts_deq_off: expected an integer in 0..108");
        Files.writeString(in, "tdq_ts_off,tdq_ts_deq_off,priority,flags\n0,0,152,BORROW\n");
        assertThat(CliRunner.run("eval", "calendar", in.toString(), "--ule", "15").err()).contains("expected normal or PREEMPTED");
        Files.writeString(in, "hz,stathz,tdq_sysload\n1,127,3\n");
        assertThat(CliRunner.run("eval", "slice", in.toString(), "--ule", "15").err()).contains(in + ":2: hz must be in 2..100000");
        Files.writeString(in, "hz,stathz,runtime,slptime,nice,ts_ticks,ftick,ltick\n1000,127,0,0,0,-1,0,1\n");
        assertThat(CliRunner.run("eval", "priority", in.toString(), "--ule", "15").err())
                .contains(in + ":2: column ts_ticks: expected an unsigned 32-bit integer");
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
