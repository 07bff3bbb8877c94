// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ulemodel.trace.timeline.PageXml.attr;
import static org.ulemodel.trace.timeline.PageXml.nodes;
import static org.ulemodel.trace.timeline.PageXml.parse;
import static org.ulemodel.trace.timeline.PageXml.texts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ulemodel.trace.ftrace.FtraceText;
import org.ulemodel.trace.ftrace.FtraceWriter.Task;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * {@code audit --html} and {@code simulate --html} write the same page ({@code TimelinePage}),
 * read back here as XML: the CPUs with their runs, the findings and wasted cores marked where the
 * report says, the report itself, a thread view and a histogram that agree with the tables, and no
 * page at all when the input is bad.
 */
class HtmlPageTest {
    @TempDir
    Path dir;

    private static long sum(Document d, String xpath) throws Exception {
        long s = 0;
        for (String v : texts(d, xpath)) {
            s += Long.parseLong(v);
        }
        return s;
    }

    @Test
    void theAuditPageDrawsTheExampleWithItsWastedCoresAndItsReport() throws Exception {
        String f = CliRunner.exampleTrace(AuditCommandTest.TRACE_CMD).toString();
        Path page = dir.resolve("a.html");
        CliRunner.Outcome plain = CliRunner.run("audit", f, "--threshold", "400us");
        CliRunner.Outcome o = CliRunner.run("audit", f, "--threshold", "400us", "--html", page.toString());
        assertThat(o.code()).as(o.err()).isEqualTo(1);
        assertThat(o.out()).isEqualTo(plain.out());
        Document d = parse(Files.readString(page, StandardCharsets.UTF_8));
        assertThat(texts(d, "//pre[@id='summary']")).containsExactly(o.out());
        assertThat(texts(d, "//g[@class='cpu-row']/@data-cpu")).containsExactly("0", "1", "2");
        // 9 runs, each from a switch-in (or its CPU's first event) to a switch-out or the end: 3 on CPU 0, 4 on 1, 2 on 2
        assertThat(nodes(d, "//svg[@id='timeline']//rect[@class='run']").getLength()).isEqualTo(9);
        assertThat(texts(d, "//g[@data-cpu='2']/rect[@class='run']/title")).containsExactly(
                "pool:io flush (tid 3301) on CPU 2\nstart 812.400040 s\nlength 8 µs\nswitched out: blocked (D)",
                "sh (tid 4120) on CPU 2\npriority 120\nstart 812.400048 s\nlength 282 µs\nswitched out: exited (x)");
        // the three intervals of the report, on CPUs 1, 0 and 2
        NodeList wasted = nodes(d, "//svg[@id='timeline']//rect[@class='wasted']");
        assertThat(wasted.getLength()).isEqualTo(3);
        assertThat(List.of(attr(wasted, 0, "y"), attr(wasted, 1, "y"), attr(wasted, 2, "y"))).containsExactly("18", "0", "36");
        assertThat(wasted.item(0).getTextContent()).isEqualTo("wasted core on CPU 1, 812.400203 s for 449 µs\nidle while "
                + "log writer:3302 waited for CPU 1 (runnable since line 25, ran at line 41)");
        assertThat(texts(d, "//ul[@id='legend']/li")).hasSize(6).first().asString().startsWith("kworker/u8:2 (tid 88): CPU 774 µs");
        assertThat(nodes(d, "//g[@class='thread-row']").getLength()).isEqualTo(6);
        // 7 waits ended (4 wakeups and 3 preemptions that ran again), the longest log writer's 449 µs
        assertThat(sum(d, "//svg[@id='wait-histogram']/rect/@data-count")).isEqualTo(7);
        assertThat(texts(d, "//svg[@id='wait-histogram']/rect[last()]/title")).containsExactly("256 µs to 512 µs: 2 waits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"trace-cmd-report.txt", "kernel-trace.txt", "trace-cmd-report-raw.txt", "tracefs-trace-pipe.txt",
        "perf-script.txt", "trace-cmd-4096-cpus.txt", "no-switch-events.txt"})
    void everyExampleDrawsAPageWithARowPerCpuItSawEventsOn(String name) throws Exception {
        String f = CliRunner.exampleTrace(name).toString();
        Path page = dir.resolve(name + ".html");
        CliRunner.Outcome o = CliRunner.run("audit", f, "--html", page.toString());
        assertThat(o.code()).as(o.err()).isZero();
        Document d = parse(Files.readString(page, StandardCharsets.UTF_8));
        Matcher m = Pattern.compile("events recorded on (\\d+)").matcher(o.out());
        assertThat(m.find()).isTrue();
        assertThat(nodes(d, "//g[@class='cpu-row']").getLength()).isEqualTo(Integer.parseInt(m.group(1)));
        assertThat(nodes(d, "//g[@class='cpu-row']/rect[@class='lane']").getLength()).isEqualTo(Integer.parseInt(m.group(1)));
        int runs = nodes(d, "//svg[@id='timeline']//rect[@class='run']").getLength();
        if (name.equals("no-switch-events.txt")) {
            // without switches the audit knows nothing of who ran: no runs, no waits, only the followed spans
            assertThat(runs).isZero();
            assertThat(nodes(d, "//ul[@id='legend']/li | //g[@class='thread-row']").getLength()).isZero();
            assertThat(texts(d, "//p[@id='wait-summary']")).containsExactly(
                    "No wait ended (a wait lasts from becoming runnable to running).");
        } else {
            assertThat(runs).isPositive();
        }
        assertThat(nodes(d, "//line[@class='finding'] | //rect[@class='wasted']").getLength()).isZero();
    }

