// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import org.ulemodel.trace.Corpus;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * simulate on rt-app's own example workloads (GPL-2.0, never copied here), read from
 * {@code -Dulemodel.corpus=DIR} as {@code DIR/rtapp/*.json}: the reader must take what rt-app's
 * authors wrote, and refuse what the model cannot express where they wrote it. Without the
 * property these tests are skipped with the reason ({@link Corpus}).
 */
class RtAppCorpusTest {
    static List<Path> rtappExamples() throws IOException {
        Path dir = Corpus.dir().resolve("rtapp");
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = new ArrayList<>(s.filter(p -> p.toString().endsWith(".json")).sorted().toList());
            assertThat(files).as("rt-app examples in " + dir).hasSizeGreaterThanOrEqualTo(12);
            return files;
        }
    }

    @Test
    void everyRtAppExampleSimulatesOrNamesTheUnsupportedKey() throws IOException {
        for (Path f : rtappExamples()) {
            CliRunner.Outcome o = CliRunner.run("simulate", f.toString(), "--topology", "2x4x2", "--duration", "1s", "--check");
            if (f.getFileName().toString().equals("example6.json")) {
                // mem and iorun are memory/I/O load the model cannot express: an error naming the key and its place
                assertThat(o.code()).as(o.err()).isEqualTo(2);
                assertThat(o.err()).contains("example6.json:11:4: \"mem\"").doesNotContain("Exception");
                continue;
            }
            assertThat(o.code()).as(f + ": " + o.err()).isZero();
            assertThat(o.out()).contains("cpu%").contains("busy%");
            assertThat(o.out().lines().filter(l -> l.matches("\\d+\\s+\\d+\\.\\d\\s+\\d+"))).hasSize(16);
        }
    }

    @Test
    void example1GivesItsThreadTheShareItsAuthorsDescribe() {
        CliRunner.Outcome o = CliRunner.run("simulate", Corpus.file("rtapp/example1.json").toString(), "--topology", "2x2");
        assertThat(o.code()).as(o.err()).isZero();
        // thread0 runs 20 ms of every 100 ms: a 20% CPU share over the 2 s global duration
        assertThat(o.out()).contains("2.000 s simulated");
        assertThat(SimulateCommandTest.row(o.out(), "thread0")).contains("SCHED_OTHER nice 0")
                .containsPattern("\\s(19\\.\\d|20\\.\\d)\\s");
    }

    @Test
    void browserShortShowsEveryThread() {
        CliRunner.Outcome o = CliRunner.run("simulate", Corpus.file("rtapp/browser-short.json").toString(), "--topology", "2x2",
                "--duration", "500ms", "--check");
        assertThat(o.code()).as(o.err()).isZero();
        for (String t : List.of("BrowserMain", "BrowserSub1", "BrowserSub2", "BrowserDisplay", "Binder-dummy", "Binder-display",
                "Event-Browser", "Event-Display", "Display")) {
            assertThat(SimulateCommandTest.row(o.out(), t)).contains("SCHED_OTHER");
        }
    }
}
