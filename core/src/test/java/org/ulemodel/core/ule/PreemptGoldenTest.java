// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ulemodel.core.golden.GoldenTable;

/**
 * Every row of golden/preempt.csv (FreeBSD 14: thresholds 0, 80, 255; pri &le; thresh) and of
 * golden/v15/preempt_v15.csv (FreeBSD 15: thresholds 0, 40, 256; pri &lt; thresh):
 * sched_shouldpreempt, each version's through {@link UleVersion}.
 */
class PreemptGoldenTest {

    @ParameterizedTest
    @CsvSource({"V14,preempt.csv,3872", "V15,v15/preempt_v15.csv,3362"})
    void everyRowMatches(UleVersion ule, String file, int rows) {
        GoldenTable.Verdict v = new GoldenTable.Verdict(file);
        for (GoldenTable.Row row : GoldenTable.load(file).rows(r -> r.get("version").equals(ule.goldenName()))) {
            boolean yes = ule.shouldPreempt(row.i("pri"), row.i("cpri"), row.i("remote") != 0, row.i("preempt_thresh"));
            v.add(row.check().col("should_preempt", yes ? 1 : 0));
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(rows);
    }
}
