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
 * docs/offload-and-switch.md's figures are what its commands print: every {@code ./ulemodel
 * simulate …} and {@code ./ulemodel explore …} block is run and its output compared, line for
 * line, with the text block under it (the explorer's wall-time, rate, memory and frontier lines,
 * which vary between machines, left out as the page says); the step count it quotes for a checked
 * run is recomputed.
 */
class OffloadAndSwitchDocTest {
    private static final Pattern RUN = Pattern.compile(
            "```sh\\n\\./ulemodel ((?:simulate|explore) [^\\n]+)\\n```\\n\\n```text\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern VOLATILE = Pattern.compile("^(# )?(time|states/s|visited set|peak frontier): .*");

    static String doc() throws IOException {
        return Files.readString(Corpus.projectRoot().resolve("docs").resolve("offload-and-switch.md"), StandardCharsets.UTF_8);
    }

    @Test
    void everyCommandBlockIsWhatTheCommandPrints() throws IOException {
        Matcher m = RUN.matcher(doc());
        int runs = 0;
        while (m.find()) {
            List<String> args = new ArrayList<>(Arrays.asList(m.group(1).split(" ")));
            String shown = null;
            if (args.get(0).equals("simulate")) {
                shown = args.get(1);
                args.set(1, Corpus.projectRoot().resolve(shown).toString());
            }
            CliRunner.Outcome o = CliRunner.run(args.toArray(new String[0]));
            String out = shown == null ? o.out() : o.out().replace(args.get(1), shown);
            List<String> lines = out.stripTrailing().lines().filter(l -> !VOLATILE.matcher(l).matches()).toList();
            assertThat(lines).as("docs/offload-and-switch.md: ./ulemodel " + m.group(1) + "\n" + o.err())
                    .containsExactlyElementsOf(m.group(2).lines().toList());
            runs++;
        }
        assertThat(runs).as("command blocks in docs/offload-and-switch.md").isEqualTo(3);
    }

    @Test
    void theCheckedRunItQuotesHoldsEveryInvariant() throws IOException {
        assertThat(doc()).contains("after each of the 13,891 steps");
        Path w = Corpus.projectRoot().resolve("examples/workloads/offload-switch.json");
        CliRunner.Outcome o = CliRunner.run("simulate", w.toString(), "--topology", "2x2", "--check");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).containsPattern("model offload:switch:ule14,o1\\): 10\\.000 s simulated, 13891 model steps, [1-9]\\d* "
                + "invariant checks");
    }
}
