// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code ulemodel demo} runs the built-in workload with every invariant checked and reports per-thread results that add up. */
class DemoCommandTest {

    @Test
    void demoPrintsEveryThreadAndTheInvariantChecks() {
        CliRunner.Outcome o = CliRunner.run("demo", "--seconds", "2");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("hog ").contains("hog-nice10").contains("interactive").contains("realtime")
                .containsPattern("invariant checks: [1-9][0-9]+ ");
    }

    @Test
    void sharesAddUpAndTheWorkloadBehavesAsUleShould() {
        DemoCommand.Report r = DemoCommand.run(10);
        long total = r.threads().stream().mapToLong(DemoCommand.ThreadReport::runTicks).sum();
        assertThat(total).isEqualTo(r.ticks()); // two hogs: never idle
        DemoCommand.ThreadReport hog = r.threads().get(0);
        DemoCommand.ThreadReport nice10 = r.threads().get(1);
        DemoCommand.ThreadReport interactive = r.threads().get(2);
        DemoCommand.ThreadReport rt = r.threads().get(3);
        assertThat(hog.runTicks()).isGreaterThan(nice10.runTicks());
        // the interactive thread gets its 10 % duty cycle and ends up in the interactive band
        assertThat(interactive.runTicks()).isBetween(r.ticks() / 10 - r.ticks() / 50, r.ticks() / 10 + r.ticks() / 50);
        assertThat(interactive.minPri()).isLessThanOrEqualTo(151);
        // the realtime thread runs 2 ms of every 50 and never waits behind timeshare threads
        assertThat(rt.minPri()).isEqualTo(60);
        assertThat(rt.longestWait()).isZero();
        assertThat(r.checks()).isEqualTo(r.steps() * 6);
    }

    @Test
    void badSecondsIsUsageError() {
        CliRunner.Outcome o = CliRunner.run("demo", "--seconds", "0");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("expected 1..3600");
    }
}
