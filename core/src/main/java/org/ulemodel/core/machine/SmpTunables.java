// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import org.ulemodel.core.prio.Priorities;

/**
 * The SMP sysctls of sched_ule.c ({@code kern.sched.*}): idle stealing and the periodic balancer.
 *
 * @param stealIdle     {@code steal_idle}: idle CPUs steal work
 * @param stealThresh   {@code steal_thresh}: minimum load of a CPU to steal from
 * @param trystealLimit {@code trysteal_limit}: topology levels searched when a thread sleeps
 * @param alwaysSteal   {@code always_steal}: the idle loop steals even without new activity
 * @param rebalance     {@code rebalance} ({@code kern.sched.balance}): the periodic balancer runs
 * @param migrationHook asked before every migration stealing, balancing or wakeup placement would make
 *                      ({@link MigrationHook}; ours, not a FreeBSD sysctl); {@link MigrationHook#ULE} is FreeBSD's behaviour
 */
public record SmpTunables(boolean stealIdle, int stealThresh, int trystealLimit, boolean alwaysSteal, boolean rebalance,
        MigrationHook migrationHook) {
    public SmpTunables {
        if (stealThresh < 0 || trystealLimit < 0) {
            throw new IllegalArgumentException("steal_thresh and trysteal_limit must be >= 0, got " + stealThresh + " and "
                    + trystealLimit);
        }
        if (migrationHook == null) {
            throw new IllegalArgumentException("a migration hook is required (MigrationHook.ULE for FreeBSD's behaviour)");
        }
    }

    /** The sysctls with FreeBSD's behaviour on migrations ({@link MigrationHook#ULE}). */
    public SmpTunables(boolean stealIdle, int stealThresh, int trystealLimit, boolean alwaysSteal, boolean rebalance) {
        this(stealIdle, stealThresh, trystealLimit, alwaysSteal, rebalance, MigrationHook.ULE);
    }

    /** These tunables with {@code hook} asked before each migration. */
    public SmpTunables withMigrationHook(MigrationHook hook) {
        return new SmpTunables(stealIdle, stealThresh, trystealLimit, alwaysSteal, rebalance, hook);
    }

    /** FreeBSD 14's defaults: steal_idle 1, steal_thresh 2, trysteal_limit 2, always_steal 0, rebalance 1. */
    public static SmpTunables defaults() {
        return new SmpTunables(Priorities.STEAL_IDLE_DEFAULT != 0, Priorities.STEAL_THRESH, Priorities.TRYSTEAL_LIMIT,
                Priorities.ALWAYS_STEAL_DEFAULT != 0, Priorities.REBALANCE_DEFAULT != 0);
    }
}
