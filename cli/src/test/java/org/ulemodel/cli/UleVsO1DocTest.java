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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ulemodel.trace.Corpus;

/**
 * docs/ule-vs-o1.md's figures are what its commands print: every {@code ./ulemodel compare …}
 * block is run and its output compared, line for line, with the text block under it; the
 * calendar-sim shares it quotes are recomputed.
 */
class UleVsO1DocTest {
    private static final Pattern RUN = Pattern.compile(
            "```sh\\n\\./ulemodel (compare [^\\n]+)\\n```\\n\\n```text\\n(.*?)\\n```", Pattern.DOTALL);

    static String doc() throws IOException {
        return Files.readString(Corpus.projectRoot().resolve("docs").resolve("ule-vs-o1.md"), StandardCharsets.UTF_8);
    }

    @Test
    void everyCompareBlockIsWhatTheCommandPrints() throws IOException {
        Matcher m = RUN.matcher(doc());
        int runs = 0;
        while (m.find()) {
            List<String> args = new ArrayList<>(Arrays.asList(m.group(1).split(" ")));
            String shown = args.get(1);
            Path workload = Corpus.projectRoot().resolve(shown);
            args.set(1, workload.toString());
            CliRunner.Outcome o = CliRunner.run(args.toArray(new String[0]));
            assertThat(o.code()).as(m.group(1) + ": " + o.err()).isZero();
            String out = o.out().replace(workload.toString(), shown).stripTrailing();
            assertThat(out.lines().toList()).as("docs/ule-vs-o1.md: ./ulemodel " + m.group(1))
                    .containsExactlyElementsOf(m.group(2).lines().toList());
            runs++;
        }
        assertThat(runs).as("compare blocks in docs/ule-vs-o1.md").isEqualTo(6);
    }

    @Test
    void theCalendarSharesItQuotesAreFreeBsdCalendars() throws IOException {
        String cmd = "eval calendar-sim --nice -5,0,5,10 --userret --ticks 12700 --summary";
        assertThat(doc().replace("\n", " ")).contains("`./ulemodel " + cmd + "`")
                .contains("25.5, 24.9, 24.8 and 24.8 %");
        CliRunner.Outcome o = CliRunner.run(cmd.split(" "));
        assertThat(o.code()).as(o.err()).isZero();
        List<String> shares = o.out().lines().skip(1).map(l -> l.split(",")[6]).toList();
        assertThat(shares).containsExactly("0.2554", "0.2485", "0.2482", "0.2479");
    }
}
