// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

/**
 * Where a thread is, from the scheduler's point of view (FreeBSD {@code TD_IS_RUNNING},
 * {@code TD_ON_RUNQ}, {@code TD_IS_INHIBITED}, exit). Invariant: a live thread is in exactly
 * one of the first three.
 */
public enum RunState {
    /** On a CPU ({@code tdq_curthread}); counted in that CPU's load. */
    RUNNING,
    /** In one run queue of one CPU ({@code TD_ON_RUNQ}); counted in that CPU's load. */
    QUEUED,
    /** Blocked: asleep, waiting for a wakeup; counted nowhere. */
    SLEEPING,
    /** Gone for good; its id is never reused. */
    EXITED
}
