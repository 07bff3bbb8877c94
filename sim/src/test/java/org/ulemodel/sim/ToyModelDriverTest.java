// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.sim.rtapp.RtAppReader;
import org.ulemodel.sim.rtapp.Workload;
import org.ulemodel.spec.InvariantViolationException;
import org.ulemodel.spec.Invariants;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.toy.RoundRobinModel;

/**
 * The driver runs a model that is not ULE: the toy round robin of spec's tests (one FIFO per
 * CPU, the least-loaded CPU for a new or woken thread, 10-tick slices), plugged in only through
 * {@code SchedulerModel} and checked against the generic invariants only
 * ({@link ModelSpec#generic}). The workload, on 2 CPUs: three hogs and a ticker that runs 1 ms
 * every 10 ms. Created in that order from CPU 0, the toy puts hog-0 on CPU 0, hog-1 on CPU 1,
 * hog-2 on CPU 0 (a tie goes to the lower id) and the ticker on CPU 1, where every wakeup sends it
 * back (CPU 1 holds one thread, CPU 0 two). So hog-0 and hog-2 alternate 10 ms slices on CPU 0 and
 * get half of it each; the ticker runs 1 ms per period on CPU 1, waiting behind hog-1's slice, and
 * hog-1 gets the rest; neither CPU ever idles.
 */
class ToyModelDriverTest {
    static final String WORKLOAD = "{ \"tasks\": {"
            + " \"hog\": { \"instance\": 3, \"run\": 100000 },"
            + " \"ticker\": { \"run\": 1000, \"sleep\": 9000 } } }";

    static Engine.Result<RoundRobinModel.State> run(RoundRobinModel model, long seed) {
        Workload w = RtAppReader.read("toy.json", WORKLOAD);
        return Engine.of(ModelSpec.generic(model), Topology.parse("2"), w, new Engine.Options(2_000_000, seed, true)).run();
    }

    static Engine.ThreadStats thread(Engine.Result<?> r, String comm) {
        return r.threads().stream().filter(t -> t.comm().equals(comm)).findFirst().orElseThrow();
    }

    @Test
    void theToyRunsAWorkloadWithTheGenericInvariantsCheckedAfterEveryStep() {
        Engine.Result<RoundRobinModel.State> r = run(RoundRobinModel.correct(), 0);
        assertThat(r.durationUs()).isEqualTo(2_000_000);
        assertThat(r.steps()).isPositive();
        assertThat(r.invariantChecks()).isEqualTo(r.steps() * Invariants.generic().size());
        assertThat(r.threads()).extracting(Engine.ThreadStats::comm).containsExactly("hog-0", "hog-1", "hog-2", "ticker");
        // never idle, and the threads' CPU time adds up to the CPUs' busy time
        assertThat(r.cpuBusyUs()).containsExactly(2_000_000, 2_000_000);
        assertThat(r.threads().stream().mapToLong(Engine.ThreadStats::cpuUs).sum()).isEqualTo(4_000_000);
        // CPU 0: two hogs alternating 10 ms slices get half each
        Engine.ThreadStats hog0 = thread(r, "hog-0");
        Engine.ThreadStats hog2 = thread(r, "hog-2");
        assertThat(hog0.cpuUs()).isBetween(990_000L, 1_010_000L);
        assertThat(hog2.cpuUs()).isBetween(990_000L, 1_010_000L);
        assertThat(hog0.runs()).isBetween(95L, 105L);
        // CPU 1: the ticker's 1 ms bursts, at most one per 10 ms period, and hog-1 the rest
        Engine.ThreadStats ticker = thread(r, "ticker");
        Engine.ThreadStats hog1 = thread(r, "hog-1");
        assertThat(ticker.cpuUs()).isBetween(50_000L, 200_000L).isEqualTo(ticker.runs() * 1000);
        assertThat(hog1.cpuUs()).isEqualTo(2_000_000 - ticker.cpuUs());
        // it waits behind hog-1 for at most one slice; nobody migrates; the toy's priority is 120 throughout
        assertThat(ticker.waitsUs()).hasSize((int) ticker.runs());
        assertThat(ticker.waitsUs()[ticker.waitsUs().length - 1]).isLessThanOrEqualTo(RoundRobinModel.SLICE * 1000);
        assertThat(r.migrations()).isEmpty();
        for (Engine.ThreadStats t : r.threads()) {
            assertThat(List.of(t.minPri(), t.maxPri())).as(t.comm()).containsOnly(120);
        }
    }

    @Test
    void aSeedOnlyOrdersWakeupsForAModelWithoutBootRandomness() {
        Engine.Result<RoundRobinModel.State> a = run(RoundRobinModel.correct(), 0);
        Engine.Result<RoundRobinModel.State> b = run(RoundRobinModel.correct(), 7);
        assertThat(Tables.threadRows(b)).isEqualTo(Tables.threadRows(a));
        assertThat(b.steps()).isEqualTo(a.steps());
    }

    @Test
    void theGenericInvariantsCatchTheToysPlantedBugUnderTheDriver() {
        assertThatThrownBy(() -> run(RoundRobinModel.forgetDequeue(), 0)).isInstanceOf(InvariantViolationException.class)
                .hasMessageStartingWith("CONSERVE violated after ");
    }
}
