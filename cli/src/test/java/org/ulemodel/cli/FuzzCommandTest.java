// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ulemodel.spec.EventText;

/**
 * {@code fuzz}: finds and shrinks the C example's planted difference (woken threads go back to
 * their last CPU), does not cry wolf on the model itself run as an external process through the
 * same protocol, and reports a crashed, hung or protocol-breaking child as such (exit 2), not as a
 * divergence.
 */
class FuzzCommandTest {
    @TempDir
    Path tmp;

    /** The C FIFO scheduler diverges on a wakeup; the shrunk case is the 4-event minimum, and it replays. */
    @Test
    void findsAndShrinksTheCExamplesDivergence() throws Exception {
        Path fifo = ExternalTools.cFifo();
        CliRunner.Outcome o = CliRunner.run("fuzz", "--exec", ExternalTools.quote(fifo.toString()), "--model", "toy-rr", "--mix",
                "uniprocessor", "--max-cpus", "4", "--seed", "1");
        assertThat(o.code()).as(o.out() + o.err()).isEqualTo(1);
        EventText.Scenario sc = EventText.parseAll(o.out(), "fuzz output");
        assertThat(sc.model()).isEqualTo("toy-rr");
        // the minimum: a thread created, another one on its CPU, the first blocks, and wakes while another CPU is idle
        assertThat(sc.events()).hasSize(4);
        assertThat(EventText.format(sc.events().get(3))).startsWith("wake tid=0");
        assertThat(o.out()).contains("# why: the trace stops after 0 decision(s); the model goes on with #1 ({\"type\":\"migrate\",\"tid\":0,");
        assertThat(o.out()).contains("#   implementation: []");
        Matcher shrunk = Pattern.compile("shrunk from (\\d+) to 4 events").matcher(o.out());
        assertThat(shrunk.find()).isTrue();
        assertThat(Integer.parseInt(shrunk.group(1))).isGreaterThan(4);

        Path file = tmp.resolve("divergence.events");
        Files.writeString(file, o.out());
        CliRunner.Outcome again = CliRunner.run("fuzz", "--exec", ExternalTools.quote(fifo.toString()), "--replay", file.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.out()).contains("diverges from toy-rr at event 4");
        assertThat(CliRunner.run("replay", file.toString()).code()).isZero();
    }

    /** The control: ULE 14 run as `ulemodel serve` (predict mode) conforms over thousands of random events, SMP random choices included. */
    @Test
    void theModelItselfAsAnExternalProcessConforms() {
        CliRunner.Outcome o = CliRunner.run("fuzz", "--exec", ExternalTools.ulemodel("serve"), "--model", "ule14", "--examples", "60",
                "--events", "60", "--max-cpus", "8", "--seed", "7", "--max-seconds", "0",
                "--timeout", "60000"); // a JVM's start on a loaded machine took 3.5 s: more than the 5 s default leaves
        assertThat(o.code()).as(o.out() + o.err()).isZero();
        Matcher m = Pattern.compile("no divergence from ule14 in (\\d+) scenarios, (\\d+) events").matcher(o.out());
        assertThat(m.find()).as(o.out()).isTrue();
        assertThat(Long.parseLong(m.group(2))).isGreaterThan(2000);
    }

    @Test
    void aCrashedHungOrBabblingChildIsReportedAsSuch() {
        CliRunner.Outcome crash = CliRunner.run("fuzz", "--exec", "read x; echo '{\"reply\":\"opened\"}'; read y; exit 3");
        assertThat(crash.code()).isEqualTo(2);
        assertThat(crash.err()).contains("crashed: it exited with status 3 instead of replying to ");
        assertThat(crash.out()).doesNotContain("diverges");

        CliRunner.Outcome hung = CliRunner.run("fuzz", "--exec", "cat > /dev/null", "--timeout", "300");
        assertThat(hung.code()).isEqualTo(2);
        assertThat(hung.err()).contains("hung: no reply to the open message within 300 ms");

        CliRunner.Outcome babble = CliRunner.run("fuzz", "--exec", "echo hello; cat > /dev/null");
        assertThat(babble.code()).isEqualTo(2);
        assertThat(babble.err()).contains("broke the protocol").contains("in: hello");

        CliRunner.Outcome missing = CliRunner.run("fuzz", "--exec", "/nonexistent/scheduler");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("exited with status 127");
    }

    @Test
    void badUsageIsExitTwo() {
        assertThat(CliRunner.run("fuzz", "--exec", "true", "--mix", "nope").err()).contains("--mix: unknown mix 'nope'");
        assertThat(CliRunner.run("fuzz", "--exec", "true", "--max-cpus", "65").code()).isEqualTo(2);
        assertThat(CliRunner.run("fuzz", "--exec", "true", "--model", "bfs").err()).contains("--model: unknown model 'bfs'");
    }
}
