// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.smp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ulemodel.core.golden.GoldenTable;
import org.ulemodel.core.topo.CpuGroup;
import org.ulemodel.core.topo.Topology;

/**
 * Every row of golden/smp/search_highest.csv: {@code sched_highest(group, mask, minload,
 * mintrans)} run with caller_cpu's randomval, compared on cpu, res_load (empty when cpu is -1),
 * total, rand_after and n_random.
 */
class SearchHighestGoldenTest {

    @Test
    void everyRowMatchesFreeBsd() {
        GoldenTable table = GoldenTable.load("smp/search_highest.csv");
        GoldenTable.Verdict verdict = new GoldenTable.Verdict("smp/search_highest.csv");
        SmpGolden golden = new SmpGolden();
        for (GoldenTable.Row row : table.rows()) {
            Topology t = golden.topology(row);
            CpuGroup cg = t.groupNamed(row.get("group"));
            LoadView v = SmpGolden.view(SmpGolden.perCpu(row, "load"), null, SmpGolden.perCpu(row, "transferable"));
            Lcg rnd = new Lcg(SmpGolden.u32(row, "rand_before"));
            SearchResult res = CpuSearch.highest(t, cg, SmpGolden.mask(row, "mask_hex"), row.i("minload"),
                    row.i("mintrans"), v, rnd);
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
