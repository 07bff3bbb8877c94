// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.smp;

import java.util.List;

/**
 * The outcome of one {@code sched_pickcpu} call: the CPU it returned, the thread's
 * {@code ts_cpu} afterwards (the interrupt-thread path rewrites it to the current CPU before
 * searching), and the {@code SCHED_STAT_INC} counters it bumped, in the order bumped
 * ({@code pickcpu_idle_affinity}, {@code pickcpu_affinity}, {@code pickcpu_intrbind},
 * {@code pickcpu_lowest}, {@code pickcpu_local}, {@code pickcpu_migration}).
 *
 * <p>Invariant: {@code stats} is an unmodifiable copy; {@code cpu} &ge; 0.
 *
 * @param cpu        the chosen CPU
 * @param tsCpuAfter ts_cpu after the call
 * @param stats      counter names in bump order (empty for the SRQ_OURSELF / pinned exits)
 */
public record PickResult(int cpu, int tsCpuAfter, List<String> stats) {
    /** Copies {@code stats} into an unmodifiable list. */
    public PickResult {
        stats = List.copyOf(stats);
    }
}
