// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

/** Why a thread moved to another CPU. */
public enum MigrateReason {
    /** {@code sched_add} chose another CPU than the one it last ran on ({@code sched_pickcpu}, SCHED_STAT pickcpu_migration). */
    WAKEUP,
    /** An idle CPU took it ({@code tdq_idled}, {@code tdq_trysteal} → {@code tdq_move}). */
    STEAL,
    /** The periodic balancer moved it ({@code sched_balance_pair} → {@code tdq_move}). */
    BALANCE,
    /** Its cpuset no longer allows its CPU ({@code sched_affinity}, or {@code sched_switch} re-picking). */
    AFFINITY,
    /** The balancer asked a lone running thread to pick a new CPU ({@code TDF_PICKCPU}). */
    PICKCPU,
    /** It was bound to another CPU ({@code sched_bind}). */
    BIND,
    /** Its CPU was taken offline. */
    OFFLINE
}
