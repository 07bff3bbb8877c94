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
        sb.append("Measured ").append(machine).append(" (`bench/run.sh`: one fork per benchmark, 2×0.5 s warm-up, 3×0.5 s measured, "
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
                + "blocks with a switch; events/s counts IPI deliveries too):\n\n");
        sb.append("| CPUs | model events/s | model B/event | baseline events/s | baseline ÷ model |\n");
        sb.append("|---:|---:|---:|---:|---:|\n");
        for (int c : CPUS) {
            String cpus = Integer.toString(c);
            RunResult m = find(SIM + "model", "cpus", cpus);
            RunResult b = find(SIM + "baseline", "cpus", cpus);
            double me = secondary(m, "events");
            double be = secondary(b, "events");
            sb.append("| ").append(c).append(" | ").append(millions(me)).append(" | ")
                    .append(fmt(secondary(m, "gc.alloc.rate.norm") * primary(m) / me, "%.0f")).append(" | ")
                    .append(millions(be)).append(" | ").append(fmt(be / me, "%.1f×")).append(" |\n");
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

        RunResult ex = find("ExplorerBenchmark.explore");
        sb.append("\n**Explorer and state size**:\n\n| measure | value |\n|---|---:|\n");
        sb.append("| explorer distinct states/s (2 CPUs × 4 threads, depth ").append(QuickRun.EXPLORER_DEPTH).append(") | ")
                .append(fmt(secondary(ex, "states"), "%,.0f")).append(" |\n");
        if (footprint != null) {
            sb.append("| explorer visited-set bytes per state (").append(String.format(Locale.ROOT, "%,d", footprint.explorerStates()))
                    .append(" states) | ").append(fmt(footprint.explorerBytesPerState(), "%.1f")).append(" |\n");
            sb.append("| model state bytes per thread (").append(footprint.cpus()).append(" CPUs × ")
                    .append(String.format(Locale.ROOT, "%,d", footprint.threads())).append(" threads, JOL) | ")
                    .append(fmt(footprint.modelBytesPerThread(), "%.0f")).append(" |\n");
            sb.append("| baseline scheduler bytes per thread | ").append(fmt(footprint.baselineBytesPerThread(), "%.0f")).append(" |\n");
        }

        double rtWorst = worstUpTo10k("realtime");
        double calWorst = worstUpTo10k("calendar");
        double sim64 = secondary(find(SIM + "model", "cpus", "64"), "events");
        sb.append("\n**Targets** (issue 8):\n\n| target | measured | |\n|---|---:|---|\n");
        sb.append("| pick + requeue ≤ 30 ns up to 10,000 threads, classic runq | ").append(fmt(rtWorst, "%.1f ns"))
                .append(" | ").append(verdict(rtWorst, 30, true)).append(" |\n");
        sb.append("| pick + requeue ≤ 60 ns up to 10,000 threads, calendar | ").append(fmt(calWorst, "%.1f ns"))
                .append(" | ").append(verdict(calWorst, 60, true)).append(" |\n");
        for (String kind : QuickRun.kinds()) {
            double g = growth("persistent", kind);
            sb.append("| ").append(kind).append(": time at 100,000 ≤ 1.3 × time at 10 threads | ").append(fmt(g, "%.2f×"))
                    .append(" | ").append(verdict(g, 1.3, true)).append(" |\n");
        }
        sb.append("| single-CPU loop ≥ 10 M ticks/s | ").append(millions(primary(tm))).append(" | ")
                .append(verdict(primary(tm), 10e6, false)).append(" |\n");
        sb.append("| ≥ 2 M events/s at 64 CPUs × 10,000 threads | ").append(millions(sim64)).append(" | ")
                .append(verdict(sim64, 2e6, false)).append(" |\n");
        sb.append("| audit ≥ 1 M lines/s on one core (issue 15) | ").append(millions(audit)).append(" | ")
                .append(verdict(audit, 1e6, false)).append(" |\n");
        return sb.toString();
    }

    private double growth(String impl, String kind) {
        return primary(find(PICK + impl, "kind", kind, "threads", "100000"))
                / primary(find(PICK + impl, "kind", kind, "threads", "10"));
    }

    private double worstUpTo10k(String kind) {
        double worst = Double.NaN;
        for (int n : THREADS) {
            if (n <= 10_000) {
                double v = primary(find(PICK + "persistent", "kind", kind, "threads", Integer.toString(n)));
                if (!Double.isNaN(v) && (Double.isNaN(worst) || v > worst)) {
                    worst = v;
                }
            }
        }
        return worst;
    }
}
