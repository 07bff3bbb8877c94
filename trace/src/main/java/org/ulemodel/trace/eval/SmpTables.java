// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.RecordedSmpState;
import org.ulemodel.core.machine.SmpProbe;
import org.ulemodel.core.smp.CpuSearch;
import org.ulemodel.core.smp.Lcg;
import org.ulemodel.core.smp.LoadView;
import org.ulemodel.core.smp.PickCpu;
import org.ulemodel.core.smp.PickRequest;
import org.ulemodel.core.smp.PickResult;
import org.ulemodel.core.smp.SearchResult;
import org.ulemodel.core.topo.CpuGroup;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;

/**
 * The SMP tables of {@code ulemodel eval} (golden/smp, see its README for every column and
 * encoding): {@code pickcpu}, {@code search-lowest}, {@code search-highest}, {@code idle-steal},
 * {@code balance} and {@code topology}. Every table takes a {@code topo} spec such as
 * {@code 2x4x2}; {@code ncpu} is derived from it, and checked against the input when the input
 * has an {@code ncpu} column. Per-CPU lists must have exactly ncpu values.
 */
final class SmpTables {
    private SmpTables() {
    }

    /** The six tables, in the order the README describes them. */
    static List<EvalTable> all() {
        return List.of(new PickCpuTable(), new SearchLowestTable(), new SearchHighestTable(), new IdleStealTable(),
                new BalanceTable(), new TopologyTable());
    }

    /** Topologies parsed once per spec string, for one input stream; errors are not cached. */
    static final class Topologies {
        private final Map<String, Topology> bySpec = new HashMap<>();

        /** The row's {@code topo}, checked against its {@code ncpu} column when there is one. */
        Topology of(CsvInput.Row r) {
            String spec = r.str("topo");
            Topology t = bySpec.get(spec);
            if (t == null) {
                try {
                    t = Topology.parse(spec);
                } catch (IllegalArgumentException e) {
                    throw r.error("column topo: " + e.getMessage());
                }
                bySpec.put(spec, t);
            }
            if (r.has("ncpu")) {
                int n = r.integer("ncpu");
                if (n != t.cpuCount()) {
                    throw r.error("column ncpu: topology " + spec + " has " + t.cpuCount() + " CPUs, but ncpu is " + n);
                }
            }
            return t;
        }
    }

    /** A {@code ;}-separated per-CPU list of exactly {@code ncpu} integers in {@code min..max}, CPU 0 first. */
    static int[] perCpu(CsvInput.Row r, String column, Topology t, int min, int max) {
        String text = r.str(column);
        String[] parts = text.split(";", -1);
        if (parts.length != t.cpuCount()) {
            throw r.error("column " + column + ": expected " + t.cpuCount() + " ';'-separated per-CPU values (CPU 0 first)"
                    + " for topology " + t.spec() + ", got " + parts.length + " in '" + text + "'");
        }
        int[] out = new int[parts.length];
        for (int c = 0; c < parts.length; c++) {
            String p = parts[c].trim();
            try {
                out[c] = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw r.bad(column, "an integer in " + min + ".." + max + " for CPU " + c, p);
            }
            if (out[c] < min || out[c] > max) {
                throw r.bad(column, "an integer in " + min + ".." + max + " for CPU " + c, p);
            }
        }
        return out;
    }

    /** A CPU id of the row's topology. */
    static int cpu(CsvInput.Row r, String column, Topology t) {
        return r.integerIn(column, 0, t.cpuCount() - 1);
    }

    /** A search-table mask: lowercase hex, bit n = CPU n; {@code ffffffffffffffff} is CPU_FILL. */
    static CpuSet mask(CsvInput.Row r, String column) {
        return CpuSet.ofMask(r.hex64(column));
    }

    /** The group named in column {@code group} ({@code r}, {@code r.0}, ...). */
    static CpuGroup group(CsvInput.Row r, Topology t) {
        try {
            return t.groupNamed(r.str("group"));
        } catch (IllegalArgumentException e) {
            throw r.error("column group: " + e.getMessage());
        }
    }

    static LoadView view(int[] load, int[] lowpri, int[] transferable) {
        return LoadView.of(load, lowpri, transferable);
    }

