// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim;

import java.util.ArrayList;
import java.util.List;
import org.ulemodel.sim.rtapp.Workload;
import org.ulemodel.sim.rtapp.Workload.Policy;

/**
 * How one thread of a built-in workload behaves (the workload of {@code ulemodel demo}): started at
 * time 0 from CPU 0, it runs {@code runUs} of CPU time, then sleeps {@code sleepUs}, and again, for
 * ever; with {@code sleepUs} 0 it is a CPU hog that never sleeps. The built-in source of
 * workloads, beside rt-app files: {@link #workload} turns a list of behaviours into the
 * {@link Workload} an rt-app file describing the same threads reads as, which is how the
 * {@link Engine} runs it and what {@link org.ulemodel.sim.rtapp.RtAppWriter} prints.
 *
 * <p>Invariant: {@code runUs} ≥ 1, {@code sleepUs} ≥ 0, {@code cpus} is null (all CPUs) or a
 * non-empty list; {@code priority} is the nice value for {@code SCHED_OTHER} and the Linux
 * priority 1..99 for {@code SCHED_FIFO}/{@code SCHED_RR} (ignored for {@code SCHED_IDLE}), as in
 * rt-app.
 *
 * @param name     the thread's name (an rt-app task name)
 * @param policy   its scheduling policy
 * @param priority nice (SCHED_OTHER) or realtime priority (SCHED_FIFO, SCHED_RR)
 * @param cpus     allowed CPUs, null for all
 * @param runUs    CPU time per burst, µs
 * @param sleepUs  sleep after each burst, µs; 0 for a hog
 */
public record Behavior(String name, Policy policy, int priority, List<Integer> cpus, long runUs, long sleepUs) {
    /** How long a hog's {@code run} is: it loops for ever, so the length only sets how often its program restarts. */
    public static final long HOG_BURST_US = 1_000_000;

    /** Checks the invariant and copies {@code cpus}. */
    public Behavior {
        if (runUs < 1 || sleepUs < 0) {
            throw new IllegalArgumentException(name + ": expected run >= 1 us and sleep >= 0 us, got " + runUs + " and " + sleepUs);
        }
        if (cpus != null) {
            if (cpus.isEmpty()) {
                throw new IllegalArgumentException(name + ": an empty CPU list; use null for all CPUs");
            }
            cpus = List.copyOf(cpus);
        }
    }

    /** A SCHED_OTHER CPU hog at {@code nice}. */
    public static Behavior hog(String name, int nice) {
        return new Behavior(name, Policy.SCHED_OTHER, nice, null, HOG_BURST_US, 0);
    }

    /** A SCHED_OTHER thread at {@code nice} that runs {@code runMs}, sleeps {@code sleepMs}, and again. */
    public static Behavior periodic(String name, int nice, int runMs, int sleepMs) {
        return new Behavior(name, Policy.SCHED_OTHER, nice, null, runMs * 1000L, sleepMs * 1000L);
    }

    /** A SCHED_RR thread at Linux priority {@code rtPriority} (1..99) that runs {@code runMs}, sleeps {@code sleepMs}, and again. */
    public static Behavior realtime(String name, int rtPriority, int runMs, int sleepMs) {
        return new Behavior(name, Policy.SCHED_RR, rtPriority, null, runMs * 1000L, sleepMs * 1000L);
    }

    /** This behaviour restricted to the given CPUs. */
    public Behavior on(Integer... allowed) {
        return new Behavior(name, policy, priority, List.of(allowed), runUs, sleepUs);
    }

    /** Whether the thread never sleeps. */
    public boolean hog() {
        return sleepUs == 0;
    }

    /**
     * The rt-app task: one instance from time 0, looping for ever over {@code run} (and
     * {@code sleep}), the policy and priority given only where they differ from rt-app's defaults
     * (SCHED_OTHER, nice 0), as a file would state them. {@code source} names the workload in
     * messages.
     */
    public Workload.Task task(String source) {
        String at = source + ":" + name;
        boolean other = policy == Policy.SCHED_OTHER;
        Integer prio = other && priority == 0 || policy == Policy.SCHED_IDLE ? null : priority;
        Workload.Sched sched = new Workload.Sched(other ? null : policy, prio, cpus, at);
        List<Workload.Step> steps = new ArrayList<>();
        steps.add(new Workload.Run(runUs, at));
        if (!hog()) {
            steps.add(new Workload.Sleep(sleepUs, at));
        }
        Workload.Phase phase = new Workload.Phase(name, 1, Workload.Sched.NONE, List.copyOf(steps), at);
        return new Workload.Task(name, 1, 0, -1, sched, List.of(phase), at);
    }

    /**
     * The workload of {@code behaviors}, in order, with {@code durationUs} as its global duration
     * (-1: none; else whole seconds, as rt-app gives it) and SCHED_OTHER as the default policy.
     */
    public static Workload workload(String source, List<Behavior> behaviors, long durationUs) {
        if (durationUs != -1 && (durationUs <= 0 || durationUs % 1_000_000 != 0)) {
            throw new IllegalArgumentException("duration " + durationUs + " us: rt-app's global duration is whole seconds");
        }
        List<Workload.Task> tasks = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Behavior b : behaviors) {
            if (!names.add(b.name())) {
                throw new IllegalArgumentException("two threads named " + b.name() + ": names must be unique, as rt-app's task names");
            }
            tasks.add(b.task(source));
        }
        return new Workload(source, List.copyOf(tasks), durationUs, Policy.SCHED_OTHER, List.of());
    }
}
