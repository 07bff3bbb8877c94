// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ulemodel.core.golden.GoldenTable;

/** Every row of golden/interact.csv: sched_interact_score with tunable 30 (shortcut) and 100 (none). */
class InteractGoldenTest {

    @Test
    void scoreAndScoreWithoutShortcutMatchEveryRow() {
        GoldenTable.Verdict v = new GoldenTable.Verdict("interact.csv");
        for (GoldenTable.Row row : GoldenTable.load("interact.csv").rows()) {
            int runtime = Integer.parseUnsignedInt(row.get("runtime_ticks"));
            int slptime = Integer.parseUnsignedInt(row.get("slptime_ticks"));
            v.add(row.check()
                    .col("score", Interactivity.score(runtime, slptime, 30))
                    .col("score_no_shortcut", Interactivity.score(runtime, slptime, 100)));
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(3394);
    }
}
