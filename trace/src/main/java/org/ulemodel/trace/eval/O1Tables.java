// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ulemodel.core.o1.O1Math;

/**
 * The tables of {@code ulemodel eval --model o1}: one per file of golden/o1 (Linux 2.6.12-rc2's
 * O(1) arithmetic, see its README for every column), named as the file without {@code .csv} and
 * with {@code -} for {@code _}. Every output column is computed by {@link O1Math}; a row's
 * {@code static_prio} is always {@code NICE_TO_PRIO(nice)}, computed from {@code nice}.
 */
final class O1Tables {
    private O1Tables() {
    }

    /** The ten tables, in the order golden/o1's README describes them. */
    static List<EvalTable> all() {
        return List.of(
                table("constants", "name,value", "name", O1Tables::constant),
                table("effective-prio", "nice,static_prio,sleep_avg_ns,current_bonus,prio", "nice,sleep_avg_ns", r -> {
                    int sp = staticPrio(r);
                    long sleep = sleepAvg(r, "sleep_avg_ns");
                    return Map.of("static_prio", s(sp), "current_bonus", s(O1Math.currentBonus(sleep)),
                            "prio", s(O1Math.effectivePrio(sp, sleep)));
                }),
                table("timeslice", "nice,static_prio,timeslice_jiffies", "nice", r -> {
                    int sp = staticPrio(r);
                    return Map.of("static_prio", s(sp), "timeslice_jiffies", s(O1Math.taskTimeslice(sp)));
                }),
                table("interactive", "nice,static_prio,prio,task_nice,delta,task_interactive,interactive_sleep_ns", "nice,prio", r -> {
                    int sp = staticPrio(r);
                    int prio = r.integerIn("prio", O1Math.MAX_RT_PRIO, O1Math.MAX_PRIO - 1);
                    return Map.of("static_prio", s(sp), "task_nice", s(O1Math.prioToNice(sp)), "delta", s(O1Math.delta(sp)),
                            "task_interactive", b(O1Math.taskInteractive(prio, sp)), "interactive_sleep_ns",
                            s(O1Math.interactiveSleep(sp)));
                }),
                recalc("recalc-prio", 64),
                recalc("recalc-prio-ilp32", 32),
                table("switch-sleep-avg", "sleep_avg_before_ns,run_time_ns,current_bonus,run_time_capped_ns,run_time_charged_ns,"
                        + "sleep_avg_after_ns", "sleep_avg_before_ns,run_time_ns", r -> {
                            long before = sleepAvg(r, "sleep_avg_before_ns");
                            int bonus = O1Math.currentBonus(before);
                            long capped = O1Math.runTimeCapped(r.int64("run_time_ns"));
                            long charged = O1Math.runTimeCharged(capped, bonus);
                            return Map.of("current_bonus", s(bonus), "run_time_capped_ns", s(capped), "run_time_charged_ns",
                                    s(charged), "sleep_avg_after_ns", s(O1Math.sleepAvgAfterCharge(before, charged)));
                        }),
                table("fork-exit", "nice,static_prio,parent_time_slice_before,parent_sleep_avg_before_ns,child_time_slice,"
                        + "parent_time_slice_after_fork,forced_tick,parent_time_slice_after_tick,child_sleep_avg_ns,child_prio,"
                        + "parent_sleep_avg_after_fork_ns,exit_case,child_first_time_slice,child_time_slice_at_exit,"
                        + "child_sleep_avg_at_exit_ns,parent_time_slice_after_exit,parent_sleep_avg_after_exit_ns",
                        "nice,parent_time_slice_before,parent_sleep_avg_before_ns,exit_case", O1Tables::forkExit),
                table("expired-decision", "nice,static_prio,sleep_avg_ns,prio,expired_timestamp,jiffies,nr_running,"
                        + "best_expired_prio,expired_timestamp_after,expired_starving,task_interactive,goes_to,"
                        + "best_expired_prio_after,time_slice_after",
                        "nice,sleep_avg_ns,expired_timestamp,jiffies,nr_running,best_expired_prio", r -> {
                            int sp = staticPrio(r);
                            O1Math.SliceExpiry x = O1Math.expireSlice(sp, sleepAvg(r, "sleep_avg_ns"),
                                    r.int64In("expired_timestamp", 0, Long.MAX_VALUE), r.int64In("jiffies", 0, Long.MAX_VALUE),
                                    r.int64In("nr_running", 1, Long.MAX_VALUE / O1Math.STARVATION_LIMIT),
                                    r.integerIn("best_expired_prio", 0, O1Math.MAX_PRIO));
                            Map<String, String> o = new HashMap<>();
                            o.put("static_prio", s(sp));
                            o.put("prio", s(x.prio()));
                            o.put("expired_timestamp_after", s(x.expiredTimestampAfter()));
                            o.put("expired_starving", b(x.starving()));
                            o.put("task_interactive", b(x.interactive()));
                            o.put("goes_to", x.toExpired() ? "expired" : "active");
                            o.put("best_expired_prio_after", s(x.bestExpiredPrioAfter()));
                            o.put("time_slice_after", s(x.timeSlice()));
                            return o;
                        }),
                table("activation-credit", "activated,wait_ns,delta_ns,sleep_time_seen_by_recalc_ns", "activated,wait_ns", r -> {
                    long delta = O1Math.activationDelta(r.integerIn("activated", 1, 2), r.int64("wait_ns"));
                    return Map.of("delta_ns", Long.toUnsignedString(delta), "sleep_time_seen_by_recalc_ns",
                            s(O1Math.cappedSleep(delta)));
                }));
    }

