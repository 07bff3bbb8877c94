// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.golden.GoldenTable;
import org.ulemodel.core.golden.GoldenTable.Row;
import org.ulemodel.core.golden.GoldenTable.Verdict;

/**
 * FreeBSD 15's {@code tdq_runq_add} queue choice agrees with FreeBSD's on every row of
 * golden/v15/calendar_v15.csv: every (tdq_ts_off, tdq_ts_deq_off) pair, batch priorities and a
 * sample of realtime and idle ones, normal and PREEMPTED, reachable lags or not.
 */
class CalendarV15GoldenTest {

    @Test
    void placementMatchesEveryRow() {
        Verdict v = new Verdict("v15/calendar_v15.csv");
        for (Row row : GoldenTable.load("v15/calendar_v15.csv").rows()) {
            boolean preempted = switch (row.get("flags")) {
                case "normal" -> false;
                case "PREEMPTED" -> true;
                default -> throw new AssertionError(row.where() + ": unknown flags " + row.get("flags"));
            };
            Calendar15 cal = new Calendar15(row.i("tdq_ts_off"), row.i("tdq_ts_deq_off"), 0);
            Placement15 p = cal.place(row.i("priority"), preempted, false);
            v.add(row.check()
                    .col("version", "V15")
                    .col("policy", p.policy().name().toLowerCase(Locale.ROOT))
                    .col("pri_min_batch", Priorities15.PRI_MIN_BATCH)
                    .col("ts_modulo", Priorities15.RQ_TS_POL_MODULO)
                    .col("reachable", cal.lag() <= 2 ? 1 : 0)
                    .col("base_offset", p.baseOffset())
                    .col("queue_index", p.queue())
                    .col("offset_in_ts_range", p.offsetInTsRange())
                    .col("collision_adjusted", p.collisionAdjusted() ? 1 : 0));
            assertThat(p.atHead()).as(row.where()).isEqualTo(preempted);
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(27772);
    }
}
