// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

/**
 * The intermediate values and result of one FreeBSD 15 user-priority computation of a timeshare
 * thread, named like the columns of golden/v15/priority_v15.csv. FreeBSD 15: the locals of
 * sched_priority(). Invariant: in the batch branch priority = PRI_MIN_BATCH (115) + cpuPriOff +
 * nicePriOff; in the interactive branch both offsets are 0 and priority is in 56..114.
 *
 * @param score         interactivity score (sched_interact_score(), unchanged from V14)
 * @param scorePlusNice imax(0, score + nice), the value compared with kern.sched.ule.interact
 * @param windowTicks   ltick − ftick of the %CPU window, hz ticks (u_int in V15)
 * @param cpuPriOff     batch branch: the %CPU part, a rounded fraction of SCHED_PRI_CPU_RANGE − 1
 *                      (cpu_pri_off); 0 in the interactive branch
 * @param nicePriOff    batch branch: SCHED_PRI_NICE(nice), 0..50 (nice_pri_off); 0 in the
 *                      interactive branch
 * @param interactive   true for the interactive branch (scorePlusNice &lt; interact threshold)
 * @param priority      the user priority
 */
public record PriorityCalc15(int score, int scorePlusNice, int windowTicks, int cpuPriOff, int nicePriOff,
        boolean interactive, int priority) {

    /** The golden table's branch name: "interactive" or "batch". */
    public String branch() {
        return interactive ? "interactive" : "batch";
    }
}
