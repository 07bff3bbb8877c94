// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import static org.ulemodel.trace.timeline.PageXml.attr;
import static org.ulemodel.trace.timeline.PageXml.nodes;
import static org.ulemodel.trace.timeline.PageXml.parse;
import static org.ulemodel.trace.timeline.PageXml.texts;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The page's structure, read back as XML: it is well-formed, self-contained, and has what a
 * timeline is expected to have — a row per CPU with its runs, marks, a legend whose colours are
 * the runs', time ticks, the per-thread view with waits, the histogram and hover text everywhere.
 */
class TimelinePageTest {
    static final long MS = 1_000_000L;

    static String page(Timeline tl, TimelinePage p) throws IOException {
        StringWriter w = new StringWriter();
        p.write(w, tl);
        return w.toString();
    }

    /** CPUs 0, 1 and 3 over 2 ms from 5 s: two named threads (one with markup in its name), a finding, an interval. */
    static Timeline sample() {
        Timeline t = new Timeline();
        t.name(10, "a<b>&\"c\u0001");
        t.name(11, "plain");
        t.followed(0, 5_000 * MS, 5_002 * MS);
        t.followed(1, 5_000 * MS, 5_002 * MS);
        t.followed(3, 5_001 * MS, 5_002 * MS);
        t.run(0, 10, 5_000 * MS, 5_000 * MS + 300_000, 120, "blocked (S)");
        t.waited(10, 1, 5_000 * MS + 300_000, 5_000 * MS + 800_000, true);
        t.run(1, 10, 5_000 * MS + 800_000, 5_001 * MS, 120, "preempted, still runnable (R+)");
        t.run(1, 11, 5_001 * MS, 5_002 * MS, 139, "still running at the end of the trace");
        t.run(3, 11, 5_001 * MS, 5_001 * MS + 50_000, Timeline.NO_PRIORITY, "");
        t.waited(11, 3, 5_001 * MS + 50_000, 5_001 * MS + 60_000, true);
        t.waited(10, 0, 5_001 * MS, 5_002 * MS, false);
        t.mark(new Timeline.Mark(Timeline.MarkKind.INTERVAL, 0, 5_000 * MS + 300_000, 5_000 * MS + 800_000, "wasted core",
                "idle while a<b waited"));
        t.mark(new Timeline.Mark(Timeline.MarkKind.FINDING, 3, 5_001 * MS + 500_000, 5_001 * MS + 500_000, "SWITCH at line 9",
                "the line is attributed to x"));
        return t;
    }

    @Test
    void thePageIsWellFormedAndSelfContained() throws Exception {
        String html = page(sample(), new TimelinePage("t <1>").paragraph("p & q").summary("report <x>")
                .table(new TimelinePage.Table("cpus", "CPUs", List.of("cpu", "busy%"), List.of(List.of("0", "15.0")))));
        Document d = parse(html);
        assertThat(d.getDocumentElement().getTagName()).isEqualTo("html");
        assertThat(texts(d, "/html/head/title")).containsExactly("t <1>");
        assertThat(texts(d, "//pre[@id='summary']")).containsExactly("report <x>");
        assertThat(nodes(d, "//table[@id='cpus']/tbody/tr").getLength()).isEqualTo(1);
        // nothing is fetched: no src or href anywhere, one script inline, the only URLs the SVG namespace and #hatch
        assertThat(nodes(d, "//@src | //@href | //link | //iframe | //img").getLength()).isZero();
        assertThat(nodes(d, "//script").getLength()).isEqualTo(1);
        Matcher m = Pattern.compile("https?://[^\"' )]+|url\\([^)]*\\)").matcher(html);
        while (m.find()) {
            assertThat(m.group()).isIn("http://www.w3.org/2000/svg", "url(#hatch)");
        }
        assertThat(html).doesNotContain("\u0001");
    }

