// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ulemodel.cli.rtapp.ReaderFeatures;

/**
 * Our own rt-app workloads, {@code examples/workloads/*.json}: each simulates with every
 * invariant checked after every step, each is ours (BSD-2-Clause header), the README describes
 * each, and together they use every feature the reader accepts — its keys at every level, every
 * event and event field, every policy and timer mode, the ways of writing events and the JSON
 * dialect — so a feature added to the reader needs an example.
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

    @Test
    void theExamplesTogetherUseEveryFeatureTheReaderAccepts() throws IOException {
        Set<String> supported = ReaderFeatures.supported();
        TreeMap<String, List<String>> usedBy = new TreeMap<>();
        for (Path f : examples()) {
            for (String feature : ReaderFeatures.used(f)) {
                usedBy.computeIfAbsent(feature, k -> new ArrayList<>()).add(f.getFileName().toString());
            }
        }
        Set<String> missing = new TreeSet<>(supported);
        missing.removeAll(usedBy.keySet());
        assertThat(missing).as("features the reader accepts that no example in " + dir() + " uses").isEmpty();
        assertThat(usedBy.keySet()).as("features used that the reader does not list").isEqualTo(new TreeSet<>(supported));
        // the vocabulary covers what the README of the project promises, at least
        assertThat(supported).contains("top.tasks", "task.instance", "task.loop", "task.phases", "event.run", "event.runtime",
                "event.sleep", "event.timer", "event.suspend", "event.resume", "event.lock", "event.unlock", "event.wait",
                "event.signal", "event.broad", "event.barrier", "task.delay", "task.priority", "task.policy", "task.cpus",
                "event.fork", "global.duration", "global.default_policy", "json.block-comment", "json.trailing-comma",
                "form.repeated");
    }

    @Test
    void dialectScanFindsCommentsAndTrailingCommasOutsideStrings() {
        assertThat(ReaderFeatures.dialectUsed("{\"a\":\"/* no, // not here ,}\"}")).isEmpty();
        assertThat(ReaderFeatures.dialectUsed("{\"a\":[1,2 /* c */ ,]}")).containsExactly("json.block-comment",
                "json.trailing-comma");
        assertThat(ReaderFeatures.dialectUsed("{\"a\":1, // c\n}")).containsExactly("json.line-comment", "json.trailing-comma");
        assertThat(ReaderFeatures.dialectUsed("{\"a\\\"\":1,\"b\":2}")).isEmpty();
    }
}
