// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.ftrace;

/**
 * The state a {@code sched_switch} leaves its prev in (the kernel's {@code prev_state}), as printed
 * ({@link #text()}) and as the audit needs it ({@link #kind()}: still runnable, asleep, or gone).
 *
 * <p>Two spellings exist. <b>Letters</b>, as the kernel's {@code TP_printk} of {@code sched_switch}
 * ({@code include/trace/events/sched.h}) and trace-cmd's sched_switch plugin print them: flags
 * joined by {@code |} from {@code RSDTtXZxKWPNnI}, {@code R} when no flag is set, and a trailing
 * {@code +} for a preempted task ({@code R+}). <b>Numbers</b>, as {@code trace-cmd report -R},
 * older trace-cmd and perf without the format file print the raw field: the bits are
 * {@code TASK_REPORT}'s since Linux 4.14 ({@code __trace_sched_switch_state()}:
 * {@code task_state_index()} as a bit, 0x1 S, 0x2 D, 0x4 T, 0x8 t, 0x10 X, 0x20 Z, 0x40 P, 0x80 I,
 * and {@code TASK_REPORT_MAX} = 0x100 for a preempted task) and {@code task_struct.state}'s before
 * (0x40 {@code TASK_DEAD} x, 0x80 {@code TASK_WAKEKILL} K, 0x100 W, 0x200 P, 0x400 N, 0x800 n, and
 * {@code TASK_STATE_MAX} = 0x400, 0x800 or 0x1000 depending on the version, for preemption). A
 * number alone does not say which kernel wrote it, so it is classed only as far as every version
 * agrees: 0, or a lone 0x100, 0x400, 0x800 or 0x1000 (each a preemption marker in some version
 * and never a state a task switches out in), is {@link Kind#RUNNABLE}; 0x10 or 0x20 (EXIT_DEAD,
 * EXIT_ZOMBIE in every version) is {@link Kind#DEAD}; anything else is {@link Kind#SLEEPING}.
 *
 * <p>Invariant: {@code text} is a well-formed state in one of the two spellings.
 */
public record TaskState(String text, Kind kind) {
    /** What the audit needs to know of a state. */
    public enum Kind {
        /** Still runnable: R (not asleep) or R+ (preempted); it waits for a CPU. */
        RUNNABLE,
        /** Blocked: it runs again only after a wakeup. */
        SLEEPING,
        /** Exited (x, X, Z): it does not run again. */
        DEAD
    }

    /** The task-state letters of any kernel version ({@code TASK_STATE_TO_CHAR_STR} and TASK_REPORT's). */
    public static final String LETTERS = "RSDTtXZxKWPNnI";

    /** Largest numeric state accepted (every bit a kernel has used, with room). */
    static final long MAX_NUMBER = 0xffff;

    public TaskState {
        if (invalidAt(text, 0, text.length()) >= 0) {
            throw new IllegalArgumentException("not a task state: '" + text + "'");
        }
        if (kind != kindOf(text)) {
            throw new IllegalArgumentException("state '" + text + "' is " + kindOf(text) + ", not " + kind);
        }
    }

    /** The state printed as {@code text} ({@code R}, {@code R+}, {@code D|K}, {@code 4096}, …). */
    public static TaskState of(String text) {
        if (invalidAt(text, 0, text.length()) >= 0) {
            throw new IllegalArgumentException("not a task state: '" + text + "'");
        }
        return new TaskState(text, kindOf(text));
    }

    /** One letter, and one letter with '+': the states nearly every switch prints, made once. */
    private static final TaskState[] LETTER = new TaskState[LETTERS.length()];
    private static final TaskState[] LETTER_PLUS = new TaskState[LETTERS.length()];
    /** Numbers below 0x2000, made when first seen (a race makes equal records, which is harmless). */
    private static final TaskState[] NUMBER = new TaskState[0x2000];

    static {
        for (int i = 0; i < LETTERS.length(); i++) {
            LETTER[i] = of(String.valueOf(LETTERS.charAt(i)));
            LETTER_PLUS[i] = of(LETTERS.charAt(i) + "+");
        }
    }

    /**
     * The state printed as {@code s[from, to)}, which {@link #invalidAt} accepted; common
     * spellings come from a table instead of being made again for every switch.
     */
    static TaskState of(String s, int from, int to) {
        char first = s.charAt(from);
        int letter = LETTERS.indexOf(first);
        if (letter >= 0 && to - from == 1) {
            return LETTER[letter];
        }
        if (letter >= 0 && to - from == 2 && s.charAt(from + 1) == '+') {
            return LETTER_PLUS[letter];
        }
        if (first >= '0' && first <= '9' && to - from <= 4) {
            int v = Integer.parseInt(s, from, to, 10);
            if (v < NUMBER.length) {
                TaskState t = NUMBER[v];
                if (t == null) {
                    t = of(s.substring(from, to));
                    NUMBER[v] = t;
                }
                return t;
            }
        }
        return of(s.substring(from, to));
    }

    /** True when the state was printed as a number. */
    public boolean numeric() {
        return !text.isEmpty() && text.charAt(0) >= '0' && text.charAt(0) <= '9';
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * The index in {@code s} of the first character that makes {@code s[from, to)} not a state,
     * or -1 when it is one ({@code to} when it is empty or ends early).
     */
    static int invalidAt(String s, int from, int to) {
        if (from >= to) {
            return to;
        }
        char first = s.charAt(from);
        if (first >= '0' && first <= '9') {
            long v = 0;
            for (int i = from; i < to; i++) {
                char ch = s.charAt(i);
                if (ch < '0' || ch > '9') {
                    return i;
                }
                v = v * 10 + (ch - '0');
                if (v > MAX_NUMBER || i > from && first == '0') {
                    return i;
                }
            }
            return -1;
        }
        // letters: FLAG ('|' FLAG)* '+'?
        int i = from;
        while (true) {
            if (i >= to || LETTERS.indexOf(s.charAt(i)) < 0) {
                return i;
            }
            i++;
            if (i == to) {
                return -1;
            }
            if (s.charAt(i) == '+') {
                return i + 1 == to ? -1 : i + 1;
            }
            if (s.charAt(i) != '|') {
                return i;
            }
            i++;
        }
    }

    private static Kind kindOf(String text) {
        char first = text.charAt(0);
        if (first >= '0' && first <= '9') {
            long v = Long.parseLong(text);
            if (v == 0 || v == 0x100 || v == 0x400 || v == 0x800 || v == 0x1000) {
                return Kind.RUNNABLE;
            }
            return (v & 0x30) != 0 ? Kind.DEAD : Kind.SLEEPING;
        }
        if (first == 'R' && (text.length() == 1 || text.charAt(1) == '+')) {
            return Kind.RUNNABLE;
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == 'x' || ch == 'X' || ch == 'Z') {
                return Kind.DEAD;
            }
        }
        return Kind.SLEEPING;
    }
}
