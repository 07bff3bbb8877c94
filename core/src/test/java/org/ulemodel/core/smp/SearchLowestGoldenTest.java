// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.smp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ulemodel.core.golden.GoldenTable;
import org.ulemodel.core.topo.CpuGroup;
import org.ulemodel.core.topo.Topology;

/**
 * Every row of golden/smp/search_lowest.csv: {@code sched_lowest(group, mask, pri, maxload,
 * prefer, running)} run with caller_cpu's randomval, compared on cpu, res_load (empty when cpu is
 * -1), total, rand_after and n_random.
 */
class SearchLowestGoldenTest {

    @Test
    void everyRowMatchesFreeBsd() {
        GoldenTable table = GoldenTable.load("smp/search_lowest.csv");
        GoldenTable.Verdict verdict = new GoldenTable.Verdict("smp/search_lowest.csv");
        SmpGolden golden = new SmpGolden();
        for (GoldenTable.Row row : table.rows()) {
            Topology t = golden.topology(row);
            CpuGroup cg = t.groupNamed(row.get("group"));
            LoadView v = SmpGolden.view(SmpGolden.perCpu(row, "load"), SmpGolden.perCpu(row, "lowpri"), null);
            Lcg rnd = new Lcg(SmpGolden.u32(row, "rand_before"));
            SearchResult res = CpuSearch.lowest(t, cg, SmpGolden.mask(row, "mask_hex"), row.i("pri"),
                    row.i("maxload"), row.i("prefer"), row.i("running") != 0, v, rnd);
            verdict.add(row.check()
                    .col("cpu", res.cpu())
                    .col("res_load", res.found() ? String.valueOf(res.load()) : "")
                    .col("total", res.total())
                    .col("rand_after", SmpGolden.u32Text(rnd.state()))
                    .col("n_random", rnd.draws()));
        }
        verdict.assertAllMatch();
        assertThat(verdict.checked()).isEqualTo(table.rows().size()).isGreaterThan(1000);
    }
}
