// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * The --html page renders in a real browser: headless Chromium (or Chrome) loads it and dumps the
 * DOM it built; the test looks for the SVG timeline with one row per CPU, run rectangles, and the
 * two tables.
 *
 * <p>The browser is {@code -Dulemodel.chromium=PATH} when given (blank counts as not given), else
 * the first of chromium, chromium-browser, google-chrome, google-chrome-stable and chrome on the
 * PATH, else {@code /usr/bin/chromium}. Without one the test is skipped with a message saying what
 * was searched and how to name a browser — except when the environment variable {@code CI} is
 * {@code true}: there a missing browser fails the test ({@code .ci/run} installs Debian's chromium).
 */
class HtmlChromiumTest {
    static final String PROPERTY = "ulemodel.chromium";
    static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome");
    static final Path FALLBACK = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;

    /** A browser found, or null with what was searched. */
    record Search(Path browser, String searched) {
    }

    /** Looks for a browser: {@code property} (a path) if not blank, else {@link #NAMES} on {@code pathEnv}, else {@link #FALLBACK}. */
    static Search locate(String property, String pathEnv, Predicate<Path> executable) {
        if (property != null && !property.isBlank()) {
            Path p = Path.of(property.trim());
            return new Search(executable.test(p) ? p : null, "-D" + PROPERTY + "=" + property + " (not an executable file)");
        }
        List<String> dirs = new ArrayList<>();
        if (pathEnv != null) {
            for (String d : pathEnv.split(Pattern.quote(File.pathSeparator))) {
                if (!d.isEmpty()) {
                    dirs.add(d);
                }
            }
        }
        for (String name : NAMES) {
            for (String d : dirs) {
                Path p = Path.of(d, name);
                if (executable.test(p)) {
                    return new Search(p, "PATH");
                }
            }
        }
        return new Search(executable.test(FALLBACK) ? FALLBACK : null, "-D" + PROPERTY + " (not set), " + String.join(", ", NAMES)
                + " on the PATH (" + String.join(File.pathSeparator, dirs) + ") and " + FALLBACK);
    }

    /** What to do without a browser: fail when {@code ci} is "true", else skip; the message says what was searched and how to set one. */
    static void missing(Search s, String ci) {
        String message = "no Chromium or Chrome found: searched " + s.searched() + "; install one (Debian: apt-get install chromium)"
                + " or name it with -D" + PROPERTY + "=/path/to/chromium";
        if ("true".equals(ci)) {
            throw new AssertionError("CI=true, so the browser test may not be skipped: " + message);
        }
        Assumptions.abort(message);
    }

    static Path browser() {
        Search s = locate(System.getProperty(PROPERTY), System.getenv("PATH"), p -> Files.isRegularFile(p) && Files.isExecutable(p));
        if (s.browser() == null) {
            try {
                missing(s, System.getenv("CI"));
            } catch (org.opentest4j.TestAbortedException skip) {
                // Surefire's console counts skips without their reasons: say it where the run is read.
                System.err.println("[skipped] " + skip.getMessage());
                throw skip;
            }
        }
        return s.browser();
    }

    @Test
    void pageRendersWithTimelineRowsAndTables() throws IOException, InterruptedException {
        Path chromium = browser();
        Path page = tmp.resolve("sim.html");
        CliRunner.Outcome o = CliRunner.run("simulate", CliRunner.workload("ui-pipeline.json").toString(), "--topology",
                "2x2x2", "--duration", "1s", "--html", page.toString());
        assertThat(o.code()).as(o.err()).isZero();
        Path profile = Files.createDirectory(tmp.resolve("profile"));
        Process p = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
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
        assertThat(html).contains("<table id=\"threads\"").contains("<table id=\"cpus\"").contains("compositor");
        // the CPU table has one body row per CPU
        String cpus = html.substring(html.indexOf("<table id=\"cpus\""));
        assertThat(Pattern.compile("<tr><td>\\d+</td>").matcher(cpus).results().count()).isEqualTo(8);
    }

    @Test
    void theBrowserIsTheNamedOneElseTheFirstNameOnThePathElseUsrBinChromium() {
        String path = String.join(File.pathSeparator, "/opt/a", "", "/opt/b");
        Set<Path> all = Set.of(Path.of("/x/chrome"), Path.of("/opt/a/chrome"), Path.of("/opt/b/chromium-browser"), FALLBACK);
        assertThat(locate("/x/chrome", path, all::contains).browser()).isEqualTo(Path.of("/x/chrome"));
        // a named browser that is missing is not replaced by another
        Search named = locate("/nonexistent", path, all::contains);
        assertThat(named.browser()).isNull();
        assertThat(named.searched()).isEqualTo("-Dulemodel.chromium=/nonexistent (not an executable file)");
        // blank is not given; chromium-browser comes before chrome, whichever PATH entry holds it
        assertThat(locate(" ", path, all::contains).browser()).isEqualTo(Path.of("/opt/b/chromium-browser"));
        assertThat(locate(null, path, Set.of(Path.of("/opt/a/chrome"), FALLBACK)::contains).browser())
                .isEqualTo(Path.of("/opt/a/chrome"));
        assertThat(locate(null, path, Set.of(FALLBACK)::contains).browser()).isEqualTo(FALLBACK);
        Search none = locate(null, path, p -> false);
        assertThat(none.browser()).isNull();
        assertThat(none.searched()).contains("-Dulemodel.chromium (not set)")
                .contains("chromium, chromium-browser, google-chrome, google-chrome-stable, chrome on the PATH ("
                        + String.join(File.pathSeparator, "/opt/a", "/opt/b") + ")")
                .endsWith("and /usr/bin/chromium");
    }

    @Test
    void withoutABrowserTheTestIsSkippedExceptOnCi() {
        Search none = locate("/nonexistent", null, p -> false);
        assertThatThrownBy(() -> missing(none, null)).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("no Chromium or Chrome found: searched -Dulemodel.chromium=/nonexistent")
                .hasMessageContaining("-Dulemodel.chromium=/path/to/chromium");
        assertThatThrownBy(() -> missing(none, "false")).isInstanceOf(TestAbortedException.class);
        assertThatThrownBy(() -> missing(none, "true")).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("CI=true, so the browser test may not be skipped: no Chromium or Chrome found");
    }
}
