// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ulemodel.trace.eval.EvalTable;

/**
 * {@code ulemodel eval} on FreeBSD's SMP golden tables (golden/smp): every file comes back
 * unchanged, the README's input columns alone are enough, and malformed input is refused with
 * {@code FILE:LINE: column X: ...}, exit 2, nothing on stdout and no stack trace.
 */
class EvalSmpCommandTest {
    @TempDir
    Path tmp;

    /** The golden file's text with its CRLF line ends as LF, which is what eval writes. */
    static String goldenText(String file) throws IOException {
        return Files.readString(CliRunner.golden("smp/" + file), StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    static List<String> goldenLines(String file) throws IOException {
        return goldenText(file).lines().toList();
    }

    @ParameterizedTest(name = "eval {0} reproduces smp/{1}")
    @CsvSource({"pickcpu,pickcpu.csv", "search-lowest,search_lowest.csv", "search-highest,search_highest.csv",
        "idle-steal,idle_steal.csv", "balance,balance.csv", "topology,topology.csv"})
    void reproducesGoldenTable(String table, String file) throws IOException {
        CliRunner.Outcome o = CliRunner.run("eval", table, CliRunner.golden("smp/" + file).toString());
        assertThat(o.err()).isEmpty();
        assertThat(o.code()).isZero();
        List<String> expected = goldenLines(file);
        assertThat(expected).hasSizeGreaterThan(40);
        // Line by line first, so that a mismatch names the line and columns; then the whole text, byte for byte.
        String diff = firstDifference(file, expected, o.out().lines().toList());
        if (diff != null) {
            fail(diff);
        }
        assertThat(o.out().replace(System.lineSeparator(), "\n")).isEqualTo(goldenText(file));
    }

    /**
     * Null when equal, else the first differing line of the golden file, named by its number, with
     * each differing column named by the golden header: short enough to read for a 6,668-line table.
     */
    static String firstDifference(String file, List<String> expected, List<String> actual) {
        String[] header = expected.get(0).split(",", -1);
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String e = i < expected.size() ? expected.get(i) : null;
            String a = i < actual.size() ? actual.get(i) : null;
            if (e == null || a == null) {
                return "smp/" + file + ": golden has " + expected.size() + " lines, eval wrote " + actual.size()
                        + "; first missing or extra line " + (i + 1) + ": " + (e == null ? a : e);
            }
            if (!e.equals(a)) {
                String[] ef = e.split(",", -1);
                String[] af = a.split(",", -1);
                StringBuilder sb = new StringBuilder("smp/" + file + " line " + (i + 1) + " differs:");
                for (int c = 0; c < Math.max(ef.length, af.length); c++) {
                    String ev = c < ef.length ? ef[c] : "(none)";
                    String av = c < af.length ? af[c] : "(none)";
                    if (!ev.equals(av)) {
                        sb.append("\n  column ").append(c + 1).append(" (").append(c < header.length ? header[c] : "?")
                                .append("): golden '").append(ev).append("', eval '").append(av).append("'");
                    }
                }
                return sb.append("\n  golden: ").append(e).append("\n  eval:   ").append(a).toString();
            }
        }
        return null;
    }

    /**
     * Only the input columns (in reverse order, to show order does not matter): every computed
     * column, ncpu included, comes back as in the golden file; label columns come back empty.
     */
    @ParameterizedTest(name = "eval {0} needs only {2}")
    @CsvSource(delimiter = '|', value = {
        "pickcpu|pickcpu.csv|topo,curcpu,ticks,load,lowpri,rand_before,td_priority,ts_cpu,ts_rltick,cpuset_hex,td_pinned,"
            + "srq_ourself,running,in_intr|row,scenario",
        "search-lowest|search_lowest.csv|topo,group,rand_before,mask_hex,pri,maxload,prefer,running,load,lowpri|row,caller_cpu",
        "search-highest|search_highest.csv|topo,group,rand_before,mask_hex,minload,mintrans,load,transferable|row,caller_cpu",
        "idle-steal|idle_steal.csv|topo,mode,idle_cpu,rand_before,load,transferable,lowpri,idx_ridx,cur,queues|row",
        "balance|balance.csv|topo,rand_before,load,transferable,lowpri,idx_ridx,cur,queues|row",
        "topology|topology.csv|topo,group|-"})
    void theReadmeInputColumnsAreEnough(String table, String file, String inputs, String labels) throws IOException {
        List<String> golden = goldenLines(file);
        List<String> header = List.of(golden.get(0).split(",", -1));
        List<String> in = new ArrayList<>(List.of(inputs.split(",")));
        java.util.Collections.reverse(in);
        Set<String> blank = Set.of(labels.split(","));
        List<String> input = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        input.add(String.join(",", in));
        expected.add(golden.get(0));
        for (String line : golden.subList(1, golden.size())) {
            String[] f = line.split(",", -1);
            List<String> row = new ArrayList<>();
            for (String c : in) {
                row.add(f[header.indexOf(c)]);
            }
            input.add(String.join(",", row));
            for (int i = 0; i < f.length; i++) {
                if (blank.contains(header.get(i))) {
                    f[i] = "";
                }
            }
            expected.add(String.join(",", f));
        }
        Path p = tmp.resolve("min.csv");
        Files.write(p, input, StandardCharsets.UTF_8);
        CliRunner.Outcome o = CliRunner.run("eval", table, p.toString());
        assertThat(o.err()).isEmpty();
        String diff = firstDifference(file, expected, o.out().lines().toList());
        if (diff != null) {
            fail("with only the input columns " + inputs + ": " + diff);
        }
    }

    /** The golden header and its first two rows, the second (line 3) with {@code column} set to {@code value}. */
    Path badRow(String file, String column, String value) throws IOException {
        List<String> golden = goldenLines(file);
        List<String> header = List.of(golden.get(0).split(",", -1));
        int i = header.indexOf(column);
        assertThat(i).as(column + " in " + file).isNotNegative();
        String[] f = golden.get(2).split(",", -1);
        f[i] = value;
        Path p = tmp.resolve("bad-" + file);
        Files.write(p, List.of(golden.get(0), golden.get(1), String.join(",", f)), StandardCharsets.UTF_8);
        return p;
    }

    /** Exit 2, nothing on stdout, one FILE:3: message on stderr that contains every {@code expected} text. */
    static void refused(CliRunner.Outcome o, Path in, String... expected) {
        assertThat(o.code()).as(o.err()).isEqualTo(2);
        assertThat(o.out()).as("nothing half-written").isEmpty();
        assertThat(o.err()).contains(in + ":3: ").doesNotContain("Exception").doesNotContain("\tat ");
        for (String e : expected) {
            assertThat(o.err()).contains(e);
        }
    }

    @Test
    void pickcpuRefusesBadMaskPerCpuCountNcpuAndCpuIds() throws IOException {
        Path in = badRow("pickcpu.csv", "cpuset_hex", "fz");
        refused(CliRunner.run("eval", "pickcpu", in.toString()), in, "column cpuset_hex: expected a 64-bit hex word", "'fz'");
        in = badRow("pickcpu.csv", "cpuset_hex", "1ffffffffffffffff");
        refused(CliRunner.run("eval", "pickcpu", in.toString()), in, "column cpuset_hex");
        in = badRow("pickcpu.csv", "load", "1;2;3");
        refused(CliRunner.run("eval", "pickcpu", in.toString()), in, "column load: expected 4 ';'-separated per-CPU values",
                "got 3 in '1;2;3'");
        in = badRow("pickcpu.csv", "lowpri", "255;255;256;255");
        refused(CliRunner.run("eval", "pickcpu", in.toString()), in, "column lowpri: expected an integer in 0..255 for CPU 2");
        in = badRow("pickcpu.csv", "ncpu", "8");
        refused(CliRunner.run("eval", "pickcpu", in.toString()), in, "column ncpu: topology 1x4x1 has 4 CPUs, but ncpu is 8");
        in = badRow("pickcpu.csv", "ts_cpu", "4");
        refused(CliRunner.run("eval", "pickcpu", in.toString()), in, "column ts_cpu: expected an integer in 0..3");
        in = badRow("pickcpu.csv", "topo", "2x0x2");
        refused(CliRunner.run("eval", "pickcpu", in.toString()), in, "column topo:", "2x0x2");
    }

    @Test
    void searchesRefuseUnknownGroupBadMaskAndPerCpuCount() throws IOException {
        Path in = badRow("search_lowest.csv", "group", "r.7");
        refused(CliRunner.run("eval", "search-lowest", in.toString()), in, "column group: no group named 'r.7'",
                "valid names: r");
        in = badRow("search_lowest.csv", "prefer", "-2");
        refused(CliRunner.run("eval", "search-lowest", in.toString()), in, "column prefer: expected an integer in -1..3");
        in = badRow("search_highest.csv", "mask_hex", "0xg");
        refused(CliRunner.run("eval", "search-highest", in.toString()), in, "column mask_hex: expected a 64-bit hex word");
        in = badRow("search_highest.csv", "transferable", "0;0;0;0;0");
        refused(CliRunner.run("eval", "search-highest", in.toString()), in, "column transferable: expected 4", "got 5");
        in = badRow("search_highest.csv", "rand_before", "4294967296");
        refused(CliRunner.run("eval", "search-highest", in.toString()), in, "column rand_before: expected an unsigned 32-bit");
    }

    @Test
    void idleStealRefusesBadQueueEntryCurMaskModeAndIdleCpu() throws IOException {
        Path in = badRow("idle_steal.csv", "queues", "0:|1:5/150/0/*/Z3|2:|3:");
        refused(CliRunner.run("eval", "idle-steal", in.toString()), in, "column queues:", "expected R<i>, T<i> or I<i>");
        in = badRow("idle_steal.csv", "queues", "0:|1:5/150/0/*|2:|3:");
        refused(CliRunner.run("eval", "idle-steal", in.toString()), in, "column queues:", "tid/pri/pinned/mask/Q");
        in = badRow("idle_steal.csv", "queues", "0:|1:|2:");
        refused(CliRunner.run("eval", "idle-steal", in.toString()), in, "column queues:", "expected 4 per-CPU values");
        in = badRow("idle_steal.csv", "cur", "1/214/0/q/1;-;2/121/0/*/1;3/75/0/*/1");
        refused(CliRunner.run("eval", "idle-steal", in.toString()), in, "column cur:", "mask 'q'");
        in = badRow("idle_steal.csv", "mode", "steal");
        refused(CliRunner.run("eval", "idle-steal", in.toString()), in, "column mode: expected idled or trysteal");
        in = badRow("idle_steal.csv", "idle_cpu", "0");
        refused(CliRunner.run("eval", "idle-steal", in.toString()), in, "idle_cpu 0 must be idle", "cur '1/214/0/*/1'");
        in = badRow("idle_steal.csv", "idle_cpu", "9");
        refused(CliRunner.run("eval", "idle-steal", in.toString()), in, "column idle_cpu: expected an integer in 0..3");
    }

    @Test
    void balanceRefusesBadQueueEntryIdxRidxLockFlagAndBalanceCpu() throws IOException {
        Path in = badRow("balance.csv", "queues", "0:x/1/0/*/T1|1:|2:|3:");
        refused(CliRunner.run("eval", "balance", in.toString()), in, "column queues:", "queued tid: expected an integer, got 'x'");
        in = badRow("balance.csv", "idx_ridx", "1;2;3;4");
        refused(CliRunner.run("eval", "balance", in.toString()), in, "column idx_ridx:", "expected idx/ridx");
        in = badRow("balance.csv", "cur", "-;-;-;999/100/0/*/2");
        refused(CliRunner.run("eval", "balance", in.toString()), in, "column cur:", "lk must be 0 or 1");
        in = badRow("balance.csv", "queues", "0:|1:1/132/0/zz/R33|2:|3:");
        refused(CliRunner.run("eval", "balance", in.toString()), in, "column queues: mask 'zz'");
        in = badRow("balance.csv", "cur", "-;-;-;1/192/0/8/1");
        refused(CliRunner.run("eval", "balance", in.toString()), in, "columns cur/queues: thread 1 appears twice");
        in = badRow("balance.csv", "balance_cpu", "1");
        refused(CliRunner.run("eval", "balance", in.toString()), in, "column balance_cpu: expected an integer in 0..0");
        in = badRow("balance.csv", "load", "1;1;-1;1");
        refused(CliRunner.run("eval", "balance", in.toString()), in, "column load:", "for CPU 2");
    }

    @Test
    void topologyRefusesUnknownGroupAndBadSpec() throws IOException {
        Path in = badRow("topology.csv", "group", "r.2");
        refused(CliRunner.run("eval", "topology", in.toString()), in, "column group: no group named 'r.2' in topology 1x2x2",
                "valid names: r, r.0, r.1");
        in = badRow("topology.csv", "topo", "1xx2");
        refused(CliRunner.run("eval", "topology", in.toString()), in, "column topo:");
    }

    /** The eval help lists each SMP table with exactly the input columns the table requires. */
    @Test
    void helpListsEverySmpTablesInputColumns() {
        CliRunner.Outcome o = CliRunner.run("eval", "--help");
        assertThat(o.code()).isZero();
        String help = o.out().replaceAll("\\s*\\n\\s*", " ");
        for (String name : List.of("pickcpu", "search-lowest", "search-highest", "idle-steal", "balance", "topology")) {
            EvalTable t = EvalTable.all().get(name);
            assertThat(help).contains(name + ": " + String.join(", ", t.inputs()));
        }
    }

    @Test
    void missingInputColumnsAndTheTableListAreReported() throws IOException {
        Path in = tmp.resolve("topo.csv");
        Files.writeString(in, "topo\n2x2x2\n");
        CliRunner.Outcome o = CliRunner.run("eval", "topology", in.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(in + ":1: table topology needs column(s) group");
        o = CliRunner.run("eval", "nosuch");
        assertThat(o.err()).contains(String.join(", ", Arrays.asList("pickcpu", "search-lowest", "search-highest", "idle-steal",
                "balance", "topology")));
    }
}
