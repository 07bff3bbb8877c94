// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.golden.GoldenTable;
import org.ulemodel.core.golden.GoldenTable.Row;
import org.ulemodel.core.golden.GoldenTable.Verdict;

/**
 * FreeBSD 15's single-CPU simulations match FreeBSD's, stathz tick by stathz tick
 * (golden/v15/calendar_sim_v15.csv) and in their per-thread totals
 * (golden/v15/calendar_sim_v15_summary.csv). The scenarios are read from the golden files the
 * same way as V14's ({@link CalendarSimGoldenTest#scenarios}).
 */
class CalendarSimV15GoldenTest {
    private static final String SIM = "v15/calendar_sim_v15.csv";
    private static final String SUMMARY = "v15/calendar_sim_v15_summary.csv";

    @Test
    void everyTickOfEverySimulationMatches() {
        GoldenTable sim = GoldenTable.load(SIM);
        Verdict v = new Verdict(SIM);
        for (CalendarSimulation.Spec spec : CalendarSimGoldenTest.scenarios(sim, GoldenTable.load(SUMMARY)).values()) {
            List<Row> golden = sim.rows(r -> r.get("scenario").equals(spec.scenario()));
            List<CalendarSimulation15.Row> model = CalendarSimulation15.run(spec).rows();
            assertThat(model).hasSameSizeAs(golden);
            for (int i = 0; i < golden.size(); i++) {
                CalendarSimulation15.Row m = model.get(i);
                v.add(golden.get(i).check()
                        .col("stat_tick", m.statTick())
                        .col("hz_ticks", m.hzTicks())
                        .col("cur_thread", m.curThread())
                        .col("cur_td_priority", m.curPriority())
                        .col("cur_rqindex", m.curRqIndex())
                        .col("tdq_ts_off", m.tsOff())
                        .col("tdq_ts_deq_off", m.deqOff())
                        .col("tdq_ts_ticks", m.tsTicks())
                        .col("tdq_slice", m.tdqSlice())
                        .col("status_words_3_2_1_hex", m.statusWords321Hex())
                        .col("event", m.switched() ? "switch" : "")
                        .col("requeued_at_index", m.switched() ? String.valueOf(m.requeuedAt()) : "")
                        .col("next_thread", m.switched() ? String.valueOf(m.nextThread()) : "")
                        .col("next_td_priority", m.switched() ? String.valueOf(m.nextPriority()) : ""));
            }
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(sim.rows().size()).isEqualTo(4210);
    }

    @Test
    void everySummaryRowMatches() {
        GoldenTable summary = GoldenTable.load(SUMMARY);
        Verdict v = new Verdict(SUMMARY);
        for (CalendarSimulation.Spec spec : CalendarSimGoldenTest.scenarios(GoldenTable.load(SIM), summary).values()) {
            CalendarSimGoldenTest.checkSummary(v, summary.rows(r -> r.get("scenario").equals(spec.scenario())),
                    CalendarSimulation15.run(spec).summary());
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(summary.rows().size()).isEqualTo(9);
    }
}
