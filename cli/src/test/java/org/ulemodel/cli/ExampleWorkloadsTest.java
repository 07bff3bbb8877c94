// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Our own rt-app workloads, {@code examples/workloads/*.json}: each simulates with every
 * invariant checked after every step, each is ours (BSD-2-Clause header) and the README describes
 * each. That together they use every feature the reader accepts is the sim module's
 * {@code ExampleWorkloadFeaturesTest}.
 */
class ExampleWorkloadsTest {
    static final String SPDX = "/* SPDX-License-Identifier: BSD-2-Clause */";

    static Path dir() {
        return CliRunner.workload("periodic.json").getParent();
    }

    static List<Path> examples() throws IOException {
        try (Stream<Path> s = Files.list(dir())) {
            List<Path> files = new ArrayList<>(s.filter(p -> p.toString().endsWith(".json")).sorted().toList());
            assertThat(files).hasSizeGreaterThanOrEqualTo(7);
            return files;
        }
    }

    @Test
    void everyExampleSimulatesWithEveryInvariantChecked() throws IOException {
        for (Path f : examples()) {
            CliRunner.Outcome o = CliRunner.run("simulate", f.toString(), "--topology", "2x4x2", "--duration", "1s", "--check");
            assertThat(o.code()).as(f + ": " + o.err()).isZero();
            assertThat(o.err()).as(f.toString()).doesNotContain("Exception");
            assertThat(o.out()).as(f.toString()).containsPattern("simulated, \\d+ model steps, [1-9]\\d* invariant checks")
                    .contains("cpu%").contains("busy%");
            // the CPU table: one row per CPU of the 16
            assertThat(o.out().lines().filter(l -> l.matches("\\d+\\s+\\d+\\.\\d\\s+\\d+"))).as(f.toString()).hasSize(16);
        }
    }

    @Test
    void everyExampleIsOursAndDescribed() throws IOException {
        String readme = Files.readString(dir().resolve("README.md"), StandardCharsets.UTF_8);
        for (Path f : examples()) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            assertThat(text.lines().findFirst().orElse("")).as(f.toString()).isEqualTo(SPDX);
            assertThat(readme).as("README.md describes " + f.getFileName()).contains("`" + f.getFileName() + "`");
        }
    }
}
