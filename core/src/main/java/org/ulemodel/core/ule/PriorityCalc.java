// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

/**
 * The intermediate values and result of one user-priority computation of a timeshare thread,
 * named like the columns of golden/priority.csv. FreeBSD: the locals of sched_priority().
 *
 * @param score         interactivity score (sched_interact_score())
 * @param scorePlusNice imax(0, score + nice), the value compared with kern.sched.interact
 * @param windowTicks   ltick − ftick of the %CPU window, in hz ticks
 * @param ticksTerm     batch branch: min(SCHED_PRI_TICKS, SCHED_PRI_RANGE − 1), or 0 when
 *                      ts_ticks is 0; always 0 in the interactive branch (not computed there)
 * @param interactive   true for the interactive branch (scorePlusNice &lt; interact threshold)
 * @param priority      the user priority, in 120..151 (interactive) or 152..223 (batch)
 */
public record PriorityCalc(int score, int scorePlusNice, int windowTicks, int ticksTerm, boolean interactive,
        int priority) {

    /** The golden table's branch name: "interactive" or "batch". */
    public String branch() {
        return interactive ? "interactive" : "batch";
    }
}
