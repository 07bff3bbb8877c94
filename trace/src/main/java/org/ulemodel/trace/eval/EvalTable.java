// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ulemodel.core.prio.Priorities;
import org.ulemodel.core.runq.Calendar;
import org.ulemodel.core.runq.Placement;
import org.ulemodel.core.runq.RunQueue;
import org.ulemodel.core.ule.Calendar15;
import org.ulemodel.core.ule.ClockMode;
import org.ulemodel.core.ule.CpuWindow;
import org.ulemodel.core.ule.History;
import org.ulemodel.core.ule.Interactivity;
import org.ulemodel.core.ule.PctCpu;
import org.ulemodel.core.ule.Placement15;
import org.ulemodel.core.ule.Priorities15;
import org.ulemodel.core.ule.Priority;
import org.ulemodel.core.ule.Priority15;
import org.ulemodel.core.ule.PriorityCalc;
import org.ulemodel.core.ule.PriorityCalc15;
import org.ulemodel.core.ule.SchedParams;
import org.ulemodel.core.ule.UleVersion;

/**
 * One table of {@code ulemodel eval} for one model — a ULE version, or Linux 2.6's O(1)
 * ({@link #forModel}) — the golden file's columns (in the golden
 * file's order), the input columns a caller must supply, and the model's computation of the
 * output columns for one row. Columns that are neither supplied nor computed (labels such as
 * {@code grid}) are copied from the input when present and left empty otherwise;
 * {@code version} defaults to the table's version ({@code V14} or {@code V15}).
 */
public abstract class EvalTable {
    private final UleVersion ule;
    private final String name;
    private final List<String> header;
    private final List<String> inputs;

    EvalTable(String name, List<String> header, List<String> inputs) {
        this(UleVersion.V14, name, header, inputs);
    }

    EvalTable(UleVersion ule, String name, List<String> header, List<String> inputs) {
        this.ule = ule;
        this.name = name;
        this.header = header;
        this.inputs = inputs;
    }

    /** The ULE version whose formulas and golden columns this table follows; null for a table of another model (golden/o1). */
    public UleVersion ule() {
        return ule;
    }

    public String name() {
        return name;
    }

    /** The golden file's columns, in its order. */
    public List<String> header() {
        return header;
    }

    /** The columns an input must name. */
    public List<String> inputs() {
        return inputs;
    }

    /** A fresh evaluator for one input stream (some tables carry state from row to row). */
    public abstract RowEvaluator start();

    /** Computes the outputs of one row. */
    public interface RowEvaluator {
        Map<String, String> compute(CsvInput.Row row);
    }

    /** The row written back: computed outputs, then input columns, then defaults, in header order. */
    public String[] output(CsvInput.Row row, Map<String, String> computed) {
        String[] out = new String[header.size()];
        for (int i = 0; i < out.length; i++) {
            String col = header.get(i);
            String v = computed.get(col);
            if (v == null) {
                v = row.has(col) ? row.str(col) : col.equals("version") ? ule.goldenName() : "";
            }
            out[i] = v;
        }
        return out;
    }

    /**
     * The tables of the model with registry id {@code modelId} ({@code spec.explore.ModelSpecs}),
     * by their command-line name: {@code ule14} and {@code ule15} as {@link #all(UleVersion)},
     * {@code o1} golden/o1's ({@code O1Tables}); an empty map for a model without golden tables.
     */
    public static Map<String, EvalTable> forModel(String modelId) {
        switch (modelId) {
            case "ule14":
                return all(UleVersion.V14);
            case "ule15":
                return all(UleVersion.V15);
            case "o1":
                return byName(O1Tables.all());
            default:
                return Map.of();
        }
    }

    private static Map<String, EvalTable> byName(List<EvalTable> tables) {
        Map<String, EvalTable> m = new LinkedHashMap<>();
        for (EvalTable t : tables) {
            m.put(t.name(), t);
        }
        return m;
    }

