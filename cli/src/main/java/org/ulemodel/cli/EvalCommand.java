// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ulemodel.core.machine.CalendarSimulation;
import org.ulemodel.core.prio.Priorities;
import org.ulemodel.trace.InputError;
import org.ulemodel.trace.TextInput;
import org.ulemodel.trace.eval.CsvInput;
import org.ulemodel.trace.eval.EvalTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ulemodel eval TABLE [FILE]}: recompute a golden table's output columns with the model,
 * for implementations that want to compare their arithmetic with ULE's. Reads CSV from FILE or
 * stdin and writes every row back, with the golden file's columns in its order, to stdout.
 * {@code calendar-sim} instead prints a single-CPU simulation in calendar_sim.csv's columns.
 * The SMP tables ({@code pickcpu}, {@code search-lowest}, {@code search-highest},
 * {@code idle-steal}, {@code balance}, {@code topology}) read golden/smp's encodings; their input
 * columns are listed in the command description and in {@code eval.SmpTables}.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Recompute a golden table's outputs with the model.",
            "TABLE: interact, interact-update, priority, slice, pctcpu, calendar, runq-pick, preempt (CSV in, CSV out),",
            "or calendar-sim (a single-CPU simulation; needs --priorities or --nice, and --ticks).",
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

    @Option(names = "--priorities", split = ",", paramLabel = "P,P,...",
            description = "calendar-sim: fixed run-queue priorities (batch band 152..223), one thread each")
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
        if (table.equals("calendar-sim")) {
            return calendarSim(out);
        }
        EvalTable t = EvalTable.all().get(table);
        if (t == null) {
            throw new UsageError("unknown table '" + table + "': expected one of " + String.join(", ", EvalTable.all().keySet())
                    + ", calendar-sim");
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

    private int calendarSim(PrintWriter out) {
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
                if (!Priorities.isBatch(v)) {
                    throw new UsageError("--priorities: " + v + " is not a batch priority: expected "
                            + Priorities.PRI_MIN_BATCH + ".." + Priorities.PRI_MAX_BATCH);
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
        CalendarSimulation.Result r = CalendarSimulation.run(s);
        if (summary) {
            summaryLines(r).forEach(out::println);
            return 0;
        }
        out.println("scenario,stat_tick,hz_ticks,cur_thread,cur_td_priority,cur_rqindex,tdq_idx,tdq_ridx,tdq_slice,"
                + "timeshare_bitmap_hex,event,requeued_at_index,next_thread,next_td_priority");
        for (CalendarSimulation.Row row : r.rows()) {
            out.println(String.join(",", row.scenario(), String.valueOf(row.statTick()), String.valueOf(row.hzTicks()),
                    String.valueOf(row.curThread()), String.valueOf(row.curPriority()), String.valueOf(row.curRqIndex()),
                    String.valueOf(row.idx()), String.valueOf(row.ridx()), String.valueOf(row.tdqSlice()),
                    Long.toHexString(row.timeshareStatus()), row.switched() ? "switch" : "",
                    row.switched() ? String.valueOf(row.requeuedAt()) : "",
                    row.switched() ? String.valueOf(row.nextThread()) : "",
                    row.switched() ? String.valueOf(row.nextPriority()) : ""));
        }
        return 0;
    }

    /** calendar_sim_summary.csv's columns for a result ({@code --summary}). */
    static List<String> summaryLines(CalendarSimulation.Result r) {
        List<String> out = new ArrayList<>();
        out.add("scenario,thread,fixed_pri,nice,final_td_priority,cpu_stat_ticks,cpu_share,runtime,slptime,ts_ticks,td_user_pri");
        for (CalendarSimulation.ThreadSummary t : r.summary()) {
            out.add(String.join(",", t.scenario(), String.valueOf(t.thread()), String.valueOf(t.fixedPriority()),
                    String.valueOf(t.nice()), String.valueOf(t.finalPriority()), String.valueOf(t.cpuStatTicks()),
                    String.format(Locale.ROOT, "%.4f", t.cpuShare()), Integer.toUnsignedString(t.runtime()),
                    Integer.toUnsignedString(t.slptime()), Integer.toUnsignedString(t.tsTicks()), String.valueOf(t.userPri())));
        }
        return out;
    }
}
