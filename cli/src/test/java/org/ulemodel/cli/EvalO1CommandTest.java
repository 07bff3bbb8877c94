// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ulemodel eval TABLE --model o1} recomputes every file of golden/o1 row for row from its
 * input columns alone (the output columns are cut away before eval sees the file, so nothing can be
 * copied through), and refuses bad input with FILE:LINE. A mismatch fails with the file, its line
 * and each differing column ({@link EvalCommandTest#assertReproduces}); a missing file fails.
 */
class EvalO1CommandTest {
    @TempDir
    Path tmp;

    /** Writes the columns {@code inputs} of golden/{@code file} to a temporary file. */
    private Path inputsOf(String file, String inputs) throws IOException {
        List<String> golden = EvalCommandTest.lines(CliRunner.golden(file));
        List<String> header = Arrays.asList(golden.get(0).split(",", -1));
        List<Integer> keep = new ArrayList<>();
        for (String c : inputs.split(" ")) {
            assertThat(header).as(file + ": input column " + c).contains(c);
            keep.add(header.indexOf(c));
        }
        List<String> out = new ArrayList<>();
        for (String line : golden) {
            String[] f = line.split(",", -1);
            List<String> cells = new ArrayList<>();
            for (int i : keep) {
                cells.add(f[i]);
            }
            out.add(String.join(",", cells));
        }
        Path p = tmp.resolve(file.replace('/', '_'));
        Files.write(p, out, StandardCharsets.UTF_8);
        return p;
    }

    @ParameterizedTest(name = "eval {0} --model o1 reproduces golden/{1}")
    @CsvSource({
        "constants,o1/constants.csv,name",
        "effective-prio,o1/effective_prio.csv,nice sleep_avg_ns",
        "timeslice,o1/timeslice.csv,nice",
        "interactive,o1/interactive.csv,nice prio",
        "recalc-prio,o1/recalc_prio.csv,nice mm activated sleep_avg_before_ns sleep_time_ns",
        "recalc-prio-ilp32,o1/recalc_prio_ilp32.csv,nice mm activated sleep_avg_before_ns sleep_time_ns",
        "switch-sleep-avg,o1/switch_sleep_avg.csv,sleep_avg_before_ns run_time_ns",
        "fork-exit,o1/fork_exit.csv,nice parent_time_slice_before parent_sleep_avg_before_ns exit_case",
        "expired-decision,o1/expired_decision.csv,nice sleep_avg_ns expired_timestamp jiffies nr_running best_expired_prio",
        "activation-credit,o1/activation_credit.csv,activated wait_ns"})
    void reproducesGoldenTableFromItsInputs(String table, String file, String inputs) throws IOException {
        CliRunner.Outcome o = CliRunner.run("eval", table, inputsOf(file, inputs).toString(), "--model", "o1");
        assertThat(o.err()).isEmpty();
        assertThat(o.code()).isZero();
        EvalCommandTest.assertReproduces(file, row -> true, o.out());
    }

    /** Every file of golden/o1 has a table above, and every table a file: nothing is left out. */
    @Test
    void everyGoldenFileHasATable() throws IOException {
        List<String> files = new ArrayList<>();
        try (var s = Files.list(CliRunner.golden("o1/README.md").getParent())) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).sorted()
                    .forEach(n -> files.add(n.substring(0, n.length() - 4).replace('_', '-')));
        }
        CliRunner.Outcome o = CliRunner.run("eval", "nosuch", "--model", "o1");
        assertThat(o.code()).isEqualTo(2);
        String listed = o.err().substring(o.err().indexOf("expected one of ") + 16).trim();
        assertThat(Arrays.asList(listed.split(", "))).containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void badInputNamesFileLineAndColumn() throws IOException {
        Path in = tmp.resolve("bad.csv");
        Files.writeString(in, "nice,sleep_avg_ns\n0,0\n25,0\n");
        CliRunner.Outcome o = CliRunner.run("eval", "effective-prio", in.toString(), "--model", "o1");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.out()).as("nothing half-written").isEmpty();
        assertThat(o.err()).contains(in + ":3: column nice: expected an integer in -20..19, got '25'");
        Files.writeString(in, "nice,parent_time_slice_before,parent_sleep_avg_before_ns,exit_case\n0,10,0,later\n");
        assertThat(CliRunner.run("eval", "fork-exit", in.toString(), "--model", "o1").err())
                .contains(in + ":2: column exit_case: expected immediate, hog or refilled, got 'later'");
        Files.writeString(in, "name\nNO_SUCH\n");
        assertThat(CliRunner.run("eval", "constants", in.toString(), "--model", "o1").err())
                .contains(in + ":2: column name: expected a constant of golden/o1/constants.csv");
        Files.writeString(in, "activated,wait_ns\n1,x\n");
        assertThat(CliRunner.run("eval", "activation-credit", in.toString(), "--model", "o1").err())
                .contains(in + ":2: column wait_ns: expected a signed 64-bit integer, got 'x'");
    }

    /** The hog and refilled exit cases of the full table (not in the sample) are computed too. */
    @Test
    void forkExitComputesEveryExitCase() throws IOException {
        Path in = tmp.resolve("fe.csv");
        Files.writeString(in, "nice,parent_time_slice_before,parent_sleep_avg_before_ns,exit_case\n"
                + "0,50,550000000,hog\n0,50,550000000,refilled\n");
        CliRunner.Outcome o = CliRunner.run("eval", "fork-exit", in.toString(), "--model", "o1");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(EvalCommandTest.lines(o.out())).containsExactly(
                EvalCommandTest.lines(CliRunner.golden("o1/fork_exit.csv")).get(0),
                "0,120,50,550000000,25,25,0,25,400000000,121,500000000,hog,1,1,0,26,375000000",
                "0,120,50,550000000,25,25,0,25,400000000,121,500000000,refilled,0,100,1000000000,25,500000000");
    }

    @Test
    void modelAndUleTogetherAndModelsWithoutTablesAreUsageErrors() {
        CliRunner.Outcome o = CliRunner.run("eval", "timeslice", "--model", "o1", "--ule", "14");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("--ule 14 names model ule14, but --model is o1: give one of them");
        o = CliRunner.run("eval", "interact", "--model", "toy-rr");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("--model toy-rr: this model has no eval tables");
        o = CliRunner.run("eval", "calendar-sim", "--model", "o1", "--nice", "0", "--ticks", "3");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("unknown table 'calendar-sim' for --model o1");
        o = CliRunner.run("eval", "timeslice", "--model", "nosuch");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("--model: unknown model 'nosuch'");
    }

    /** {@code --model ule14} is {@code --ule 14}. */
    @Test
    void modelUle14IsUle14() throws IOException {
        CliRunner.Outcome o = CliRunner.run("eval", "slice", CliRunner.golden("slice.csv").toString(), "--model", "ule14");
        assertThat(o.code()).as(o.err()).isZero();
        EvalCommandTest.assertReproduces("slice.csv", row -> true, o.out());
    }
}