    /** FreeBSD 14's tables (golden/ and golden/smp), by their command-line name. */
    public static Map<String, EvalTable> all() {
        return all(UleVersion.V14);
    }

    /**
     * The tables of one ULE version, by their command-line name. FreeBSD 14: every table of
     * golden/ and golden/smp. FreeBSD 15: those of golden/v15 ({@code priority}, {@code slice},
     * {@code pctcpu}, {@code calendar}, {@code preempt}) and the interactivity tables, whose
     * functions FreeBSD 15 did not change ({@code interact}, {@code interact-update}).
     */
    public static Map<String, EvalTable> all(UleVersion ule) {
        boolean v14 = ule == UleVersion.V14;
        List<EvalTable> tables = new ArrayList<>(List.of(new Interact(ule), new InteractUpdate(ule), new PriorityTable(ule),
                new Slice(ule), new PctCpuTable(ule)));
        tables.addAll(v14 ? List.of(new CalendarTable(), new RunqPick()) : List.of(new Calendar15Table()));
        tables.add(new Preempt(ule));
        if (v14) {
            tables.addAll(SmpTables.all());
        }
        return byName(tables);
    }

    private static String unsigned(int v) {
        return Integer.toUnsignedString(v);
    }

    /** {@code ule}'s constants for the row's hz and stathz (default 127 when {@code stathzCol} is null). */
    private static SchedParams params(CsvInput.Row r, String hzCol, String stathzCol, UleVersion ule) {
        int hz = r.integer(hzCol);
        int stathz = stathzCol == null ? SchedParams.DEFAULT_STATHZ : r.integer(stathzCol);
        try {
            return ule.params(hz, stathz);
        } catch (IllegalArgumentException e) {
            throw r.error(e.getMessage());
        }
    }

    /** The {@code flags} column of the calendar tables: {@code normal} or {@code PREEMPTED} ({@code SRQ_PREEMPTED}). */
    private static boolean preempted(CsvInput.Row r) {
        String flags = r.str("flags");
        if (flags.equals("normal")) {
            return false;
        }
        if (flags.equals("PREEMPTED")) {
            return true;
        }
        throw r.bad("flags", "normal or PREEMPTED", flags);
    }

    /** golden/interact.csv: {@code sched_interact_score} with the tunable at 30 and at 100 (the same in both versions). */
    static final class Interact extends EvalTable {
        Interact(UleVersion ule) {
            super(ule, "interact", List.of("runtime_ticks", "slptime_ticks", "score", "score_no_shortcut"),
                    List.of("runtime_ticks", "slptime_ticks"));
        }

        @Override
        public RowEvaluator start() {
            return r -> {
                int run = r.uint("runtime_ticks");
                int slp = r.uint("slptime_ticks");
                Map<String, String> o = new HashMap<>();
                o.put("score", String.valueOf(Interactivity.score(run, slp, Priorities.SCHED_INTERACT_THRESH)));
                o.put("score_no_shortcut", String.valueOf(Interactivity.score(run, slp, Priorities.SCHED_INTERACT_MAX)));
                return o;
            };
        }
    }

    /**
     * golden/interact_update.csv: one history operation. {@code op} is {@code update}
     * ({@code sched_interact_update}), {@code fork} ({@code sched_interact_fork}), {@code run_tick}
     * (one stathz tick of run time, then update), {@code sleepN} (N hz ticks of sleep, then update)
     * or {@code add_child_runtime} (a child's run time, from an extra {@code child_runtime} column,
     * then update).
     */
    static final class InteractUpdate extends EvalTable {
        InteractUpdate(UleVersion ule) {
            super(ule, "interact-update", List.of("kind", "seq", "step", "op", "hz", "runtime_before", "slptime_before",
                    "runtime_after", "slptime_after", "score_after"), List.of("op", "hz", "runtime_before", "slptime_before"));
        }

