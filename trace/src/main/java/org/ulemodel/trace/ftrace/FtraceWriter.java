// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.ftrace;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes scheduler events in the text of a real {@code trace-cmd report} (trace.dat version 6), so
 * that Perfetto, LISA and {@link FtraceReader} load them: the header {@code version = 6} and
 * {@code cpus=N}, then one line per event,
 * <pre>
 *            make-4100  [000]    77.100102: sched_switch:         make:4100 [120] S ==> swapper/0:0 [120]
 * </pre>
 * that is {@code %16s-%-5d [%03d] %5d.%06d: NAME: } (the name followed by spaces up to 20 columns),
 * then the body that trace-cmd's sched plugin prints for {@code sched_switch} and
 * {@code sched_wakeup} and the kernel's own format for {@code sched_migrate_task} (trace-cmd has no
 * plugin for it). Timestamps are truncated to microseconds, as trace-cmd prints them.
 *
 * <p>Invariant: the left column of every line names the task that the last {@code sched_switch}
 * on that CPU switched in (the idle task {@code <idle>-0} before the first one), and timestamps
 * never go backwards. Task {@code pid} 0 is the idle task of the event's CPU: it is always printed
 * as {@code <idle>} in the left column and {@code swapper/N:0 [120]} in the body, whatever comm and
 * prio the {@link Task} carries. Event methods report I/O failures as {@link UncheckedIOException}.
 */
public final class FtraceWriter implements Closeable {
    /** Priority the Linux kernel reports for the idle task ({@code swapper/N}). */
    public static final int IDLE_PRIO = 120;

    /**
     * A task as ftrace names it: its command name, its pid (0 = the idle task), and its priority
     * in the kernel's numbering (120 + nice for normal tasks, 99 - rtprio for realtime ones).
     */
    public record Task(String comm, int pid, int prio) {
        /** Validates that comm is a non-empty single line and pid is not negative. */
        public Task {
            Objects.requireNonNull(comm, "comm");
            if (comm.isEmpty() || comm.indexOf('\n') >= 0 || comm.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("comm must be a non-empty single line: '" + comm + "'");
            }
            if (pid < 0) {
                throw new IllegalArgumentException("pid must be >= 0: " + pid);
            }
        }

        /** The idle task of {@code cpu}: {@code swapper/cpu}, pid 0, prio 120. */
        public static Task idle(int cpu) {
            return new Task("swapper/" + cpu, 0, IDLE_PRIO);
        }
    }

    /** The task-state letters trace-cmd's sched_switch plugin prints for {@code prev_state}. */
    static final String STATES = "RSDTtZXxWPIK";

    private static final int NAME_COLUMN = 20;

    private final Writer out;
    private final int cpus;
    private final Task[] current;
    private final StringBuilder line = new StringBuilder(160);
    private long lastTimeNs = Long.MIN_VALUE;

    /**
     * Starts a trace of {@code cpus} CPUs on {@code out}, writing the two header lines at once.
     * The writer does not buffer beyond what {@code out} does; {@link #close()} closes {@code out}.
     */
    public FtraceWriter(Writer out, int cpus) {
        this.out = Objects.requireNonNull(out, "out");
        if (cpus < 1) {
            throw new IllegalArgumentException("cpus must be >= 1: " + cpus);
        }
        this.cpus = cpus;
        this.current = new Task[cpus];
        for (int c = 0; c < cpus; c++) {
            current[c] = Task.idle(c);
        }
        emit("version = 6\ncpus=" + cpus + "\n");
    }

    /**
     * {@code cpu} switches from {@code prev} (leaving in state {@code prevState}: R preempted, S
     * sleeping, D uninterruptible, x dead, …) to {@code next}.
     */
    public void sched_switch(long timeNs, int cpu, Task prev, char prevState, Task next) {
        checkCpu(cpu, "cpu");
        if (STATES.indexOf(prevState) < 0) {
            throw new IllegalArgumentException("prevState must be one of " + STATES + ": '" + prevState + "'");
        }
        begin(timeNs, cpu, prev, "sched_switch");
        body(cpu, prev);
        line.append(' ').append(prevState).append(" ==> ");
        body(cpu, next);
        end();
        current[cpu] = next;
    }

