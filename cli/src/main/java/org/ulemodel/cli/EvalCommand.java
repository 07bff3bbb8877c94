// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ulemodel.core.machine.CalendarSimulation;
import org.ulemodel.core.prio.Priorities;
import org.ulemodel.core.ule.UleVersion;
import org.ulemodel.trace.InputError;
import org.ulemodel.trace.TextInput;
import org.ulemodel.trace.eval.CalendarSimTable;
import org.ulemodel.trace.eval.CsvInput;
import org.ulemodel.trace.eval.EvalTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ulemodel eval TABLE [FILE] [--ule 14|15 | --model ID]}: recompute a golden table's output columns with
 * the model, for implementations that want to compare their arithmetic with ULE's. Reads CSV
 * from FILE or stdin and writes every row back, with the golden file's columns in its order, to
 * stdout. {@code calendar-sim} instead prints a single-CPU simulation in calendar_sim.csv's
 * columns. {@code --ule 15} takes FreeBSD 15's formulas and golden/v15's columns
 * ({@link EvalTable#all(UleVersion)} lists its tables); {@code --model} names the model by its
 * registry id instead ({@code ule14}, {@code ule15} as {@code --ule}; {@code o1}: golden/o1's
 * tables, {@link EvalTable#forModel}). The SMP tables ({@code pickcpu},
 * {@code search-lowest}, {@code search-highest}, {@code idle-steal}, {@code balance},
 * {@code topology}) read golden/smp's encodings; their input columns are listed in the command
 * description and in {@code eval.SmpTables}.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Recompute a golden table's outputs with the model.",
            "TABLE: interact, interact-update, priority, slice, pctcpu, calendar, runq-pick, preempt (CSV in, CSV out),",
            "or calendar-sim (a single-CPU simulation; needs --priorities or --nice, and --ticks).",
            "--ule 15: FreeBSD 15's formulas and golden/v15's columns, for priority, slice, pctcpu,",
            "  calendar, preempt, calendar-sim (and interact, interact-update, unchanged in 15).",
            "--model o1: Linux 2.6's O(1) scheduler, golden/o1's tables (file name without .csv, - for _):",
            "  constants, effective-prio, timeslice, interactive, recalc-prio, recalc-prio-ilp32,",
            "  switch-sleep-avg, fork-exit, expired-decision, activation-credit; the input columns",
            "  are the file's inputs (golden/o1/README.md), static_prio is computed from nice.",
            "  --model ule14 / ule15 are --ule 14 / 15.",
            "SMP tables (golden/smp) and their input columns; ncpu comes from topo",
            "(checked when given), other columns are labels passed through:",
            "  pickcpu: topo, curcpu, ticks, load, lowpri, rand_before, td_priority,",
            "    ts_cpu, ts_rltick, cpuset_hex, td_pinned, srq_ourself, running,",
            "    in_intr (affinity optional, default 1)",
            "  search-lowest: topo, group, rand_before, mask_hex, pri, maxload,",
            "    prefer, running, load, lowpri",
            "  search-highest: topo, group, rand_before, mask_hex, minload, mintrans,",
            "    load, transferable",
            "  idle-steal: topo, mode, idle_cpu, rand_before, load, transferable,",
            "    lowpri, idx_ridx, cur, queues",
            "  balance: topo, rand_before, load, transferable, lowpri, idx_ridx, cur,",
            "    queues (balance_cpu optional, must be 0)",
            "  topology: topo, group"},
        exitCodeOnInvalidInput = 2)
public final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TABLE", description = "table name")
    String table;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "CSV input (default: stdin)")
    Path file;

    @Mixin
    ModelOption.Choice model = new ModelOption.Choice();

    @Option(names = "--priorities", split = ",", paramLabel = "P,P,...",
            description = "calendar-sim: fixed run-queue priorities (batch band: 152..223, or 115..223 with --ule 15), one thread each")
    List<Integer> priorities;

    @Option(names = "--nice", split = ",", paramLabel = "N,N,...", description = "calendar-sim: CPU hogs at these nice values")
    List<Integer> nices;

    @Option(names = "--userret", description = "calendar-sim: apply the return-to-user priority update on switch-in (hogs)")
    boolean userret;

    @Option(names = "--ticks", paramLabel = "N", description = "calendar-sim: stathz ticks to simulate")
    Integer ticks;

    @Option(names = "--summary", description = "calendar-sim: print the per-thread totals (calendar_sim_summary.csv's columns) instead of the ticks")
    boolean summary;

    @Option(names = "--scenario", paramLabel = "NAME", description = "calendar-sim: scenario label in the output (default: custom)")
    String scenario = "custom";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        String modelId = ModelOption.parse(model).model().id();
        Map<String, EvalTable> tables = EvalTable.forModel(modelId);
        if (tables.isEmpty()) {
            throw new UsageError("--model " + modelId + ": this model has no eval tables (models with tables: ule14, ule15, o1)");
        }
        UleVersion version = tables.values().iterator().next().ule();
        if (table.equals("calendar-sim") && version != null) {
            return calendarSim(out, version);
        }
        EvalTable t = tables.get(table);
        if (t == null) {
            String known = String.join(", ", tables.keySet()) + (version != null ? ", calendar-sim" : "");
            throw new UsageError(version == null ? "unknown table '" + table + "' for --model " + modelId + ": expected one of " + known
                    : EvalTable.all().containsKey(table)
                    ? "table '" + table + "' has no FreeBSD " + version.number() + " form: with --ule " + version.number()
                            + " TABLE is one of " + known
                    : "unknown table '" + table + "': expected one of " + known);
        }
        if (priorities != null || nices != null || ticks != null || userret || summary) {
            throw new UsageError("--priorities, --nice, --ticks, --userret and --summary apply to calendar-sim only");
        }
        try (BufferedReader in = open()) {
            return evaluate(t, in, out);
        } catch (InputError e) {
            throw new UsageError(e.getMessage());
        }
    }

    /** Evaluates every row of {@code in} before writing any: bad input never leaves half an output. */
    private int evaluate(EvalTable t, BufferedReader in, PrintWriter out) {
        CsvInput csv = new CsvInput(file == null ? "<stdin>" : file.toString(), in);
        csv.require(t.inputs(), t.name());
        EvalTable.RowEvaluator ev = t.start();
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", t.header()));
        for (CsvInput.Row r = csv.read(); r != null; r = csv.read()) {
            Map<String, String> computed = ev.compute(r);
            lines.add(String.join(",", t.output(r, computed)));
        }
        for (String l : lines) {
            out.println(l);
        }
        return 0;
    }

    private BufferedReader open() throws IOException {
        if (file == null) {
            return new BufferedReader(TextInput.reader(System.in, "<stdin>"));
        }
        try {
            return new BufferedReader(TextInput.open(file));
        } catch (NoSuchFileException e) {
            throw new UsageError(file + ": no such file");
        }
    }

    private int calendarSim(PrintWriter out, UleVersion version) {
        if (file != null) {
            throw new UsageError("calendar-sim takes no FILE: describe the threads with --priorities or --nice");
        }
        if ((priorities == null) == (nices == null)) {
            throw new UsageError("calendar-sim needs exactly one of --priorities P,P,... (fixed) or --nice N,N,... (hogs)");
        }
        if (ticks == null || ticks < 0) {
            throw new UsageError("calendar-sim needs --ticks N (stathz ticks, N >= 0)");
        }
        CalendarSimulation.Spec s;
        if (priorities != null) {
            int[] p = priorities.stream().mapToInt(Integer::intValue).toArray();
            for (int v : p) {
                if (!version.isBatch(v)) {
                    throw new UsageError("--priorities: " + v + " is not a batch priority of FreeBSD " + version.number()
                            + "'s ULE: expected " + version.priMinBatch() + ".." + version.priMaxBatch());
                }
            }
            s = userret ? new CalendarSimulation.Spec(scenario, p, new int[p.length], true, ticks)
                    : CalendarSimulation.Spec.fixed(scenario, p, ticks);
        } else {
            int[] n = nices.stream().mapToInt(Integer::intValue).toArray();
            for (int v : n) {
                if (v < Priorities.PRIO_MIN || v > Priorities.PRIO_MAX) {
                    throw new UsageError("--nice: " + v + " out of range: expected " + Priorities.PRIO_MIN + ".." + Priorities.PRIO_MAX);
                }
            }
            s = CalendarSimulation.Spec.hogs(scenario, n, userret, ticks);
        }
        CalendarSimTable.lines(version, s, summary).forEach(out::println);
        return 0;
    }
}