        @Override
        public RowEvaluator start() {
            return r -> {
                SchedParams p = params(r, "hz", null, ule());
                int run = r.uint("runtime_before");
                int slp = r.uint("slptime_before");
                String op = r.str("op");
                History h;
                if (op.equals("update")) {
                    h = Interactivity.update(run, slp, p.slpRunMax());
                } else if (op.equals("fork")) {
                    h = Interactivity.fork(run, slp, p.slpRunFork());
                } else if (op.equals("run_tick")) {
                    h = Interactivity.addRuntime(run, slp, p.tickincr(), p.slpRunMax());
                } else if (op.startsWith("sleep") && op.length() > 5 && op.substring(5).chars().allMatch(Character::isDigit)) {
                    int hzTicks;
                    try {
                        hzTicks = Integer.parseInt(op.substring(5));
                    } catch (NumberFormatException e) {
                        throw r.bad("op", "sleepN with N a number of hz ticks", op);
                    }
                    h = Interactivity.addSleep(run, slp, hzTicks, p.slpRunMax());
                } else if (op.equals("add_child_runtime")) {
                    if (!r.has("child_runtime")) {
                        throw r.error("op add_child_runtime needs a child_runtime column (the exiting child's ts_runtime)");
                    }
                    h = Interactivity.addRuntime(run, slp, r.uint("child_runtime"), p.slpRunMax());
                } else {
                    throw r.bad("op", "one of update, fork, run_tick, sleepN, add_child_runtime", op);
                }
                Map<String, String> o = new HashMap<>();
                o.put("runtime_after", unsigned(h.runtime()));
                o.put("slptime_after", unsigned(h.slptime()));
                o.put("score_after", String.valueOf(Interactivity.score(h.runtime(), h.slptime(), p.interactThresh())));
                return o;
            };
        }
    }

    /**
     * golden/priority.csv and golden/v15/priority_v15.csv: {@code sched_priority} for a timeshare
     * thread. FreeBSD 14 reports the batch branch's {@code ticks_term}; FreeBSD 15 its
     * {@code cpu_pri_off} and {@code nice_pri_off}, and reads the window fields as u_int.
     */
    static final class PriorityTable extends EvalTable {
        PriorityTable(UleVersion ule) {
            super(ule, "priority", ule == UleVersion.V14
                    ? List.of("version", "grid", "hz", "stathz", "runtime", "slptime", "score", "nice", "score_plus_nice",
                            "ts_ticks", "ftick", "ltick", "window_ticks", "ticks_term", "branch", "priority")
                    : List.of("version", "grid", "hz", "stathz", "runtime", "slptime", "score", "nice", "score_plus_nice",
                            "ts_ticks", "ftick", "ltick", "window_ticks", "cpu_pri_off", "nice_pri_off", "branch",
                            "priority"),
                    List.of("hz", "stathz", "runtime", "slptime", "nice", "ts_ticks", "ftick", "ltick"));
        }

        @Override
        public RowEvaluator start() {
            return r -> {
                SchedParams p = params(r, "hz", "stathz", ule());
                int run = r.uint("runtime");
                int slp = r.uint("slptime");
                int nice = r.integerIn("nice", Priorities.PRIO_MIN, Priorities.PRIO_MAX);
                Map<String, String> o = new HashMap<>();
                if (ule() == UleVersion.V14) {
                    PriorityCalc c = Priority.compute(run, slp, nice, r.integer("ts_ticks"), r.integer("ftick"),
                            r.integer("ltick"), p);
                    put(o, c.score(), c.scorePlusNice(), String.valueOf(c.windowTicks()), c.branch(), c.priority());
                    o.put("ticks_term", String.valueOf(c.ticksTerm()));
                } else {
                    PriorityCalc15 c = Priority15.compute(run, slp, nice, r.uint("ts_ticks"), r.uint("ftick"),
                            r.uint("ltick"), p);
                    put(o, c.score(), c.scorePlusNice(), unsigned(c.windowTicks()), c.branch(), c.priority());
                    o.put("cpu_pri_off", String.valueOf(c.cpuPriOff()));
                    o.put("nice_pri_off", String.valueOf(c.nicePriOff()));
                }
                return o;
            };
        }

