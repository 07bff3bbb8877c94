// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate --ftrace} writes, for a small workload on one CPU, exactly the trace-cmd lines
 * derived by hand below, and the trace passes {@code audit}.
 *
 * <p>Thread a runs 3 ms and sleeps 2 ms, twice; thread b runs 4 ms once; both nice 0, created at
 * time 0 in that order. At 0 a is created on the idle CPU and runs; b is created while a runs
 * with the same priority 172, so it waits. At 3 ms a sleeps (S) and b runs. At 5 ms a wakes:
 * the static boost gave it td_priority 152, better than b's 172, so the wakeup's AST switches b
 * out (R) on the way back to user mode and a runs its second 3 ms. At 8 ms a sleeps again and b
 * runs its remaining 2 ms, exiting (x) at 10 ms. At 10 ms a wakes on the idle CPU with nothing
 * left to do and exits.
 */
class SimulateFtraceGoldenTest {
    @TempDir
    Path tmp;

    static final List<String> EXPECTED = List.of(
            "version = 6",
            "cpus=1",
            "          <idle>-0     [000]     0.000000: sched_wakeup:         a:1000 [120] success=1 CPU:000",
            "          <idle>-0     [000]     0.000000: sched_switch:         swapper/0:0 [120] R ==> a:1000 [120]",
            "               a-1000  [000]     0.000000: sched_wakeup:         b:1001 [120] success=1 CPU:000",
            "               a-1000  [000]     0.003000: sched_switch:         a:1000 [120] S ==> b:1001 [120]",
            "               b-1001  [000]     0.005000: sched_wakeup:         a:1000 [120] success=1 CPU:000",
            "               b-1001  [000]     0.005000: sched_switch:         b:1001 [120] R ==> a:1000 [120]",
            "               a-1000  [000]     0.008000: sched_switch:         a:1000 [120] S ==> b:1001 [120]",
            "               b-1001  [000]     0.010000: sched_switch:         b:1001 [120] x ==> swapper/0:0 [120]",
            "          <idle>-0     [000]     0.010000: sched_wakeup:         a:1000 [120] success=1 CPU:000",
            "          <idle>-0     [000]     0.010000: sched_switch:         swapper/0:0 [120] R ==> a:1000 [120]",
            "               a-1000  [000]     0.010000: sched_switch:         a:1000 [120] x ==> swapper/0:0 [120]");

    @Test
    void aSmallWorkloadGivesExactlyTheHandDerivedTrace() throws IOException {
        Path workload = tmp.resolve("small.json");
        Files.writeString(workload, "{ \"tasks\": {\n"
                + "  \"a\": { \"loop\": 2, \"run\": 3000, \"sleep\": 2000 },\n"
                + "  \"b\": { \"loop\": 1, \"run\": 4000 } } }\n");
        Path trace = tmp.resolve("trace.txt");
        CliRunner.Outcome o = CliRunner.run("simulate", workload.toString(), "--topology", "1", "--duration", "20ms",
                "--ftrace", trace.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(Files.readAllLines(trace, StandardCharsets.UTF_8)).containsExactlyElementsOf(EXPECTED);
        CliRunner.Outcome audit = CliRunner.run("audit", trace.toString());
        assertThat(audit.code()).as(audit.out() + audit.err()).isZero();
        assertThat(audit.out()).contains("result:     clean");
    }
}
