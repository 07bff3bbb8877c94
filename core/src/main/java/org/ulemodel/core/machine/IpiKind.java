// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

/** The inter-processor interrupts ULE sends ({@code IPI_PREEMPT}, {@code IPI_AST}). */
public enum IpiKind {
    /** {@code IPI_PREEMPT} from {@code tdq_notify} or {@code sched_affinity}: run {@code sched_preempt} there. */
    PREEMPT,
    /** {@code IPI_AST} from the balancer: run the scheduling AST there. */
    AST
}