        /** The columns both versions share. */
        private static void put(Map<String, String> o, int score, int scorePlusNice, String window, String branch,
                int priority) {
            o.put("score", String.valueOf(score));
            o.put("score_plus_nice", String.valueOf(scorePlusNice));
            o.put("window_ticks", window);
            o.put("branch", branch);
            o.put("priority", String.valueOf(priority));
        }
    }

    /**
     * golden/slice.csv and golden/v15/slice_v15.csv: {@code sched_initticks} products and
     * {@code tdq_slice}, the same arithmetic in both versions; FreeBSD 14's table has more columns
     * (and a {@code clock_mode}, checked whenever it is given).
     */
    static final class Slice extends EvalTable {
        Slice(UleVersion ule) {
            super(ule, "slice", ule == UleVersion.V14
                    ? List.of("version", "clock_mode", "hz", "stathz", "realstathz", "sched_slice", "sched_slice_min",
                            "tickincr", "hogticks", "rr_interval_hz_ticks", "balance_interval", "affinity", "idlespinthresh",
                            "slp_run_max", "slp_run_fork", "tdq_sysload", "load_minus_1", "tdq_slice", "tdq_slice_us")
                    : List.of("version", "hz", "stathz", "realstathz", "sched_slice", "sched_slice_min", "tickincr",
                            "hogticks", "tdq_sysload", "tdq_slice"),
                    ule == UleVersion.V14 ? List.of("clock_mode", "hz", "stathz", "tdq_sysload")
                            : List.of("hz", "stathz", "tdq_sysload"));
        }

        @Override
        public RowEvaluator start() {
            return r -> {
                try {
                    if (r.has("clock_mode")) {
                        ClockMode.parse(r.str("clock_mode"));
                    }
                } catch (IllegalArgumentException e) {
                    throw r.bad("clock_mode", "oneshot, periodic_ideal_timer or stathz0_uses_hz", r.str("clock_mode"));
                }
                SchedParams p = params(r, "hz", "stathz", ule());
                int sysload = r.integerIn("tdq_sysload", 0, Integer.MAX_VALUE);
                Map<String, String> o = new HashMap<>();
                o.put("realstathz", String.valueOf(p.realstathz()));
                o.put("sched_slice", String.valueOf(p.slice()));
                o.put("sched_slice_min", String.valueOf(p.sliceMin()));
                o.put("tickincr", String.valueOf(p.tickincr()));
                o.put("hogticks", String.valueOf(p.hogticks()));
                o.put("rr_interval_hz_ticks", String.valueOf(p.rrInterval()));
                o.put("balance_interval", String.valueOf(p.balanceInterval()));
                o.put("affinity", String.valueOf(p.affinity()));
                o.put("idlespinthresh", String.valueOf(p.idleSpinThresh()));
                o.put("slp_run_max", String.valueOf(p.slpRunMax()));
                o.put("slp_run_fork", String.valueOf(p.slpRunFork()));
                o.put("load_minus_1", String.valueOf(sysload - 1));
                o.put("tdq_slice", String.valueOf(p.tdqSlice(sysload)));
                o.put("tdq_slice_us", String.valueOf(p.tdqSliceMicros(sysload)));
                return o;
            };
        }
    }

    /**
     * golden/pctcpu.csv and golden/v15/pctcpu_v15.csv: a sequence of rows for one thread, starting with an empty window at hz
     * tick 0. A {@code run} row means the thread ran from the previous row's tick up to this one,
     * its window updated on every hz tick ({@code sched_clock}); a {@code sleep_query} row means it
     * stopped running at the end of its run phase and {@code sched_pctcpu} is asked at this tick.
     * The run phase ends at {@code run_until} (a column, in hz ticks) or, by default, at
     * 15 s — the golden scenario.
     */
    static final class PctCpuTable extends EvalTable {
        static final int DEFAULT_RUN_SECONDS = 15;

