// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim.rtapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Our own rt-app workloads, {@code examples/workloads/*.json} at the project root, together use
 * every feature the reader accepts — its keys at every level, every event and event field, every
 * policy and timer mode, the ways of writing events and the JSON dialect — so a feature added to
 * the reader needs an example. (That each simulates and is described: the cli module's
 * {@code ExampleWorkloadsTest}.)
 */
class ExampleWorkloadFeaturesTest {
    /**
     * {@code examples/workloads/} under the project root: system property {@code ulemodel.root}
     * (set by the build), else the module's parent. Missing, it fails the test, never skips it.
     */
    static Path dir() {
        String prop = System.getProperty("ulemodel.root");
        Path root = prop != null && !prop.isBlank() ? Paths.get(prop) : Paths.get("..");
        Path d = root.toAbsolutePath().normalize().resolve("examples").resolve("workloads");
        if (!Files.isRegularFile(d.resolve("periodic.json"))) {
            throw new IllegalStateException("example workloads missing: " + d);
        }
        return d;
    }

    static List<Path> examples() throws IOException {
        try (Stream<Path> s = Files.list(dir())) {
            List<Path> files = new ArrayList<>(s.filter(p -> p.toString().endsWith(".json")).sorted().toList());
            assertThat(files).hasSizeGreaterThanOrEqualTo(7);
            return files;
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
