// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.o1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ulemodel.core.golden.GoldenTable;

/**
 * Every row and every output column of every file of {@code golden/o1/} against {@link O1Math}:
 * Linux 2.6.12-rc2's O(1) arithmetic, LP64, and {@code recalc_prio_ilp32.csv} with 32-bit
 * {@code unsigned long}. A mismatch fails with the file, the line and each differing column; a
 * missing file fails, never skips.
 */
class O1GoldenTest {
    private static String b(boolean v) {
        return v ? "1" : "0";
    }

    /**
     * {@code constants.csv}: each macro by name ({@link O1Math#constant}); the
     * {@code TIMESLICE_GRANULARITY(...)} rows are computed from their arguments.
     */
    @Test
    void constants() {
        GoldenTable.Verdict v = new GoldenTable.Verdict("o1/constants.csv");
        int granularity = 0;
        for (GoldenTable.Row row : GoldenTable.load("o1/constants.csv").rows()) {
            String name = row.get("name");
            Long model = O1Math.constant(name);
            granularity += name.startsWith("TIMESLICE_GRANULARITY(") ? 1 : 0;
            v.add(row.check().col("value", model == null ? "(no such constant in the model)" : model));
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(72);
        assertThat(granularity).isEqualTo(33);
    }

    /** {@link O1Math#constant} refuses what it does not know, and a granularity whose bonus is not that of its sleep_avg. */
    @Test
    void unknownConstants() {
        assertThat(O1Math.constant("NO_SUCH_MACRO")).isNull();
        assertThat(O1Math.constant("TIMESLICE_GRANULARITY(sleep_avg=0;bonus=1;cpus=1)")).isNull();
        assertThat(O1Math.constant("TIMESLICE_GRANULARITY(sleep_avg=0;bonus=0)")).isNull();
        assertThat(O1Math.constant("TIMESLICE_GRANULARITY(sleep_avg=0;bonus=0;cpus=2)")).isEqualTo(10240L);
        assertThat(O1Math.constant("TIMESLICE_GRANULARITY(sleep_avg=0;bonus=0;cpus=4096)")).isNotNull();
        assertThat(O1Math.constant("TIMESLICE_GRANULARITY(sleep_avg=0;bonus=0;cpus=4097)")).isNull();
        assertThat(O1Math.constant("TIMESLICE_GRANULARITY(sleep_avg=0;bonus=0;cpus)")).isNull();
        assertThat(O1Math.constant("TIMESLICE_GRANULARITY(sleep_avg=0;sleep_avg=0;cpus=1)")).isNull();
        assertThat(O1Math.constant("TIMESLICE_GRANULARITY(sleep_avg=0;bonus=x;cpus=1)")).isNull();
    }

    /** {@code effective_prio.csv}: {@code CURRENT_BONUS} and {@code effective_prio} on and around every bonus boundary. */
    @Test
    void effectivePrio() {
        GoldenTable.Verdict v = new GoldenTable.Verdict("o1/effective_prio.csv");
        for (GoldenTable.Row row : GoldenTable.load("o1/effective_prio.csv").rows()) {
            long sleepAvg = row.l("sleep_avg_ns");
            v.add(row.check()
                    .col("static_prio", O1Math.niceToPrio(row.i("nice")))
                    .col("current_bonus", O1Math.currentBonus(sleepAvg))
                    .col("prio", O1Math.effectivePrio(row.i("static_prio"), sleepAvg)));
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(587);
    }

    /** {@code timeslice.csv}: {@code task_timeslice} over the whole nice range. */
    @Test
    void timeslice() {
        GoldenTable.Verdict v = new GoldenTable.Verdict("o1/timeslice.csv");
        for (GoldenTable.Row row : GoldenTable.load("o1/timeslice.csv").rows()) {
            v.add(row.check()
                    .col("static_prio", O1Math.niceToPrio(row.i("nice")))
                    .col("timeslice_jiffies", O1Math.taskTimeslice(row.i("static_prio"))));
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(40);
    }

    /** {@code interactive.csv}: {@code TASK_NICE}, {@code DELTA}, {@code TASK_INTERACTIVE}, {@code INTERACTIVE_SLEEP}. */
    @Test
    void interactive() {
        GoldenTable.Verdict v = new GoldenTable.Verdict("o1/interactive.csv");
        for (GoldenTable.Row row : GoldenTable.load("o1/interactive.csv").rows()) {
            int sp = row.i("static_prio");
            v.add(row.check()
                    .col("task_nice", O1Math.prioToNice(sp))
                    .col("delta", O1Math.delta(sp))
                    .col("task_interactive", b(O1Math.taskInteractive(row.i("prio"), sp)))
                    .col("interactive_sleep_ns", O1Math.interactiveSleep(sp)));
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(534);
    }

    private static void recalc(String file, int wordBits) {
        GoldenTable.Verdict v = new GoldenTable.Verdict(file);
        for (GoldenTable.Row row : GoldenTable.load(file).rows()) {
            int sp = row.i("static_prio");
            long before = row.l("sleep_avg_before_ns");
            O1Math.Recalc r = O1Math.recalcTaskPrio(sp, row.i("mm") == 1, row.i("activated"), before, row.l("sleep_time_ns"), wordBits);
            v.add(row.check()
                    .col("current_bonus_before", O1Math.currentBonus(before))
                    .col("interactive_sleep_ns", O1Math.interactiveSleep(sp))
                    .col("path", r.path().golden())
                    .col("sleep_avg_after_ns", r.sleepAvg())
                    .col("current_bonus_after", O1Math.currentBonus(r.sleepAvg()))
                    .col("prio_after", r.prio()));
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(1680);
    }

    /** {@code recalc_prio.csv}: every branch of {@code recalc_task_prio}, 64-bit {@code unsigned long}. */
    @Test
    void recalcPrio() {
        recalc("o1/recalc_prio.csv", 64);
    }

    /** {@code recalc_prio_ilp32.csv}: the same grid with i386's 32-bit {@code unsigned long}, whose product and sum wrap. */
    @Test
    void recalcPrioIlp32() {
        recalc("o1/recalc_prio_ilp32.csv", 32);
    }

    /** {@code switch_sleep_avg.csv}: {@code schedule()}'s charge, a negative elapsed time counting as the full cap. */
    @Test
    void switchSleepAvg() {
        GoldenTable.Verdict v = new GoldenTable.Verdict("o1/switch_sleep_avg.csv");
        for (GoldenTable.Row row : GoldenTable.load("o1/switch_sleep_avg.csv").rows()) {
            long before = row.l("sleep_avg_before_ns");
            long capped = O1Math.runTimeCapped(row.l("run_time_ns"));
            long charged = O1Math.runTimeCharged(capped, O1Math.currentBonus(before));
            v.add(row.check()
                    .col("current_bonus", O1Math.currentBonus(before))
                    .col("run_time_capped_ns", capped)
                    .col("run_time_charged_ns", charged)
                    .col("sleep_avg_after_ns", O1Math.sleepAvgAfterCharge(before, charged)));
            assertThat(O1Math.chargeRunTime(before, row.l("run_time_ns"))).as(row.where()).isEqualTo(row.l("sleep_avg_after_ns"));
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(279);
    }

    /** {@code activation_credit.csv}: the on-runqueue credit, a negative wait wrapping to the full credit. */
    @Test
    void activationCredit() {
        GoldenTable.Verdict v = new GoldenTable.Verdict("o1/activation_credit.csv");
        for (GoldenTable.Row row : GoldenTable.load("o1/activation_credit.csv").rows()) {
            long delta = O1Math.activationDelta(row.i("activated"), row.l("wait_ns"));
            v.add(row.check()
                    .col("delta_ns", Long.toUnsignedString(delta))
                    .col("sleep_time_seen_by_recalc_ns", O1Math.cappedSleep(delta)));
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(38);
    }

    /** {@code expired_decision.csv}: slice expiry in {@code scheduler_tick()}. */
    @Test
    void expiredDecision() {
        GoldenTable.Verdict v = new GoldenTable.Verdict("o1/expired_decision.csv");
        for (GoldenTable.Row row : GoldenTable.load("o1/expired_decision.csv").rows()) {
            O1Math.SliceExpiry x = O1Math.expireSlice(row.i("static_prio"), row.l("sleep_avg_ns"), row.l("expired_timestamp"),
                    row.l("jiffies"), row.l("nr_running"), row.i("best_expired_prio"));
            v.add(row.check()
                    .col("prio", x.prio())
                    .col("time_slice_after", x.timeSlice())
                    .col("expired_timestamp_after", x.expiredTimestampAfter())
                    .col("expired_starving", b(x.starving()))
                    .col("task_interactive", b(x.interactive()))
                    .col("goes_to", x.toExpired() ? "expired" : "active")
                    .col("best_expired_prio_after", x.bestExpiredPrioAfter()));
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(1170);
    }

    /**
     * {@code fork_exit.csv}: {@code sched_fork}'s split (and the forced tick when the parent is
     * left with 0), {@code wake_up_new_task}'s penalties, and {@code sched_exit}'s give-back, for
     * each exit case the file holds ({@link O1Math#forkExit}).
     */
    @Test
    void forkExit() {
        GoldenTable.Verdict v = new GoldenTable.Verdict("o1/fork_exit.csv");
        for (GoldenTable.Row row : GoldenTable.load("o1/fork_exit.csv").rows()) {
            O1Math.ExitCase exit = O1Math.ExitCase.parse(row.get("exit_case"));
            assertThat(exit).as(row.where() + ": exit_case").isNotNull();
            O1Math.ForkExit f = O1Math.forkExit(row.i("static_prio"), row.i("parent_time_slice_before"),
                    row.l("parent_sleep_avg_before_ns"), exit);
            v.add(row.check()
                    .col("child_time_slice", f.childTimeSlice())
                    .col("parent_time_slice_after_fork", f.parentTimeSliceAfterFork())
                    .col("forced_tick", b(f.forcedTick()))
                    .col("parent_time_slice_after_tick", f.parentTimeSliceAfterTick())
                    .col("child_sleep_avg_ns", f.childSleepAvg())
                    .col("child_prio", f.childPrio())
                    .col("parent_sleep_avg_after_fork_ns", f.parentSleepAvgAfterFork())
                    .col("child_first_time_slice", b(f.childFirstTimeSlice()))
                    .col("child_time_slice_at_exit", f.childTimeSliceAtExit())
                    .col("child_sleep_avg_at_exit_ns", f.childSleepAvgAtExit())
                    .col("parent_time_slice_after_exit", f.parentTimeSliceAfterExit())
                    .col("parent_sleep_avg_after_exit_ns", f.parentSleepAvgAfterExit()));
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(1195);
    }

    /**
     * The exit cases the sample leaves out (golden/o1/README.md: the full table has them): a hog
     * child on its first slice gives back its last jiffy and drags the parent's {@code sleep_avg}
     * down; a refilled child gives nothing back and, sleeping more than the parent, leaves it.
     */
    @Test
    void forkExitHogAndRefilled() {
        // nice 0 (static_prio 120, task_timeslice 100), parent slice 50, sleep_avg 5.5e8 (bonus 5)
        O1Math.ForkExit hog = O1Math.forkExit(120, 50, 550_000_000L, O1Math.ExitCase.HOG);
        assertThat(hog.parentTimeSliceAfterFork()).isEqualTo(25);
        assertThat(hog.parentSleepAvgAfterFork()).isEqualTo(500_000_000L);
        assertThat(hog.parentTimeSliceAfterExit()).isEqualTo(26);
        assertThat(hog.parentSleepAvgAfterExit()).isEqualTo(375_000_000L);
        O1Math.ForkExit refilled = O1Math.forkExit(120, 50, 550_000_000L, O1Math.ExitCase.REFILLED);
        assertThat(refilled.childTimeSliceAtExit()).isEqualTo(100);
        assertThat(refilled.parentTimeSliceAfterExit()).isEqualTo(25);
        assertThat(refilled.parentSleepAvgAfterExit()).isEqualTo(500_000_000L);
        // sched_exit touches the parent's sleep_avg only when the child's is lower
        assertThat(O1Math.exitSleepAvg(7, 7)).isEqualTo(7);
        assertThat(O1Math.exitSleepAvg(8, 4)).isEqualTo(7);
    }
}
