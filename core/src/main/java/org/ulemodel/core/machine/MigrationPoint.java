// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

/** Where ULE asks the {@link MigrationHook} whether a thread may move to another CPU. */
public enum MigrationPoint {
    /** An idle (or newly idle) CPU takes a queued thread: {@code tdq_idled}/{@code tdq_trysteal} → {@code tdq_move} → {@code tdq_steal}. */
    STEAL,
    /**
     * The periodic balancer: {@code sched_balance_pair} → {@code tdq_move} moves a queued thread, or a
     * thread the balancer asked to re-pick its CPU ({@code TDF_PICKCPU}) leaves at its next switch.
     */
    BALANCE,
    /** {@code sched_add} → {@code sched_pickcpu} puts a waking (or requeued) thread on another CPU than its last one. */
    WAKEUP
}