        PctCpuTable(UleVersion ule) {
            super(ule, "pctcpu", List.of("version", "hz", "stathz", "event", "hz_ticks", "ts_ticks", "ts_ftick", "ts_ltick",
                    "window", "pctcpu_fixpt", "pctcpu_pct", "batch_pri_nice0"), List.of("hz", "stathz", "event", "hz_ticks"));
        }

        @Override
        public RowEvaluator start() {
            return new RowEvaluator() {
                CpuWindow w = CpuWindow.startingAt(0);
                int now;
                boolean running = true;

                @Override
                public Map<String, String> compute(CsvInput.Row r) {
                    UleVersion ule = ule();
                    SchedParams p = params(r, "hz", "stathz", ule);
                    int t = r.integer("hz_ticks");
                    if (t < now) {
                        throw r.bad("hz_ticks", "a tick ≥ the previous row's " + now, String.valueOf(t));
                    }
                    String ev = r.str("event");
                    if (ev.equals("run")) {
                        if (!running) {
                            throw r.error("a run row after sleep_query rows: expected the run phase first");
                        }
                        for (int tick = now + 1; tick <= t; tick++) {
                            w = ule.updateWindow(w, tick, true, p);
                        }
                    } else if (ev.equals("sleep_query")) {
                        if (running) {
                            int until = r.has("run_until") ? r.integer("run_until") : DEFAULT_RUN_SECONDS * p.hz();
                            for (int tick = now + 1; tick <= until && tick <= t; tick++) {
                                w = ule.updateWindow(w, tick, true, p);
                            }
                            running = false;
                        }
                        w = ule.updateWindow(w, t, false, p);
                    } else {
                        throw r.bad("event", "run or sleep_query", ev);
                    }
                    now = t;
                    int fix = ule.pctcpu(w, p);
                    Map<String, String> o = new HashMap<>();
                    o.put("ts_ticks", String.valueOf(w.tsTicks()));
                    o.put("ts_ftick", String.valueOf(w.ftick()));
                    o.put("ts_ltick", String.valueOf(w.ltick()));
                    o.put("window", String.valueOf(w.length()));
                    o.put("pctcpu_fixpt", String.valueOf(fix));
                    o.put("pctcpu_pct", new BigDecimal(fix).multiply(BigDecimal.valueOf(100))
                            .divide(BigDecimal.valueOf(PctCpu.FSCALE)).setScale(3, RoundingMode.HALF_EVEN).toPlainString());
                    o.put("batch_pri_nice0", String.valueOf(ule.batchPriority(0, w, p)));
                    return o;
                }
            };
        }
    }

    /** golden/calendar.csv: which queue {@code tdq_runq_add} chooses. */
    static final class CalendarTable extends EvalTable {
        CalendarTable() {
            super("calendar", List.of("version", "runq", "tdq_idx", "tdq_ridx", "priority", "flags", "reachable",
                    "base_offset", "queue_index", "collision_adjusted"), List.of("tdq_idx", "tdq_ridx", "priority", "flags"));
        }

        @Override
        public RowEvaluator start() {
            return r -> {
                int idx = r.integerIn("tdq_idx", 0, RunQueue.QUEUES - 1);
                int ridx = r.integerIn("tdq_ridx", 0, RunQueue.QUEUES - 1);
                int pri = r.integerIn("priority", 0, Priorities.PRI_MAX_IDLE);
                Placement pl = Calendar.place(pri, idx, ridx, preempted(r), false);
                int lag = Math.floorMod(idx - ridx, RunQueue.QUEUES);
                Map<String, String> o = new HashMap<>();
                o.put("runq", pl.runq().name().toLowerCase(java.util.Locale.ROOT));
                o.put("reachable", lag <= 1 ? "1" : "0");
                o.put("base_offset", String.valueOf(pl.baseOffset()));
                o.put("queue_index", String.valueOf(pl.queue()));
                o.put("collision_adjusted", pl.collisionAdjusted() ? "1" : "0");
                return o;
            };
        }
    }

