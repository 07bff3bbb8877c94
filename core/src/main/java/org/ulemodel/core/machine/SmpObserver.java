// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import org.ulemodel.core.topo.CpuGroup;

/**
 * Told, step by step, what ULE 14's SMP searches did inside one transition: which CPU each
 * {@code cpu_search_highest} over a group found, which chosen CPU gave no thread, which thread
 * {@code tdq_move} moved, which running thread the balancer asked to re-pick its CPU, and which
 * CPU {@code sched_balance_group}'s {@code cpu_search_lowest} found. The golden tables record these
 * steps ({@link SmpProbe} turns them into their tokens); the scheduler itself never listens.
 *
 * <p>Invariant: an observer only records; it cannot change the transition. {@link #NONE} ignores
 * everything and is what every step outside {@link SmpProbe} uses.
 */
interface SmpObserver {
    /** Ignores every call. */
    SmpObserver NONE = new SmpObserver() {
    };

    /** {@code cpu_search_highest} over {@code group} found {@code cpu} (-1: none), for a steal or a balancing pass. */
    default void searched(CpuGroup group, int cpu) {
    }

    /** The CPU {@code from} chosen by a search gave no thread to {@code to} ({@code tdq_move} found nothing it could move). */
    default void nothingMoved(int from, int to) {
    }

    /** {@code tdq_move} moved thread {@code tid} from CPU {@code from} to CPU {@code to}. */
    default void moved(int tid, int from, int to) {
    }

    /** The balancer asked thread {@code tid}, running alone on CPU {@code cpu}, to pick a new CPU ({@code TDF_PICKCPU}). */
    default void repickAsked(int cpu, int tid) {
    }

    /** {@code sched_balance_group}'s {@code cpu_search_lowest} for {@code high}'s thread found {@code low} (-1: none). */
    default void lowestFound(int high, int low) {
    }
}
