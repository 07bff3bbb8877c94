// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ulemodel.core.golden.GoldenTable;

/**
 * Every row of golden/v15/priority_v15.csv (grids A and B at hz 1000), every column: FreeBSD 15's
 * sched_priority() with its nice and %CPU parts. The window fields are u_int in V15.
 */
class PriorityV15GoldenTest {

    @Test
    void everyColumnOfEveryRowMatches() {
        GoldenTable.Verdict v = new GoldenTable.Verdict("v15/priority_v15.csv");
        int batch = 0;
        for (GoldenTable.Row row : GoldenTable.load("v15/priority_v15.csv").rows()) {
            SchedParams p = UleVersion.V15.params(row.i("hz"), row.i("stathz"));
            int nice = row.i("nice");
            int tsTicks = Integer.parseUnsignedInt(row.get("ts_ticks"));
            int ftick = Integer.parseUnsignedInt(row.get("ftick"));
            int ltick = Integer.parseUnsignedInt(row.get("ltick"));
            PriorityCalc15 c = Priority15.compute(Integer.parseUnsignedInt(row.get("runtime")),
                    Integer.parseUnsignedInt(row.get("slptime")), nice, tsTicks, ftick, ltick, p);
            v.add(row.check()
                    .col("version", "V15")
                    .col("score", c.score())
                    .col("score_plus_nice", c.scorePlusNice())
                    .col("window_ticks", Integer.toUnsignedString(c.windowTicks()))
                    .col("cpu_pri_off", c.cpuPriOff())
                    .col("nice_pri_off", c.nicePriOff())
                    .col("branch", c.branch())
                    .col("priority", c.priority()));
            assertThat(Priority15.of(Integer.parseUnsignedInt(row.get("runtime")),
                    Integer.parseUnsignedInt(row.get("slptime")), nice, tsTicks, ftick, ltick, p))
                    .as(row.where()).isEqualTo(c.priority());
            if (!c.interactive()) {
                batch++;
                assertThat(Priority15.batch(nice, new CpuWindow(tsTicks, ftick, ltick))).as(row.where())
                        .isEqualTo(c.priority());
            }
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(9321);
        assertThat(batch).isEqualTo(6437);
    }
}
