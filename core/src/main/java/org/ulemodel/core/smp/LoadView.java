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

    /**
     * A view over per-CPU arrays, e.g. a recorded state. A null array makes that field
     * unreadable: reading it throws {@link IllegalStateException} naming the field, so a caller
     * also learns which fields a search really reads.
     */
    static LoadView of(int[] load, int[] lowpri, int[] transferable) {
        return new LoadView() {
            @Override
            public int load(int cpu) {
                return field(load, "load", cpu);
            }

            @Override
            public int lowpri(int cpu) {
                return field(lowpri, "lowpri", cpu);
            }

            @Override
            public int transferable(int cpu) {
                return field(transferable, "transferable", cpu);
            }

            private int field(int[] values, String name, int cpu) {
                if (values == null) {
                    throw new IllegalStateException(name + " of CPU " + cpu + " read, but this view does not give it");
                }
                return values[cpu];
            }
        };
    }
}
