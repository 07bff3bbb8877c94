// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ulemodel.core.machine.MigrateReason;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.sim.Engine;
import org.ulemodel.sim.Tables;
import org.ulemodel.sim.rtapp.RtAppReader;
import org.ulemodel.sim.rtapp.RtAppWriter;
import org.ulemodel.sim.rtapp.Workload;
import org.ulemodel.spec.UleInvariants;
import org.ulemodel.spec.explore.ModelSpecs;

/**
 * {@code ulemodel demo} runs the built-in workload through the workload driver with every
 * invariant checked and reports per-thread results that add up; the built-in workload and its
 * rt-app description ({@code examples/workloads/demo-mix.json}) are the same load, and demo and
 * simulate report the same figures for it.
 */
class DemoCommandTest {
    @TempDir
    Path tmp;

    @Test
    void demoPrintsEveryThreadCpusMigrationsAndTheInvariantChecks() {
        CliRunner.Outcome o = CliRunner.run("demo", "--seconds", "2");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("2x2x2").contains("hog0").contains("hog-nice10-0").contains("interactive0")
                .contains("realtime").contains("cpu0-hog").contains("CPU busy:").contains("cpu7")
                .contains("migrations: wakeup").containsPattern("invariant checks: [1-9][0-9]+ ")
                .contains("runs 2 ms, sleeps 48 ms, SCHED_RR 60").contains("CPU hog, nice +10").contains("CPU hog, CPUs 0")
                .contains("ulemodel simulate FILE.json (from --print-workload) --topology 2x2x2 --duration 2s --offline 7@800ms..1400ms --check");
    }

    @Test
    void singleCpuDemoSharesAddUpAndTheWorkloadBehavesAsUleShould() {
        Engine.Result<?> r = DemoCommand.run(Topology.parse("1"), 10).result();
        long total = r.threads().stream().mapToLong(Engine.ThreadStats::cpuUs).sum();
        assertThat(total).isEqualTo(r.durationUs()); // two hogs: never idle
        Engine.ThreadStats hog = r.threads().get(0);
        Engine.ThreadStats nice10 = r.threads().get(1);
        Engine.ThreadStats interactive = r.threads().get(2);
        Engine.ThreadStats rt = r.threads().get(3);
        assertThat(hog.cpuUs()).isGreaterThan(nice10.cpuUs());
        // the interactive thread gets its 10 % duty cycle and ends up in the interactive band
        long d = r.durationUs();
        assertThat(interactive.cpuUs()).isBetween(d / 10 - d / 50, d / 10 + d / 50);
        assertThat(interactive.minPri()).isLessThanOrEqualTo(151);
        // the realtime thread runs 2 ms of every 50 and never waits behind timeshare threads
        assertThat(rt.minPri()).isEqualTo(60);
        assertThat(rt.maxPri()).isEqualTo(60);
        assertThat(rt.cpuUs()).isEqualTo(d / 50 * 2);
        assertThat(rt.waitsUs()[rt.waitsUs().length - 1]).isZero();
        assertThat(r.invariantChecks()).isEqualTo(r.steps() * UleInvariants.all().size());
    }

    @Test
    void smpDemoKeepsEveryCpuBusyMovesThreadsOffTheOfflineCpuAndRespectsTheCpuset() {
        Engine.Result<?> r = DemoCommand.run(Topology.parse("2x2x2"), 6).result();
        assertThat(r.migrations()).containsKeys(MigrateReason.OFFLINE);
        assertThat(r.migrations().getOrDefault(MigrateReason.STEAL, 0) + r.migrations().getOrDefault(MigrateReason.BALANCE, 0))
                .isPositive();
        // CPU 7 is offline for 30 % of the run
        assertThat(r.cpuBusyUs()[7]).isLessThanOrEqualTo(r.durationUs() * 70 / 100);
        Engine.ThreadStats pinned = r.threads().get(r.threads().size() - 1);
        assertThat(pinned.comm()).isEqualTo("cpu0-hog");
        assertThat(pinned.migrations()).isEmpty();
    }

