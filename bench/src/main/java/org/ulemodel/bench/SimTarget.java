// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.bench;

/**
 * A scheduler that {@link EventMix} can drive: a model (any {@code SchedulerModel}, through
 * {@link ModelTarget}) or a baseline. Each method applies one kind of event and returns how many
 * scheduler events it took (a model wakeup may be followed by the delivery of the IPI it sent).
 */
interface SimTarget {
    int cpuCount();

    int threadCount();

    /** The thread running on {@code cpu}, or −1 when it is idle. */
    int running(int cpu);

    /** One hz tick on every CPU. */
    int tick();

    /** One hz tick on {@code cpu} alone (a per-CPU clock event). */
    int cpuTick(int cpu);

    /** The thread running on {@code cpu} goes to sleep; the CPU switches. */
    int block(int cpu);

    /** Sleeping thread {@code tid} is woken by code on {@code onCpu}; a CPU is selected for it. */
    int wake(int tid, int onCpu);
}
