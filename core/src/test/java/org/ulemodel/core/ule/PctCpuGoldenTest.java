// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ulemodel.core.golden.GoldenTable;

/**
 * golden/pctcpu.csv (FreeBSD 14) and golden/v15/pctcpu_v15.csv (FreeBSD 15, same history and
 * columns) replayed as one thread: 15 s of running from hz tick 0, then 12 s asleep with a %CPU
 * query every 250 hz ticks; each version's formulas through {@link UleVersion}.
 *
 * <p>The run rows are samples, not every update: their ts_ftick jumps to whole thousands
 * (1000 at row tick 11086, not 1086), which only happens if the window was also updated at hz
 * tick 11000. A replay that updates only at the sampled ticks fails there. So the running phase
 * is replayed as a thread whose window is updated (run = true) on every hz tick up to each row's
 * tick; for a 100 % runner that is equivalent to stathz-tick updates plus a once-a-second query.
 * The thread stops running at 15 s (golden/README.md, pctcpu.csv: it runs "for the first
 * 15 s"; the last run row is at 14992, and the first sleep row's window shows a final run update
 * at hz tick 15000), so the replay runs on to 15 · hz before the first sleep row. Each
 * sleep_query row is then one update with run = false at its tick, as sched_pctcpu() does for a
 * thread that is not running.
 */
class PctCpuGoldenTest {

    /** pctcpu_fixpt as a percentage with three decimals, exact ties rounded to even as C's printf does. */
    static String percent(int fixpt) {
        return new BigDecimal(fixpt).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(PctCpu.FSCALE))
                .setScale(3, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Seconds the thread runs before it goes to sleep. */
    private static final int RUN_SECONDS = 15;

    @ParameterizedTest
    @EnumSource(UleVersion.class)
    void runThenSleepSequenceMatches(UleVersion ule) {
        String file = ule == UleVersion.V14 ? "pctcpu.csv" : "v15/pctcpu_v15.csv";
        GoldenTable.Verdict v = new GoldenTable.Verdict(file);
        CpuWindow w = CpuWindow.startingAt(0);
        int now = 0;
        int sleepRows = 0;
        for (GoldenTable.Row row : GoldenTable.load(file).rows(r -> r.get("version").equals(ule.goldenName()))) {
            SchedParams p = ule.params(row.i("hz"), row.i("stathz"));
            int t = row.i("hz_ticks");
            assertThat(t).as("%s: hz ticks advance", row.where()).isGreaterThan(now);
            switch (row.get("event")) {
                case "run":
                    for (int tick = now + 1; tick <= t; tick++) {
                        w = ule.updateWindow(w, tick, true, p);
                    }
                    break;
                case "sleep_query":
                    for (int tick = now + 1; tick <= RUN_SECONDS * p.hz(); tick++) {
                        w = ule.updateWindow(w, tick, true, p);
                    }
                    w = ule.updateWindow(w, t, false, p);
                    sleepRows++;
                    break;
                default:
                    throw new AssertionError(row.where() + ": unknown event " + row.get("event"));
            }
            now = t;
            int fixpt = ule.pctcpu(w, p);
            v.add(row.check()
                    .col("ts_ticks", w.tsTicks())
                    .col("ts_ftick", w.ftick())
                    .col("ts_ltick", w.ltick())
                    .col("window", w.length())
                    .col("pctcpu_fixpt", fixpt)
                    .col("pctcpu_pct", percent(fixpt))
                    .col("batch_pri_nice0", ule.batchPriority(0, w, p)));
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(170);
        assertThat(sleepRows).isEqualTo(48);
    }

    @Test
    void percentRoundsExactTiesToEvenLikePrintf() {
        assertThat(percent(1056)).isEqualTo("51.562");
        assertThat(percent(2)).isEqualTo("0.098");
        assertThat(percent(2048)).isEqualTo("100.000");
    }
}
