// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ulemodel.core.golden.GoldenTable;

/** Every V14 row of golden/priority.csv (grids A and B at hz 1000, grid C at hz 100), every column. */
class PriorityGoldenTest {

    @Test
    void everyColumnOfEveryRowMatches() {
        GoldenTable.Verdict v = new GoldenTable.Verdict("priority.csv");
        int hz100 = 0;
        for (GoldenTable.Row row : GoldenTable.load("priority.csv").rows(r -> r.get("version").equals("V14"))) {
            SchedParams p = SchedParams.initticks(row.i("hz"), row.i("stathz"));
            PriorityCalc c = Priority.compute(Integer.parseUnsignedInt(row.get("runtime")),
                    Integer.parseUnsignedInt(row.get("slptime")), row.i("nice"), row.i("ts_ticks"), row.i("ftick"),
                    row.i("ltick"), p);
            v.add(row.check()
                    .col("score", c.score())
                    .col("score_plus_nice", c.scorePlusNice())
                    .col("window_ticks", c.windowTicks())
                    .col("ticks_term", c.ticksTerm())
                    .col("branch", c.branch())
                    .col("priority", c.priority()));
            // the priority-only form takes the same branches without the record
            assertThat(Priority.of(Integer.parseUnsignedInt(row.get("runtime")),
                    Integer.parseUnsignedInt(row.get("slptime")), row.i("nice"), row.i("ts_ticks"), row.i("ftick"),
                    row.i("ltick"), p)).as(row.where()).isEqualTo(c.priority());
            if (p.hz() == 100) {
                hz100++;
            }
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(8688);
        assertThat(hz100).isEqualTo(255);
    }
}