    @Test
    void eachCpuWithARowHasItsRunsWithHoverDetails() throws Exception {
        Document d = parse(page(sample(), new TimelinePage("t")));
        NodeList rows = nodes(d, "//svg[@id='timeline']//g[@class='cpu-row']");
        assertThat(rows.getLength()).isEqualTo(3);
        assertThat(List.of(attr(rows, 0, "data-cpu"), attr(rows, 1, "data-cpu"), attr(rows, 2, "data-cpu")))
                .containsExactly("0", "1", "3");
        assertThat(texts(d, "//svg[@id='timeline']//text[@class='row-label']")).containsExactly("CPU 0", "CPU 1", "CPU 3");
        assertThat(texts(d, "//g[@data-cpu='1']/rect[@class='run']/title")).containsExactly(
                "a<b>&\"c? (tid 10) on CPU 1\npriority 120\nstart 5.000800 s\nlength 200 µs\n"
                        + "switched out: preempted, still runnable (R+)",
                "plain (tid 11) on CPU 1\npriority 139\nstart 5.001000 s\nlength 1 ms\n"
                        + "switched out: still running at the end of the trace");
        // unknown priority and reason are left out
        assertThat(texts(d, "//g[@data-cpu='3']/rect[@class='run']/title"))
                .containsExactly("plain (tid 11) on CPU 3\nstart 5.001000 s\nlength 50 µs");
        // the lane shows the followed span: CPU 3 from 1 ms on, on a plot 1200 wide for 2 ms
        Element lane = (Element) nodes(d, "//g[@data-cpu='3']/rect[@class='lane']").item(0);
        assertThat(lane.getAttribute("x")).isEqualTo("600.00");
        assertThat(lane.getAttribute("width")).isEqualTo("600.000");
        Element run = (Element) nodes(d, "//g[@data-cpu='0']/rect[@class='run']").item(0);
        assertThat(run.getAttribute("x")).isEqualTo("0.00");
        assertThat(run.getAttribute("width")).isEqualTo("180.000");
    }

    @Test
    void findingsAndIntervalsAreMarkedOnTheirCpusRow() throws Exception {
        Document d = parse(page(sample(), new TimelinePage("t")));
        Element wasted = (Element) nodes(d, "//svg[@id='timeline']//rect[@class='wasted']").item(0);
        assertThat(wasted.getAttribute("y")).isEqualTo("0");
        assertThat(wasted.getAttribute("x")).isEqualTo("180.00");
        assertThat(wasted.getAttribute("width")).isEqualTo("300.000");
        assertThat(wasted.getTextContent()).isEqualTo("wasted core on CPU 0, 5.000300 s for 500 µs\nidle while a<b waited");
        Element finding = (Element) nodes(d, "//svg[@id='timeline']//line[@class='finding']").item(0);
        assertThat(finding.getAttribute("x1")).isEqualTo("900.00");
        assertThat(finding.getAttribute("y1")).isEqualTo("35");
        assertThat(finding.getTextContent()).isEqualTo("SWITCH at line 9 on CPU 3, 5.001500 s\nthe line is attributed to x");
    }

    @Test
    void theLegendGivesEachThreadTheColourOfItsRuns() throws Exception {
        Document d = parse(page(sample(), new TimelinePage("t")));
        NodeList items = nodes(d, "//ul[@id='legend']/li");
        assertThat(items.getLength()).isEqualTo(2);
        // most CPU time first: plain 1.05 ms, then a 0.5 ms
        assertThat(items.item(0).getTextContent()).isEqualTo("plain (tid 11): CPU 1.05 ms, longest wait 10 µs");
        assertThat(items.item(1).getTextContent()).isEqualTo("a<b>&\"c? (tid 10): CPU 500 µs, longest wait 500 µs");
        for (String tid : List.of("10", "11")) {
            String swatch = ((Element) nodes(d, "//ul[@id='legend']/li[@data-tid='" + tid + "']/span").item(0)).getAttribute("style");
            NodeList runs = nodes(d, "//g[@class='thread-row'][@data-tid='" + tid + "']/rect[@class='run']");
            assertThat(runs.getLength()).isPositive();
            assertThat(swatch).isEqualTo("background:" + ((Element) runs.item(0)).getAttribute("fill"));
        }
        // the busiest threads get hues the golden angle apart
        assertThat(texts(d, "//ul[@id='legend']/li/span/@style")).containsExactly("background:hsl(0,65%,50%)",
                "background:hsl(138,65%,50%)");
        assertThat(texts(d, "//ul[@id='legend-marks']/li")).hasSize(5).anyMatch(s -> s.startsWith("wasted core"))
                .anyMatch(s -> s.startsWith("waiting for a CPU"));
    }

