// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.bench;

import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Renders one JMH run of this module (plus the {@link Footprint} sizes) as Markdown tables:
 * results with their ratios to the baselines measured in the same run, and the targets
 * marked met or missed. Benchmarks absent from the run show as "–" and their targets as "not run".
 */
final class ResultsTable {
    private static final String PICK = "PickNextBenchmark.";
    private static final String SIM = "SimulationBenchmark.";
    private static final String TICK = "TickLoopBenchmark.";
    private static final String AUDIT = "AuditBenchmark.";
    private static final int[] THREADS = {10, 100, 1_000, 10_000, 100_000};
    private static final int[] CPUS = {8, 64, 256};
    private static final String[] CLOCKS = {"lock-step", "per-cpu"};

    private final List<RunResult> results;
    private final Footprint footprint;

    ResultsTable(List<RunResult> results, Footprint footprint) {
        this.results = results;
        this.footprint = footprint;
    }

    /** The result of {@code method} (e.g. {@code "PickNextBenchmark.persistent"}) whose parameters include {@code params} (name, value pairs), or null. */
    private RunResult find(String method, String... params) {
        outer:
        for (RunResult r : results) {
            if (!r.getParams().getBenchmark().endsWith("." + method)) {
                continue;
            }
            for (int i = 0; i < params.length; i += 2) {
                if (!params[i + 1].equals(r.getParams().getParam(params[i]))) {
                    continue outer;
                }
            }
            return r;
        }
        return null;
    }

    private static double primary(RunResult r) {
        return r == null ? Double.NaN : r.getPrimaryResult().getScore();
    }

    private static double secondary(RunResult r, String name) {
        if (r == null) {
            return Double.NaN;
        }
        Result<?> s = r.getSecondaryResults().get(name);
        return s == null ? Double.NaN : s.getScore();
    }

