// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import org.ulemodel.trace.Corpus;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ulemodel.cli.AuditCommandTest.Outcome;
import org.ulemodel.trace.timeline.PageXml;
import org.w3c.dom.Document;

/**
 * {@code ulemodel audit} on a real {@code trace-cmd report}: the sched trace that LISA
 * (ARM-software/lisa, Apache-2.0) ships, 100 events on 2 of 5 CPUs. It is not part of this
 * repository; these tests read it as {@code ftrace/lisa-trace_sched.txt} of the corpus folder
 * ({@code -Dulemodel.corpus=DIR}, see {@link Corpus}) and are skipped, with the reason, without it.
 * The reader and writer on the same trace: the trace module's {@code LisaTraceCorpusTest}.
 */
class AuditLisaCorpusTest {
    static Path lisa() {
        return Corpus.file("ftrace/lisa-trace_sched.txt");
    }

    @Test
    void theLisaTraceAuditsCleanly() {
        String lisa = lisa().toString();
        Outcome o = AuditCommandTest.run("audit", lisa);
        assertThat(o.err()).isEmpty();
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("audit of " + lisa,
                "  events:     100: sched_switch 20, sched_wakeup 12, sched_wakeup_new 0, sched_waking 0, sched_migrate_task 2, other 66",
                "  CPUs:       cpus=5 in the header; events recorded on 2",
                "  time span:  34.896920 .. 34.901511 s (4.591 ms)",
                "  rules:      0 violations",
                "  wasted cores (a CPU idle while a runnable thread waits longer than 1.000 ms): 0",
                "  result:     clean");
    }

    @Test
    void aLowerThresholdShowsTheLisaTracesIdleWakeupLatencies() {
        String lisa = lisa().toString();
        Outcome o = AuditCommandTest.run("audit", lisa, "--threshold", "400us");
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.out()).contains("waits longer than 0.400 ms): 3",
                "34.899995 .. 34.900460 s (0.465 ms) CPU 1 idle while sshd:2450 waited for CPU 1 (runnable since "
                        + lisa + ":72, ran at " + lisa + ":80)",
                "  result:     findings");
    }

    @TempDir
    Path dir;

    @Test
    void theLisaTracesPageShowsItsTwoCpusTheThreeIntervalsAndNoFinding() throws Exception {
        Path page = dir.resolve("lisa.html");
        Outcome o = AuditCommandTest.run("audit", lisa().toString(), "--threshold", "400us", "--html", page.toString());
        assertThat(o.code()).isEqualTo(1);
        Document d = PageXml.parse(Files.readString(page, StandardCharsets.UTF_8));
        assertThat(PageXml.texts(d, "//g[@class='cpu-row']/@data-cpu")).containsExactly("0", "1");
        assertThat(PageXml.nodes(d, "//rect[@class='wasted']").getLength()).isEqualTo(3);
        assertThat(PageXml.nodes(d, "//line[@class='finding']").getLength()).isZero();
        // 20 switches on 2 CPUs: runs of 7 threads; 12 waits ended (after wakeups or preemptions), one is open at the end
        assertThat(PageXml.texts(d, "//ul[@id='legend']/li")).hasSize(7);
        assertThat(PageXml.texts(d, "//p[@id='wait-summary']")).containsExactly("12 waits, from becoming runnable to running, "
                + "by length (buckets double in width); 1 wait still open at the end (not counted).");
    }
}
