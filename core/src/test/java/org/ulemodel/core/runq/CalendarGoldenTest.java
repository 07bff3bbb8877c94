// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.runq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.golden.GoldenTable;
import org.ulemodel.core.golden.GoldenTable.Row;
import org.ulemodel.core.golden.GoldenTable.Verdict;

/** {@code tdq_runq_add}'s queue choice agrees with FreeBSD's on every row of calendar.csv. */
class CalendarGoldenTest {

    /** Every row (realtime, timeshare, idle; normal and PREEMPTED; reachable or not) matches. */
    @Test
    void placementMatchesEveryRow() {
        Verdict v = new Verdict("calendar.csv");
        for (Row row : GoldenTable.load("calendar.csv").rows()) {
            boolean preempted = switch (row.get("flags")) {
                case "normal" -> false;
                case "PREEMPTED" -> true;
                default -> throw new AssertionError(row.where() + ": unknown flags " + row.get("flags"));
            };
            int pri = row.i("priority");
            int idx = row.i("tdq_idx");
            int ridx = row.i("tdq_ridx");
            Placement p = Calendar.place(pri, idx, ridx, preempted, false);
            int lag = Math.floorMod(idx - ridx, 64);
            v.add(row.check()
                    .col("runq", p.runq().name().toLowerCase(Locale.ROOT))
                    .col("base_offset", p.baseOffset())
                    .col("queue_index", p.queue())
                    .col("collision_adjusted", p.collisionAdjusted() ? 1 : 0)
                    .col("reachable", lag <= 1 ? 1 : 0));
            assertThat(p.atHead()).as(row.where()).isEqualTo(preempted);
            assertThat(new CalendarIndex(idx, ridx).place(pri, preempted, false)).as(row.where()).isEqualTo(p);
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(12350);
    }

    /** Batch rows' base_offset is the pure function Calendar.baseOffset. */
    @Test
    void baseOffsetMatchesTimeshareRows() {
        Verdict v = new Verdict("calendar.csv base_offset");
        for (Row row : GoldenTable.load("calendar.csv").rows(r -> r.get("runq").equals("timeshare"))) {
            v.add(row.check().col("base_offset", Calendar.baseOffset(row.i("priority"))));
        }
        v.assertAllMatch();
    }
}
