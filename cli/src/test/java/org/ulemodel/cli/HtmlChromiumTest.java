// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The --html page renders in a real browser: headless Chromium (Debian's chromium, installed by
 * .ci/run) loads it and dumps the DOM it built; the test looks for the SVG timeline with one row
 * per CPU, run rectangles, and the two tables. Without Chromium the test fails (never skips).
 */
class HtmlChromiumTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;

    @Test
    void pageRendersWithTimelineRowsAndTables() throws IOException, InterruptedException {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError("Chromium is required for this test and is missing at " + CHROMIUM
                    + ": install Debian's chromium (apt-get install -y chromium), as .ci/run does");
        }
        Path page = tmp.resolve("sim.html");
        CliRunner.Outcome o = CliRunner.run("simulate", SimulateCommandTest.rtapp("browser-short.json").toString(), "--topology",
                "2x2x2", "--duration", "1s", "--html", page.toString());
        assertThat(o.code()).as(o.err()).isZero();
        Path profile = Files.createDirectory(tmp.resolve("profile"));
        Process p = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--dump-dom", page.toUri().toString()))
                .redirectError(tmp.resolve("chromium.err").toFile()).start();
        byte[] dom = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        String html = new String(dom, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("chromium.err"))).isZero();
        assertThat(html).contains("<svg id=\"timeline\"");
        assertThat(Pattern.compile("<g class=\"cpu-row\" data-cpu=\"\\d+\"").matcher(html).results().count()).isEqualTo(8);
        assertThat(Pattern.compile("<rect class=\"run\"").matcher(html).results().count()).isGreaterThan(10);
        assertThat(html).contains("<table id=\"threads\"").contains("<table id=\"cpus\"").contains("BrowserDisplay");
        // the CPU table has one body row per CPU
        String cpus = html.substring(html.indexOf("<table id=\"cpus\""));
        assertThat(Pattern.compile("<tr><td>\\d+</td>").matcher(cpus).results().count()).isEqualTo(8);
    }
}
