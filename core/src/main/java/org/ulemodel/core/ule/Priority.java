// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import org.ulemodel.core.prio.Priorities;

/**
 * The user priority of a timeshare thread and the static boost given on sleep, with FreeBSD 14's
 * integer arithmetic. FreeBSD: sched_priority() and sched_sleep() in sys/kern/sched_ule.c.
 */
public final class Priority {
    private Priority() {
    }

    /**
     * sched_priority()'s computation for a timeshare thread. score = imax(0, interactivity score
     * + nice), a u_int. Interactive when score &lt; kern.sched.interact (unsigned compare):
     * priority = PRI_MIN_INTERACT + (PRI_INTERACT_RANGE · score) / interact. Otherwise batch:
     * priority = SCHED_PRI_MIN + ticksTerm + nice (see {@link #batch}). Only the user priority is
     * computed; FreeBSD stores it with sched_user_prio() and td_priority follows it only on return
     * to user mode. FreeBSD: sched_priority().
     *
     * @param runtime ts_runtime (u_int)
     * @param slptime ts_slptime (u_int)
     * @param nice    p_nice, in PRIO_MIN..PRIO_MAX
     * @param tsTicks ts_ticks of the %CPU window
     * @param ftick   ts_ftick
     * @param ltick   ts_ltick
     * @throws IllegalArgumentException when nice is outside −20..20
     */
    public static PriorityCalc compute(int runtime, int slptime, int nice, int tsTicks, int ftick, int ltick,
            SchedParams p) {
        requireNice(nice);
        int interact = p.interactThresh();
        int score = Interactivity.score(runtime, slptime, interact);
        int scorePlusNice = Math.max(0, score + nice);
        int window = ltick - ftick;
        if (Integer.compareUnsigned(scorePlusNice, interact) < 0) {
            return new PriorityCalc(score, scorePlusNice, window, 0, true,
                    interactivePriority(scorePlusNice, interact, Priorities.PRI_MIN_INTERACT, Priorities.PRI_MAX_INTERACT));
        }
        int term = ticksTerm(tsTicks, ftick, ltick, p);
        return new PriorityCalc(score, scorePlusNice, window, term, false, Priorities.SCHED_PRI_MIN + term + nice);
    }

    /**
     * sched_priority()'s interactive branch, taken when scorePlusNice &lt; interact (u_int
     * compare), shared by V14 and V15 (only the band differs): minInteract + (maxInteract −
     * minInteract + 1) · scorePlusNice / interact, u_int division.
     */
    static int interactivePriority(int scorePlusNice, int interact, int minInteract, int maxInteract) {
        return minInteract + Integer.divideUnsigned((maxInteract - minInteract + 1) * scorePlusNice, interact);
    }

    /**
     * {@link #compute}'s priority only, the same branches without the record (it is asked on every
     * wakeup and slice end). FreeBSD: sched_priority().
     */
    public static int of(int runtime, int slptime, int nice, int tsTicks, int ftick, int ltick, SchedParams p) {
        requireNice(nice);
        int interact = p.interactThresh();
        int scorePlusNice = Math.max(0, Interactivity.score(runtime, slptime, interact) + nice);
        if (Integer.compareUnsigned(scorePlusNice, interact) < 0) {
            return interactivePriority(scorePlusNice, interact, Priorities.PRI_MIN_INTERACT, Priorities.PRI_MAX_INTERACT);
        }
        return Priorities.SCHED_PRI_MIN + ticksTerm(tsTicks, ftick, ltick, p) + nice;
    }

    /**
     * The batch-branch priority, SCHED_PRI_MIN + ticksTerm + nice, in 152..223. FreeBSD: the
     * else-branch of sched_priority().
     *
     * @throws IllegalArgumentException when nice is outside −20..20
     */
    public static int batch(int nice, int tsTicks, int ftick, int ltick, SchedParams p) {
        requireNice(nice);
        return Priorities.SCHED_PRI_MIN + ticksTerm(tsTicks, ftick, ltick, p) + nice;
    }

    /**
     * The %CPU part of a batch priority: 0 when tsTicks is 0, else min(T, SCHED_PRI_RANGE − 1)
     * (u_int min) with T = (tsTicks &gt;&gt; 10) / (roundup(max(ltick − ftick, hz), 32) / 32), all
     * u_int after the shift. FreeBSD: SCHED_PRI_TICKS() and SCHED_TICK_TOTAL().
     *
     * @throws ArithmeticException when ltick − ftick is within 31 below 2^32 as a u_int, where the
     *                             roundup wraps to 0 and FreeBSD itself would divide by zero
     */
    public static int ticksTerm(int tsTicks, int ftick, int ltick, SchedParams p) {
        if (tsTicks == 0) {
            return 0;
        }
        int range = Priorities.SCHED_PRI_RANGE;
        int total = Interactivity.maxUnsigned(ltick - ftick, p.hz());
        int roundedUp = Integer.divideUnsigned(total + (range - 1), range) * range;
        int perLevel = Integer.divideUnsigned(roundedUp, range);
        if (perLevel == 0) {
            throw new ArithmeticException("%CPU window length ltick - ftick = " + (ltick - ftick)
                    + " wraps roundup() to 0; FreeBSD would divide by zero here");
        }
        int t = Integer.divideUnsigned(tsTicks >> Priorities.SCHED_TICK_SHIFT, perLevel);
        return Interactivity.minUnsigned(t, range - 1);
    }

    /**
     * The td_priority a timeshare thread gets when it goes to sleep: with static_boost 1 and a
     * sleep priority given ({@code sleepPri} != 0), that priority; otherwise, with a non-zero
     * static_boost and td_priority worse than it, static_boost; otherwise unchanged. Callers apply
     * it to timeshare threads only, as FreeBSD does. FreeBSD: sched_sleep().
     *
     * @param tdPriority current td_priority
     * @param sleepPri   the priority passed to sleep (0 = none)
     */
    public static int sleepBoost(int tdPriority, int sleepPri, SchedParams p) {
        int boost = p.staticBoost();
        if (boost == 1 && sleepPri != 0) {
            return sleepPri;
        }
        if (boost != 0 && tdPriority > boost) {
            return boost;
        }
        return tdPriority;
    }

    static void requireNice(int nice) {
        if (nice < Priorities.PRIO_MIN || nice > Priorities.PRIO_MAX) {
            throw new IllegalArgumentException("nice must be in " + Priorities.PRIO_MIN + ".." + Priorities.PRIO_MAX
                    + ", got " + nice);
        }
    }
}
