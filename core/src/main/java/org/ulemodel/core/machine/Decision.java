// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import org.ulemodel.core.runq.RunqKind;

/**
 * An output of the scheduler: what it decided while handling one event, in the order it decided
 * it. Thread -1 stands for a CPU's idle thread.
 */
public sealed interface Decision {

    /** A new thread got id {@code tid} (its parent is -1 for threads created from outside). */
    record Created(int tid, int parent) implements Decision {
    }

    /** Thread {@code tid} was put on {@code cpu}'s run queue {@code queue} at index {@code index} ({@code tdq_runq_add}); at the head when preempted. */
    record Enqueue(int tid, int cpu, RunqKind queue, int index, boolean atHead) implements Decision {
    }

    /** {@code cpu} switched from {@code from} to {@code to} ({@code sched_switch} + {@code sched_choose}); either may be -1 (idle). */
    record Switch(int cpu, int from, int to, SwitchReason reason) implements Decision {
    }

    /** Thread {@code tid} used up its slice on {@code cpu} ({@code TDF_SLICEEND}, or ithread demotion). */
    record SliceEnd(int tid, int cpu) implements Decision {
    }

    /** A priority of {@code tid} changed: {@code td_priority} when {@code user} is false, else {@code td_user_pri}. */
    record PriorityChange(int tid, boolean user, int from, int to) implements Decision {
    }

    /** The running thread of {@code cpu} owes a preemption ({@code td_owepreempt}) because {@code tid} arrived. */
    record PreemptRequest(int cpu, int tid) implements Decision {
    }

    /** Thread {@code tid} moved from CPU {@code from} to CPU {@code to}. */
    record Migrate(int tid, int from, int to, MigrateReason why) implements Decision {
    }

    /** An inter-processor interrupt was sent to {@code cpu} and is now pending there ({@code ipi_cpu}). */
    record IpiSent(int cpu, IpiKind kind) implements Decision {
    }

    /** The balancer asked thread {@code tid}, running alone on {@code cpu}, to pick a new CPU at its next switch ({@code TDF_PICKCPU}). */
    record RepickRequest(int cpu, int tid) implements Decision {
    }

    /** CPU 0 ran the periodic balancer ({@code sched_balance}); it runs again in {@code nextIn} stathz ticks. */
    record Balanced(int nextIn) implements Decision {
    }

    /** {@code cpu} went offline (taken out of scheduling) or came back online. */
    record CpuOnline(int cpu, boolean online) implements Decision {
    }

    /** Thread {@code tid} exited. */
    record Exited(int tid) implements Decision {
    }
}
