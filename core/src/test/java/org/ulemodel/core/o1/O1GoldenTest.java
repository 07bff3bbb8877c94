// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.o1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
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

    /** {@code constants.csv}: each macro by name; the {@code TIMESLICE_GRANULARITY(...)} rows are computed from their arguments. */
    @Test
    void constants() {
        Map<String, Long> known = new HashMap<>();
        known.put("HZ", (long) O1Math.HZ);
        known.put("MAX_USER_RT_PRIO", (long) O1Math.MAX_USER_RT_PRIO);
        known.put("MAX_RT_PRIO", (long) O1Math.MAX_RT_PRIO);
        known.put("MAX_PRIO", (long) O1Math.MAX_PRIO);
        known.put("MAX_USER_PRIO", (long) O1Math.MAX_USER_PRIO);
        known.put("NICE_TO_PRIO(-20)", (long) O1Math.niceToPrio(-20));
        known.put("NICE_TO_PRIO(0)", (long) O1Math.niceToPrio(0));
        known.put("NICE_TO_PRIO(19)", (long) O1Math.niceToPrio(19));
        known.put("PRIO_TO_NICE(100)", (long) O1Math.prioToNice(100));
        known.put("PRIO_TO_NICE(139)", (long) O1Math.prioToNice(139));
        known.put("MIN_TIMESLICE", (long) O1Math.MIN_TIMESLICE);
        known.put("DEF_TIMESLICE", (long) O1Math.DEF_TIMESLICE);
        known.put("DEF_TIMESLICE*4", (long) O1Math.DEF_TIMESLICE * 4);
        known.put("ON_RUNQUEUE_WEIGHT", (long) O1Math.ON_RUNQUEUE_WEIGHT);
        known.put("ON_RUNQUEUE_WEIGHT*128/100", O1Math.activationDelta(1, 128));
        known.put("CHILD_PENALTY", (long) O1Math.CHILD_PENALTY);
        known.put("PARENT_PENALTY", (long) O1Math.PARENT_PENALTY);
        known.put("EXIT_WEIGHT", (long) O1Math.EXIT_WEIGHT);
        known.put("PRIO_BONUS_RATIO", (long) O1Math.PRIO_BONUS_RATIO);
        known.put("MAX_BONUS", (long) O1Math.MAX_BONUS);
        known.put("INTERACTIVE_DELTA", (long) O1Math.INTERACTIVE_DELTA);
        known.put("MAX_SLEEP_AVG", (long) O1Math.MAX_SLEEP_AVG);
        known.put("STARVATION_LIMIT", (long) O1Math.STARVATION_LIMIT);
        known.put("NS_MAX_SLEEP_AVG", O1Math.NS_MAX_SLEEP_AVG);
        known.put("1000000000/HZ", O1Math.NS_PER_JIFFY);
        known.put("JIFFIES_TO_NS(1)", O1Math.jiffiesToNs(1));
        known.put("NS_TO_JIFFIES(999999)", O1Math.nsToJiffies(999_999));
        known.put("NS_TO_JIFFIES(1000000)", O1Math.nsToJiffies(1_000_000));
        known.put("JIFFIES_TO_NS(MAX_SLEEP_AVG-DEF_TIMESLICE)", O1Math.jiffiesToNs(O1Math.MAX_SLEEP_AVG - O1Math.DEF_TIMESLICE));
        known.put("INTERACTIVE_SLEEP(nice=0)", O1Math.interactiveSleep(O1Math.niceToPrio(0)));
        known.put("GRANULARITY", (long) O1Math.GRANULARITY);
        known.put("SCHED_LOAD_SCALE", (long) O1Math.SCHED_LOAD_SCALE);
        known.put("SD_CPU_INIT.min_interval", (long) O1Math.SD_MIN_INTERVAL);
        known.put("SD_CPU_INIT.max_interval", (long) O1Math.SD_MAX_INTERVAL);
        known.put("SD_CPU_INIT.busy_factor", (long) O1Math.SD_BUSY_FACTOR);
        known.put("SD_CPU_INIT.imbalance_pct", (long) O1Math.SD_IMBALANCE_PCT);
        known.put("SD_CPU_INIT.cache_hot_time", O1Math.SD_CACHE_HOT_TIME_NS);
        known.put("SD_CPU_INIT.cache_nice_tries", (long) O1Math.SD_CACHE_NICE_TRIES);
        known.put("SD_CPU_INIT.balance_interval", (long) O1Math.SD_BALANCE_INTERVAL);
        GoldenTable.Verdict v = new GoldenTable.Verdict("o1/constants.csv");
        int granularity = 0;
        for (GoldenTable.Row row : GoldenTable.load("o1/constants.csv").rows()) {
            String name = row.get("name");
            Object model;
            if (name.startsWith("TIMESLICE_GRANULARITY(")) {
                Map<String, Long> args = new HashMap<>();
                for (String kv : name.substring(name.indexOf('(') + 1, name.length() - 1).split(";")) {
                    String[] p = kv.split("=");
                    args.put(p[0], Long.parseLong(p[1]));
                }
                // the bonus argument is what CURRENT_BONUS gives for the sleep_avg argument
                assertThat(O1Math.currentBonus(args.get("sleep_avg"))).as(row.where()).isEqualTo(args.get("bonus").intValue());
                model = O1Math.timesliceGranularity(args.get("sleep_avg"), args.get("cpus").intValue());
                granularity++;
            } else {
                model = known.containsKey(name) ? known.get(name) : "(no such constant in the model)";
            }
            v.add(row.check().col("value", model));
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(72);
        assertThat(granularity).isEqualTo(33);
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
     * left with 0), {@code wake_up_new_task}'s penalties, and {@code sched_exit}'s give-back for a
     * child that exits at once.
     */
    @Test
    void forkExit() {
        GoldenTable.Verdict v = new GoldenTable.Verdict("o1/fork_exit.csv");
        for (GoldenTable.Row row : GoldenTable.load("o1/fork_exit.csv").rows()) {
            int sp = row.i("static_prio");
            int parentSlice = row.i("parent_time_slice_before");
            long parentSleep = row.l("parent_sleep_avg_before_ns");
            int child = O1Math.childTimeSlice(parentSlice);
            int parent = O1Math.parentTimeSliceAfterFork(parentSlice);
            boolean forced = parent == 0;
            int afterFork = forced ? 1 : parent;
            // the forced scheduler_tick() takes the last jiffy: the slice expires and is refilled
            int afterTick = forced ? O1Math.taskTimeslice(sp) : afterFork;
            long childSleep = O1Math.forkPenalty(parentSleep, O1Math.CHILD_PENALTY);
            long parentSleepAfter = O1Math.forkPenalty(parentSleep, O1Math.PARENT_PENALTY);
            GoldenTable.Check c = row.check()
                    .col("child_time_slice", child)
                    .col("parent_time_slice_after_fork", afterFork)
                    .col("forced_tick", forced ? 1 : 0)
                    .col("parent_time_slice_after_tick", afterTick)
                    .col("child_sleep_avg_ns", childSleep)
                    .col("child_prio", O1Math.effectivePrio(sp, childSleep))
                    .col("parent_sleep_avg_after_fork_ns", parentSleepAfter);
            assertThat(row.get("exit_case")).as(row.where() + ": the sample holds only the immediate exit").isEqualTo("immediate");
            c.col("child_first_time_slice", 1)
                    .col("child_time_slice_at_exit", child)
                    .col("child_sleep_avg_at_exit_ns", childSleep)
                    .col("parent_time_slice_after_exit", O1Math.exitTimeSlice(afterTick, true, child, sp))
                    .col("parent_sleep_avg_after_exit_ns", O1Math.exitSleepAvg(parentSleepAfter, childSleep));
            v.add(c);
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(1195);
    }
}