    private static String fmt(double v, String pattern) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, pattern, v);
    }

    private static String millions(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f M", v / 1e6);
    }

    private static String verdict(double measured, double limit, boolean atMost) {
        if (Double.isNaN(measured)) {
            return "not run";
        }
        return (atMost ? measured <= limit : measured >= limit) ? "**met**" : "**missed**";
    }

    String render(String machine) {
        StringBuilder sb = new StringBuilder();
        sb.append("Measured ").append(machine).append(" (`bench/run.sh`: one fork per benchmark, 2×0.5 s warm-up (the workload driver and the serve judge " + QuickRun.SLOW_WARMUP_ITERATIONS + "×1 s), 3×0.5 s measured, "
                + "`" + String.join(" ", QuickRun.JVM_ARGS) + "`, `-prof gc`).\n\n");

        sb.append("**Pick + requeue on one CPU** (ns per pick, remove and re-add; B/op = bytes allocated per pick):\n\n");
        sb.append("| runq | threads | model (persistent) | B/op | mutable twin | PriorityQueue | model ÷ twin | model ÷ PQ |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String kind : QuickRun.kinds()) {
            for (int n : THREADS) {
                String t = Integer.toString(n);
                RunResult p = find(PICK + "persistent", "kind", kind, "threads", t);
                double model = primary(p);
                double twin = primary(find(PICK + "mutableTwin", "kind", kind, "threads", t));
                double pq = primary(find(PICK + "priorityQueue", "kind", kind, "threads", t));
                sb.append("| ").append(kind).append(" | ").append(String.format(Locale.ROOT, "%,d", n)).append(" | ")
                        .append(fmt(model, "%.1f")).append(" | ").append(fmt(secondary(p, "gc.alloc.rate.norm"), "%.0f"))
                        .append(" | ").append(fmt(twin, "%.1f")).append(" | ").append(fmt(pq, "%.1f")).append(" | ")
                        .append(fmt(model / twin, "%.2f×")).append(" | ").append(fmt(model / pq, "%.2f×")).append(" |\n");
            }
            sb.append("| ").append(kind).append(" | **100k ÷ 10** | ").append(fmt(growth("persistent", kind), "%.2f×"))
                    .append(" | | ").append(fmt(growth("mutableTwin", kind), "%.2f×")).append(" | ")
                    .append(fmt(growth("priorityQueue", kind), "%.2f×")).append(" | | |\n");
        }

        sb.append("\n**Simulation step mix** (10,000 threads; 10% hz ticks, the rest wakeups with CPU selection and "
                + "blocks with a switch; events/s counts IPI deliveries too; clock `lock-step`: a tick is one event on every CPU, "
                + "`per-cpu`: a tick is one per-CPU clock event on each CPU, the same work in finer events; the last two columns "
                + "measure the same work in both: generated mix events, a tick counted once, per second and bytes per one):\n\n");
        sb.append("| CPUs | clock | model events/s | model B/event | baseline events/s | baseline ÷ model | model mix events/s | model B/mix event |\n");
        sb.append("|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (int c : CPUS) {
            String cpus = Integer.toString(c);
            for (String clock : CLOCKS) {
                RunResult m = find(SIM + "model", "cpus", cpus, "clock", clock);
                RunResult b = find(SIM + "baseline", "cpus", cpus, "clock", clock);
                double me = secondary(m, "events");
                double be = secondary(b, "events");
                sb.append("| ").append(c).append(" | ").append(clock).append(" | ").append(millions(me)).append(" | ")
                        .append(fmt(simBytes(m), "%.0f")).append(" | ")
                        .append(millions(be)).append(" | ").append(fmt(be / me, "%.1f×")).append(" | ").append(millions(primary(m)))
                        .append(" | ").append(fmt(secondary(m, "gc.alloc.rate.norm"), "%,.0f")).append(" |\n");
            }
        }

        RunResult tm = find(TICK + "model");
        RunResult tb = find(TICK + "baseline");
        sb.append("\n**Single-CPU tick loop** (3 hogs, every tick a stathz tick, switch at slice end):\n\n");
        sb.append("| model ticks/s | model B/tick | baseline ticks/s | baseline ÷ model |\n|---:|---:|---:|---:|\n");
        sb.append("| ").append(millions(primary(tm))).append(" | ").append(fmt(secondary(tm, "gc.alloc.rate.norm"), "%.0f"))
                .append(" | ").append(millions(primary(tb))).append(" | ").append(fmt(primary(tb) / primary(tm), "%.1f×"))
                .append(" |\n");

        sb.append("\n**Workload driver** (`sim.Engine` on ULE 14 as `simulate` runs it: a demo-like mix of 10 threads on 2x2x2, ")
                .append(DriverBenchmark.SIMULATED_MS).append(" ms simulated per run):\n\n");
        sb.append("| invariants | model steps/s | B/step |\n|---|---:|---:|\n");
        for (String checked : new String[] {"false", "true"}) {
            RunResult d = find("DriverBenchmark.ule14", "checked", checked);
            double steps = secondary(d, "steps");
            sb.append("| ").append(checked.equals("true") ? "all judged after every step" : "not judged").append(" | ")
                    .append(millions(steps)).append(" | ").append(fmt(secondary(d, "gc.alloc.rate.norm") * primary(d) / steps, "%.0f"))
                    .append(" |\n");
        }

        double jdk = primary(find(AUDIT + "jdkLines"));
        double decode = primary(find(AUDIT + "decode"));
        double read = primary(find(AUDIT + "read"));
        double audit = primary(find(AUDIT + "audit"));
        sb.append("\n**Audit** (lines per second on one thread, a clean `trace-cmd report` trace of ")
                .append(String.format(Locale.ROOT, "%,d", AuditBenchmark.LINES))
                .append(" lines in memory; baseline: the JDK's `BufferedReader.readLine` over its UTF-8 decoder):\n\n");
        sb.append("| JDK lines/s | decode (TextInput) | read (+ FtraceReader) | audit (+ TraceAudit) | audit ÷ JDK |\n");
        sb.append("|---:|---:|---:|---:|---:|\n");
        sb.append("| ").append(millions(jdk)).append(" | ").append(millions(decode)).append(" | ").append(millions(read))
                .append(" | ").append(millions(audit)).append(" | ").append(fmt(audit / jdk, "%.2f×")).append(" |\n");

        double exSeq = secondary(find("ExplorerBenchmark.explore", "workers", "1"), "states");
        double exPar = secondary(find("ExplorerBenchmark.explore", "workers", "2"), "states");
        sb.append("\n**Explorer and state size**:\n\n| measure | value |\n|---|---:|\n");
        sb.append("| explorer distinct states/s (2 CPUs × 4 threads, depth ").append(QuickRun.EXPLORER_DEPTH).append("), one worker | ")
                .append(fmt(exSeq, "%,.0f")).append(" |\n");
        sb.append("| the same, 2 workers (`explore --workers 2`) | ").append(fmt(exPar, "%,.0f")).append(" (")
                .append(fmt(exPar / exSeq, "%.2f×")).append(") |\n");
        if (footprint != null) {
            sb.append("| explorer visited-set bytes per state (").append(String.format(Locale.ROOT, "%,d", footprint.explorerStates()))
                    .append(" states) | ").append(fmt(footprint.explorerBytesPerState(), "%.1f")).append(" |\n");
            sb.append("| model state bytes per thread (").append(footprint.cpus()).append(" CPUs × ")
                    .append(String.format(Locale.ROOT, "%,d", footprint.threads())).append(" threads, JOL) | ")
                    .append(fmt(footprint.modelBytesPerThread(), "%.0f")).append(" |\n");
            sb.append("| baseline scheduler bytes per thread | ").append(fmt(footprint.baselineBytesPerThread(), "%.0f")).append(" |\n");
        }

        double rtWorst = worst("realtime");
        double calWorst = worst("calendar");
        RunResult sim64 = find(SIM + "model", "cpus", "64", "clock", "lock-step");
        double sim64Events = secondary(sim64, "events");
        double sim64Bytes = simBytes(sim64);
        double sim256 = secondary(find(SIM + "model", "cpus", "256", "clock", "lock-step"), "events");
        RunResult sim64PerCpu = find(SIM + "model", "cpus", "64", "clock", "per-cpu");
        double sim64PerCpuEvents = secondary(sim64PerCpu, "events");
        double sim64PerCpuBytes = simBytes(sim64PerCpu);
        double sim256PerCpu = secondary(find(SIM + "model", "cpus", "256", "clock", "per-cpu"), "events");
        double mixedGrowth = growth("persistent", "mixed");
        double tickBytes = secondary(tm, "gc.alloc.rate.norm");
        double perThread = footprint == null ? Double.NaN : footprint.modelBytesPerThread();
        sb.append("\n**Targets** (issue 14):\n\n| target | measured | |\n|---|---:|---|\n");
        target(sb, "pick + requeue ≤ 25 ns at every size, classic runq", fmt(rtWorst, "%.1f ns"), verdict(rtWorst, 25, true));
        target(sb, "pick + requeue ≤ 40 ns at every size, calendar", fmt(calWorst, "%.1f ns"), verdict(calWorst, 40, true));
        target(sb, "mixed: time at 100,000 ≤ 1.3 × time at 10 threads", fmt(mixedGrowth, "%.2f×"), verdict(mixedGrowth, 1.3, true));
        target(sb, "single-CPU tick loop ≥ 15 M ticks/s", millions(primary(tm)), verdict(primary(tm), 15e6, false));
        target(sb, "single-CPU tick loop ≤ 300 B/tick", fmt(tickBytes, "%.0f B"), verdict(tickBytes, 300, true));
        target(sb, "≥ 2 M events/s at 64 CPUs × 10,000 threads, lock-step clock", millions(sim64Events), verdict(sim64Events, 2e6, false));
        target(sb, "≤ 1,000 B/event at 64 CPUs × 10,000 threads, lock-step clock", fmt(sim64Bytes, "%.0f B"),
                verdict(sim64Bytes, 1000, true));
        target(sb, "≥ 1 M events/s at 256 CPUs × 10,000 threads, lock-step clock", millions(sim256), verdict(sim256, 1e6, false));
        target(sb, "≥ 2 M events/s at 64 CPUs × 10,000 threads, per-CPU clock", millions(sim64PerCpuEvents),
                verdict(sim64PerCpuEvents, 2e6, false));
        target(sb, "≤ 1,000 B/event at 64 CPUs × 10,000 threads, per-CPU clock", fmt(sim64PerCpuBytes, "%.0f B"),
                verdict(sim64PerCpuBytes, 1000, true));
        target(sb, "≥ 1 M events/s at 256 CPUs × 10,000 threads, per-CPU clock", millions(sim256PerCpu),
                verdict(sim256PerCpu, 1e6, false));
        target(sb, "explorer ≥ 1 M states/s with 2 workers", millions(exPar), verdict(exPar, 1e6, false));
        target(sb, "model state ≤ 100 B per thread", fmt(perThread, "%.0f B"), verdict(perThread, 100, true));
        target(sb, "audit ≥ 1 M lines/s on one core (issue 15)", millions(audit), verdict(audit, 1e6, false));
        return sb.toString();
    }

    /** Bytes allocated per scheduler event of a simulation run: per operation (one generated event) over events per operation. */
    private static double simBytes(RunResult r) {
        return secondary(r, "gc.alloc.rate.norm") * primary(r) / secondary(r, "events");
    }

    private double growth(String impl, String kind) {
        return primary(find(PICK + impl, "kind", kind, "threads", "100000"))
                / primary(find(PICK + impl, "kind", kind, "threads", "10"));
    }

    private static void target(StringBuilder sb, String what, String measured, String verdict) {
        sb.append("| ").append(what).append(" | ").append(measured).append(" | ").append(verdict).append(" |\n");
    }

    /** The slowest pick + requeue of the model on {@code kind}'s run queue over every size run. */
    private double worst(String kind) {
        double worst = Double.NaN;
        for (int n : THREADS) {
            double v = primary(find(PICK + "persistent", "kind", kind, "threads", Integer.toString(n)));
            if (!Double.isNaN(v) && (Double.isNaN(worst) || v > worst)) {
                worst = v;
            }
        }
        return worst;
    }

    /**
     * The cost curves of this run ({@link CostCurves}): nanoseconds per simulated event against
     * CPUs (model and baseline scheduler), and per pick + requeue against queued threads (the
     * model on each run queue, its mutable twin, and the priority queue on the mixed workload).
     */
    List<CostCurves.Panel> curves() {
        double[] cpus = new double[CPUS.length];
        double[] model = new double[CPUS.length];
        double[] baseline = new double[CPUS.length];
        double[] modelPerCpu = new double[CPUS.length];
        for (int i = 0; i < CPUS.length; i++) {
            String c = Integer.toString(CPUS[i]);
            cpus[i] = CPUS[i];
            model[i] = 1e9 / secondary(find(SIM + "model", "cpus", c, "clock", "lock-step"), "events");
            baseline[i] = 1e9 / secondary(find(SIM + "baseline", "cpus", c, "clock", "lock-step"), "events");
            modelPerCpu[i] = 1e9 / secondary(find(SIM + "model", "cpus", c, "clock", "per-cpu"), "events");
        }
        CostCurves.Panel sim = new CostCurves.Panel("Simulation step mix, 10,000 threads", "CPUs", "ns per event",
                List.of(new CostCurves.Series("model (ULE 14, persistent)", "#1f5fa8", null, cpus, model),
                        new CostCurves.Series("model, per-CPU clock events (finer)", "#27864a", "2 3", cpus, modelPerCpu),
                        new CostCurves.Series("baseline (mutable, PriorityQueue per CPU)", "#777", "6 4", cpus, baseline)));
        double[] sizes = new double[THREADS.length];
        for (int i = 0; i < THREADS.length; i++) {
            sizes[i] = THREADS[i];
        }
        String[] colors = {"#1f5fa8", "#c0392b", "#27864a"};
        List<CostCurves.Series> picks = new java.util.ArrayList<>();
        List<String> kinds = QuickRun.kinds();
        for (int k = 0; k < kinds.size(); k++) {
            picks.add(new CostCurves.Series("model, " + kinds.get(k), colors[k], null, sizes, picks("persistent", kinds.get(k))));
        }
        for (int k = 0; k < kinds.size(); k++) {
            picks.add(new CostCurves.Series("mutable twin, " + kinds.get(k), colors[k], "6 4", sizes, picks("mutableTwin", kinds.get(k))));
        }
        picks.add(new CostCurves.Series("PriorityQueue, mixed", "#777", "2 3", sizes, picks("priorityQueue", "mixed")));
        return List.of(sim, new CostCurves.Panel("Pick + requeue on one CPU", "queued threads", "ns per pick", picks));
    }

    private double[] picks(String impl, String kind) {
        double[] ns = new double[THREADS.length];
        for (int i = 0; i < THREADS.length; i++) {
            ns[i] = primary(find(PICK + impl, "kind", kind, "threads", Integer.toString(THREADS[i])));
        }
        return ns;
    }
}
