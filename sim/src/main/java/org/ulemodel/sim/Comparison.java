// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.sim.rtapp.Workload;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.trace.timeline.TimelinePage;

/**
 * One workload under several scheduler models ({@code ulemodel compare}), side by side: each model
 * runs the same rt-app {@link Workload} on the same topology through the one driver
 * ({@link Engine}, same options and seed), and the figures are put in one table per thread and one
 * per model, and on one HTML page with a timeline per model on a shared time axis.
 *
 * <p>Threads are matched across models by name: the k-th thread (by thread id) named N in one run
 * is the k-th named N in another, so forked threads created in a different order still line up.
 * Per thread: CPU share (CPU time ÷ simulated time), waits from becoming runnable to running
 * (p50, p99 by nearest rank as {@link Tables#percentile}, max), migrations (all reasons). Per
 * model: CPU utilisation, context switches (the model's {@code Switch} decisions, to idle
 * included), and the CPU time spent idle while a thread that could have run there waited
 * ({@link Stats#idleWhileWaitingUs}). Invariant: {@link #runs()} holds one run per model, in the
 * order given, all of the same simulated length when the workload ends by time.
 */
public final class Comparison {
    /** One model's run: its registry id and the driver's result. */
    public record Run(String model, Engine.Result<?> result) {
        /** Checks for nulls. */
        public Run {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(result, "result");
        }
    }

    /** Per-thread figures shown for each model, in this order. */
    public static final List<String> THREAD_FIGURES = List.of("cpu%", "p50 ms", "p99 ms", "max ms", "migr");
    /** Columns of the per-model table. */
    public static final List<String> MODEL_COLUMNS = List.of("model", "busy%", "context switches", "idle while waiting ms",
            "idle while waiting %", "model steps");

    private final List<Run> runs;