    /** examples/workloads/demo-mix.json is exactly what {@code demo --print-workload} prints for the default machine. */
    @Test
    void demoMixJsonIsWhatDemoPrintsForTheDefaultMachine() throws IOException {
        CliRunner.Outcome o = CliRunner.run("demo", "--print-workload");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).isEqualTo(Files.readString(CliRunner.workload("demo-mix.json"), StandardCharsets.UTF_8));
        // and it reads back as the built-in workload itself
        Workload file = RtAppReader.read(CliRunner.workload("demo-mix.json"));
        assertThat(RtAppWriter.write(file)).isEqualTo(RtAppWriter.write(DemoCommand.builtIn(8, 10)));
        assertThat(file.notes()).isEmpty();
    }

    /**
     * One load, one driver, one set of figures: demo's built-in workload and its rt-app description,
     * each run the demo's way, give identical per-thread and per-CPU figures and the same number of
     * model steps and invariant checks.
     */
    @Test
    void theBuiltInWorkloadAndItsRtAppDescriptionGiveIdenticalFigures() {
        Topology topo = Topology.parse("2x2x2");
        Workload file = RtAppReader.read(CliRunner.workload("demo-mix.json"));
        DemoCommand.Outcome builtIn = DemoCommand.run(topo, 3);
        DemoCommand.Outcome described = DemoCommand.run(ModelSpecs.ule14(), topo, 3, file);
        Engine.Result<?> a = builtIn.result();
        Engine.Result<?> b = described.result();
        assertThat(Tables.threadRows(b)).isEqualTo(Tables.threadRows(a));
        assertThat(Tables.cpuRows(b)).isEqualTo(Tables.cpuRows(a));
        for (int i = 0; i < a.threads().size(); i++) {
            Engine.ThreadStats x = a.threads().get(i);
            Engine.ThreadStats y = b.threads().get(i);
            assertThat(List.of(y.comm(), y.cpuUs(), y.runs(), y.minPri(), y.maxPri(), y.migrations()))
                    .isEqualTo(List.of(x.comm(), x.cpuUs(), x.runs(), x.minPri(), x.maxPri(), x.migrations()));
            assertThat(y.waitsUs()).containsExactly(x.waitsUs());
        }
        assertThat(b.cpuBusyUs()).containsExactly(a.cpuBusyUs());
        assertThat(b.steps()).isEqualTo(a.steps());
        assertThat(b.invariantChecks()).isEqualTo(a.invariantChecks()).isEqualTo(a.steps() * UleInvariants.all().size());
    }

    /**
     * The same through the command line: {@code demo} and {@code simulate demo-mix.json} with the
     * demo's offline window print the same CPU share, runs, longest wait, migrations and priority
     * range for every thread, and the same number of invariant checks.
     */
    @Test
    void demoAndSimulateReportTheSameFiguresForTheSameLoad() {
        CliRunner.Outcome demo = CliRunner.run("demo", "--seconds", "2");
        assertThat(demo.code()).as(demo.err()).isZero();
        String file = CliRunner.workload("demo-mix.json").toString();
        CliRunner.Outcome sim = CliRunner.run("simulate", file, "--topology", "2x2x2", "--duration", "2s", "--offline",
                "7@800ms..1400ms", "--check");
        assertThat(sim.code()).as(sim.err()).isZero();
        Matcher checks = Pattern.compile("invariant checks: (\\d+) ").matcher(demo.out());
        assertThat(checks.find()).isTrue();
        assertThat(sim.out()).contains(", " + checks.group(1) + " invariant checks");
        int threads = 0;
        for (String line : demo.out().lines().toList()) {
            Matcher m = Pattern.compile("^(\\S+)\\s.*\\s(\\d+\\.\\d)%\\s+(\\d+)(?:-(\\d+))?\\s+(\\d+)\\s+(\\d+\\.\\d{3}) ms\\s+(\\d+)$")
                    .matcher(line);
            if (!m.matches()) {
                continue;
            }
            threads++;
            String row = SimulateCommandTest.row(sim.out(), m.group(1));
            String prio = m.group(4) == null ? m.group(3) : m.group(3) + ".." + m.group(4);
            // simulate: tid thread policy cpu% runs p50 p99 max migrations priority
            assertThat(row).as(m.group(1)).containsPattern("\\s" + Pattern.quote(m.group(2)) + "\\s+" + m.group(5) + "\\s+\\S+\\s+\\S+\\s+"
                    + Pattern.quote(m.group(6)) + "\\s.*\\s" + Pattern.quote(prio) + "$");
            int moves = 0;
            Matcher k = Pattern.compile("[a-z]+ (\\d+)").matcher(row.replaceAll("^.*?\\d+\\.\\d{3}\\s+", ""));
            while (k.find()) {
                moves += Integer.parseInt(k.group(1));
            }
            assertThat(moves).as(m.group(1) + " migrations").isEqualTo(Integer.parseInt(m.group(7)));
        }
        assertThat(threads).isEqualTo(10);
    }

    @Test
    void demoRunsAnRtAppFileTheDemoWay() throws IOException {
        Path w = tmp.resolve("pair.json");
        Files.writeString(w, "{\"tasks\":{\"a\":{\"run\":3000,\"sleep\":7000},\"b\":{\"policy\":\"SCHED_FIFO\",\"priority\":90,\"run\":500,"
                + "\"sleep\":4500}}}");
        CliRunner.Outcome o = CliRunner.run("demo", "--topology", "2", "--seconds", "1", "--workload", w.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("workload: " + w).contains("runs 3 ms, sleeps 7 ms").contains("runs 0.500 ms, sleeps 4.500 ms, SCHED_FIFO 90")
                .contains("CPU 1 is taken offline at 0.4 s").contains("--offline 1@400ms..700ms --check");
    }

    @Test
    void badSecondsTopologyAndWorkloadAreUsageErrors() throws IOException {
        CliRunner.Outcome o = CliRunner.run("demo", "--seconds", "0");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("expected 1..3600");
        o = CliRunner.run("demo", "--topology", "2x0");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("--topology");
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"tasks\":{\"a\":{\"run\":10,\n\"cpus\":[3]}}}");
        o = CliRunner.run("demo", "--topology", "2", "--workload", bad.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(bad + ":2:1: \"cpus\" names CPU 3 but the topology has CPUs 0..1");
        // the last CPU goes offline in the demo: a thread allowed only there cannot stay
        Path pinned = tmp.resolve("pinned.json");
        Files.writeString(pinned, "{\"tasks\":{\"a\":{\"run\":10000,\"cpus\":[1]}}}");
        o = CliRunner.run("demo", "--topology", "2", "--seconds", "1", "--workload", pinned.toString());
        assertThat(o.code()).as(o.out()).isEqualTo(2);
        assertThat(o.err()).contains("CPU 1 offline at 0.400000 s: model ule14 refuses it").doesNotContain("Exception");
        o = CliRunner.run("demo", "--print-workload", "--workload", pinned.toString());
        assertThat(o.code()).isEqualTo(2);
    }
}
