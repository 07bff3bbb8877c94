// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.topo.Topology;

/** The replayable event text round-trips every event kind and reports bad lines with source and line number. */
class EventTextTest {

    @Test
    void randomEventListsRoundTrip() {
        Random rnd = new Random(7);
        Machine m = Machine.boot(MachineConfig.of(Topology.parse("2x2x2")));
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            events.add(SmpInvariantsTest.randomEvent(m, rnd));
        }
        String text = EventText.formatAll("2x2x2", events);
        EventText.Scenario s = EventText.parseAll(text, "t.events");
        assertThat(s.topology()).isEqualTo("2x2x2");
        assertThat(s.events()).isEqualTo(events);
        for (Event e : events) {
            assertThat(EventText.parse(EventText.format(e), "x: ")).isEqualTo(e);
        }
    }

    @Test
    void badLinesNameSourceLineAndExpectation() {
        assertThatThrownBy(() -> EventText.parseAll("tick\nwake tid=x\n", "f.events"))
                .hasMessage("f.events:2: wake tid: expected an integer, got 'x'");
        assertThatThrownBy(() -> EventText.parseAll("jump cpu=0", "f.events")).hasMessageStartingWith("f.events:1: unknown event 'jump'");
        assertThatThrownBy(() -> EventText.parseAll("block", "f.events")).hasMessage("f.events:1: block: missing field cpu=");
        assertThatThrownBy(() -> EventText.parseAll("yield cpu=0 x=1", "f.events")).hasMessageContaining("unknown field(s) [x]");
        assertThatThrownBy(() -> EventText.parseAll("tick\ntopology 2", "f.events")).hasMessageContaining("must come first");
        assertThatThrownBy(() -> EventText.parseAll("cpuset tid=0 cpus=3-1", "f.events")).hasMessageContaining("bad CPU range");
    }

    /** A {@code model} line comes first, once, and round-trips; a text without one names no model. */
    @Test
    void theModelLineNamesTheModelAndComesFirst() {
        EventText.Scenario s = EventText.parseAll("model toy-rr\ntopology 2\nyield cpu=0\n", "f");
        assertThat(s.model()).isEqualTo("toy-rr");
        assertThat(s.topology()).isEqualTo("2");
        assertThat(EventText.formatAll(s.model(), s.topology(), s.events())).isEqualTo("model toy-rr\ntopology 2\nyield cpu=0\n");
        assertThat(EventText.parseAll("topology 2\n", "f").model()).isNull();
        assertThatThrownBy(() -> EventText.parseAll("topology 2\nmodel toy-rr", "f.events"))
                .hasMessage("f.events:2: the model line must come first, once");
        assertThatThrownBy(() -> EventText.parseAll("model toy-rr\nmodel ule14", "f.events"))
                .hasMessage("f.events:2: the model line must come first, once");
        assertThatThrownBy(() -> EventText.parseAll("model", "f.events")).hasMessage("f.events:1: expected 'model ID', e.g. 'model ule14'");
        assertThatThrownBy(() -> EventText.parseAll("models ule14", "f.events"))
                .hasMessage("f.events:1: expected 'model ID', e.g. 'model ule14'");
    }

    @Test
    void ticksFoldAndCommentsAreIgnored() {
        EventText.Scenario s = EventText.parseAll("# a comment\ntick 3   # three\nyield cpu=0\n", "f");
        assertThat(s.events()).hasSize(4);
        assertThat(EventText.formatAll(null, s.events())).isEqualTo("tick 3\nyield cpu=0\n");
    }

    /** A per-CPU tick is its own line, {@code tick cpu=C}: never folded into a lock-step {@code tick N}. */
    @Test
    void aPerCpuTickIsALineOfItsOwn() {
        EventText.Scenario s = EventText.parseAll("tick 2\ntick cpu=1\ntick\n", "f");
        assertThat(s.events()).containsExactly(new Event.Tick(), new Event.Tick(), new Event.CpuTick(1), new Event.Tick());
        assertThat(EventText.formatAll(null, s.events())).isEqualTo("tick 2\ntick cpu=1\ntick\n");
        assertThat(EventText.parse("tick cpu=3", "x: ")).isEqualTo(new Event.CpuTick(3));
        assertThatThrownBy(() -> EventText.parseAll("tick cpu=x", "f.events")).hasMessage("f.events:1: tick cpu: expected an integer, got 'x'");
        assertThatThrownBy(() -> EventText.parseAll("tick 2 3", "f.events"))
                .hasMessage("f.events:1: expected 'tick', 'tick N' or 'tick cpu=C'");
    }
}
