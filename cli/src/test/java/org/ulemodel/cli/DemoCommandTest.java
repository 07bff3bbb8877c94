// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.MigrateReason;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.spec.UleInvariants;
import org.ulemodel.spec.sim.Simulator;

/** {@code ulemodel demo} runs the built-in workload with every invariant checked and reports per-thread results that add up. */
class DemoCommandTest {

    @Test
    void demoPrintsEveryThreadCpusMigrationsAndTheInvariantChecks() {
        CliRunner.Outcome o = CliRunner.run("demo", "--seconds", "2");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("2x2x2").contains("hog0").contains("hog-nice10-0").contains("interactive0")
                .contains("realtime").contains("cpu0-hog").contains("CPU busy:").contains("cpu7")
                .contains("migrations: wakeup").containsPattern("invariant checks: [1-9][0-9]+ ");
    }

    @Test
    void singleCpuDemoSharesAddUpAndTheWorkloadBehavesAsUleShould() {
        Simulator.Report r = DemoCommand.run(Topology.parse("1"), 10);
        long total = r.threads().stream().mapToLong(Simulator.ThreadReport::runTicks).sum();
        assertThat(total).isEqualTo(r.ticks()); // two hogs: never idle
        Simulator.ThreadReport hog = r.threads().get(0);
        Simulator.ThreadReport nice10 = r.threads().get(1);
        Simulator.ThreadReport interactive = r.threads().get(2);
        Simulator.ThreadReport rt = r.threads().get(3);
        assertThat(hog.runTicks()).isGreaterThan(nice10.runTicks());
        // the interactive thread gets its 10 % duty cycle and ends up in the interactive band
        assertThat(interactive.runTicks()).isBetween(r.ticks() / 10 - r.ticks() / 50, r.ticks() / 10 + r.ticks() / 50);
        assertThat(interactive.minPri()).isLessThanOrEqualTo(151);
        // the realtime thread runs 2 ms of every 50 and never waits behind timeshare threads
        assertThat(rt.minPri()).isEqualTo(60);
        assertThat(rt.longestWait()).isZero();
        assertThat(r.checks()).isEqualTo(r.steps() * UleInvariants.all().size());
    }

    @Test
    void smpDemoKeepsEveryCpuBusyMovesThreadsOffTheOfflineCpuAndRespectsTheCpuset() {
        Simulator.Report r = DemoCommand.run(Topology.parse("2x2x2"), 6);
        assertThat(r.migrations()).containsKeys(MigrateReason.OFFLINE);
        assertThat(r.migrations().getOrDefault(MigrateReason.STEAL, 0) + r.migrations().getOrDefault(MigrateReason.BALANCE, 0))
                .isPositive();
        // CPU 7 is offline for 30 % of the run
        assertThat(r.cpuBusyTicks()[7]).isLessThanOrEqualTo(r.ticks() * 71 / 100);
        Simulator.ThreadReport pinned = r.threads().get(r.threads().size() - 1);
        assertThat(pinned.behavior().name()).isEqualTo("cpu0-hog");
        assertThat(pinned.migrations()).isEmpty();
    }

    @Test
    void badSecondsAndTopologyAreUsageErrors() {
        CliRunner.Outcome o = CliRunner.run("demo", "--seconds", "0");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("expected 1..3600");
        o = CliRunner.run("demo", "--topology", "2x0");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("--topology");
    }
}
