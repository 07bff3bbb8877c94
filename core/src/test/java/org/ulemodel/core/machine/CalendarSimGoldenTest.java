// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.golden.GoldenTable;
import org.ulemodel.core.golden.GoldenTable.Row;
import org.ulemodel.core.golden.GoldenTable.Verdict;

/**
 * The single-CPU simulations match FreeBSD's, stathz tick by stathz tick (calendar_sim.csv) and
 * in their per-thread totals (calendar_sim_summary.csv). Each scenario's threads, priorities,
 * nice values and length are read from the golden files themselves.
 */
class CalendarSimGoldenTest {

    /** Scenario name → its spec, derived from the summary table and the row count. */
    static Map<String, CalendarSimulation.Spec> scenarios(GoldenTable sim, GoldenTable summary) {
        Map<String, Integer> length = new LinkedHashMap<>();
        for (Row r : sim.rows()) {
            length.merge(r.get("scenario"), 1, Integer::sum);
        }
        Map<String, CalendarSimulation.Spec> specs = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : length.entrySet()) {
            String name = e.getKey();
            List<Row> threads = summary.rows(r -> r.get("scenario").equals(name));
            int[] pris = threads.stream().mapToInt(r -> r.i("fixed_pri")).toArray();
            int[] nices = threads.stream().mapToInt(r -> r.i("nice")).toArray();
            if (name.startsWith("fixed_")) {
                specs.put(name, CalendarSimulation.Spec.fixed(name, pris, e.getValue()));
            } else if (name.startsWith("hogs_")) {
                specs.put(name, CalendarSimulation.Spec.hogs(name, nices, true, e.getValue()));
            } else {
                throw new AssertionError("unknown scenario kind: " + name);
            }
        }
        return specs;
    }

    @Test
    void everyTickOfEverySimulationMatches() {
        GoldenTable sim = GoldenTable.load("calendar_sim.csv");
        GoldenTable summary = GoldenTable.load("calendar_sim_summary.csv");
        Verdict v = new Verdict("calendar_sim.csv");
        for (CalendarSimulation.Spec spec : scenarios(sim, summary).values()) {
            List<Row> golden = sim.rows(r -> r.get("scenario").equals(spec.scenario()));
            List<CalendarSimulation.Row> model = CalendarSimulation.run(spec).rows();
            assertThat(model).hasSameSizeAs(golden);
            for (int i = 0; i < golden.size(); i++) {
                Row g = golden.get(i);
                CalendarSimulation.Row m = model.get(i);
                v.add(g.check()
                        .col("stat_tick", m.statTick())
                        .col("hz_ticks", m.hzTicks())
                        .col("cur_thread", m.curThread())
                        .col("cur_td_priority", m.curPriority())
                        .col("cur_rqindex", m.curRqIndex())
                        .col("tdq_idx", m.idx())
                        .col("tdq_ridx", m.ridx())
                        .col("tdq_slice", m.tdqSlice())
                        .col("timeshare_bitmap_hex", Long.toHexString(m.timeshareStatus()))
                        .col("event", m.switched() ? "switch" : "")
                        .col("requeued_at_index", m.switched() ? String.valueOf(m.requeuedAt()) : "")
                        .col("next_thread", m.switched() ? String.valueOf(m.nextThread()) : "")
                        .col("next_td_priority", m.switched() ? String.valueOf(m.nextPriority()) : ""));
            }
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(sim.rows().size());
    }

    @Test
    void everySummaryRowMatches() {
        GoldenTable sim = GoldenTable.load("calendar_sim.csv");
        GoldenTable summary = GoldenTable.load("calendar_sim_summary.csv");
        Verdict v = new Verdict("calendar_sim_summary.csv");
        for (CalendarSimulation.Spec spec : scenarios(sim, summary).values()) {
            List<Row> golden = summary.rows(r -> r.get("scenario").equals(spec.scenario()));
            List<CalendarSimulation.ThreadSummary> model = CalendarSimulation.run(spec).summary();
            checkSummary(v, golden, model);
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(summary.rows().size());
    }

    /** Adds the comparison of one scenario's per-thread totals with its golden summary rows (V14 and V15 share the columns). */
    static void checkSummary(Verdict v, List<Row> golden, List<CalendarSimulation.ThreadSummary> model) {
        assertThat(model).hasSameSizeAs(golden);
        for (int i = 0; i < golden.size(); i++) {
            CalendarSimulation.ThreadSummary m = model.get(i);
            v.add(golden.get(i).check()
                    .col("thread", m.thread())
                    .col("fixed_pri", m.fixedPriority())
                    .col("nice", m.nice())
                    .col("final_td_priority", m.finalPriority())
                    .col("cpu_stat_ticks", m.cpuStatTicks())
                    .col("cpu_share", String.format(Locale.ROOT, "%.4f", m.cpuShare()))
                    .col("runtime", Integer.toUnsignedString(m.runtime()))
                    .col("slptime", Integer.toUnsignedString(m.slptime()))
                    .col("ts_ticks", Integer.toUnsignedString(m.tsTicks()))
                    .col("td_user_pri", m.userPri()));
        }
    }
}
