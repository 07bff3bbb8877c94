// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ulemodel.core.golden.GoldenTable;

/** Every V14 row of golden/preempt.csv: sched_shouldpreempt for thresholds 0, 80 and 255. */
class PreemptGoldenTest {

    @Test
    void everyRowMatches() {
        GoldenTable.Verdict v = new GoldenTable.Verdict("preempt.csv");
        for (GoldenTable.Row row : GoldenTable.load("preempt.csv").rows(r -> r.get("version").equals("V14"))) {
            boolean yes = Preemption.shouldPreempt(row.i("pri"), row.i("cpri"), row.i("remote") != 0,
                    row.i("preempt_thresh"));
            v.add(row.check().col("should_preempt", yes ? 1 : 0));
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(3872);
    }
}
