// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.ulemodel.core.machine.MigrateReason;
import org.ulemodel.core.machine.Ule15Model;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.core.ule.Priorities15;
import org.ulemodel.sim.Behavior;
import org.ulemodel.sim.Engine;
import org.ulemodel.sim.WorkloadError;
import org.ulemodel.sim.rtapp.RtAppWriter;
import org.ulemodel.sim.rtapp.Workload;
import org.ulemodel.spec.InvariantViolationException;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.explore.ModelSpecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ulemodel demo}: a built-in mixed workload — CPU hogs at nice 0 and +10, interactive
 * threads that run 1 ms and sleep 9 ms, a SCHED_RR thread, and on SMP a hog restricted to CPU 0
 * and the last CPU taken offline from 40 % to 70 % of the run — run through the workload driver
 * ({@link Engine}, the one {@code simulate} uses) with every invariant checked after every step.
 * Prints what each thread and CPU got and why threads migrated. The built-in workload is a list of
 * {@link Behavior}s, i.e. an rt-app workload: {@code --print-workload} prints it as rt-app JSON
 * ({@code examples/workloads/demo-mix.json} is that for the default machine), {@code --workload}
 * runs an rt-app file instead, and {@code simulate} with the same file and {@code --offline}
 * reports the same figures.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a built-in mixed workload through the model and show what each thread and CPU got.",
            "The workload is an rt-app workload: --print-workload prints it; simulate runs the printed file with the same figures."},
        exitCodeOnInvalidInput = 2)
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--seconds", paramLabel = "S", description = "model time to simulate (default: ${DEFAULT-VALUE})")
    int seconds = 10;

    @Option(names = "--topology", paramLabel = "PxCxT|FILE.xml",
            description = {"CPU topology: a spec such as 1, 8, 2x4, 2x2x2 (default: ${DEFAULT-VALUE}),",
                "or a file of kern.sched.topology_spec XML (an existing file, or any name ending in .xml)"})
    String topology = "2x2x2";

    @Mixin
    ModelOption.Choice model;

    @Option(names = "--workload", paramLabel = "FILE.json",
            description = "run this rt-app workload instead of the built-in one (e.g. examples/workloads/demo-mix.json)")
    Path workloadFile;

    @Option(names = "--print-workload",
            description = "print the built-in workload for --topology and --seconds as rt-app JSON, and exit")
    boolean printWorkload;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** How the built-in workload is named in messages. */
    static final String SOURCE = "demo";

    /** The demo's threads for {@code n} CPUs. */
    static List<Behavior> behaviors(int n) {
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
        // SCHED_RR priority 60: td_priority 48 + (99 - 60) * 31 / 98 = 60
        w.add(Behavior.realtime("realtime", 60, 2, 48));
        if (n > 1) {
            w.add(Behavior.hog("cpu0-hog", 0).on(0));
        }
        return w;
    }

    /** The built-in workload for {@code n} CPUs, with {@code seconds} as its global duration. */
    static Workload builtIn(int n, int seconds) {
        return Behavior.workload(SOURCE, behaviors(n), seconds * 1_000_000L);
    }

    /** The demo's machine scenario: on SMP the last CPU is offline from 40 % to 70 % of the run. */
    static List<Engine.CpuChange> cpuChanges(int n, long durationUs) {
        return n > 1 ? Engine.CpuChange.offline(n - 1, durationUs * 4 / 10, durationUs * 7 / 10) : List.of();
    }

    /** A finished demo run: the engine (model, thread names and tasks), its figures, the topology, the workload, the time asked for and the CPU changes. */
    record Outcome(Engine<?> engine, Engine.Result<?> result, Topology topology, Workload workload, long durationUs,
            List<Engine.CpuChange> changes) {
    }

    /** Runs the built-in workload on ULE 14 on {@code topo} for {@code seconds} of model time. */
    static Outcome run(Topology topo, int seconds) {
        return run(ModelSpecs.ule14(), topo, seconds, builtIn(topo.cpuCount(), seconds));
    }

    /**
     * Runs {@code w} the demo's way on {@code model}: on {@code topo} for {@code seconds}, its CPU
     * changes, every invariant checked, seed 0.
     */
    static Outcome run(ModelSpec<?> model, Topology topo, int seconds, Workload w) {
        long us = seconds * 1_000_000L;
        List<Engine.CpuChange> changes = cpuChanges(topo.cpuCount(), us);
        Engine<?> engine = Engine.of(Engine.specFor(model, w), topo, w, new Engine.Options(us, 0, true, changes));
        return new Outcome(engine, engine.run(), topo, w, us, changes);
    }

    @Override
    public Integer call() {
        if (seconds <= 0 || seconds > 3600) {
            throw new UsageError("--seconds " + seconds + ": expected 1..3600");
        }
        if (printWorkload && workloadFile != null) {
            throw new UsageError("--print-workload prints the built-in workload: leave out --workload");
        }
        Topology topo = TopologyOption.parse(topology);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (printWorkload) {
            out.print(json(topo, seconds));
            out.flush();
            return 0;
        }
        Workload w = builtIn(topo.cpuCount(), seconds);
        if (workloadFile != null) {
            w = SimulateCommand.read(workloadFile, err);
        }
        Outcome o;
        try {
            o = run(ModelOption.parse(model), topo, seconds, w);
        } catch (WorkloadError e) {
            throw new UsageError(e.getMessage());
        } catch (InvariantViolationException e) {
            err.println("ulemodel: invariant violated: " + e.getMessage());
            return 1;
        }
        print(o, workloadFile == null ? null : workloadFile.toString(), topology, out);
        return 0;
    }

    /** A time for a command line: 4s, 1200ms or 250us. */
    static String time(long us) {
        if (us % 1_000_000 == 0) {
            return us / 1_000_000 + "s";
        }
        return us % 1000 == 0 ? us / 1000 + "ms" : us + "us";
    }

    /** The {@code simulate} options that reproduce the demo's machine scenario, e.g. {@code --offline 7@4s..7s}. */
    static String offlineOptions(List<Engine.CpuChange> changes) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i + 1 < changes.size(); i += 2) {
            b.append(" --offline ").append(changes.get(i).cpu()).append('@').append(time(changes.get(i).atUs())).append("..")
                    .append(time(changes.get(i + 1).atUs()));
        }
        return b.toString();
    }

    /** The built-in workload for {@code topo} as an rt-app file, with a comment saying how simulate runs it the demo's way. */
    static String json(Topology topo, int seconds) {
        int n = topo.cpuCount();
        List<Engine.CpuChange> changes = cpuChanges(n, seconds * 1_000_000L);
        List<String> text = new ArrayList<>();
        text.add("The built-in workload of `ulemodel demo` on " + n + (n == 1 ? " CPU" : " CPUs") + ", as");
        text.add("  ./ulemodel demo --topology " + topo.spec() + " --seconds " + seconds + " --print-workload");
        text.add("prints it: CPU hogs at nice 0 and +10 (a hog is a `run` that loops for ever), interactive");
        text.add("threads that run 1 ms and sleep 9 ms, a SCHED_RR thread that runs 2 ms every 50 ms"
                + (n > 1 ? ", and a hog" : "."));
        if (n > 1) {
            text.add("allowed only on CPU 0. The demo also takes CPU " + (n - 1) + " offline from " + time(changes.get(0).atUs()) + " to "
                    + time(changes.get(1).atUs()) + "; with the same");
            text.add("window, simulate runs the same load and reports the demo's figures:");
        } else {
            text.add("simulate runs the same load and reports the demo's figures:");
        }
        text.add("  ./ulemodel simulate FILE.json --topology " + topo.spec() + offlineOptions(changes) + " --check");
        text.add("(FILE.json being this file; `ulemodel demo --workload FILE.json` runs it the demo's way).");
        StringBuilder b = new StringBuilder("/* SPDX-License-Identifier: BSD-2-Clause */\n/*\n");
        for (String line : text) {
            b.append(" * ").append(line).append('\n');
        }
        b.append(" */\n").append(RtAppWriter.write(builtIn(n, seconds)));
        return b.toString();
    }

    private static String ms(long us) {
        return us % 1000 == 0 ? String.valueOf(us / 1000) : String.format(Locale.ROOT, "%.3f", us / 1000.0);
    }

    /** The behaviour column: "CPU hog, nice +10", "runs 1 ms, sleeps 9 ms", "runs 2 ms, sleeps 48 ms, SCHED_RR 60", …. */
    static String describe(Workload.Task t, Workload w) {
        String what = t.phases().size() + (t.phases().size() == 1 ? " phase" : " phases");
        if (t.phases().size() == 1) {
            List<Workload.Step> steps = t.phases().get(0).steps();
            if (steps.stream().allMatch(s -> s instanceof Workload.Run)) {
                what = "CPU hog";
            } else if (steps.size() == 2 && steps.get(0) instanceof Workload.Run && steps.get(1) instanceof Workload.Sleep) {
                what = "runs " + ms(((Workload.Run) steps.get(0)).us()) + " ms, sleeps " + ms(((Workload.Sleep) steps.get(1)).us())
                        + " ms";
            }
        }
        Workload.Policy p = t.sched().policy() != null ? t.sched().policy() : w.defaultPolicy();
        Integer prio = t.sched().priority();
        String who;
        if (p == Workload.Policy.SCHED_OTHER) {
            who = prio == null || prio == 0 ? "" : ", nice " + (prio > 0 ? "+" : "") + prio;
        } else if (p == Workload.Policy.SCHED_IDLE) {
            who = ", SCHED_IDLE";
        } else {
            who = ", " + p + " " + (prio == null ? 10 : prio);
        }
        String cpus = t.sched().cpus() == null ? ""
                : ", CPUs " + t.sched().cpus().stream().map(String::valueOf).collect(Collectors.joining(","));
        return what + who + cpus;
    }

    static void print(Outcome o, String file, String topologyArg, PrintWriter out) {
        Engine.Result<?> r = o.result();
        SchedulerState boot = o.engine().initialState();
        int n = boot.cpuCount();
        double secs = r.durationUs() / 1e6;
        out.printf(Locale.ROOT, "ulemodel demo: model %s on %s (%d CPU%s), hz %d, stathz %d, %.1f s of model time%n",
                o.engine().model().id(), o.topology().spec(), n, n == 1 ? "" : "s", boot.hz(), boot.stathz(), secs);
        out.println("workload: " + (file == null ? "built-in (--print-workload prints it as rt-app JSON)" : file));
        List<Engine.CpuChange> changes = o.changes();
        if (!changes.isEmpty()) {
            out.printf(Locale.ROOT, "CPU %d is taken offline at %.1f s and back online at %.1f s%n", changes.get(0).cpu(),
                    changes.get(0).atUs() / 1e6, changes.get(1).atUs() / 1e6);
        }
        out.println();
        List<String> names = new ArrayList<>();
        List<String> whats = new ArrayList<>();
        for (Engine.ThreadStats t : r.threads()) {
            names.add(t.comm());
            whats.add(describe(o.engine().task(t.tid()), o.workload()));
        }
        int nw = Math.max(14, names.stream().mapToInt(String::length).max().orElse(0));
        int ww = Math.max(36, whats.stream().mapToInt(String::length).max().orElse(0));
        String row = "%-" + nw + "s %-" + ww + "s %9s %9s %7s %14s %10s%n";
        out.printf(Locale.ROOT, row, "thread", "behaviour", "CPU share", "priority", "runs", "longest wait", "migrations");
        for (int i = 0; i < r.threads().size(); i++) {
            Engine.ThreadStats t = r.threads().get(i);
            long[] w = t.waitsUs();
            int moves = t.migrations().values().stream().mapToInt(Integer::intValue).sum();
            out.printf(Locale.ROOT, row, names.get(i), whats.get(i),
                    String.format(Locale.ROOT, "%.1f%%", 100.0 * t.cpuUs() / r.durationUs()),
                    t.minPri() == t.maxPri() ? String.valueOf(t.minPri()) : t.minPri() + "-" + t.maxPri(), t.runs(),
                    String.format(Locale.ROOT, "%.3f ms", (w.length == 0 ? 0 : w[w.length - 1]) / 1000.0), moves);
        }
        out.println();
        out.print("CPU busy:  ");
        for (int c = 0; c < n; c++) {
            out.printf(Locale.ROOT, " cpu%d %5.1f%%", c, 100.0 * r.cpuBusyUs()[c] / r.durationUs());
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
        out.printf(Locale.ROOT, "invariant checks: %d (%d steps x %d invariants), 0 violations%n", r.invariantChecks(), r.steps(),
                r.steps() == 0 ? 0 : r.invariantChecks() / r.steps());
        String id = o.engine().model().id();
        out.println("priority: td_priority values taken over the run (lower is better; " + (Ule15Model.ID.equals(id)
                ? Priorities15.PRI_MIN_REALTIME + "-" + Priorities15.PRI_MAX_REALTIME + " realtime, " + Priorities15.PRI_MIN_INTERACT + "-"
                        + Priorities15.PRI_MAX_INTERACT + " interactive, " + Priorities15.PRI_MIN_BATCH + "-" + Priorities15.PRI_MAX_BATCH
                        + " batch)"
                : "48-79 realtime, 120-151 interactive, 152-223 batch)"));
        out.printf(Locale.ROOT, "the same run with simulate: ulemodel simulate %s --topology %s --duration %s%s --check%s%n",
                file == null ? "FILE.json (from --print-workload)" : file, topologyArg, time(o.durationUs()),
                offlineOptions(changes), ModelSpecs.DEFAULT_ID.equals(id) ? "" : " --model " + id);
        out.flush();
    }
}