    /** golden/v15/calendar_v15.csv: which queue FreeBSD 15's {@code tdq_runq_add} chooses in the single run queue. */
    static final class Calendar15Table extends EvalTable {
        Calendar15Table() {
            super(UleVersion.V15, "calendar", List.of("version", "policy", "pri_min_batch", "ts_modulo", "tdq_ts_off",
                    "tdq_ts_deq_off", "priority", "flags", "reachable", "base_offset", "queue_index", "offset_in_ts_range",
                    "collision_adjusted"), List.of("tdq_ts_off", "tdq_ts_deq_off", "priority", "flags"));
        }

        @Override
        public RowEvaluator start() {
            return r -> {
                int last = Priorities15.RQ_TS_POL_MODULO - 1;
                Calendar15 cal = new Calendar15(r.integerIn("tdq_ts_off", 0, last), r.integerIn("tdq_ts_deq_off", 0, last), 0);
                Placement15 pl = cal.place(r.integerIn("priority", 0, Priorities15.PRI_MAX_IDLE), preempted(r), false);
                Map<String, String> o = new HashMap<>();
                o.put("policy", pl.policy().name().toLowerCase(java.util.Locale.ROOT));
                o.put("pri_min_batch", String.valueOf(Priorities15.PRI_MIN_BATCH));
                o.put("ts_modulo", String.valueOf(Priorities15.RQ_TS_POL_MODULO));
                o.put("reachable", cal.lag() <= 2 ? "1" : "0");
                o.put("base_offset", String.valueOf(pl.baseOffset()));
                o.put("queue_index", String.valueOf(pl.queue()));
                o.put("offset_in_ts_range", String.valueOf(pl.offsetInTsRange()));
                o.put("collision_adjusted", pl.collisionAdjusted() ? "1" : "0");
                return o;
            };
        }
    }

    /** golden/runq_pick.csv: {@code runq_findbit} and {@code runq_findbit_from} on one status word. */
    static final class RunqPick extends EvalTable {
        RunqPick() {
            super("runq-pick", List.of("version", "status_word_hex", "start_idx", "findbit", "findbit_from"),
                    List.of("status_word_hex", "start_idx"));
        }

        @Override
        public RowEvaluator start() {
            return r -> {
                long status = r.hex64("status_word_hex");
                int start = r.integerIn("start_idx", 0, RunQueue.QUEUES - 1);
                Map<String, String> o = new HashMap<>();
                o.put("findbit", String.valueOf(RunQueue.findbit(status)));
                o.put("findbit_from", String.valueOf(RunQueue.findbitFrom(status, start)));
                return o;
            };
        }
    }

    /** golden/preempt.csv and golden/v15/preempt_v15.csv: {@code sched_shouldpreempt}. */
    static final class Preempt extends EvalTable {
        Preempt(UleVersion ule) {
            super(ule, "preempt", List.of("version", "preempt_config", "preempt_thresh", "pri", "cpri", "remote", "should_preempt"),
                    List.of("preempt_thresh", "pri", "cpri", "remote"));
        }

        @Override
        public RowEvaluator start() {
            return r -> {
                boolean yes = ule().shouldPreempt(r.integerIn("pri", 0, 255), r.integerIn("cpri", 0, 255),
                        r.integerIn("remote", 0, 1) == 1, r.integerIn("preempt_thresh", 0, 256));
                return Map.of("should_preempt", yes ? "1" : "0");
            };
        }
    }
}
