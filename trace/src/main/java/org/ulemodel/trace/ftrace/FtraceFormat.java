// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.ftrace;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The text forms of scheduler events {@link FtraceReader} reads: what prints them, the shape of
 * their lines, and the name {@code ulemodel audit --format} knows them by.
 *
 * <p>Invariant: {@link #TRACE_CMD} and {@link #TRACEFS} share one line shape (the kernel's
 * {@code print_trace_fmt()} in {@code kernel/trace/trace.c}: {@code COMM-PID [CPU] FLAGS TIME:
 * EVENT: BODY}, flags optional) and differ only in their headers; {@link #PERF} has its own
 * ({@code perf script}'s {@code COMM PID [CPU] TIME: SUBSYSTEM:EVENT: BODY}).
 */
public enum FtraceFormat {
    /** {@code trace-cmd report} text, with or without {@code -R}, {@code -l}: header {@code version = N}, {@code cpus=N}. */
    TRACE_CMD("trace-cmd", "trace-cmd report", "an event line 'COMM-PID [CPU] SECONDS.MICROS: EVENT: …'"),
    /** The kernel's tracefs {@code trace} or {@code trace_pipe}: {@code #} header (optional), irq-flags column such as {@code d..2.}. */
    TRACEFS("tracefs", "tracefs trace/trace_pipe", "an event line 'COMM-PID [CPU] FLAGS SECONDS.MICROS: EVENT: …'"),
    /** {@code perf script} output of {@code sched:} tracepoints. */
    PERF("perf", "perf script", "an event line 'COMM PID [CPU] SECONDS.MICROS: sched:EVENT: …'");

    private final String option;
    private final String description;
    private final String lineShape;

    FtraceFormat(String option, String description, String lineShape) {
        this.option = option;
        this.description = description;
        this.lineShape = lineShape;
    }

    /** The name {@code --format} takes ({@code trace-cmd}, {@code tracefs}, {@code perf}). */
    public String option() {
        return option;
    }

    /** What prints it, for reports. */
    public String description() {
        return description;
    }

    /** The shape of an event line, for error messages. */
    String lineShape() {
        return lineShape;
    }

    /** True when event lines of {@code this} and {@code other} have the same shape. */
    boolean sameLines(FtraceFormat other) {
        return this == other || this != PERF && other != PERF;
    }

    /** The format named {@code option}, or null. */
    public static FtraceFormat byOption(String option) {
        for (FtraceFormat f : values()) {
            if (f.option.equals(option)) {
                return f;
            }
        }
        return null;
    }

    /** The option names, comma-separated. */
    public static String options() {
        return Arrays.stream(values()).map(FtraceFormat::option).collect(Collectors.joining(", "));
    }
}
