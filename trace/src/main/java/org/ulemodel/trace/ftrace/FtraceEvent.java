// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.ftrace;

import org.ulemodel.trace.ftrace.FtraceWriter.Task;

/**
 * One line of a trace as {@link FtraceReader} understood it. Every event line carries where it
 * was ({@code line}), the CPU and time it was recorded at, and the task the left column names
 * ({@code comm-pid}: the task running on that CPU, pid 0 = {@code <idle>}).
 */
public sealed interface FtraceEvent {
    /** 1-based line number in the source. */
    int line();

    /** The CPU whose buffer recorded the event. */
    int cpu();

    /** The timestamp in nanoseconds. */
    long timeNs();

    /** The pid of the left column: the task running on {@link #cpu()} when the event was recorded. */
    int runningPid();

    /** The comm of the left column (trace-cmd may cut it at a space; {@code <idle>} for pid 0). */
    String runningComm();

    /** The event name as printed ({@code sched_switch}, {@code cpu_idle}, …). */
    String name();

    /**
     * {@code sched_switch}: {@code prev} leaves the CPU in {@code prevState} (the kernel's
     * {@code prev_state}: R, R+, S, D|K, x, 4096, …), {@code next} runs.
     */
    record Switch(int line, int cpu, long timeNs, int runningPid, String runningComm, Task prev, TaskState prevState,
            Task next) implements FtraceEvent {
        @Override
        public String name() {
            return "sched_switch";
        }

        /** True when prev stays runnable (R, R+, or a number every kernel reads so). */
        public boolean prevRunnable() {
            return prevState.kind() == TaskState.Kind.RUNNABLE;
        }

        /** True when prev has exited (x, X, Z, or EXIT_DEAD/EXIT_ZOMBIE bits). */
        public boolean prevDead() {
            return prevState.kind() == TaskState.Kind.DEAD;
        }
    }

    /** {@code sched_wakeup}, {@code sched_wakeup_new} or {@code sched_waking}: {@code wakee} is made runnable on {@code targetCpu}. */
    record Wakeup(int line, int cpu, long timeNs, int runningPid, String runningComm, String name, Task wakee,
            int targetCpu) implements FtraceEvent {
    }

    /** {@code sched_migrate_task}: {@code task} moves from {@code origCpu} to {@code destCpu}. */
    record Migrate(int line, int cpu, long timeNs, int runningPid, String runningComm, Task task, int origCpu,
            int destCpu) implements FtraceEvent {
        @Override
        public String name() {
            return "sched_migrate_task";
        }
    }

    /** Any other event: counted, its body not interpreted. */
    record Other(int line, int cpu, long timeNs, int runningPid, String runningComm, String name)
            implements FtraceEvent {
    }

    /**
     * trace-cmd's {@code CPU:N [LOST n EVENTS]} marker: what the trace says about {@code cpu} since
     * its previous event is incomplete. It carries the time of the previous event.
     */
    record Lost(int line, int cpu, long timeNs, long count) implements FtraceEvent {
        @Override
        public int runningPid() {
            return -1;
        }

        @Override
        public String runningComm() {
            return "";
        }

        @Override
        public String name() {
            return "lost events";
        }
    }
}
