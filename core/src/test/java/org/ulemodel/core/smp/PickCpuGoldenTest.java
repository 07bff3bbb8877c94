// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.smp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.golden.GoldenTable;
import org.ulemodel.core.topo.Topology;

/**
 * Every row of golden/smp/pickcpu.csv: {@code sched_pickcpu(td, flags)} on curcpu with curcpu's
 * randomval, compared on chosen_cpu, ts_cpu_after, rand_after (u32), n_random and sched_stats
 * (the SCHED_STAT counters in bump order, joined by ';', '-' for none). The LoadView refuses
 * transferable reads, which pickcpu must not make.
 */
class PickCpuGoldenTest {

    @Test
    void everyRowMatchesFreeBsd() {
        GoldenTable table = GoldenTable.load("smp/pickcpu.csv");
        GoldenTable.Verdict verdict = new GoldenTable.Verdict("smp/pickcpu.csv");
        SmpGolden golden = new SmpGolden();
        TreeSet<String> scenarios = new TreeSet<>();
        TreeSet<String> statsSeen = new TreeSet<>();
        for (GoldenTable.Row row : table.rows()) {
            Topology t = golden.topology(row);
            scenarios.add(row.get("scenario"));
            if (row.i("affinity") != 1) {
                throw new IllegalStateException(row.where() + ": README fixes affinity = 1");
            }
            LoadView v = SmpGolden.view(SmpGolden.perCpu(row, "load"), SmpGolden.perCpu(row, "lowpri"), null);
            Lcg rnd = new Lcg(SmpGolden.u32(row, "rand_before"));
            PickRequest req = new PickRequest(row.i("curcpu"), row.i("ticks"), row.i("affinity"),
                    row.i("td_priority"), row.i("ts_cpu"), row.i("ts_rltick"), SmpGolden.mask(row, "cpuset_hex"),
                    row.i("td_pinned"), row.i("srq_ourself") != 0, row.i("running") != 0, row.i("in_intr") != 0);
            PickResult res = PickCpu.pick(t, req, v, rnd);
            statsSeen.addAll(res.stats());
            verdict.add(row.check()
                    .col("chosen_cpu", res.cpu())
                    .col("ts_cpu_after", res.tsCpuAfter())
                    .col("rand_after", SmpGolden.u32Text(rnd.state()))
                    .col("n_random", rnd.draws())
                    .col("sched_stats", res.stats().isEmpty() ? "-" : String.join(";", res.stats())));
        }
        verdict.assertAllMatch();
        assertThat(verdict.checked()).isEqualTo(table.rows().size()).isGreaterThan(5000);
        // The table must still exercise every path, or a pass proves less than it seems.
        assertThat(scenarios).contains("wakeup", "ithread_intr", "switch_pickcpu", "tick_wrap", "ourself", "pinned");
        assertThat(statsSeen).containsExactlyInAnyOrder(PickCpu.STAT_IDLE_AFFINITY, PickCpu.STAT_AFFINITY,
                PickCpu.STAT_INTRBIND, PickCpu.STAT_LOWEST, PickCpu.STAT_LOCAL, PickCpu.STAT_MIGRATION);
    }
}
