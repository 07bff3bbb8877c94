// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim.rtapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.core.ule.UleVersion;
import org.ulemodel.sim.Engine;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.explore.ModelSpecs;
import org.ulemodel.spec.ule15.Ule15Provider;

/**
 * Where FreeBSD 15's ULE behaves differently from FreeBSD 14's in ways a user notices, pinned on
 * two of our example workloads run on one CPU through the one driver with every invariant checked
 * — exactly what {@code ulemodel simulate FILE --topology 1 --ule 14|15} prints, and the figures
 * docs/ule15.md quotes: nice-hogs.json (CPU shares and the longest wait of hogs at four nice
 * values) and duty-cycles.json (the interactive/batch split and what batch threads get).
 */
class Ule15DifferencesTest {
    static final ModelSpec<Machine> V14 = ModelSpecs.ule14();
    static final ModelSpec<Machine> V15 = Ule15Provider.SPEC;

    static Engine.Result<Machine> run(ModelSpec<Machine> spec, String file) throws IOException {
        String text = Files.readString(ExampleWorkloadFeaturesTest.dir().resolve(file), StandardCharsets.UTF_8);
        Workload w = RtAppReader.read(file, text);
        return Engine.of(spec, Topology.parse("1"), w, new Engine.Options(30_000_000, 0, true)).run();
    }

    static Engine.ThreadStats thread(Engine.Result<?> r, String comm) {
        return r.threads().stream().filter(t -> t.comm().equals(comm)).findFirst().orElseThrow();
    }

    /** CPU share in tenths of a percent of the 30 s run. */
    static long share(Engine.Result<?> r, String comm) {
        return Math.round(thread(r, comm).cpuUs() / 30_000.0);
    }

    static long longestWaitMs(Engine.Result<?> r, String comm) {
        return Arrays.stream(thread(r, comm).waitsUs()).max().orElse(0) / 1000;
    }

    /**
     * Nice −10, 0, +10, +19 hogs: FreeBSD 14 gives 40.5 / 27.1 / 18.9 / 13.5 % (nice adds 1:1 to
     * a 72-level batch band), FreeBSD 15 36.3 / 27.0 / 18.6 / 18.1 % (nice scaled by 5/4 onto a
     * 109-level band, the %CPU part rounded over 58 levels): the extremes are closer — nice −10
     * gets 2.0× what nice +19 gets instead of 3.0× — and the nice +19 hog's longest wait drops
     * from 251 ms to 189 ms.
     */
    @Test
    void niceMattersLessAtTheExtremesInFreeBsd15() throws IOException {
        Engine.Result<Machine> v14 = run(V14, "nice-hogs.json");
        Engine.Result<Machine> v15 = run(V15, "nice-hogs.json");
        String[] hogs = {"nice-10", "nice0", "nice10", "nice19"};
        assertThat(Arrays.stream(hogs).map(h -> share(v14, h))).containsExactly(405L, 271L, 189L, 135L);
        assertThat(Arrays.stream(hogs).map(h -> share(v15, h))).containsExactly(363L, 270L, 186L, 181L);
        assertThat(Arrays.stream(hogs).map(h -> longestWaitMs(v14, h))).containsExactly(95L, 126L, 189L, 251L);
        assertThat(Arrays.stream(hogs).map(h -> longestWaitMs(v15, h))).containsExactly(189L, 126L, 189L, 189L);
        // the same 30 s on one CPU, never idle, in both
        assertThat(v14.cpuBusyUs()).containsExactly(30_000_000);
        assertThat(v15.cpuBusyUs()).containsExactly(30_000_000);
    }

    /**
     * Duty cycles of 10, 30, 50 and 70 % beside two hogs: both versions keep the 10 and 30 %
     * threads interactive and make the 50 and 70 % ones batch (the interactivity score is
     * unchanged; the bands differ: interactive 120..151 → 56..114, batch 152..223 → 115..223), and
     * the interactive threads get all they ask for. The 10 % of the CPU left for batch work is
     * split three ways by FreeBSD 14 (the 70 % thread and each hog about 3.4 %); FreeBSD 15 gives
     * it to the batch thread that sleeps, which wakes at the static boost (115, the calendar's
     * nearest queue) every 10 ms, and the hogs get 0.1 % each, with waits of up to 140 ms instead
     * of 27 ms.
     */
    @Test
    void freeBsd15LeavesHogsLessBesideAWakingBatchThread() throws IOException {
        Engine.Result<Machine> v14 = run(V14, "duty-cycles.json");
        Engine.Result<Machine> v15 = run(V15, "duty-cycles.json");
        for (String interactive : new String[] {"duty10", "duty30"}) {
            assertThat(thread(v14, interactive).minPri()).as(interactive).isEqualTo(120);
            assertThat(thread(v15, interactive).minPri()).as(interactive).isEqualTo(56);
        }
        for (String batch : new String[] {"duty50", "duty70"}) {
            assertThat(thread(v14, batch).minPri()).as(batch).isEqualTo(UleVersion.V14.priMinBatch());
            assertThat(thread(v15, batch).minPri()).as(batch).isEqualTo(UleVersion.V15.priMinBatch());
        }
        String[] all = {"duty10", "duty30", "duty50", "duty70", "hog0", "hog1"};
        assertThat(Arrays.stream(all).map(t -> share(v14, t))).containsExactly(100L, 300L, 500L, 34L, 34L, 33L);
        assertThat(Arrays.stream(all).map(t -> share(v15, t))).containsExactly(100L, 300L, 500L, 100L, 1L, 1L);
        assertThat(Math.max(longestWaitMs(v14, "hog0"), longestWaitMs(v14, "hog1"))).isEqualTo(27);
        assertThat(Math.max(longestWaitMs(v15, "hog0"), longestWaitMs(v15, "hog1"))).isEqualTo(140);
    }
}