    static String u32(int v) {
        return Integer.toUnsignedString(v);
    }

    static Map<String, String> searchOutputs(Topology t, SearchResult res, Lcg rnd) {
        Map<String, String> o = new HashMap<>();
        o.put("ncpu", String.valueOf(t.cpuCount()));
        o.put("cpu", String.valueOf(res.cpu()));
        o.put("res_load", res.found() ? String.valueOf(res.load()) : "");
        o.put("total", String.valueOf(res.total()));
        o.put("rand_after", u32(rnd.state()));
        o.put("n_random", String.valueOf(rnd.draws()));
        return o;
    }

    /**
     * smp/pickcpu.csv: {@code sched_pickcpu(td, flags)} run on {@code curcpu} with curcpu's
     * randomval. Inputs: {@code topo, curcpu, ticks, load, lowpri, rand_before, td_priority,
     * ts_cpu, ts_rltick, cpuset_hex, td_pinned, srq_ourself, running, in_intr}; {@code affinity}
     * (kern.sched.affinity) is optional and defaults to 1, the value of every golden row.
     * Outputs: chosen_cpu, ts_cpu_after, rand_after, n_random, sched_stats ({@code -} for none).
     */
    static final class PickCpuTable extends EvalTable {
        PickCpuTable() {
            super("pickcpu", List.of("row", "topo", "ncpu", "scenario", "curcpu", "ticks", "affinity", "load", "lowpri",
                    "rand_before", "td_priority", "ts_cpu", "ts_rltick", "cpuset_hex", "td_pinned", "srq_ourself", "running",
                    "in_intr", "chosen_cpu", "ts_cpu_after", "rand_after", "n_random", "sched_stats"),
                    List.of("topo", "curcpu", "ticks", "load", "lowpri", "rand_before", "td_priority", "ts_cpu", "ts_rltick",
                            "cpuset_hex", "td_pinned", "srq_ourself", "running", "in_intr"));
        }

        @Override
        public RowEvaluator start() {
            Topologies topos = new Topologies();
            return r -> {
                Topology t = topos.of(r);
                int affinity = r.has("affinity") ? r.integerIn("affinity", 0, Integer.MAX_VALUE) : 1;
                int[] load = perCpu(r, "load", t, 0, Integer.MAX_VALUE);
                int[] lowpri = perCpu(r, "lowpri", t, 0, 255);
                Lcg rnd = new Lcg(r.uint("rand_before"));
                PickRequest req = new PickRequest(cpu(r, "curcpu", t), r.integer("ticks"), affinity,
                        r.integerIn("td_priority", 0, 255), cpu(r, "ts_cpu", t), r.integer("ts_rltick"), mask(r, "cpuset_hex"),
                        r.integerIn("td_pinned", 0, Integer.MAX_VALUE), r.integerIn("srq_ourself", 0, 1) == 1,
                        r.integerIn("running", 0, 1) == 1, r.integerIn("in_intr", 0, 1) == 1);
                PickResult res = PickCpu.pick(t, req, view(load, lowpri, null), rnd);
                Map<String, String> o = new HashMap<>();
                o.put("ncpu", String.valueOf(t.cpuCount()));
                o.put("affinity", String.valueOf(affinity));
                o.put("chosen_cpu", String.valueOf(res.cpu()));
                o.put("ts_cpu_after", String.valueOf(res.tsCpuAfter()));
                o.put("rand_after", u32(rnd.state()));
                o.put("n_random", String.valueOf(rnd.draws()));
                o.put("sched_stats", res.stats().isEmpty() ? "-" : String.join(";", res.stats()));
                return o;
            };
        }
    }

    /** The columns both search tables share: topology, group, the caller's random state and the mask. */
    record SearchInputs(Topology topology, CpuGroup group, Lcg rnd, CpuSet mask) {
        static SearchInputs read(Topologies topos, CsvInput.Row r) {
            Topology t = topos.of(r);
            CpuGroup g = SmpTables.group(r, t);
            if (r.has("caller_cpu")) {
                cpu(r, "caller_cpu", t);
            }
            return new SearchInputs(t, g, new Lcg(r.uint("rand_before")), SmpTables.mask(r, "mask_hex"));
        }
    }

