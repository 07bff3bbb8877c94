// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.model;

import java.util.function.IntConsumer;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;

/**
 * The policy-neutral view of one state of any scheduler model: what every CPU runs and what every
 * thread is doing, without the policy's own bookkeeping (ULE's {@code tdq}/{@code td_sched}, O(1)'s
 * arrays). Generic invariants, the explorer, the workload driver, the oracle and the benchmarks
 * read states only through this view; a model's state type implements it.
 *
 * <p>Invariants a conforming state keeps (checked by the generic invariants, not assumed):
 * thread ids are {@code 0..threadCount()-1}; a thread is {@link RunState#RUNNING} iff exactly one
 * CPU's {@link #running} names it, and {@link RunState#QUEUED} iff exactly one CPU's
 * {@link #forEachQueued} lists it; {@link #threadCpu} of a running or queued thread is that CPU.
 */
public interface SchedulerState {
    /** Thread id standing for a CPU's idle thread in {@link #running}. */
    int IDLE = -1;

    /** The machine's CPUs and caches. */
    Topology topology();

    /** hz ticks since boot. */
    long elapsed();

    /** The hz clock rate (ticks per second). */
    int hz();

    /**
     * The statistics clock rate (FreeBSD's {@code stathz}, the rate at which run time is charged);
     * by default {@link #hz()}, for models with one clock.
     */
    default int stathz() {
        return hz();
    }

    /** Number of CPUs: {@code topology().cpuCount()}. */
    int cpuCount();

    /** Whether {@code cpu} takes part in scheduling. */
    boolean online(int cpu);

    /** The thread running on {@code cpu}, or {@link #IDLE}. */
    int running(int cpu);

    /** Whether an inter-processor interrupt is pending on {@code cpu} (one that a {@code DeliverIpi} event would deliver). */
    boolean ipiPending(int cpu);

    /** Calls {@code action} with each thread queued (runnable, not running) on {@code cpu}, in the model's storage order. */
    void forEachQueued(int cpu, IntConsumer action);

    /** Number of threads ever created, exited ones included. */
    int threadCount();

    /** Where thread {@code tid} is: running, queued, sleeping or exited. */
    RunState threadState(int tid);

    /** The CPU thread {@code tid} runs or is queued on, else the CPU it last ran on. */
    int threadCpu(int tid);

    /** Thread {@code tid}'s current priority on FreeBSD's 0 (best) .. 255 scale; models with other scales map onto it. */
    int threadPriority(int tid);

    /** The CPUs thread {@code tid} may run on (hard affinity). */
    CpuSet threadCpuset(int tid);

    /** Whether thread {@code tid} is bound to one CPU (no migration until unbound). */
    boolean threadBound(int tid);

    /** The thread that created {@code tid}'s process, or -1 (threads created from outside). */
    int threadParent(int tid);

    /**
     * The dedicated service an offloaded CPU is given to (OFFSCHED), or null when {@code cpu} is
     * not offloaded. An offloaded CPU is offline to the scheduler ({@link #online} false) and runs
     * the service all the time. By default null: a plain model keeps no services.
     */
    default String service(int cpu) {
        return null;
    }

    /**
     * The hz ticks the service has held offloaded {@code cpu} since it was offloaded, counted tick
     * by tick (0 when not offloaded). "The service holds the CPU 100 %" means this equals
     * {@link #elapsed()} minus {@link #serviceSince}.
     */
    default long serviceTicks(int cpu) {
        return 0;
    }

    /** The {@link #elapsed()} at which {@code cpu} was offloaded (0 when not offloaded). */
    default long serviceSince(int cpu) {
        return 0;
    }

    /**
     * The scheduling policy thread {@code tid} was given, in the terms of
     * {@link org.ulemodel.core.machine.Event.Create}: what another model needs to take the thread
     * over ({@link SchedulerModel#adopt}).
     *
     * @throws UnsupportedOperationException for a model whose threads cannot be carried to another (the default)
     */
    default ThreadPolicy threadPolicy(int tid) {
        throw new UnsupportedOperationException("this model's threads carry no policy another model can adopt");
    }
}
