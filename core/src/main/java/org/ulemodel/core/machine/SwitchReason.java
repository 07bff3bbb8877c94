// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

/** Why a CPU switched threads (FreeBSD {@code SWT_*} / {@code SW_*} flags of {@code mi_switch}). */
public enum SwitchReason {
    /** The slice ran out ({@code TDF_SLICEEND}, then the AST on return to user mode): requeued at the tail. */
    SLICE_END,
    /** A better thread arrived and preemption was owed ({@code SW_PREEMPT}): requeued at the head. */
    PREEMPT,
    /** An AST asked for a reschedule without preemption ({@code SWT_NEEDRESCHED}): requeued at the tail. */
    RESCHED,
    /** The idle thread found load ({@code SWT_IDLE}). */
    IDLE,
    /** The thread yielded ({@code SWT_RELINQUISH}). */
    YIELD,
    /** The thread went to sleep ({@code SWT_SLEEPQ}). */
    SLEEP,
    /** The thread exited ({@code sched_throw}). */
    EXIT,
    /** The thread bound itself to another CPU ({@code SWT_BIND}). */
    BIND,
    /** The CPU was taken offline; its running thread moved elsewhere. */
    OFFLINE
}