    /**
     * smp/search_lowest.csv: {@code sched_lowest(group, mask, pri, maxload, prefer, running)}.
     * Inputs: {@code topo, group, rand_before, mask_hex, pri, maxload, prefer, running, load,
     * lowpri}; {@code caller_cpu} (whose randomval rand_before is) is a label, checked to be a CPU
     * when present. Outputs: cpu, res_load (empty when cpu = -1), total, rand_after, n_random.
     */
    static final class SearchLowestTable extends EvalTable {
        SearchLowestTable() {
            super("search-lowest", List.of("row", "topo", "ncpu", "group", "caller_cpu", "rand_before", "mask_hex", "pri",
                    "maxload", "prefer", "running", "load", "lowpri", "cpu", "res_load", "total", "rand_after", "n_random"),
                    List.of("topo", "group", "rand_before", "mask_hex", "pri", "maxload", "prefer", "running", "load", "lowpri"));
        }

        @Override
        public RowEvaluator start() {
            Topologies topos = new Topologies();
            return r -> {
                SearchInputs in = SearchInputs.read(topos, r);
                Topology t = in.topology();
                Lcg rnd = in.rnd();
                int pri = r.integerIn("pri", -1, 255);
                int maxload = r.integer("maxload");
                int prefer = r.integerIn("prefer", -1, t.cpuCount() - 1);
                boolean running = r.integerIn("running", 0, 1) == 1;
                int[] load = perCpu(r, "load", t, 0, Integer.MAX_VALUE);
                int[] lowpri = perCpu(r, "lowpri", t, 0, 255);
                SearchResult res = CpuSearch.lowest(t, in.group(), in.mask(), pri, maxload, prefer, running, view(load, lowpri, null), rnd);
                return searchOutputs(t, res, rnd);
            };
        }
    }

    /**
     * smp/search_highest.csv: {@code sched_highest(group, mask, minload, mintrans)}. Inputs:
     * {@code topo, group, rand_before, mask_hex, minload, mintrans, load, transferable};
     * {@code caller_cpu} is a label, checked to be a CPU when present. Outputs: cpu, res_load
     * (empty when cpu = -1), total, rand_after, n_random.
     */
    static final class SearchHighestTable extends EvalTable {
        SearchHighestTable() {
            super("search-highest", List.of("row", "topo", "ncpu", "group", "caller_cpu", "rand_before", "mask_hex", "minload",
                    "mintrans", "load", "transferable", "cpu", "res_load", "total", "rand_after", "n_random"),
                    List.of("topo", "group", "rand_before", "mask_hex", "minload", "mintrans", "load", "transferable"));
        }

        @Override
        public RowEvaluator start() {
            Topologies topos = new Topologies();
            return r -> {
                SearchInputs in = SearchInputs.read(topos, r);
                Topology t = in.topology();
                Lcg rnd = in.rnd();
                int minload = r.integer("minload");
                int mintrans = r.integer("mintrans");
                int[] load = perCpu(r, "load", t, 0, Integer.MAX_VALUE);
                int[] trans = perCpu(r, "transferable", t, 0, Integer.MAX_VALUE);
                SearchResult res = CpuSearch.highest(t, in.group(), in.mask(), minload, mintrans, view(load, null, trans), rnd);
                return searchOutputs(t, res, rnd);
            };
        }
    }

    /**
     * Rebuilds a recorded state; a malformed encoding becomes {@code FILE:LINE: column X: ...}.
     * The per-CPU lists are checked here first, so that every message names its column.
     */
    static RecordedSmpState state(CsvInput.Row r, Topology t, int randomCpu) {
        perCpu(r, "load", t, 0, Integer.MAX_VALUE);
        perCpu(r, "transferable", t, 0, Integer.MAX_VALUE);
        perCpu(r, "lowpri", t, 0, 255);
        int rand = r.uint("rand_before");
        try {
            return RecordedSmpState.parse(r.str("topo"), r.str("load"), r.str("transferable"), r.str("lowpri"),
                    r.str("idx_ridx"), r.str("cur"), r.str("queues"), randomCpu, rand);
        } catch (IllegalArgumentException e) {
            throw r.error(stateColumn(r, e.getMessage()) + ": " + e.getMessage());
        }
    }

