// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ulemodel.core.golden.GoldenTable;

/** Every V14 row of golden/slice.csv: stathz from the clock mode, sched_initticks products, tdq_slice. */
class SliceGoldenTest {

    @Test
    void everyColumnOfEveryClockModeAndHzMatches() {
        GoldenTable.Verdict v = new GoldenTable.Verdict("slice.csv");
        for (GoldenTable.Row row : GoldenTable.load("slice.csv").rows(r -> r.get("version").equals("V14"))) {
            ClockMode mode = ClockMode.parse(row.get("clock_mode"));
            int hz = row.i("hz");
            int stathz = mode.stathz(hz);
            SchedParams p = SchedParams.initticks(hz, stathz);
            int sysload = row.i("tdq_sysload");
            v.add(row.check()
                    .col("stathz", stathz)
                    .col("realstathz", p.realstathz())
                    .col("sched_slice", p.slice())
                    .col("sched_slice_min", p.sliceMin())
                    .col("tickincr", p.tickincr())
                    .col("hogticks", p.hogticks())
                    .col("rr_interval_hz_ticks", p.rrInterval())
                    .col("balance_interval", p.balanceInterval())
                    .col("affinity", p.affinity())
                    .col("idlespinthresh", p.idleSpinThresh())
                    .col("slp_run_max", p.slpRunMax())
                    .col("slp_run_fork", p.slpRunFork())
                    .col("load_minus_1", sysload - 1)
                    .col("tdq_slice", p.tdqSlice(sysload))
                    .col("tdq_slice_us", p.tdqSliceMicros(sysload)));
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(204);
    }
}