    @Test
    void findingsAreMarkedOnTheRowAndAtTheTimeOfTheirEvent() throws Exception {
        Path f = dir.resolve("t.txt");
        Files.writeString(f, FtraceText.trace(2, w -> {
            w.sched_switch(1_000_000, 0, Task.idle(0), 'R', new Task("a", 10, 120));
            w.sched_switch(2_000_000, 1, Task.idle(1), 'R', new Task("a", 10, 120));
            w.sched_switch(3_000_000, 1, new Task("a", 10, 120), 'S', Task.idle(1));
        }), StandardCharsets.UTF_8);
        Path page = dir.resolve("f.html");
        CliRunner.Outcome o = CliRunner.run("audit", f.toString(), "--html", page.toString());
        assertThat(o.code()).isEqualTo(1);
        Document d = parse(Files.readString(page, StandardCharsets.UTF_8));
        NodeList findings = nodes(d, "//svg[@id='timeline']//line[@class='finding']");
        assertThat(findings.getLength()).isEqualTo(1);
        // CPU 1's row (y 18..34), 2 ms into a 2 ms span from the first event: the right end of the 1200-pixel axis
        assertThat(attr(findings, 0, "x1")).isEqualTo("600.00");
        assertThat(attr(findings, 0, "y1")).isEqualTo("17");
        assertThat(findings.item(0).getTextContent()).isEqualTo("ONE_CPU at line 4 on CPU 1, 0.002000 s\n"
                + "a:10 switches in on CPU 1 while it runs on CPU 0 since line 3");
    }

    @Test
    void badInputWritesNoPageAndAPageThatCannotBeWrittenIsAUsageError() throws IOException {
        Path f = dir.resolve("bad.txt");
        Files.writeString(f, "cpus=2\n  a-1 [000] 1.000001: sched_switch: a:1 [120] Q ==> b:2 [120]\n");
        Path page = dir.resolve("bad.html");
        CliRunner.Outcome o = CliRunner.run("audit", f.toString(), "--html", page.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.out()).isEmpty();
        assertThat(page).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("bad.txt");
        }
        String good = CliRunner.exampleTrace(AuditCommandTest.TRACE_CMD).toString();
        Path nowhere = dir.resolve("missing").resolve("a.html");
        CliRunner.Outcome n = CliRunner.run("audit", good, "--html", nowhere.toString());
        assertThat(n.code()).isEqualTo(2);
        assertThat(n.out()).isEmpty();
        assertThat(n.err()).startsWith("ulemodel: --html " + nowhere + ": cannot write: ");
    }

    @Test
    void theSimulatePageIsTheSamePageWithTheTablesAndAgreesWithThem() throws Exception {
        Path page = dir.resolve("s.html");
        CliRunner.Outcome o = CliRunner.run("simulate", CliRunner.workload("phases.json").toString(), "--topology", "2",
                "--duration", "2s", "--html", page.toString());
        assertThat(o.code()).as(o.err()).isZero();
        Document d = parse(Files.readString(page, StandardCharsets.UTF_8));
        assertThat(texts(d, "//g[@class='cpu-row']/@data-cpu")).containsExactly("0", "1");
        List<String> threads = texts(d, "//table[@id='threads']/tbody/tr/td[2]");
        assertThat(threads).isNotEmpty();
        assertThat(nodes(d, "//ul[@id='legend']/li").getLength()).isEqualTo(Math.min(threads.size(), 48));
        assertThat(nodes(d, "//g[@class='thread-row']").getLength()).isEqualTo(Math.min(threads.size(), 48));
        for (String t : texts(d, "//ul[@id='legend']/li")) {
            assertThat(threads).anyMatch(name -> t.startsWith(name + " (tid "));
        }
        // every switch-in ends a wait (of 0 µs when the thread was not queued): the histogram counts the table's runs
        assertThat(sum(d, "//svg[@id='wait-histogram']/rect/@data-count")).isEqualTo(sum(d, "//table[@id='threads']/tbody/tr/td[5]"));
        // and the longest wait of the table ("wait max ms") falls in the histogram's last bucket
        long maxWaitNs = texts(d, "//table[@id='threads']/tbody/tr/td[8]").stream()
                .mapToLong(ms -> Math.round(Double.parseDouble(ms) * 1e6)).max().orElseThrow();
        assertThat(maxWaitNs).isPositive();
        assertThat(texts(d, "//svg[@id='wait-histogram']/rect[last()]/@data-bucket"))
                .containsExactly(String.valueOf(org.ulemodel.trace.timeline.Timeline.bucket(maxWaitNs)));
        assertThat(texts(d, "//svg[@id='timeline']//rect[@class='run']/title")).isNotEmpty()
                .allMatch(t -> t.contains("\npriority ") && t.contains("\nswitched out: "));
        assertThat(texts(d, "//table[@id='cpus']/tbody/tr/td[1]")).containsExactly("0", "1");
    }
}