    /**
     * Which column a RecordedSmpState message is about: its messages start with the field
     * ("cur of CPU 2: ...", "queued tid: ...", "tdq_idx of CPU 0: ..."); masks and thread ids
     * may come from either thread column.
     */
    static String stateColumn(CsvInput.Row r, String msg) {
        if (msg.startsWith("tdq_idx") || msg.startsWith("tdq_ridx") || msg.startsWith("idx_ridx")) {
            return "column idx_ridx";
        }
        if (msg.startsWith("cur")) {
            return "column cur";
        }
        if (msg.startsWith("queue")) {
            return "column queues";
        }
        for (String c : List.of("load", "transferable", "lowpri")) {
            if (msg.startsWith(c)) {
                return "column " + c;
            }
        }
        if (msg.startsWith("mask '")) {
            String m = msg.substring(6, Math.max(6, msg.indexOf('\'', 6)));
            boolean inCur = r.str("cur").contains("/" + m + "/");
            boolean inQueues = r.str("queues").contains("/" + m + "/");
            if (inCur != inQueues) {
                return inCur ? "column cur" : "column queues";
            }
        }
        return "columns cur/queues";
    }

    /**
     * smp/idle_steal.csv: {@code tdq_idled()} or {@code tdq_trysteal()} on {@code idle_cpu}.
     * Inputs: {@code topo, mode} ({@code idled} or {@code trysteal}), {@code idle_cpu,
     * rand_before} (the idle CPU's randomval), {@code load, transferable, lowpri, idx_ridx, cur,
     * queues}. Outputs: victim, stolen_tid (-1 for none), return (0 stolen, 1 gave up, {@code -}
     * for trysteal), trace, rand_after, n_random.
     */
    static final class IdleStealTable extends EvalTable {
        IdleStealTable() {
            super("idle-steal", List.of("row", "topo", "ncpu", "mode", "idle_cpu", "rand_before", "load", "transferable", "lowpri",
                    "idx_ridx", "cur", "queues", "victim", "stolen_tid", "return", "trace", "rand_after", "n_random"),
                    List.of("topo", "mode", "idle_cpu", "rand_before", "load", "transferable", "lowpri", "idx_ridx", "cur",
                            "queues"));
        }

        @Override
        public RowEvaluator start() {
            Topologies topos = new Topologies();
            return r -> {
                Topology t = topos.of(r);
                String mode = r.str("mode");
                if (!mode.equals("idled") && !mode.equals("trysteal")) {
                    throw r.bad("mode", "idled or trysteal", mode);
                }
                boolean idled = mode.equals("idled");
                int cpu = cpu(r, "idle_cpu", t);
                Machine m = state(r, t, cpu).machine();
                // The README's precondition, which the probes do not check themselves.
                String cur = r.str("cur").split(";", -1)[cpu].trim();
                String queue = r.str("queues").split("\\|", -1)[cpu].trim();
                if (m.cpu(cpu).load() != 0 || !cur.equals("-") || !queue.equals(cpu + ":")) {
                    throw r.error("idle_cpu " + cpu + " must be idle: expected load 0, cur '-' and an empty queue for CPU " + cpu
                            + ", got load " + m.cpu(cpu).load() + ", cur '" + cur + "', queue '" + queue + "'");
                }
                SmpProbe.Outcome o = probe(r, () -> idled ? SmpProbe.idled(m, cpu) : SmpProbe.trysteal(m, cpu));
                int victim = -1;
                int stolen = -1;
                for (Decision d : o.decisions()) {
                    if (d instanceof Decision.Migrate mig) {
                        victim = mig.from();
                        stolen = mig.tid();
                    }
                }
                Map<String, String> out = new HashMap<>();
                out.put("ncpu", String.valueOf(t.cpuCount()));
                out.put("victim", String.valueOf(victim));
                out.put("stolen_tid", String.valueOf(stolen));
                out.put("return", idled ? (o.stolen() ? "0" : "1") : "-");
                out.put("trace", String.join(";", o.trace()));
                out.put("rand_after", u32(o.state().cpu(cpu).randomval()));
                out.put("n_random", String.valueOf(o.randomDraws()));
                return out;
            };
        }
    }

