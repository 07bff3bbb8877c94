// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ulemodel.trace.Corpus;

/**
 * docs/migration-hook.md's figures are what its commands print: every {@code ./ulemodel …} block
 * with a text block under it is run (relative paths from the repository root; the trained model
 * written to a temporary file, which must equal the shipped one byte for byte) and its output
 * compared line for line with the block; explore's lines are compared where the block shows them.
 * Bad model files and models without a hook are usage errors.
 */
class MigrationHookDocTest {
    private static final Pattern RUN = Pattern.compile("```sh\\n\\./ulemodel ([^\\n]+)\\n```\\n\\n```text\\n(.*?)\\n```", Pattern.DOTALL);
    private static final String SHIPPED = "examples/migration-models/mix-2x2.json";

    static String doc() throws IOException {
        return Files.readString(Corpus.projectRoot().resolve("docs").resolve("migration-hook.md"), StandardCharsets.UTF_8);
    }

    @Test
    void everyCommandBlockIsWhatTheCommandPrints(@TempDir Path tmp) throws IOException {
        Path root = Corpus.projectRoot();
        Path trained = tmp.resolve("model.json");
        Matcher m = RUN.matcher(doc());
        int runs = 0;
        while (m.find()) {
            List<String> args = new ArrayList<>();
            boolean training = m.group(1).startsWith("train ");
            for (String a : m.group(1).split(" ")) {
                args.add(a.equals(SHIPPED) && training ? trained.toString()
                        : a.startsWith("examples/") ? root.resolve(a).toString() : a);
            }
            CliRunner.Outcome o = CliRunner.run(args.toArray(new String[0]));
            assertThat(o.code()).as(m.group(1) + ": " + o.err()).isEqualTo(m.group(1).contains("--bug") ? 1 : 0);
            String out = o.out().replace(trained.toString(), SHIPPED).replace(root.resolve("examples").toString(), "examples");
            List<String> shown = m.group(2).lines().toList();
            List<String> printed = out.stripTrailing().lines().toList();
            if (m.group(1).startsWith("explore ")) {
                assertThat(printed).as("docs/migration-hook.md: ./ulemodel " + m.group(1)).containsSubsequence(shown);
            } else {
                assertThat(printed).as("docs/migration-hook.md: ./ulemodel " + m.group(1)).containsExactlyElementsOf(shown);
            }
            if (training) {
                assertThat(Files.readString(trained)).as("the shipped model is what train writes").isEqualTo(
                        Files.readString(root.resolve(SHIPPED)));
            }
            runs++;
        }
        assertThat(runs).as("command blocks in docs/migration-hook.md").isEqualTo(4);
    }

    @Test
    void badModelFilesAreRefusedAtTheirPlace(@TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, Files.readString(Corpus.projectRoot().resolve(SHIPPED)).replace("\"version\": 1", "\"version\": 7"));
        String workload = Corpus.projectRoot().resolve("examples/workloads/n-plus-1-hogs.json").toString();
        CliRunner.Outcome o = CliRunner.run("simulate", workload, "--topology", "2", "--duration", "10ms", "--migration-model", bad.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(bad + ":3:14: expected \"version\": 1");
        o = CliRunner.run("simulate", workload, "--topology", "2", "--duration", "10ms", "--model", "o1", "--migration-model",
                Corpus.projectRoot().resolve(SHIPPED).toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("model o1 has no migration hook");
        o = CliRunner.run("simulate", workload, "--topology", "2", "--duration", "100ms", "--migration-model",
                Corpus.projectRoot().resolve(SHIPPED).toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("model ule14+migration-model");
        o = CliRunner.run("explore", "--model", "o1", "--hook-adversary");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("--hook-adversary: model o1 has no migration hook");
    }
}