    @Test
    void timeTicksFollowOneTwoFiveSteps() throws Exception {
        Document d = parse(page(sample(), new TimelinePage("t")));
        assertThat(texts(d, "//svg[@id='timeline']/g[@class='ticks']/text")).containsExactly("0.0 ms", "0.2 ms", "0.4 ms",
                "0.6 ms", "0.8 ms", "1.0 ms", "1.2 ms", "1.4 ms", "1.6 ms", "1.8 ms", "2.0 ms");
        assertThat(texts(d, "//svg[@id='thread-view']/g[@class='ticks']/text")).hasSize(11);
        assertThat(texts(d, "//p[@id='zoom']/span[@id='view-range']")).containsExactly("0.0 ms … 2.0 ms");
        assertThat(List.of(TimelinePage.brief(512_000), TimelinePage.brief(2_048_000), TimelinePage.brief(131_072_000),
                TimelinePage.brief(2_147_483_648_000L), TimelinePage.brief(999))).containsExactly("512 µs", "2.05 ms", "131 ms",
                "2150 s", "999 ns");
        for (double v : new double[] {0, 0.004, 0.005, 1.2345, -1.2345, -0.0004, 999.9996, 123456789.125, 1e30, Double.NaN}) {
            for (int k = 0; k <= 3; k++) {
                assertThat(TimelinePage.fixed(v, k)).as("%s to %d decimals", v, k)
                        .isEqualTo(String.format(java.util.Locale.ROOT, "%." + k + "f", v).replaceFirst("^-(0\\.?0*)$", "$1"));
            }
        }
        assertThat(List.of(TimelinePage.duration(999), TimelinePage.duration(1_500), TimelinePage.duration(2_000_000),
                TimelinePage.duration(1_050_000), TimelinePage.duration(61_250_000_000L))).containsExactly("999 ns", "1.5 µs",
                "2 ms", "1.05 ms", "61.25 s");
        assertThat(TimelinePage.clock(812_400_048_000L)).isEqualTo("812.400048 s");
        assertThat(TimelinePage.niceStep(0.3)).isEqualTo(1);
        assertThat(TimelinePage.niceStep(1_100)).isEqualTo(2_000);
        assertThat(TimelinePage.niceStep(2_001)).isEqualTo(5_000);
        assertThat(TimelinePage.niceStep(5_001)).isEqualTo(10_000);
        assertThat(TimelinePage.niceStep(1e18)).isEqualTo(1_000_000_000_000_000_000L);
    }

    @Test
    void theThreadViewShowsRunsAndWaitsAndTheHistogramCountsEndedWaits() throws Exception {
        Document d = parse(page(sample(), new TimelinePage("t")));
        assertThat(texts(d, "//svg[@id='thread-view']/text[@class='row-label']/title"))
                .containsExactly("plain (tid 11)", "a<b>&\"c? (tid 10)");
        assertThat(texts(d, "//g[@class='thread-row'][@data-tid='10']/rect[@class='wait']/title")).containsExactly(
                "a<b>&\"c? (tid 10) waited for CPU 1\nstart 5.000300 s\nlength 500 µs\nthen ran",
                "a<b>&\"c? (tid 10) waited for CPU 0\nstart 5.001000 s\nlength 1 ms\nthen still waiting at the end");
        assertThat(texts(d, "//g[@class='thread-row'][@data-tid='11']/rect[@class='run']/title"))
                .allMatch(s -> s.startsWith("plain (tid 11) on CPU "));
        NodeList bars = nodes(d, "//svg[@id='wait-histogram']/rect[@class='bar']");
        // 10 µs (bucket 4: 8..16 µs) and 500 µs (bucket 9: 256..512 µs), the buckets between drawn empty
        assertThat(bars.getLength()).isEqualTo(6);
        assertThat(attr(bars, 0, "data-bucket")).isEqualTo("4");
        assertThat(attr(bars, 0, "data-count")).isEqualTo("1");
        assertThat(attr(bars, 5, "data-count")).isEqualTo("1");
        assertThat(bars.item(0).getTextContent()).isEqualTo("8 µs to 16 µs: 1 wait");
        assertThat(texts(d, "//p[@id='wait-summary']")).containsExactly(
                "2 waits, from becoming runnable to running, by length (buckets double in width); 1 wait still open at the"
                        + " end (not counted).");
    }

    @Test
    void anEmptyTimelineStillMakesAPage() throws Exception {
        Document d = parse(page(new Timeline(), new TimelinePage("nothing")));
        assertThat(nodes(d, "//g[@class='cpu-row']").getLength()).isZero();
        assertThat(texts(d, "//p[@id='wait-summary']")).containsExactly(
                "No wait ended (a wait lasts from becoming runnable to running).");
    }

    @Test
    void aMillionRunsMakeAPageOfBoundedSize() throws Exception {
        Timeline t = new Timeline();
        for (int c = 0; c < 4; c++) {
            long now = 0;
            for (int i = 0; i < 250_000; i++) {
                t.run(c, 100 + (i + c) % 7, now, now + 900, 120, "preempted, still runnable (R+)");
                now += 1_000;
            }
        }
        String html = page(t, new TimelinePage("big"));
        Document d = parse(html);
        int rects = nodes(d, "//svg[@id='timeline']//rect[contains(@class,'run')]").getLength();
        assertThat(rects).isLessThanOrEqualTo(4 * 4 * Timeline.CPU_COLUMNS);
        assertThat(html.length()).isLessThan(20_000_000);
        // merged pieces say how many runs they stand for
        assertThat(texts(d, "//g[@data-cpu='0']/rect[@class='run mixed']/title").get(0))
                .containsPattern("CPU 0: \\d+ runs too short to draw apart, merged\nfrom 0\\.000000 s over ");
    }
}
