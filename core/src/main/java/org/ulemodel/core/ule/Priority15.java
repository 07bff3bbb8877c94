// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import org.ulemodel.core.prio.Priorities;

/**
 * The user priority of a timeshare thread with FreeBSD 15's layout and arithmetic. The
 * interactivity score and the interactive branch are V14's (see {@link Priority}) on the V15
 * band 56..114; the batch branch is new: 115 + a rounded %CPU fraction of 58 + nice scaled by
 * 5/4. The V15 %CPU window fields ts_ticks, ts_ftick and ts_ltick are u_int, so every operation
 * on them here is unsigned. FreeBSD 15: sched_priority() in sys/kern/sched_ule.c. The static
 * boost on sleep is unchanged: {@link Priority#sleepBoost} with V15's parameters.
 */
public final class Priority15 {
    private Priority15() {
    }

    /**
     * sched_priority()'s computation. score = imax(0, interactivity score + nice), a u_int.
     * Interactive when score &lt; kern.sched.ule.interact (unsigned): priority = 56 + 59 · score /
     * interact. Otherwise batch: priority = 115 + {@link #cpuPriOff} + {@link #nicePriOff}. Only
     * the user priority is computed (sched_user_prio()). FreeBSD 15: sched_priority().
     *
     * @param runtime ts_runtime (u_int)
     * @param slptime ts_slptime (u_int)
     * @param nice    p_nice, in PRIO_MIN..PRIO_MAX
     * @param tsTicks ts_ticks of the %CPU window (u_int, hz ticks &lt;&lt; 10)
     * @param ftick   ts_ftick (u_int)
     * @param ltick   ts_ltick (u_int)
     * @param p       the clock constants and tunables ({@link UleVersion#params})
     * @throws IllegalArgumentException when nice is outside −20..20
     */
    public static PriorityCalc15 compute(int runtime, int slptime, int nice, int tsTicks, int ftick, int ltick,
            SchedParams p) {
        Priority.requireNice(nice);
        int interact = p.interactThresh();
        int score = Interactivity.score(runtime, slptime, interact);
        int scorePlusNice = Math.max(0, score + nice);
        int window = ltick - ftick;
        if (Integer.compareUnsigned(scorePlusNice, interact) < 0) {
            return new PriorityCalc15(score, scorePlusNice, window, 0, 0, true, Priority.interactivePriority(
                    scorePlusNice, interact, Priorities15.PRI_MIN_INTERACT, Priorities15.PRI_MAX_INTERACT));
        }
        int cpu = cpuPriOff(tsTicks, ftick, ltick);
        int niceOff = nicePriOff(nice);
        return new PriorityCalc15(score, scorePlusNice, window, cpu, niceOff, false,
                Priorities15.PRI_MIN_BATCH + cpu + niceOff);
    }

    /**
     * {@link #compute}'s priority only, the same branches without the record (it is asked on every
     * wakeup and slice end). FreeBSD 15: sched_priority().
     */
    public static int of(int runtime, int slptime, int nice, int tsTicks, int ftick, int ltick, SchedParams p) {
        Priority.requireNice(nice);
        int interact = p.interactThresh();
        int scorePlusNice = Math.max(0, Interactivity.score(runtime, slptime, interact) + nice);
        if (Integer.compareUnsigned(scorePlusNice, interact) < 0) {
            return Priority.interactivePriority(scorePlusNice, interact, Priorities15.PRI_MIN_INTERACT,
                    Priorities15.PRI_MAX_INTERACT);
        }
        return Priorities15.PRI_MIN_BATCH + cpuPriOff(tsTicks, ftick, ltick) + nicePriOff(nice);
    }

    /**
     * The batch-branch priority, 115 + cpuPriOff + nicePriOff: 115..223 for a window whose
     * ts_ticks does not exceed its length. FreeBSD 15: the else-branch of sched_priority().
     *
     * @throws IllegalArgumentException when nice is outside −20..20
     */
    public static int batch(int nice, CpuWindow w) {
        return Priorities15.PRI_MIN_BATCH + cpuPriOff(w.tsTicks(), w.ftick(), w.ltick()) + nicePriOff(nice);
    }

    /**
     * The %CPU part of a batch priority, the fraction run/len of SCHED_PRI_CPU_RANGE − 1 (58)
     * rounded to nearest: ((58 · run + len/2) / len + 512) &gt;&gt; 10 with run = ts_ticks and len =
     * max(ltick − ftick, 1) (SCHED_TICK_LENGTH), all u_int and wrapping like the kernel's.
     * FreeBSD asserts the result is below SCHED_PRI_CPU_RANGE, which holds while ts_ticks &le;
     * len &lt;&lt; 10; it is not clamped here either. FreeBSD 15: cpu_pri_off in sched_priority().
     */
    public static int cpuPriOff(int tsTicks, int ftick, int ltick) {
        int len = PctCpu15.length(ftick, ltick);
        int scaled = Integer.divideUnsigned((Priorities15.SCHED_PRI_CPU_RANGE - 1) * tsTicks + (len >>> 1), len);
        return (scaled + (1 << (Priorities.SCHED_TICK_SHIFT - 1))) >>> Priorities.SCHED_TICK_SHIFT;
    }

    /**
     * The nice part of a batch priority, SCHED_PRI_NICE(nice) = (nice + 20) · 5 / 4 in 0..50.
     * FreeBSD 15: nice_pri_off in sched_priority().
     *
     * @throws IllegalArgumentException when nice is outside −20..20
     */
    public static int nicePriOff(int nice) {
        Priority.requireNice(nice);
        return Priorities15.schedPriNice(nice);
    }
}
