// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.machine.MigrateReason;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.core.ule.SchedParams;
import org.ulemodel.spec.sim.Behavior;
import org.ulemodel.spec.sim.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ulemodel demo}: a built-in mixed workload — CPU hogs at nice 0 and +10, interactive
 * threads that run 1 ms and sleep 9 ms, a realtime thread, and on SMP a hog restricted to CPU 0
 * and the last CPU taken offline for a while — run through the model with every invariant
 * checked after every step. Prints what each thread and CPU got and why threads migrated.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a built-in mixed workload through the model and show what each thread and CPU got.",
        exitCodeOnInvalidInput = 2)
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--seconds", paramLabel = "S", description = "model time to simulate (default: ${DEFAULT-VALUE})")
    int seconds = 10;

    @Option(names = "--topology", paramLabel = "PxCxT|FILE.xml",
            description = {"CPU topology: a spec such as 1, 8, 2x4, 2x2x2 (default: ${DEFAULT-VALUE}),",
                "or a file of kern.sched.topology_spec XML (an existing file, or any name ending in .xml)"})
    String topology = "2x2x2";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The demo workload for {@code n} CPUs. */
    static List<Behavior> workload(int n) {
        List<Behavior> w = new ArrayList<>();
        for (int i = 0; i < Math.max(1, n / 2); i++) {
            w.add(Behavior.hog(n == 1 ? "hog" : "hog" + i, 0));
        }
        for (int i = 0; i < Math.max(1, n / 4); i++) {
            w.add(Behavior.hog(n == 1 ? "hog-nice10" : "hog-nice10-" + i, 10));
        }
        for (int i = 0; i < Math.max(1, n / 4); i++) {
            w.add(Behavior.periodic(n == 1 ? "interactive" : "interactive" + i, 0, 1, 9));
        }
        w.add(new Behavior("realtime", PriClass.REALTIME, 0, 60, null, 2, 48));
        if (n > 1) {
            w.add(Behavior.hog("cpu0-hog", 0).on(CpuSet.of(0)));
        }
        return w;
    }

    @Override
    public Integer call() {
        if (seconds <= 0 || seconds > 3600) {
            throw new UsageError("--seconds " + seconds + ": expected 1..3600");
        }
        Topology topo = TopologyOption.parse(topology);
        Simulator.Report r = run(topo, seconds);
        print(r, spec.commandLine().getOut());
        return 0;
    }

    /** Runs the demo on {@code topo} for {@code seconds} of model time; on SMP the last CPU is offline from 40 % to 70 % of the run. */
    static Simulator.Report run(Topology topo, int seconds) {
        MachineConfig cfg = MachineConfig.of(topo);
        int n = topo.cpuCount();
        long ticks = (long) seconds * cfg.params().hz();
        Simulator sim = new Simulator(cfg, workload(n));
        if (n > 1) {
            sim.offlineAt(ticks * 4 / 10, n - 1).onlineAt(ticks * 7 / 10, n - 1);
        }
        return sim.run(ticks);
    }

    static void print(Simulator.Report r, PrintWriter out) {
        SchedParams p = r.config().params();
        int n = r.config().cpus();
        out.printf(Locale.ROOT, "ulemodel demo: FreeBSD 14 ULE on %s (%d CPU%s), hz %d, stathz %d, %.1f s of model time%n",
                r.config().topology().spec(), n, n == 1 ? "" : "s", p.hz(), p.realstathz(), r.ticks() / (double) p.hz());
        if (n > 1) {
            out.printf(Locale.ROOT, "CPU %d is taken offline at %.1f s and back online at %.1f s%n", n - 1,
                    r.ticks() * 0.4 / p.hz(), r.ticks() * 0.7 / p.hz());
        }
        out.println();
        out.printf(Locale.ROOT, "%-14s %-36s %9s %9s %9s %13s %10s%n", "thread", "behaviour", "CPU share", "priority",
                "switches", "longest wait", "migrations");
        for (Simulator.ThreadReport t : r.threads()) {
            int moves = t.migrations().values().stream().mapToInt(Integer::intValue).sum();
            out.printf(Locale.ROOT, "%-14s %-36s %8.1f%% %9s %9d %10.1f ms %10d%n", t.behavior().name(), t.behavior().describe(),
                    100.0 * t.runTicks() / r.ticks(), t.minPri() == t.maxPri() ? String.valueOf(t.minPri())
                            : t.minPri() + "-" + t.maxPri(),
                    t.switchesIn(), t.longestWait() * 1000.0 / p.hz(), moves);
        }
        out.println();
        out.print("CPU busy:  ");
        for (int c = 0; c < n; c++) {
            out.printf(Locale.ROOT, " cpu%d %5.1f%%", c, 100.0 * r.cpuBusyTicks()[c] / r.ticks());
        }
        out.println();
        out.print("migrations:");
        int total = 0;
        for (MigrateReason why : MigrateReason.values()) {
            int k = r.migrations().getOrDefault(why, 0);
            total += k;
            out.printf(Locale.ROOT, " %s %d", why.name().toLowerCase(Locale.ROOT), k);
        }
        out.printf(Locale.ROOT, " (total %d)%n", total);
        out.println();
        out.printf(Locale.ROOT, "invariant checks: %d (%d steps x %d invariants), 0 violations%n", r.checks(), r.steps(),
                r.steps() == 0 ? 0 : r.checks() / r.steps());
        out.println("priority: td_priority seen over the run (lower is better; 48-79 realtime, 120-151 interactive, 152-223 batch)");
        out.flush();
    }
}
