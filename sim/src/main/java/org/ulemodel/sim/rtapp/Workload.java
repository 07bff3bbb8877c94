// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim.rtapp;

import java.util.List;

/**
 * An rt-app workload as read from its JSON: the task templates in document order, the global
 * duration and default policy, and notes about accepted settings that have no meaning for the
 * model (logging, calibration, cgroups). Times are microseconds.
 *
 * @param source        the file name, for messages
 * @param tasks         thread templates in document order
 * @param durationUs    global duration, or -1 when the workload runs until every thread ends
 * @param defaultPolicy {@code global.default_policy} (SCHED_OTHER unless given)
 * @param notes         "FILE:LINE:COLUMN: key: why it does not affect the simulation"
 * @param offloads      CPUs offloaded to dedicated services ({@code global.ulemodel_offload}, our extension), in file order
 * @param switches      run-time policy replacements ({@code global.ulemodel_switch}, our extension), in file order
 */
public record Workload(String source, List<Task> tasks, long durationUs, Policy defaultPolicy, List<String> notes,
        List<Offload> offloads, List<PolicySwitch> switches) {

    /** Copies the lists. */
    public Workload {
        tasks = List.copyOf(tasks);
        notes = List.copyOf(notes);
        offloads = List.copyOf(offloads);
        switches = List.copyOf(switches);
    }

    /** A workload without our extensions (no offloaded CPUs, no policy switch). */
    public Workload(String source, List<Task> tasks, long durationUs, Policy defaultPolicy, List<String> notes) {
        this(source, tasks, durationUs, defaultPolicy, notes, List.of(), List.of());
    }

    /**
     * CPU {@code cpu} offloaded to the dedicated service {@code service} (OFFSCHED) from
     * {@code fromUs} until {@code toUs} (−1: to the end of the run): an element of our
     * {@code global.ulemodel_offload} extension.
     */
    public record Offload(int cpu, String service, long fromUs, long toUs, String at) {
    }

    /** At {@code atUs} the machine's policy is replaced by model {@code model}: an element of our {@code global.ulemodel_switch}. */
    public record PolicySwitch(long atUs, String model, String at) {
    }

    /** rt-app's scheduling policies that the model can express. */
    public enum Policy {
        /** Linux CFS; here ULE timeshare with nice = priority. */
        SCHED_OTHER,
        /** POSIX FIFO; here ULE realtime, never time-sliced. */
        SCHED_FIFO,
        /** POSIX round robin; here ULE realtime. */
        SCHED_RR,
        /** Linux SCHED_IDLE; here ULE's idle class. */
        SCHED_IDLE
    }

    /** Scheduling settings given at one level (thread or phase); null fields were not given. */
    public record Sched(Policy policy, Integer priority, List<Integer> cpus, String at) {
        public static final Sched NONE = new Sched(null, null, null, null);

        public boolean isEmpty() {
            return policy == null && priority == null && cpus == null;
        }
    }

    /**
     * One thread template ({@code tasks.NAME}).
     *
     * @param instances how many threads start with it at time {@code delayUs} (0: only by fork)
     * @param loop      times the phases run, -1 for ever
     */
    public record Task(String name, int instances, long delayUs, long loop, Sched sched, List<Phase> phases, String at) {
    }

    /** One phase: its steps run {@code loop} times; its scheduling settings apply when it starts. */
    public record Phase(String name, long loop, Sched sched, List<Step> steps, String at) {
    }

    /** One event of a phase, with its place in the file ({@code at}). */
    public sealed interface Step {
        String at();
    }

    /** Consume {@code us} of CPU time. */
    public record Run(long us, String at) implements Step {
    }

    /** Run until {@code us} of wall time has passed, whether on a CPU or not. */
    public record Runtime(long us, String at) implements Step {
    }

    /** Sleep {@code us}. */
    public record Sleep(long us, String at) implements Step {
    }

    /** Sleep until the named timer's next period boundary; {@code absolute} keeps the reference when late. */
    public record Timer(String ref, long periodUs, boolean absolute, String at) implements Step {
    }

    /** Wait on the named event until a {@link Resume}. */
    public record Suspend(String ref, String at) implements Step {
    }

    /** Wake every thread suspended on the named event (lost when none waits). */
    public record Resume(String ref, String at) implements Step {
    }

    /** Take the mutex, blocking while another thread holds it. */
    public record Lock(String mutex, String at) implements Step {
    }

    /** Release the mutex, handing it to its first waiter. */
    public record Unlock(String mutex, String at) implements Step {
    }

    /** pthread_cond_wait: release the mutex, block on the condition, retake the mutex. */
    public record Wait(String ref, String mutex, String at) implements Step {
    }

    /** Wake the first waiter of the condition. */
    public record Signal(String ref, String at) implements Step {
    }

    /** Wake every waiter of the condition. */
    public record Broad(String ref, String at) implements Step {
    }

    /** Signal the condition, then wait on it (with the mutex held around both, as rt-app does). */
    public record Sync(String ref, String mutex, String at) implements Step {
    }

    /** Block until every thread using this barrier has reached it. */
    public record Barrier(String ref, String at) implements Step {
    }

    /** Give up the CPU ({@code sched_yield}). */
    public record Yield(String at) implements Step {
    }

    /** Start a new thread of the named task. */
    public record Fork(String task, String at) implements Step {
    }
}
