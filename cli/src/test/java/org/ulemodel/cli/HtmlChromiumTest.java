// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * The --html page renders in a real browser: headless Chromium (or Chrome) loads it and dumps the
 * DOM it built, after its script ran; the tests look for the SVG timeline with one row per CPU,
 * run rectangles, the legend, the thread view, the histogram and the two tables of simulate's page,
 * check that audit's page opened at {@code #view=FROM,TO} is zoomed there with its ticks redrawn,
 * and compare a screenshot by structure, not pixels: its size, and every legend colour present.
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
        ExternalTools.missing("the browser test", message, ci);
    }

    static Path browser() {
        Search s = locate(System.getProperty(PROPERTY), System.getenv("PATH"), p -> Files.isRegularFile(p) && Files.isExecutable(p));
        if (s.browser() == null) {
            missing(s, System.getenv("CI"));
        }
        return s.browser();
    }

    /** Runs the browser headless on {@code url} with {@code args}; returns what it printed, failing unless it exited 0. */
    String browse(Path chromium, String url, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(tmp, "profile");
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        cmd.add(url);
        Path err = tmp.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void pageRendersWithTimelineRowsAndTables() throws IOException, InterruptedException {
        Path chromium = browser();
        Path page = tmp.resolve("sim.html");
        CliRunner.Outcome o = CliRunner.run("simulate", CliRunner.workload("ui-pipeline.json").toString(), "--topology",
                "2x2x2", "--duration", "1s", "--html", page.toString());
        assertThat(o.code()).as(o.err()).isZero();
        String html = browse(chromium, page.toUri().toString(), "--dump-dom");
        assertThat(html).contains("<svg id=\"timeline\"");
        assertThat(Pattern.compile("<g class=\"cpu-row\" data-cpu=\"\\d+\"").matcher(html).results().count()).isEqualTo(8);
        assertThat(Pattern.compile("<rect class=\"run\"").matcher(html).results().count()).isGreaterThan(10);
        assertThat(html).contains("<table id=\"threads\"").contains("<table id=\"cpus\"").contains("compositor");
        // the CPU table has one body row per CPU
        String cpus = html.substring(html.indexOf("<table id=\"cpus\""));
        assertThat(Pattern.compile("<tr><td>\\d+</td>").matcher(cpus).results().count()).isEqualTo(8);
        // the legend, a row per thread in the thread view, the histogram and ticks under both views
        assertThat(Pattern.compile("<li data-tid=\"\\d+\"><span class=\"sw\"").matcher(html).results().count()).isEqualTo(8);
        assertThat(Pattern.compile("<g class=\"thread-row\" data-tid=\"\\d+\"").matcher(html).results().count()).isEqualTo(8);
        assertThat(html).contains("<svg id=\"wait-histogram\"").contains("<rect class=\"bar\"");
        assertThat(Pattern.compile("<text class=\"tick\"[^>]*>0\\.5 s</text>").matcher(html).results().count()).isEqualTo(2);
    }

    @Test
    void auditPageOpensZoomedWhereItsAddressSaysAndShowsItsColours() throws IOException, InterruptedException {
        Path chromium = browser();
        Path page = tmp.resolve("audit.html");
        CliRunner.Outcome o = CliRunner.run("audit", CliRunner.exampleTrace(AuditCommandTest.TRACE_CMD).toString(),
                "--threshold", "400us", "--html", page.toString());
        assertThat(o.code()).as(o.err()).isEqualTo(1);
        // 0.21 .. 0.59 ms of the trace's 1.507 ms: the script sets every plot's viewBox and redraws the ticks
        String html = browse(chromium, page.toUri() + "#view=0.00021,0.00059", "--dump-dom");
        Matcher vb = Pattern.compile("<svg class=\"plot\"[^>]*viewBox=\"([^\"]+)\"").matcher(html);
        int plots = 0;
        while (vb.find()) {
            String[] v = vb.group(1).trim().split("\\s+");
            assertThat(Double.parseDouble(v[0])).isCloseTo(0.21 / 1.507 * 1200, org.assertj.core.data.Offset.offset(0.01));
            assertThat(Double.parseDouble(v[2])).isCloseTo(0.38 / 1.507 * 1200, org.assertj.core.data.Offset.offset(0.01));
            plots++;
        }
        assertThat(plots).isEqualTo(2);
        List<String> ticks = Pattern.compile("<text class=\"tick\"[^>]*>([^<]*)</text>").matcher(html).results()
                .map(r -> r.group(1)).toList();
        assertThat(ticks).containsExactly("0.25 ms", "0.30 ms", "0.35 ms", "0.40 ms", "0.45 ms", "0.50 ms", "0.55 ms",
                "0.25 ms", "0.30 ms", "0.35 ms", "0.40 ms", "0.45 ms", "0.50 ms", "0.55 ms");
        assertThat(html).contains("<span id=\"view-range\">0.21 ms … 0.59 ms</span>");
        // a screenshot of the whole run: the size asked for, and each thread's legend colour drawn
        Path shot = tmp.resolve("audit.png");
        browse(chromium, page.toUri().toString(), "--window-size=1400,900", "--screenshot=" + shot);
        BufferedImage img = ImageIO.read(shot.toFile());
        assertThat(img.getWidth()).isEqualTo(1400);
        assertThat(img.getHeight()).isEqualTo(900);
        Matcher sw = Pattern.compile("<span class=\"sw\" style=\"background:hsl\\((\\d+),65%,50%\\)\"").matcher(html);
        int colours = 0;
        while (sw.find()) {
            int rgb = hslToRgb(Integer.parseInt(sw.group(1)), 0.65, 0.5);
            assertThat(count(img, rgb)).as("pixels of hsl(%s,65%%,50%%)", sw.group(1)).isGreaterThan(100);
            colours++;
        }
        assertThat(colours).isEqualTo(6);
    }

    /** The sRGB value of {@code hsl(h, s, l)} as CSS defines it. */
    static int hslToRgb(int h, double s, double l) {
        double c = (1 - Math.abs(2 * l - 1)) * s;
        double x = c * (1 - Math.abs(h / 60.0 % 2 - 1));
        double m = l - c / 2;
        double[] rgb = h < 60 ? new double[] {c, x, 0} : h < 120 ? new double[] {x, c, 0} : h < 180 ? new double[] {0, c, x}
                : h < 240 ? new double[] {0, x, c} : h < 300 ? new double[] {x, 0, c} : new double[] {c, 0, x};
        int r = (int) Math.round((rgb[0] + m) * 255);
        int g = (int) Math.round((rgb[1] + m) * 255);
        int b = (int) Math.round((rgb[2] + m) * 255);
        return r << 16 | g << 8 | b;
    }

    /** Pixels of {@code img} within 4 of {@code rgb} in each channel. */
    static long count(BufferedImage img, int rgb) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if (Math.abs((p >> 16 & 255) - (rgb >> 16 & 255)) <= 4 && Math.abs((p >> 8 & 255) - (rgb >> 8 & 255)) <= 4
                        && Math.abs((p & 255) - (rgb & 255)) <= 4) {
                    n++;
                }
            }
        }
        return n;
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
