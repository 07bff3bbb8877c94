// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.smp;

/**
 * The per-CPU scheduler fields that the CPU searches read, without locks, exactly as ULE does:
 * {@code tdq_load}, {@code tdq_lowpri} and {@code tdq_transferable} of {@code struct tdq}
 * (sys/kern/sched_ule.c). The values may be stale or mutually inconsistent (for example lowpri
 * 255 with a non-zero load); the searches must not assume otherwise. Implementations must answer
 * every CPU id of the topology being searched.
 */
public interface LoadView {
    /** {@code tdq_load} of {@code cpu}: running plus queued threads (TDQ_LOAD). */
    int load(int cpu);

    /** {@code tdq_lowpri} of {@code cpu}: best priority there, 0..255; &ge; 224 (PRI_MIN_IDLE) means idle. */
    int lowpri(int cpu);

    /** {@code tdq_transferable} of {@code cpu}: queued threads that may migrate (TDQ_TRANSFERABLE). */
    int transferable(int cpu);
}