    /** The comparison of runs already made (at least one). */
    public Comparison(List<Run> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("expected at least one run");
        }
        this.runs = List.copyOf(runs);
    }

    /**
     * Runs {@code workload} on {@code topology} under each of {@code models}, in order, with the
     * same {@code options}.
     *
     * @throws WorkloadError when the workload cannot run on this machine or under a model
     */
    public static Comparison run(List<ModelSpec<?>> models, Topology topology, Workload workload, Engine.Options options) {
        List<Run> out = new ArrayList<>();
        for (ModelSpec<?> m : models) {
            out.add(new Run(m.model().id(), Engine.of(Engine.specFor(m, workload), topology, workload, options).run()));
        }
        return new Comparison(out);
    }

    /** The runs, in the order of the models. */
    public List<Run> runs() {
        return runs;
    }

    /** {@code "name\0k"}: the k-th (from 1) thread named {@code name}, by thread id, of a result. */
    private static Map<String, Engine.ThreadStats> byKey(Engine.Result<?> r) {
        Map<String, Engine.ThreadStats> out = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Engine.ThreadStats t : r.threads()) {
            out.put(t.comm() + "\u0000" + seen.merge(t.comm(), 1, Integer::sum), t);
        }
        return out;
    }

    /** The thread table's columns: {@code thread}, {@code policy}, then {@link #THREAD_FIGURES} for each model ({@code MODEL cpu%}, …). */
    public List<String> threadColumns() {
        List<String> cols = new ArrayList<>(List.of("thread", "policy"));
        for (Run r : runs) {
            for (String f : THREAD_FIGURES) {
                cols.add(r.model() + " " + f);
            }
        }
        return cols;
    }

    /**
     * One row per thread, matched across models by name (the first model's threads in thread-id
     * order, then threads only later models created); {@code -} where a model has no such thread.
     */
    public List<List<String>> threadRows() {
        List<Map<String, Engine.ThreadStats>> keyed = new ArrayList<>();
        Map<String, Engine.ThreadStats> all = new LinkedHashMap<>();
        for (Run r : runs) {
            Map<String, Engine.ThreadStats> k = byKey(r.result());
            keyed.add(k);
            k.forEach(all::putIfAbsent);
        }
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Engine.ThreadStats> e : all.entrySet()) {
            List<String> row = new ArrayList<>(List.of(e.getValue().comm(), e.getValue().policy()));
            for (int i = 0; i < runs.size(); i++) {
                Engine.ThreadStats t = keyed.get(i).get(e.getKey());
                if (t == null) {
                    for (int f = 0; f < THREAD_FIGURES.size(); f++) {
                        row.add("-");
                    }
                } else {
                    row.addAll(figures(t, runs.get(i).result().durationUs()));
                }
            }
            rows.add(row);
        }
        return rows;
    }

    /** {@link #THREAD_FIGURES} of one thread in a run of {@code durationUs}. */
    static List<String> figures(Engine.ThreadStats t, long durationUs) {
        long[] w = t.waitsUs();
        int migrations = 0;
        for (int n : t.migrations().values()) {
            migrations += n;
        }
        return List.of(Tables.pct(t.cpuUs(), durationUs), Tables.ms(Tables.percentile(w, 50)), Tables.ms(Tables.percentile(w, 99)),
                Tables.ms(w.length == 0 ? 0 : w[w.length - 1]), String.valueOf(migrations));
    }

    /** One row per model, in {@link #MODEL_COLUMNS}' order. */
    public List<List<String>> modelRows() {
        List<List<String>> rows = new ArrayList<>();
        for (Run run : runs) {
            Engine.Result<?> r = run.result();
            long busy = 0;
            for (long b : r.cpuBusyUs()) {
                busy += b;
            }
            long switches = 0;
            for (long s : r.cpuSwitches()) {
                switches += s;
            }
            long cpuTime = r.durationUs() * r.cpuBusyUs().length;
            rows.add(List.of(run.model(), Tables.pct(busy, cpuTime), String.valueOf(switches), Tables.ms(r.idleWhileWaitingUs()),
                    Tables.pct(r.idleWhileWaitingUs(), cpuTime), String.valueOf(r.steps())));
        }
        return rows;
    }

    /** The text report: the thread table, a blank line, the model table. */
    public String text() {
        return Tables.text(threadColumns(), threadRows()) + "\n" + Tables.text(MODEL_COLUMNS, modelRows());
    }

    /**
     * Writes the {@code compare --html} page: one timeline per model (the one {@link TimelinePage},
     * panels in the order of the models, on one time axis), then both tables ({@code table#threads},
     * {@code table#models}).
     */
    public void html(Writer w, String title, String topology) throws IOException {
        List<TimelinePage.Panel> panels = new ArrayList<>();
        for (Run run : runs) {
            for (Engine.ThreadStats t : run.result().threads()) {
                run.result().timeline().name(t.tid(), t.comm());
            }
            panels.add(new TimelinePage.Panel(run.model(), run.model(), run.result().timeline()));
        }
        List<String> names = new ArrayList<>();
        long longest = 0;
        boolean same = true;
        for (Run r : runs) {
            names.add(r.model());
            longest = Math.max(longest, r.result().durationUs());
            same &= r.result().durationUs() == runs.get(0).result().durationUs();
        }
        Engine.Result<?> first = runs.get(0).result();
        new TimelinePage("ulemodel compare: " + title)
                .paragraph("The same workload under " + String.join(", ", names) + " on topology " + topology + " ("
                        + first.cpuBusyUs().length + " CPUs), " + (same ? "" : "up to ") + String.format(Locale.ROOT, "%.3f", longest / 1e6)
                        + " s simulated each (a workload that ends by itself may end at a different time under each model). One timeline per model, all on one time axis: zooming or panning one moves all."
                        + " Priorities are each model's, on FreeBSD's scale (lower is better).")
                .table(new TimelinePage.Table("threads", "Threads, side by side", threadColumns(), threadRows()))
                .table(new TimelinePage.Table("models", "Models", MODEL_COLUMNS, modelRows()))
                .write(w, panels);
    }
}
