// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim.rtapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.sim.Engine;
import org.ulemodel.sim.Tables;

/**
 * {@link RtAppWriter} writes what {@link RtAppReader} reads back as the same workload: every
 * example of ours round-trips to the same text and simulates to the same figures; repeated events
 * are numbered, names quoted.
 */
class RtAppWriterTest {

    @Test
    void everyExampleRoundTripsToTheSameWorkload() throws IOException {
        for (Path f : ExampleWorkloadFeaturesTest.examples()) {
            Workload read = RtAppReader.read(f);
            String text = RtAppWriter.write(read);
            Workload again = RtAppReader.read("written.json", text);
            assertThat(RtAppWriter.write(again)).as(f.toString()).isEqualTo(text);
            assertThat(again.notes()).as(f.toString()).isEmpty();
            MachineConfig config = MachineConfig.of(Topology.parse("2x2"));
            Engine.Result<?> a = Engine.ule14(read, config, new Engine.Options(300_000, 3, true)).run();
            Engine.Result<?> b = Engine.ule14(again, config, new Engine.Options(300_000, 3, true)).run();
            assertThat(Tables.threadRows(b)).as(f.toString()).isEqualTo(Tables.threadRows(a));
            assertThat(b.steps()).as(f.toString()).isEqualTo(a.steps());
        }
    }

    @Test
    void repeatedEventsAreNumberedAndNamesQuoted() {
        Workload w = RtAppReader.read("w.json", "{\"tasks\":{\"a \\\"q\\\"\":{\"loop\":3,\"run\":10,\"sleep\":5,\"run\":20,\"run\":30}}}");
        String text = RtAppWriter.write(w);
        assertThat(text).contains("\"a \\\"q\\\"\" : {").contains("\"run\" : 10").contains("\"run1\" : 20").contains("\"run2\" : 30")
                .contains("\"loop\" : 3");
        List<Workload.Step> steps = RtAppReader.read("again.json", text).tasks().get(0).phases().get(0).steps();
        assertThat(steps).extracting(s -> s instanceof Workload.Run ? ((Workload.Run) s).us() : -((Workload.Sleep) s).us())
                .containsExactly(10L, -5L, 20L, 30L);
    }

    @Test
    void aDurationThatIsNotWholeSecondsIsRefused() {
        Workload w = RtAppReader.read("w.json", "{\"tasks\":{\"a\":{\"run\":10}}}");
        Workload odd = new Workload(w.source(), w.tasks(), 1_500_000, w.defaultPolicy(), List.of());
        assertThatThrownBy(() -> RtAppWriter.write(odd)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole seconds");
    }
}