    private static EvalTable table(String name, String header, String inputs, EvalTable.RowEvaluator ev) {
        return new EvalTable(null, name, List.of(header.split(",")), List.of(inputs.split(","))) {
            @Override
            public RowEvaluator start() {
                return ev;
            }
        };
    }

    /** {@code recalc_prio.csv} ({@code wordBits} 64) and {@code recalc_prio_ilp32.csv} (32): {@code recalc_task_prio}. */
    private static EvalTable recalc(String name, int wordBits) {
        return table(name, "nice,static_prio,mm,activated,sleep_avg_before_ns,sleep_time_ns,current_bonus_before,"
                + "interactive_sleep_ns,path,sleep_avg_after_ns,current_bonus_after,prio_after",
                "nice,mm,activated,sleep_avg_before_ns,sleep_time_ns", r -> {
                    int sp = staticPrio(r);
                    long before = sleepAvg(r, "sleep_avg_before_ns");
                    O1Math.Recalc x = O1Math.recalcTaskPrio(sp, r.integerIn("mm", 0, 1) == 1, r.integerIn("activated", -1, 2),
                            before, r.int64In("sleep_time_ns", 0, Long.MAX_VALUE), wordBits);
                    Map<String, String> o = new HashMap<>();
                    o.put("static_prio", s(sp));
                    o.put("current_bonus_before", s(O1Math.currentBonus(before)));
                    o.put("interactive_sleep_ns", s(O1Math.interactiveSleep(sp)));
                    o.put("path", x.path().golden());
                    o.put("sleep_avg_after_ns", s(x.sleepAvg()));
                    o.put("current_bonus_after", s(O1Math.currentBonus(x.sleepAvg())));
                    o.put("prio_after", s(x.prio()));
                    return o;
                });
    }

    private static Map<String, String> constant(CsvInput.Row r) {
        String name = r.str("name");
        Long v = O1Math.constant(name);
        if (v == null) {
            throw r.bad("name", "a constant of golden/o1/constants.csv (MAX_PRIO, SD_CPU_INIT.cache_hot_time, "
                    + "TIMESLICE_GRANULARITY(sleep_avg=S;bonus=CURRENT_BONUS(S);cpus=N), …)", name);
        }
        return Map.of("value", s(v));
    }

    private static Map<String, String> forkExit(CsvInput.Row r) {
        int sp = staticPrio(r);
        O1Math.ExitCase exit = O1Math.ExitCase.parse(r.str("exit_case"));
        if (exit == null) {
            throw r.bad("exit_case", "immediate, hog or refilled", r.str("exit_case"));
        }
        O1Math.ForkExit f = O1Math.forkExit(sp, r.integerIn("parent_time_slice_before", 1, Integer.MAX_VALUE),
                sleepAvg(r, "parent_sleep_avg_before_ns"), exit);
        Map<String, String> o = new HashMap<>();
        o.put("static_prio", s(sp));
        o.put("child_time_slice", s(f.childTimeSlice()));
        o.put("parent_time_slice_after_fork", s(f.parentTimeSliceAfterFork()));
        o.put("forced_tick", b(f.forcedTick()));
        o.put("parent_time_slice_after_tick", s(f.parentTimeSliceAfterTick()));
        o.put("child_sleep_avg_ns", s(f.childSleepAvg()));
        o.put("child_prio", s(f.childPrio()));
        o.put("parent_sleep_avg_after_fork_ns", s(f.parentSleepAvgAfterFork()));
        o.put("child_first_time_slice", b(f.childFirstTimeSlice()));
        o.put("child_time_slice_at_exit", s(f.childTimeSliceAtExit()));
        o.put("child_sleep_avg_at_exit_ns", s(f.childSleepAvgAtExit()));
        o.put("parent_time_slice_after_exit", s(f.parentTimeSliceAfterExit()));
        o.put("parent_sleep_avg_after_exit_ns", s(f.parentSleepAvgAfterExit()));
        return o;
    }

    /** {@code NICE_TO_PRIO(nice)} of the row's {@code nice}, −20..19. */
    private static int staticPrio(CsvInput.Row r) {
        return O1Math.niceToPrio(r.integerIn("nice", -20, 19));
    }

    /** A {@code sleep_avg} in ns: 0 .. {@code NS_MAX_SLEEP_AVG}, the range the kernel keeps it in. */
    private static long sleepAvg(CsvInput.Row r, String column) {
        return r.int64In(column, 0, O1Math.NS_MAX_SLEEP_AVG);
    }

    private static String s(long v) {
        return String.valueOf(v);
    }

    private static String b(boolean v) {
        return v ? "1" : "0";
    }
}