    /** Runs a probe; a state the model refuses becomes a FILE:LINE error rather than an internal one. */
    static SmpProbe.Outcome probe(CsvInput.Row r, java.util.function.Supplier<SmpProbe.Outcome> run) {
        try {
            return run.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw r.error("the model cannot run on this recorded state: " + e.getMessage());
        }
    }

    /**
     * smp/balance.csv: one {@code sched_balance()} pass on CPU 0. Inputs: {@code topo,
     * rand_before} (CPU 0's randomval), {@code load, transferable, lowpri, idx_ridx, cur,
     * queues}; {@code balance_cpu} is optional and must be 0 (the balancer is the BSP's).
     * Outputs: balance_ticks, moves ({@code tid:from>to;...} or {@code -}), pickcpu_mark
     * ({@code cpu:tid} or {@code -}), trace, rand_after, n_random.
     */
    static final class BalanceTable extends EvalTable {
        BalanceTable() {
            super("balance", List.of("row", "topo", "ncpu", "balance_cpu", "rand_before", "load", "transferable", "lowpri",
                    "idx_ridx", "cur", "queues", "balance_ticks", "moves", "pickcpu_mark", "trace", "rand_after", "n_random"),
                    List.of("topo", "rand_before", "load", "transferable", "lowpri", "idx_ridx", "cur", "queues"));
        }

        @Override
        public RowEvaluator start() {
            Topologies topos = new Topologies();
            return r -> {
                Topology t = topos.of(r);
                if (r.has("balance_cpu")) {
                    r.integerIn("balance_cpu", 0, 0);
                }
                RecordedSmpState s = state(r, t, 0);
                SmpProbe.Outcome o = probe(r, () -> SmpProbe.balance(s.machine(), s.lockedElsewhere()));
                List<String> moves = new ArrayList<>();
                String mark = "-";
                for (Decision d : o.decisions()) {
                    if (d instanceof Decision.Migrate mig) {
                        moves.add(mig.tid() + ":" + mig.from() + ">" + mig.to());
                    } else if (d instanceof Decision.RepickRequest rp) {
                        mark = rp.cpu() + ":" + rp.tid();
                    }
                }
                Map<String, String> out = new HashMap<>();
                out.put("ncpu", String.valueOf(t.cpuCount()));
                out.put("balance_cpu", "0");
                out.put("balance_ticks", String.valueOf(o.balanceTicks()));
                out.put("moves", moves.isEmpty() ? "-" : String.join(";", moves));
                out.put("pickcpu_mark", mark);
                out.put("trace", String.join(";", o.trace()));
                out.put("rand_after", u32(o.state().cpu(0).randomval()));
                out.put("n_random", String.valueOf(o.randomDraws()));
                return out;
            };
        }
    }

    /**
     * smp/topology.csv: one group of a spec's tree. Inputs: {@code topo, group}. Outputs: parent
     * ({@code -} for the root), cg_level, cg_flags, cg_children, cg_first, cg_last, cg_count,
     * cg_mask_hex.
     */
    static final class TopologyTable extends EvalTable {
        TopologyTable() {
            super("topology", List.of("topo", "group", "parent", "cg_level", "cg_flags", "cg_children", "cg_first", "cg_last",
                    "cg_count", "cg_mask_hex"), List.of("topo", "group"));
        }

        @Override
        public RowEvaluator start() {
            Topologies topos = new Topologies();
            return r -> {
                Topology t = topos.of(r);
                CpuGroup g = group(r, t);
                Map<String, String> o = new HashMap<>();
                o.put("parent", g.isRoot() ? "-" : t.parentOf(g).name());
                o.put("cg_level", String.valueOf(g.level()));
                o.put("cg_flags", String.valueOf(g.flags()));
                o.put("cg_children", String.valueOf(g.childCount()));
                o.put("cg_first", String.valueOf(g.first()));
                o.put("cg_last", String.valueOf(g.last()));
                o.put("cg_count", String.valueOf(g.count()));
                o.put("cg_mask_hex", g.mask().toHex());
                return o;
            };
        }
    }
}
