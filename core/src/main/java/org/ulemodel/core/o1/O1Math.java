// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.o1;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The O(1) scheduler's arithmetic at HZ = 1000, exact to Linux 2.6.12-rc2's {@code kernel/sched.c}
 * macros and statements, with the kernel's types: {@code sleep_avg}, {@code run_time} and
 * {@code sleep_time} are {@code unsigned long} (64 bits, LP64; {@link #recalcTaskPrio} also
 * offers i386's 32 bits), timestamps {@code unsigned long long}, {@code time_slice}
 * {@code unsigned int}, priorities {@code int}. Times ending in {@code Ns} are nanoseconds, slices
 * and jiffies are hz ticks (1 ms). Pure functions, no state. Invariant: every priority returned
 * for a {@code SCHED_NORMAL} task lies in {@code MAX_RT_PRIO..MAX_PRIO-1} (100..139).
 */
public final class O1Math {
    private O1Math() {
    }

    /** {@code HZ}. */
    public static final int HZ = 1000;
    /** {@code MAX_USER_RT_PRIO}. */
    public static final int MAX_USER_RT_PRIO = 100;
    /** {@code MAX_RT_PRIO}: priorities below it are realtime. */
    public static final int MAX_RT_PRIO = MAX_USER_RT_PRIO;
    /** {@code MAX_PRIO}: the number of priority lists of a {@code prio_array}. */
    public static final int MAX_PRIO = MAX_RT_PRIO + 40;
    /** {@code MAX_USER_PRIO}: {@code USER_PRIO(MAX_PRIO)}. */
    public static final int MAX_USER_PRIO = MAX_PRIO - MAX_RT_PRIO;
    /** {@code MIN_TIMESLICE} in jiffies: {@code max(5 * HZ / 1000, 1)}. */
    public static final int MIN_TIMESLICE = Math.max(5 * HZ / 1000, 1);
    /** {@code DEF_TIMESLICE} in jiffies: {@code 100 * HZ / 1000}. */
    public static final int DEF_TIMESLICE = 100 * HZ / 1000;
    /** {@code ON_RUNQUEUE_WEIGHT}. */
    public static final int ON_RUNQUEUE_WEIGHT = 30;
    /** {@code CHILD_PENALTY}. */
    public static final int CHILD_PENALTY = 95;
    /** {@code PARENT_PENALTY}. */
    public static final int PARENT_PENALTY = 100;
    /** {@code EXIT_WEIGHT}. */
    public static final int EXIT_WEIGHT = 3;
    /** {@code PRIO_BONUS_RATIO}. */
    public static final int PRIO_BONUS_RATIO = 25;
    /** {@code MAX_BONUS}: {@code MAX_USER_PRIO * PRIO_BONUS_RATIO / 100}. */
    public static final int MAX_BONUS = MAX_USER_PRIO * PRIO_BONUS_RATIO / 100;
    /** {@code INTERACTIVE_DELTA}. */
    public static final int INTERACTIVE_DELTA = 2;
    /** {@code MAX_SLEEP_AVG} in jiffies: {@code DEF_TIMESLICE * MAX_BONUS}. */
    public static final int MAX_SLEEP_AVG = DEF_TIMESLICE * MAX_BONUS;
    /** {@code STARVATION_LIMIT} in jiffies: {@code MAX_SLEEP_AVG}. */
    public static final int STARVATION_LIMIT = MAX_SLEEP_AVG;
    /** {@code NS_MAX_SLEEP_AVG}: {@code JIFFIES_TO_NS(MAX_SLEEP_AVG)}. */
    public static final long NS_MAX_SLEEP_AVG = jiffiesToNs(MAX_SLEEP_AVG);
    /** {@code GRANULARITY} in jiffies: {@code 10 * HZ / 1000}. */
    public static final int GRANULARITY = 10 * HZ / 1000;
    /** Nanoseconds per jiffy: {@code 1000000000 / HZ}. */
    public static final long NS_PER_JIFFY = 1_000_000_000L / HZ;
    /** {@code SCHED_LOAD_SCALE}. */
    public static final int SCHED_LOAD_SCALE = 128;
    /** {@code SD_CPU_INIT.imbalance_pct}. */
    public static final int SD_IMBALANCE_PCT = 125;
    /** {@code SD_CPU_INIT.cache_hot_time} in nanoseconds (2.5 ms). */
    public static final long SD_CACHE_HOT_TIME_NS = 2_500_000L;
    /** {@code SD_CPU_INIT.min_interval} in ms. */
    public static final int SD_MIN_INTERVAL = 1;
    /** {@code SD_CPU_INIT.max_interval} in ms. */
    public static final int SD_MAX_INTERVAL = 4;
    /** {@code SD_CPU_INIT.busy_factor}. */
    public static final int SD_BUSY_FACTOR = 64;
    /** {@code SD_CPU_INIT.cache_nice_tries}. */
    public static final int SD_CACHE_NICE_TRIES = 1;
    /** {@code SD_CPU_INIT.balance_interval} in ms. */
    public static final int SD_BALANCE_INTERVAL = 1;

    /** {@code NICE_TO_PRIO(nice)}: {@code MAX_RT_PRIO + nice + 20}. */
    public static int niceToPrio(int nice) {
        return MAX_RT_PRIO + nice + 20;
    }

    /** {@code PRIO_TO_NICE(prio)}, also {@code TASK_NICE(p)} of a task with that {@code static_prio}. */
    public static int prioToNice(int prio) {
        return prio - MAX_RT_PRIO - 20;
    }

    /** {@code JIFFIES_TO_NS(j)}. */
    public static long jiffiesToNs(long jiffies) {
        return jiffies * NS_PER_JIFFY;
    }

    /** {@code NS_TO_JIFFIES(ns)} of an unsigned value. */
    public static long nsToJiffies(long ns) {
        return Long.divideUnsigned(ns, NS_PER_JIFFY);
    }

    /** {@code CURRENT_BONUS(p)}: {@code NS_TO_JIFFIES(sleep_avg) * MAX_BONUS / MAX_SLEEP_AVG}, 0..10 for a sleep_avg up to 10⁹ ns. */
    public static int currentBonus(long sleepAvgNs) {
        return (int) Long.divideUnsigned(nsToJiffies(sleepAvgNs) * MAX_BONUS, MAX_SLEEP_AVG);
    }

    /**
     * {@code effective_prio(p)} of a {@code SCHED_NORMAL} task: {@code static_prio} minus
     * ({@code CURRENT_BONUS} − {@code MAX_BONUS}/2), clamped to {@code MAX_RT_PRIO..MAX_PRIO-1}.
     */
    public static int effectivePrio(int staticPrio, long sleepAvgNs) {
        int bonus = currentBonus(sleepAvgNs) - MAX_BONUS / 2;
        int prio = staticPrio - bonus;
        if (prio < MAX_RT_PRIO) {
            prio = MAX_RT_PRIO;
        }
        if (prio > MAX_PRIO - 1) {
            prio = MAX_PRIO - 1;
        }
        return prio;
    }

    /** {@code SCALE_PRIO(x, prio)}: {@code max(x * (MAX_PRIO - prio) / (MAX_USER_PRIO / 2), MIN_TIMESLICE)}. */
    static int scalePrio(int x, int prio) {
        return Math.max(x * (MAX_PRIO - prio) / (MAX_USER_PRIO / 2), MIN_TIMESLICE);
    }

    /**
     * {@code task_timeslice(p)} in jiffies, from {@code static_prio}: {@code SCALE_PRIO} of
     * {@code DEF_TIMESLICE * 4} for negative nice, of {@code DEF_TIMESLICE} otherwise (800 at
     * nice −20, 420 at −1, 100 at 0, 5 at 19).
     */
    public static int taskTimeslice(int staticPrio) {
        if (staticPrio < niceToPrio(0)) {
            return scalePrio(DEF_TIMESLICE * 4, staticPrio);
        }
        return scalePrio(DEF_TIMESLICE, staticPrio);
    }

    /** {@code DELTA(p)}: {@code SCALE(TASK_NICE(p), 40, MAX_BONUS) + INTERACTIVE_DELTA}, C division truncating toward zero. */
    public static int delta(int staticPrio) {
        return prioToNice(staticPrio) * MAX_BONUS / 40 + INTERACTIVE_DELTA;
    }

    /** {@code TASK_INTERACTIVE(p)}: {@code prio <= static_prio - DELTA(p)}. */
    public static boolean taskInteractive(int prio, int staticPrio) {
        return prio <= staticPrio - delta(staticPrio);
    }

    /**
     * {@code INTERACTIVE_SLEEP(p)} in ns:
     * {@code JIFFIES_TO_NS(MAX_SLEEP_AVG * (MAX_BONUS / 2 + DELTA(p) + 1) / MAX_BONUS - 1)}; above
     * {@link #NS_MAX_SLEEP_AVG} for nice ≥ 12, so that no capped sleep exceeds it.
     */
    public static long interactiveSleep(int staticPrio) {
        return jiffiesToNs(MAX_SLEEP_AVG * (MAX_BONUS / 2 + delta(staticPrio) + 1) / MAX_BONUS - 1);
    }

    /**
     * {@code TIMESLICE_GRANULARITY(p)} in jiffies, the SMP form:
     * {@code GRANULARITY * (1 << (((MAX_BONUS - CURRENT_BONUS(p)) ?: 1) - 1)) * num_online_cpus()}.
     */
    public static int timesliceGranularity(long sleepAvgNs, int onlineCpus) {
        int d = MAX_BONUS - currentBonus(sleepAvgNs);
        return GRANULARITY * (1 << ((d != 0 ? d : 1) - 1)) * onlineCpus;
    }

    /**
     * {@code EXPIRED_STARVING(rq)}'s time test: {@code expired_timestamp} set and
     * {@code jiffies - expired_timestamp >= STARVATION_LIMIT * nr_running + 1}, in
     * {@code unsigned long}. (The kernel's macro also holds when the running task's
     * {@code static_prio} is worse than {@code best_expired_prio}; {@link #expiredStarving(long, long, long, int, int)}
     * includes that.)
     */
    public static boolean expiredStarvingByTime(long jiffies, long expiredTimestamp, long nrRunning) {
        return expiredTimestamp != 0
                && Long.compareUnsigned(jiffies - expiredTimestamp, STARVATION_LIMIT * nrRunning + 1) >= 0;
    }

    /**
     * {@code EXPIRED_STARVING(rq)} whole: starving by time, or the running task's
     * {@code static_prio} is worse than the best {@code static_prio} waiting in the expired array.
     */
    public static boolean expiredStarving(long jiffies, long expiredTimestamp, long nrRunning, int currStaticPrio, int bestExpiredPrio) {
        return expiredStarvingByTime(jiffies, expiredTimestamp, nrRunning) || currStaticPrio > bestExpiredPrio;
    }

    /** The branch {@code recalc_task_prio} took (the golden tables' {@code path} column). */
    public enum RecalcPath {
        /** No time passed: only {@code prio} is recomputed. */
        NO_SLEEP,
        /** A user task, not waking from uninterruptible sleep, asleep longer than {@code INTERACTIVE_SLEEP}: sleep_avg := 900 ms. */
        LONG_SLEEPER,
        /** An uninterruptible user sleeper already at {@code INTERACTIVE_SLEEP}: no credit. */
        UNINTERRUPTIBLE_NO_CREDIT,
        /** An uninterruptible user sleeper whose credit would pass {@code INTERACTIVE_SLEEP}: capped there. */
        UNINTERRUPTIBLE_CAPPED,
        /** The sleep, weighted by {@code MAX_BONUS - CURRENT_BONUS}, is credited. */
        CREDIT,
        /** As {@link #CREDIT}, clamped to {@code NS_MAX_SLEEP_AVG}. */
        CREDIT_MAX;

        /** The golden tables' spelling: lower case. */
        public String golden() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The outcome of {@code recalc_task_prio}.
     *
     * @param path     the branch taken
     * @param sleepAvg {@code sleep_avg} after, ns
     * @param prio     {@code effective_prio} after (for a {@code SCHED_NORMAL} task)
     */
    public record Recalc(RecalcPath path, long sleepAvg, int prio) {
    }

    /**
     * {@code recalc_task_prio(p, now)} for a task whose clock says {@code elapsedNs} =
     * {@code now - p->timestamp} ({@code unsigned long long}): the sleep is capped at
     * {@code NS_MAX_SLEEP_AVG}; a long sleep of a user task ({@code mm}) not woken from
     * uninterruptible sleep ({@code activated != -1}) sets sleep_avg to
     * {@code JIFFIES_TO_NS(MAX_SLEEP_AVG - DEF_TIMESLICE)} even when it was higher; otherwise the
     * sleep times {@code (MAX_BONUS - CURRENT_BONUS) ?: 1} is credited, limited at
     * {@code INTERACTIVE_SLEEP} for an uninterruptible user sleeper and at {@code NS_MAX_SLEEP_AVG}.
     * {@code wordBits} is the width of {@code unsigned long}: 64 (LP64) or 32 (i386, where the
     * product and the sum wrap modulo 2³²).
     */
    public static Recalc recalcTaskPrio(int staticPrio, boolean mm, int activated, long sleepAvgNs, long elapsedNs, int wordBits) {
        long mask = wordBits == 64 ? -1L : wordBits == 32 ? 0xFFFF_FFFFL : badWidth(wordBits);
        long sleepTime = Long.compareUnsigned(elapsedNs, NS_MAX_SLEEP_AVG) > 0 ? NS_MAX_SLEEP_AVG : elapsedNs & mask;
        long sleepAvg = sleepAvgNs;
        RecalcPath path;
        if (sleepTime == 0) {
            path = RecalcPath.NO_SLEEP;
        } else {
            long isleep = interactiveSleep(staticPrio) & mask;
            if (mm && activated != -1 && Long.compareUnsigned(sleepTime, isleep) > 0) {
                sleepAvg = jiffiesToNs(MAX_SLEEP_AVG - DEF_TIMESLICE);
                path = RecalcPath.LONG_SLEEPER;
            } else {
                int weight = MAX_BONUS - currentBonus(sleepAvg);
                sleepTime = sleepTime * (weight != 0 ? weight : 1) & mask;
                path = RecalcPath.CREDIT;
                if (activated == -1 && mm) {
                    if (Long.compareUnsigned(sleepAvg, isleep) >= 0) {
                        sleepTime = 0;
                        path = RecalcPath.UNINTERRUPTIBLE_NO_CREDIT;
                    } else if (Long.compareUnsigned(sleepAvg + sleepTime & mask, isleep) >= 0) {
                        sleepAvg = isleep;
                        sleepTime = 0;
                        path = RecalcPath.UNINTERRUPTIBLE_CAPPED;
                    }
                }
                sleepAvg = sleepAvg + sleepTime & mask;
                if (Long.compareUnsigned(sleepAvg, NS_MAX_SLEEP_AVG) > 0) {
                    sleepAvg = NS_MAX_SLEEP_AVG;
                    path = RecalcPath.CREDIT_MAX;
                }
            }
        }
        return new Recalc(path, sleepAvg, effectivePrio(staticPrio, sleepAvg));
    }

    private static long badWidth(int wordBits) {
        throw new IllegalArgumentException("unsigned long has 32 or 64 bits, not " + wordBits);
    }

    /**
     * The {@code run_time} that {@code schedule()} charges before dividing it: {@code now -
     * prev->timestamp} when that is below {@code NS_MAX_SLEEP_AVG}, else {@code NS_MAX_SLEEP_AVG}.
     * The difference is {@code unsigned long long}, so a negative elapsed time counts as huge
     * (the kernel's {@code < 0} guard never fires).
     */
    public static long runTimeCapped(long elapsedNs) {
        return Long.compareUnsigned(elapsedNs, NS_MAX_SLEEP_AVG) < 0 ? elapsedNs : NS_MAX_SLEEP_AVG;
    }

    /** {@code run_time /= (CURRENT_BONUS(prev) ?: 1)} in {@code schedule()}. */
    public static long runTimeCharged(long runTimeCapped, int currentBonus) {
        return Long.divideUnsigned(runTimeCapped, currentBonus != 0 ? currentBonus : 1);
    }

    /**
     * {@code prev->sleep_avg} after {@code schedule()}'s charge: {@code sleep_avg - run_time}, set
     * to 0 when it is {@code <= 0} read as a signed {@code long}.
     */
    public static long sleepAvgAfterCharge(long sleepAvgNs, long runTimeCharged) {
        long after = sleepAvgNs - runTimeCharged;
        return after <= 0 ? 0 : after;
    }

    /** The whole charge of {@code schedule()} on the task switched out after running {@code elapsedNs}: sleep_avg after. */
    public static long chargeRunTime(long sleepAvgNs, long elapsedNs) {
        return sleepAvgAfterCharge(sleepAvgNs, runTimeCharged(runTimeCapped(elapsedNs), currentBonus(sleepAvgNs)));
    }

    /**
     * {@code schedule()}'s on-runqueue credit for a task picked with {@code activated > 0}: delta =
     * {@code now - timestamp} ({@code unsigned long long}), times
     * {@code ON_RUNQUEUE_WEIGHT * 128 / 100} (38) divided by 128 when {@code activated == 1}, the
     * product wrapping modulo 2⁶⁴; the task's {@code recalc_task_prio} then sees
     * {@code min(delta, NS_MAX_SLEEP_AVG)}.
     */
    public static long activationDelta(int activated, long waitNs) {
        long delta = waitNs;
        if (activated == 1) {
            delta = Long.divideUnsigned(delta * (ON_RUNQUEUE_WEIGHT * 128 / 100), 128);
        }
        return delta;
    }

    /** The sleep {@code recalc_task_prio} sees for an unsigned elapsed time: {@code min(elapsed, NS_MAX_SLEEP_AVG)}. */
    public static long cappedSleep(long elapsedNs) {
        return Long.compareUnsigned(elapsedNs, NS_MAX_SLEEP_AVG) > 0 ? NS_MAX_SLEEP_AVG : elapsedNs;
    }

    /** {@code sched_fork}: the child's {@code time_slice}, {@code (parent + 1) >> 1}. */
    public static int childTimeSlice(int parentTimeSlice) {
        return (int) ((Integer.toUnsignedLong(parentTimeSlice) + 1) >>> 1);
    }

    /** {@code sched_fork}: the parent's {@code time_slice >>= 1} (0 means the kernel forces a tick at 1). */
    public static int parentTimeSliceAfterFork(int parentTimeSlice) {
        return parentTimeSlice >>> 1;
    }

    /**
     * {@code wake_up_new_task}'s penalty: sleep_avg :=
     * {@code JIFFIES_TO_NS(CURRENT_BONUS * penalty / 100 * MAX_SLEEP_AVG / MAX_BONUS)}, with
     * {@link #CHILD_PENALTY} for the child and {@link #PARENT_PENALTY} for the parent.
     */
    public static long forkPenalty(long sleepAvgNs, int penalty) {
        return jiffiesToNs((long) currentBonus(sleepAvgNs) * penalty / 100 * MAX_SLEEP_AVG / MAX_BONUS);
    }

    /**
     * {@code sched_exit}: the parent's {@code time_slice} after its child exits — the child's
     * unused slice is returned only while it is on its first slice, capped at the child's
     * {@code task_timeslice}.
     */
    public static int exitTimeSlice(int parentTimeSlice, boolean childFirstTimeSlice, int childTimeSlice, int childStaticPrio) {
        if (!childFirstTimeSlice) {
            return parentTimeSlice;
        }
        long sum = Integer.toUnsignedLong(parentTimeSlice) + Integer.toUnsignedLong(childTimeSlice) & 0xFFFF_FFFFL;
        int cap = taskTimeslice(childStaticPrio);
        return sum > cap ? cap : (int) sum;
    }

    /**
     * {@code sched_exit}: the parent's {@code sleep_avg} after its child exits — when the child's
     * is lower, {@code parent / (EXIT_WEIGHT + 1) * EXIT_WEIGHT + child / (EXIT_WEIGHT + 1)}.
     */
    public static long exitSleepAvg(long parentSleepAvgNs, long childSleepAvgNs) {
        if (Long.compareUnsigned(childSleepAvgNs, parentSleepAvgNs) >= 0) {
            return parentSleepAvgNs;
        }
        return Long.divideUnsigned(parentSleepAvgNs, EXIT_WEIGHT + 1) * EXIT_WEIGHT + Long.divideUnsigned(childSleepAvgNs, EXIT_WEIGHT + 1);
    }

    /**
     * What {@code scheduler_tick()} decides for a {@code SCHED_NORMAL} task on the active array
     * whose {@code time_slice} has just reached 0.
     *
     * @param prio                     {@code effective_prio} from sleep_avg
     * @param timeSlice                the refilled {@code task_timeslice}
     * @param expiredTimestampAfter    {@code rq->expired_timestamp}, set to jiffies when it was 0
     * @param starving                 {@code EXPIRED_STARVING(rq)} (evaluated after the timestamp update)
     * @param interactive              {@code TASK_INTERACTIVE(p)} with the new prio
     * @param toExpired                whether the task goes to the expired array (not interactive, or starving)
     * @param bestExpiredPrioAfter     {@code rq->best_expired_prio}, lowered to static_prio when the task expires
     */
    public record SliceExpiry(int prio, int timeSlice, long expiredTimestampAfter, boolean starving, boolean interactive,
            boolean toExpired, int bestExpiredPrioAfter) {
    }

    /**
     * {@code scheduler_tick()}'s slice expiry: prio recomputed, slice refilled,
     * {@code expired_timestamp} set when 0, and the task goes to the expired array unless it is
     * interactive and the expired array is not starving ({@code EXPIRED_STARVING}, whose
     * {@code rq->curr} is this task). Both predicates are computed (the kernel skips
     * {@code EXPIRED_STARVING} for a non-interactive task; it has no side effect).
     */
    public static SliceExpiry expireSlice(int staticPrio, long sleepAvgNs, long expiredTimestamp, long jiffies, long nrRunning,
            int bestExpiredPrio) {
        int prio = effectivePrio(staticPrio, sleepAvgNs);
        int slice = taskTimeslice(staticPrio);
        long ts = expiredTimestamp == 0 ? jiffies : expiredTimestamp;
        boolean starving = expiredStarving(jiffies, ts, nrRunning, staticPrio, bestExpiredPrio);
        boolean interactive = taskInteractive(prio, staticPrio);
        boolean toExpired = !interactive || starving;
        int best = toExpired && staticPrio < bestExpiredPrio ? staticPrio : bestExpiredPrio;
        return new SliceExpiry(prio, slice, ts, starving, interactive, toExpired, best);
    }

    /** {@code sched_exit}'s child in golden/o1's {@code fork_exit.csv} scenarios: what it did between the fork and its exit. */
    public enum ExitCase {
        /** Exits untouched right after the fork: first slice, the slice and {@code sleep_avg} the fork gave it. */
        IMMEDIATE,
        /** Ran as a CPU hog to the last jiffy of its first slice: {@code first_time_slice} 1, {@code time_slice} 1, {@code sleep_avg} 0. */
        HOG,
        /** Its first slice ran out and was refilled: {@code first_time_slice} 0, a full {@code task_timeslice}, {@code sleep_avg} 10⁹ ns. */
        REFILLED;

        /** The golden tables' spelling: lower case. */
        public String golden() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The case spelled {@code s} as in the golden tables, or null. */
        public static ExitCase parse(String s) {
            for (ExitCase c : values()) {
                if (c.golden().equals(s)) {
                    return c;
                }
            }
            return null;
        }
    }

    /**
     * A fork and the child's exit, as golden/o1's {@code fork_exit.csv} reports them.
     *
     * @param childTimeSlice              {@code sched_fork}: the child's {@code time_slice}
     * @param parentTimeSliceAfterFork    the parent's, set to 1 when halving left 0
     * @param forcedTick                  whether halving left 0, so that {@code sched_fork} forces a {@code scheduler_tick()}
     * @param parentTimeSliceAfterTick    the parent's after that tick (its slice expires and is refilled), else unchanged
     * @param childSleepAvg               {@code wake_up_new_task}: the child's {@code sleep_avg} after {@code CHILD_PENALTY}, ns
     * @param childPrio                   the child's {@code effective_prio} from it
     * @param parentSleepAvgAfterFork     the parent's {@code sleep_avg} after {@code PARENT_PENALTY}, ns
     * @param childFirstTimeSlice         the child's {@code first_time_slice} at exit
     * @param childTimeSliceAtExit        the child's {@code time_slice} at exit
     * @param childSleepAvgAtExit         the child's {@code sleep_avg} at exit, ns
     * @param parentTimeSliceAfterExit    {@code sched_exit}: the parent's {@code time_slice}
     * @param parentSleepAvgAfterExit     {@code sched_exit}: the parent's {@code sleep_avg}, ns
     */
    public record ForkExit(int childTimeSlice, int parentTimeSliceAfterFork, boolean forcedTick, int parentTimeSliceAfterTick,
            long childSleepAvg, int childPrio, long parentSleepAvgAfterFork, boolean childFirstTimeSlice, int childTimeSliceAtExit,
            long childSleepAvgAtExit, int parentTimeSliceAfterExit, long parentSleepAvgAfterExit) {
    }

    /**
     * A {@code SCHED_NORMAL} parent with {@code staticPrio}, {@code time_slice} {@code parentTimeSlice}
     * and {@code sleep_avg} {@code parentSleepAvgNs} forks a process ({@code sched_fork},
     * {@code wake_up_new_task}; the child is a copy of the parent), then the child exits as
     * {@code exit} says and {@code sched_exit} is applied to the parent's post-fork state. The
     * child-runs-first override of the child's {@code prio} is not applied (as in the golden table).
     */
    public static ForkExit forkExit(int staticPrio, int parentTimeSlice, long parentSleepAvgNs, ExitCase exit) {
        int child = childTimeSlice(parentTimeSlice);
        int parent = parentTimeSliceAfterFork(parentTimeSlice);
        boolean forced = parent == 0;
        int afterFork = forced ? 1 : parent;
        // the forced scheduler_tick() takes the last jiffy: the slice expires and is refilled
        int afterTick = forced ? taskTimeslice(staticPrio) : afterFork;
        long childSleep = forkPenalty(parentSleepAvgNs, CHILD_PENALTY);
        long parentSleep = forkPenalty(parentSleepAvgNs, PARENT_PENALTY);
        boolean first;
        int sliceAtExit;
        long sleepAtExit;
        switch (exit) {
            case IMMEDIATE -> {
                first = true;
                sliceAtExit = child;
                sleepAtExit = childSleep;
            }
            case HOG -> {
                first = true;
                sliceAtExit = 1;
                sleepAtExit = 0;
            }
            case REFILLED -> {
                first = false;
                sliceAtExit = taskTimeslice(staticPrio);
                sleepAtExit = NS_MAX_SLEEP_AVG;
            }
            default -> throw new AssertionError(exit);
        }
        return new ForkExit(child, afterFork, forced, afterTick, childSleep, effectivePrio(staticPrio, childSleep), parentSleep,
                first, sliceAtExit, sleepAtExit, exitTimeSlice(afterTick, first, sliceAtExit, staticPrio),
                exitSleepAvg(parentSleep, sleepAtExit));
    }

    /**
     * The value of a tuning macro or expression named as in golden/o1's {@code constants.csv}
     * ({@code MAX_PRIO}, {@code NICE_TO_PRIO(0)}, {@code SD_CPU_INIT.cache_hot_time},
     * {@code TIMESLICE_GRANULARITY(sleep_avg=S;bonus=B;cpus=N)}, …), or null when the model has no
     * such constant or the arguments do not parse (a {@code bonus} argument must be
     * {@code CURRENT_BONUS} of the {@code sleep_avg} one).
     */
    public static Long constant(String name) {
        String g = "TIMESLICE_GRANULARITY(";
        if (name.startsWith(g) && name.endsWith(")")) {
            Map<String, Long> args = new HashMap<>();
            for (String kv : name.substring(g.length(), name.length() - 1).split(";", -1)) {
                String[] p = kv.split("=", -1);
                try {
                    if (p.length != 2 || args.put(p[0], Long.parseLong(p[1])) != null) {
                        return null;
                    }
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            Long sleep = args.get("sleep_avg");
            Long bonus = args.get("bonus");
            Long cpus = args.get("cpus");
            if (args.size() != 3 || sleep == null || bonus == null || cpus == null || sleep < 0 || cpus < 1 || cpus > 4096
                    || currentBonus(sleep) != bonus) {
                return null;
            }
            return (long) timesliceGranularity(sleep, cpus.intValue());
        }
        return CONSTANTS.get(name);
    }

    private static final Map<String, Long> CONSTANTS = Map.ofEntries(
            Map.entry("HZ", (long) HZ),
            Map.entry("MAX_USER_RT_PRIO", (long) MAX_USER_RT_PRIO),
            Map.entry("MAX_RT_PRIO", (long) MAX_RT_PRIO),
            Map.entry("MAX_PRIO", (long) MAX_PRIO),
            Map.entry("MAX_USER_PRIO", (long) MAX_USER_PRIO),
            Map.entry("NICE_TO_PRIO(-20)", (long) niceToPrio(-20)),
            Map.entry("NICE_TO_PRIO(0)", (long) niceToPrio(0)),
            Map.entry("NICE_TO_PRIO(19)", (long) niceToPrio(19)),
            Map.entry("PRIO_TO_NICE(100)", (long) prioToNice(100)),
            Map.entry("PRIO_TO_NICE(139)", (long) prioToNice(139)),
            Map.entry("MIN_TIMESLICE", (long) MIN_TIMESLICE),
            Map.entry("DEF_TIMESLICE", (long) DEF_TIMESLICE),
            Map.entry("DEF_TIMESLICE*4", (long) DEF_TIMESLICE * 4),
            Map.entry("ON_RUNQUEUE_WEIGHT", (long) ON_RUNQUEUE_WEIGHT),
            Map.entry("ON_RUNQUEUE_WEIGHT*128/100", activationDelta(1, 128)),
            Map.entry("CHILD_PENALTY", (long) CHILD_PENALTY),
            Map.entry("PARENT_PENALTY", (long) PARENT_PENALTY),
            Map.entry("EXIT_WEIGHT", (long) EXIT_WEIGHT),
            Map.entry("PRIO_BONUS_RATIO", (long) PRIO_BONUS_RATIO),
            Map.entry("MAX_BONUS", (long) MAX_BONUS),
            Map.entry("INTERACTIVE_DELTA", (long) INTERACTIVE_DELTA),
            Map.entry("MAX_SLEEP_AVG", (long) MAX_SLEEP_AVG),
            Map.entry("STARVATION_LIMIT", (long) STARVATION_LIMIT),
            Map.entry("NS_MAX_SLEEP_AVG", NS_MAX_SLEEP_AVG),
            Map.entry("1000000000/HZ", NS_PER_JIFFY),
            Map.entry("JIFFIES_TO_NS(1)", jiffiesToNs(1)),
            Map.entry("NS_TO_JIFFIES(999999)", nsToJiffies(999_999)),
            Map.entry("NS_TO_JIFFIES(1000000)", nsToJiffies(1_000_000)),
            Map.entry("JIFFIES_TO_NS(MAX_SLEEP_AVG-DEF_TIMESLICE)", jiffiesToNs(MAX_SLEEP_AVG - DEF_TIMESLICE)),
            Map.entry("INTERACTIVE_SLEEP(nice=0)", interactiveSleep(niceToPrio(0))),
            Map.entry("GRANULARITY", (long) GRANULARITY),
            Map.entry("SCHED_LOAD_SCALE", (long) SCHED_LOAD_SCALE),
            Map.entry("SD_CPU_INIT.min_interval", (long) SD_MIN_INTERVAL),
            Map.entry("SD_CPU_INIT.max_interval", (long) SD_MAX_INTERVAL),
            Map.entry("SD_CPU_INIT.busy_factor", (long) SD_BUSY_FACTOR),
            Map.entry("SD_CPU_INIT.imbalance_pct", (long) SD_IMBALANCE_PCT),
            Map.entry("SD_CPU_INIT.cache_hot_time", SD_CACHE_HOT_TIME_NS),
            Map.entry("SD_CPU_INIT.cache_nice_tries", (long) SD_CACHE_NICE_TRIES),
            Map.entry("SD_CPU_INIT.balance_interval", (long) SD_BALANCE_INTERVAL));
}
