// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ulemodel.core.golden.GoldenTable;

/** Every row of golden/v15/slice_v15.csv: FreeBSD 15's sched_initticks() products and tdq_slice(), unchanged from V14. */
class SliceV15GoldenTest {

    @Test
    void everyColumnOfEveryRowMatches() {
        GoldenTable.Verdict v = new GoldenTable.Verdict("v15/slice_v15.csv");
        for (GoldenTable.Row row : GoldenTable.load("v15/slice_v15.csv").rows()) {
            SchedParams p = UleVersion.V15.params(row.i("hz"), row.i("stathz"));
            v.add(row.check()
                    .col("version", "V15")
                    .col("realstathz", p.realstathz())
                    .col("sched_slice", p.slice())
                    .col("sched_slice_min", p.sliceMin())
                    .col("tickincr", p.tickincr())
                    .col("hogticks", p.hogticks())
                    .col("tdq_slice", p.tdqSlice(row.i("tdq_sysload"))));
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(68);
    }
}