    /** The task running on {@code cpu} wakes {@code wakee}, which will run on {@code targetCpu}. */
    public void sched_wakeup(long timeNs, int cpu, Task wakee, int targetCpu) {
        checkCpu(cpu, "cpu");
        checkCpu(targetCpu, "targetCpu");
        begin(timeNs, cpu, current[cpu], "sched_wakeup");
        body(targetCpu, wakee);
        line.append(" success=1 CPU:");
        pad(line, Integer.toString(targetCpu), 3, '0', true);
        end();
    }

    /** While {@code cpu} runs its current task, {@code task} moves from {@code origCpu} to {@code destCpu}. */
    public void sched_migrate_task(long timeNs, int cpu, Task task, int origCpu, int destCpu) {
        checkCpu(cpu, "cpu");
        checkCpu(origCpu, "origCpu");
        checkCpu(destCpu, "destCpu");
        Objects.requireNonNull(task, "task");
        begin(timeNs, cpu, current[cpu], "sched_migrate_task");
        line.append("comm=").append(task.comm()).append(" pid=").append(task.pid())
                .append(" prio=").append(task.prio()).append(" orig_cpu=").append(origCpu)
                .append(" dest_cpu=").append(destCpu);
        end();
    }

    /** Flushes and closes the underlying writer. */
    @Override
    public void close() throws IOException {
        out.close();
    }

    private void begin(long timeNs, int cpu, Task running, String event) {
        Objects.requireNonNull(running, "task");
        if (timeNs < 0) {
            throw new IllegalArgumentException("timeNs must be >= 0: " + timeNs);
        }
        if (timeNs < lastTimeNs) {
            throw new IllegalArgumentException("time goes backwards: " + timeNs + " ns after " + lastTimeNs + " ns");
        }
        lastTimeNs = timeNs;
        line.setLength(0);
        pad(line, running.pid() == 0 ? "<idle>" : running.comm(), 16, ' ', true);
        line.append('-');
        pad(line, Integer.toString(running.pid()), 5, ' ', false);
        line.append(" [");
        pad(line, Integer.toString(cpu), 3, '0', true);
        line.append("] ");
        pad(line, Long.toString(timeNs / 1_000_000_000L), 5, ' ', true);
        line.append('.');
        pad(line, Long.toString(timeNs % 1_000_000_000L / 1_000L), 6, '0', true);
        line.append(": ").append(event).append(": ");
        for (int i = event.length(); i < NAME_COLUMN; i++) {
            line.append(' ');
        }
    }

    private void body(int cpu, Task task) {
        Objects.requireNonNull(task, "task");
        if (task.pid() == 0) {
            line.append("swapper/").append(cpu).append(":0 [").append(IDLE_PRIO).append(']');
        } else {
            line.append(task.comm()).append(':').append(task.pid()).append(" [").append(task.prio()).append(']');
        }
    }

    private void end() {
        line.append('\n');
        emit(line);
    }

    private void emit(CharSequence text) {
        try {
            out.append(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void checkCpu(int cpu, String what) {
        if (cpu < 0 || cpu >= cpus) {
            throw new IllegalArgumentException(what + " must be in [0, " + cpus + "): " + cpu);
        }
    }

    /** Appends {@code text} padded with {@code fill} to {@code width}, on the left when {@code right}. */
    private static void pad(StringBuilder sb, String text, int width, char fill, boolean right) {
        char[] filler = new char[Math.max(0, width - text.length())];
        Arrays.fill(filler, fill);
        if (right) {
            sb.append(filler).append(text);
        } else {
            sb.append(text).append(filler);
        }
    }
}
