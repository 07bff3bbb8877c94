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
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.explore.ModelSpecs;

/**
 * {@code ulemodel compare}: every shipped workload (examples/workloads) under every registered
 * scheduler model at once (the default {@code --models}: all but the toys; {@code ule15} joins as
 * soon as it is registered), every invariant checked after every step; the side-by-side tables;
 * the HTML page with one timeline per model; bad {@code --models} values.
 */
class CompareCommandTest {
    @TempDir
    Path dir;

    /** The registered models but the toys: what {@code compare} runs by default. */
    static List<String> schedulerModels() {
        List<String> ids = new ArrayList<>();
        for (ModelSpec<?> s : ModelSpecs.available()) {
            if (!s.model().id().startsWith("toy-")) {
                ids.add(s.model().id());
            }
        }
        return ids;
    }

    @Test
    void everyExampleRunsUnderEveryModelWithEveryInvariantChecked() throws IOException {
        List<String> ids = schedulerModels();
        assertThat(ids).contains("ule14", "o1");
        for (Path f : ExampleWorkloadsTest.examples()) {
            CliRunner.Outcome o = CliRunner.run("compare", f.toString(), "--topology", "2x2", "--duration", "500ms", "--check");
            assertThat(o.code()).as(f + ": " + o.err()).isZero();
            assertThat(o.err()).as(f.toString()).doesNotContain("Exception");
            assertThat(o.out()).as(f.toString()).containsPattern("simulated under " + String.join(".*, ", ids))
                    .containsPattern(", [1-9]\\d* invariant checks");
            List<String> lines = o.out().lines().toList();
            String threadHeader = lines.get(2);
            for (String id : ids) {
                assertThat(threadHeader).as(f.toString()).contains(id + " cpu%", id + " p50 ms", id + " p99 ms", id + " max ms",
                        id + " migr");
                assertThat(lines).as(f.toString()).anyMatch(l -> l.startsWith(id + " ") && l.matches(
                        "\\S+\\s+\\d+\\.\\d\\s+\\d+\\s+\\d+\\.\\d{3}\\s+\\d+\\.\\d\\s+\\d+"));
            }
        }
    }

    @Test
    void htmlHasOneTimelinePerModelOnOneAxis() throws IOException {
        Path page = dir.resolve("cmp.html");
        CliRunner.Outcome o = CliRunner.run("compare", CliRunner.workload("periodic.json").toString(), "--topology", "2",
                "--models", "o1,ule14", "--duration", "300ms", "--html", page.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("under o1, ule14");
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertThat(html).contains("<svg id=\"timeline-o1\"", "<svg id=\"timeline-ule14\"", "<svg id=\"thread-view-o1\"",
                "<ul id=\"legend-ule14\"", "<table id=\"threads\"", "<table id=\"models\"", "<h2>o1: CPUs over time</h2>");
        assertThat(html.indexOf("timeline-o1")).isLessThan(html.indexOf("timeline-ule14"));
        // one time axis: every view spans the same nanoseconds
        List<String> spans = new ArrayList<>();
        Matcher m = Pattern.compile("data-span-ns=\"(\\d+)\"").matcher(html);
        while (m.find()) {
            spans.add(m.group(1));
        }
        assertThat(spans).hasSize(4).containsOnly("300000000");
        assertThat(html).doesNotContain("id=\"timeline\"");
    }

    @Test
    void badModelListsAreUsageErrors() {
        String w = CliRunner.workload("periodic.json").toString();
        CliRunner.Outcome o = CliRunner.run("compare", w, "--topology", "2", "--models", "ule14,nosuch");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("--model: unknown model 'nosuch'");
        o = CliRunner.run("compare", w, "--topology", "2", "--models", "o1,O1");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("o1 is named twice");
        o = CliRunner.run("compare", w, "--topology", "2", "--models", "ule14,");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("expected model ids separated by commas");
    }
}
