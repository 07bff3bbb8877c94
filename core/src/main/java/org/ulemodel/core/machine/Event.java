// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.CpuSet;

/**
 * An input to the scheduler: something the environment (a workload, the explorer, a replayed
 * trace) makes happen. The scheduler answers each event with decisions ({@link Decision}). Events
 * that name a CPU name the CPU whose code runs the operation (FreeBSD {@code curcpu}).
 */
public sealed interface Event {

    /**
     * A new thread appears (created outside the model, e.g. by another process) and is made
     * runnable with {@code sched_add(SRQ_BORING)} from {@code onCpu}. Its id is the next free
     * one; the {@link Decision.Created} decision reports it.
     *
     * @param priClass scheduling class
     * @param nice     nice, -20..20 (timeshare priority input)
     * @param priority for REALTIME/ITHD/IDLE: the fixed priority inside the class band; for
     *                 TIMESHARE: -1 to start from {@code sched_priority}'s value, or an explicit
     *                 starting {@code td_priority} (as the golden fixed-priority simulations do)
     * @param fifo     POSIX SCHED_FIFO (realtime class only): never time-sliced
     * @param cpuset   the CPUs it may run on, null for every CPU
     * @param onCpu    the CPU executing the creation
     */
    record Create(PriClass priClass, int nice, int priority, boolean fifo, CpuSet cpuset, int onCpu) implements Event {
        /** A timeshare thread at the given nice, any CPU, created on CPU 0. */
        public static Create timeshare(int nice) {
            return new Create(PriClass.TIMESHARE, nice, -1, false, null, 0);
        }
    }

    /** One hardclock tick: the hz clock advances by one; stathz ticks due at that hz tick run {@code sched_clock} on every online CPU, then each CPU returns to user mode (slice ends and owed preemptions switch). */
    record Tick() implements Event {
    }

    /**
     * One hardclock tick on {@code cpu} alone, as FreeBSD's per-CPU event timers deliver them
     * ({@code hardclock} on each CPU, kern_clock.c): that CPU's own clock ({@code pcputicks})
     * advances by one and the machine's {@code ticks} becomes the furthest CPU's clock; stathz
     * ticks due at the CPU's own count run {@code sched_clock} on it; then it returns to user mode.
     * A {@link Tick} is the lock-step form (every CPU at once, all {@code sched_clock}s before any
     * switch), which the golden tables and recorded traces use.
     */
    record CpuTick(int cpu) implements Event {
    }

    /** The thread running on {@code cpu} goes to sleep ({@code sched_sleep} then {@code mi_switch(SW_VOL)}); {@code sleepPri} is the kernel sleep priority, 0 for none. */
    record Block(int cpu, int sleepPri) implements Event {
    }

    /** Sleeping thread {@code tid} is woken by code running on {@code onCpu} ({@code sched_wakeup}). */
    record Wake(int tid, int onCpu) implements Event {
    }

    /** The thread running on {@code cpu} yields ({@code sched_relinquish}). */
    record Yield(int cpu) implements Event {
    }

    /** The thread running on {@code cpu} exits ({@code sched_exit_thread} on its parent, then {@code sched_throw}). */
    record Exit(int cpu) implements Event {
    }

    /** The thread running on {@code cpu} forks a child process ({@code sched_fork}); the child is added with {@code sched_add}. */
    record Fork(int cpu) implements Event {
    }

    /** Set the nice value of thread {@code tid}'s process ({@code sched_nice}). */
    record SetNice(int tid, int nice) implements Event {
    }

    /** One pass of {@code cpu}'s idle loop ({@code sched_idletd}): switch if it has load, else try to steal ({@code tdq_idled}). */
    record IdleLoop(int cpu) implements Event {
    }

    /** Deliver the IPIs pending on {@code cpu}: {@code IPI_PREEMPT} runs {@code sched_preempt}, {@code IPI_AST} the scheduling AST. */
    record DeliverIpi(int cpu) implements Event {
    }

    /** Thread {@code tid}'s cpuset becomes {@code cpuset}, by code running on {@code onCpu} ({@code sched_affinity}). */
    record SetCpuset(int tid, CpuSet cpuset, int onCpu) implements Event {
    }

    /** The thread running on {@code cpu} binds itself to {@code target} ({@code sched_bind}): pinned there until unbound. */
    record Bind(int cpu, int target) implements Event {
    }

    /** The thread running on {@code cpu} releases its binding ({@code sched_unbind}). */
    record Unbind(int cpu) implements Event {
    }

    /** Take {@code cpu} out of scheduling (e.g. to dedicate it to a service); its threads move to allowed online CPUs. Code runs on {@code onCpu}. */
    record CpuOffline(int cpu, int onCpu) implements Event {
    }

    /** Make {@code cpu} eligible for scheduling again. */
    record CpuOnline(int cpu) implements Event {
    }

    /**
     * Offload {@code cpu} to a dedicated service (OFFSCHED): the CPU leaves scheduling exactly as
     * {@link CpuOffline} takes it out (its threads move to allowed online CPUs, code on
     * {@code onCpu}), and {@code service} then holds it whole until {@link Return}. Only models
     * that keep services take it ({@code core.compose.OffloadModel}); the others refuse it.
     *
     * @param service the service's name: letters, digits, {@code -}, {@code _} or {@code .}
     */
    record Offload(int cpu, int onCpu, String service) implements Event {
    }

    /** Give offloaded {@code cpu} back to the scheduler ({@link CpuOnline} once its service lets go of it). */
    record Return(int cpu) implements Event {
    }

    /**
     * Replace the running machine's scheduling policy with the model whose id is {@code model}
     * (e.g. {@code ule15}, {@code o1}), carrying every thread across: the new model re-queues the
     * queued threads by its own rules and the running ones keep running. Only a switching model
     * ({@code core.compose.SwitchingModel}) takes it; the others refuse it.
     */
    record SwitchPolicy(String model) implements Event {
    }
}
