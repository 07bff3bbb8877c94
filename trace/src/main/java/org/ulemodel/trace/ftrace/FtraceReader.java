// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.ftrace;

import java.io.IOException;
import java.io.Reader;
import java.util.Objects;
import org.ulemodel.trace.ftrace.FtraceWriter.Task;

/**
 * Reads the text forms of scheduler events one event at a time, the one reader behind
 * {@code ulemodel audit}: {@code trace-cmd report} (header {@code version = N}, {@code cpus=N},
 * then {@code COMM-PID [CPU] SECS.FRAC: NAME: BODY}, with or without {@code -R} and {@code -l}),
 * the kernel's tracefs {@code trace} and {@code trace_pipe} ({@code #} header optional; its
 * {@code #P:N} gives the CPU count; irq-flags column such as {@code d..2.}; TGID column
 * {@code (  1977)}), and {@code perf script} output of {@code sched:} tracepoints
 * ({@code COMM PID[/TID] [CPU] SECS.FRAC: sched:NAME: BODY}). The first header or event line
 * decides the {@link FtraceFormat} (or the caller gives it), and every later line must agree.
 *
 * <p>{@code sched_switch} is understood in trace-cmd's plugin form ({@code a:1 [120] S ==> b:2
 * [120]}), the kernel's {@code TP_printk} form ({@code prev_comm=a prev_pid=1 prev_prio=120
 * prev_state=S ==> next_comm=b next_pid=2 next_prio=120}) and the raw field list of
 * {@code trace-cmd report -R} (the same without {@code ==>}), with the task state as letters or as
 * the kernel's number ({@link TaskState}); {@code sched_wakeup}, {@code sched_wakeup_new} and
 * {@code sched_waking} in both forms ({@code b:2 [120] success=1 CPU:001},
 * {@code comm=b pid=2 prio=120 [success=1 ]target_cpu=001}); {@code sched_migrate_task} in the
 * kernel's form. Other events are returned as {@link FtraceEvent.Other} without reading their body.
 *
 * <p>Invariant: every returned event was checked completely; anything else stops the reader with
 * an {@link FtraceSyntaxException} saying {@code SOURCE:LINE:COLUMN: expected …}. Lines longer than
 * {@code maxLineChars} and sources longer than {@code maxChars} are refused the same way, so a
 * garbage file never makes the reader hold more than one bounded line.
 */
public final class FtraceReader {
    /** Longest line accepted by default; real trace-cmd lines are under 300 characters. */
    public static final int DEFAULT_MAX_LINE_CHARS = 4096;
    /** Most CPUs a header may declare. */
    public static final int MAX_CPUS = 65_536;
    /** Largest timestamp in whole seconds: its nanoseconds, fraction included, fit a {@code long}. */
    public static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 1;

    private final Reader in;
    private final String source;
    private final int maxLineChars;
    private final long maxChars;
    private final StringBuilder buf = new StringBuilder(256);
    private final char[] chunk = new char[8192];
    private int chunkLen;
    private int chunkPos;
    private boolean eof;

    private long charsRead;
    private int lineNo;
    private int cpus = -1;
    private boolean seenEvent;
    private long lastTimeNs;
    private String text;
    private FtraceFormat format;
    private int formatLine;

    /**
     * A reader of {@code in}, naming it {@code source} in errors, refusing lines longer than
     * {@code maxLineChars} and more than {@code maxChars} characters in all.
     */
    public FtraceReader(Reader in, String source, int maxLineChars, long maxChars) {
        this(in, source, maxLineChars, maxChars, null);
    }

    /**
     * A reader as {@link #FtraceReader(Reader, String, int, long)} that takes every line as
     * {@code format} ({@code null}: the first header or event line decides).
     */
    public FtraceReader(Reader in, String source, int maxLineChars, long maxChars, FtraceFormat format) {
        this.format = format;
        this.in = Objects.requireNonNull(in, "in");
        this.source = Objects.requireNonNull(source, "source");
        if (maxLineChars < 1 || maxChars < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxLineChars = maxLineChars;
        this.maxChars = maxChars;
    }

    /** A reader with the default line limit and no practical size limit. */
    public FtraceReader(Reader in, String source) {
        this(in, source, DEFAULT_MAX_LINE_CHARS, Long.MAX_VALUE);
    }

    /** The CPU count the header declared ({@code cpus=N}), or -1 when there was none (yet). */
    public int cpus() {
        return cpus;
    }

    /** The format given, or detected so far (null before the first header or event line). */
    public FtraceFormat format() {
        return format;
    }

    /** The line whose form decided {@link #format()}, 0 when it was given or is not known yet. */
    public int formatLine() {
        return formatLine;
    }

    /** Characters consumed so far, line ends included (for progress). */
    public long charsRead() {
        return charsRead;
    }

    /** The number of the last line read. */
    public int lineNumber() {
        return lineNo;
    }

    /** The next event, or null at the end of the source. */
    public FtraceEvent next() throws IOException, FtraceSyntaxException {
        while (readLine()) {
            FtraceEvent e = parseLine();
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    // ---- lines -------------------------------------------------------------------------------

    private boolean readLine() throws IOException, FtraceSyntaxException {
        buf.setLength(0);
        boolean any = false;
        // a line that lies whole in the chunk becomes a String at once, without going through buf
        int directStart = -1;
        int directEnd = -1;
        while (true) {
            if (chunkPos == chunkLen) {
                if (eof) {
                    break;
                }
                chunkLen = in.read(chunk);
                chunkPos = 0;
                if (chunkLen <= 0) {
                    chunkLen = 0;
                    eof = true;
                    break;
                }
            }
            any = true;
            // take the run up to the line end (or the chunk's end) at once
            int start = chunkPos;
            int end = start;
            while (end < chunkLen && chunk[end] != '\n') {
                end++;
            }
            boolean lineEnd = end < chunkLen;
            int taken = end - start + (lineEnd ? 1 : 0);
            // the first character beyond a limit decides which one is reported, as if read one by one
            int runLen = end - start;
            long fits = maxChars - charsRead;
            int room = maxLineChars - buf.length();
            boolean tooMany = fits < taken;
            boolean tooLong = room < runLen;
            if (tooMany && (!tooLong || fits <= room)) {
                throw new FtraceSyntaxException(source, lineNo + 1, buf.length() + (int) fits + 1,
                        "expected at most " + maxChars + " characters in all, the source is longer");
            }
            if (tooLong) {
                throw new FtraceSyntaxException(source, lineNo + 1, maxLineChars + 1,
                        "expected a line of at most " + maxLineChars + " characters, found a longer one");
            }
            charsRead += taken;
            chunkPos = start + taken;
            if (lineEnd && buf.length() == 0) {
                directStart = start;
                directEnd = end;
                break;
            }
            buf.append(chunk, start, end - start);
            if (lineEnd) {
                break;
            }
        }
        if (!any) {
            return false;
        }
        lineNo++;
        if (directStart >= 0) {
            if (directEnd > directStart && chunk[directEnd - 1] == '\r') {
                directEnd--;
            }
            text = new String(chunk, directStart, directEnd - directStart);
        } else {
            if (buf.length() > 0 && buf.charAt(buf.length() - 1) == '\r') {
                buf.setLength(buf.length() - 1);
            }
            text = buf.toString();
        }
        int cr = text.indexOf('\r');
        if (cr >= 0) {
            throw new FtraceSyntaxException(source, lineNo, cr + 1,
                    "expected a line without a carriage return inside it (line ends are \\n or \\r\\n)");
        }
        return true;
    }

    private FtraceEvent parseLine() throws FtraceSyntaxException {
        String s = text;
        int first = skipSpaces(s, 0);
        if (first == s.length()) {
            return null;
        }
        if (s.charAt(first) == '#') {
            comment(s, first);
            return null;
        }
        if (s.startsWith("version = ", first) || s.startsWith("cpus=", first)
                || s.startsWith("CPU ", first) && s.endsWith(" is empty")) {
            settle(FtraceFormat.TRACE_CMD, true, first, "trace-cmd report's header line");
            if (s.startsWith("CPU ", first)) {
                return null;
            }
            header(s, first);
            return null;
        }
        if (s.startsWith("CPU:", first) && s.contains("[LOST ")) {
            if (format == FtraceFormat.PERF) {
                throw error(first, "expected " + format.lineShape() + " (" + origin() + "), found a lost-events marker");
            }
            return lost(s, first);
        }
        return event(s, first);
    }

    /**
     * A {@code #} line: a comment, except tracefs's {@code # tracer: NAME} (which says the file is
     * tracefs's) and {@code # entries-in-buffer/entries-written: N/M   #P:CPUS} (its CPU count).
     */
    private void comment(String s, int at) throws FtraceSyntaxException {
        if (s.startsWith("# tracer:", at)) {
            settle(FtraceFormat.TRACEFS, true, at, "tracefs's '# tracer:' header");
            return;
        }
        int p = s.lastIndexOf("#P:");
        if (s.startsWith("# entries-in-buffer/entries-written:", at) && p > at) {
            settle(FtraceFormat.TRACEFS, true, at, "tracefs's '# entries-in-buffer' header");
            Cursor c = new Cursor(s, p + 3);
            int col = c.pos;
            int n = c.integer(MAX_CPUS, "a CPU count after #P:");
            if (n < 1) {
                throw error(col, "expected a CPU count of at least 1");
            }
            c.end();
            cpus = n;
        }
    }

    /**
     * Takes {@code f} as the format, or checks the line against the one already taken: the first
     * header or event line decides, and every later line must agree ({@code --format} decides
     * before the first line).
     */
    private void settle(FtraceFormat f, boolean header, int at, String found) throws FtraceSyntaxException {
        if (format == null) {
            format = f;
            formatLine = lineNo;
        } else if (format != f && (header || !format.sameLines(f))) {
            throw error(at, "expected " + format.lineShape() + " (" + origin() + "), found " + found);
        }
    }

    private String origin() {
        return formatLine == 0 ? format.description() + ", as --format says"
                : format.description() + ", as line " + formatLine + " showed";
    }

    private void header(String s, int at) throws FtraceSyntaxException {
        if (seenEvent) {
            throw error(at, "expected an event line; header lines come before the first event");
        }
        Cursor c = new Cursor(s, at);
        if (s.startsWith("version = ", at)) {
            c.literal("version = ");
            c.integer(1_000_000, "a trace file version number");
        } else {
            c.literal("cpus=");
            int col = c.pos;
            int n = c.integer(MAX_CPUS, "a CPU count");
            if (n < 1) {
                throw error(col, "expected a CPU count of at least 1");
            }
            cpus = n;
        }
        c.end();
    }

    private FtraceEvent lost(String s, int at) throws FtraceSyntaxException {
        Cursor c = new Cursor(s, at);
        c.literal("CPU:");
        int cpu = cpuNumber(c);
        c.literal(" [LOST ");
        long count = c.integer(Integer.MAX_VALUE, "a count of lost events");
        c.literal(" EVENTS]");
        c.end();
        seenEvent = true;
        return new FtraceEvent.Lost(lineNo, cpu, lastTimeNs, count);
    }

    // ---- event lines -------------------------------------------------------------------------

    /**
     * Finds the left column: {@code COMM-PID [CPU]} (ftrace; tracefs may put {@code (TGID)} before
     * the CPU) or {@code COMM PID [CPU]} / {@code COMM PID/TID [CPU]} (perf script). The comm may
     * hold spaces, '-', '[' and digits, so this takes the first '[' followed by a digit that such a
     * pid precedes. Sets {@link #comm}, {@link #pid} and {@link #perfLine}; returns the index of
     * the '[', or -1.
     */
    private int leftColumn(String s, int first) {
        for (int i = s.indexOf('[', first); i >= 0; i = s.indexOf('[', i + 1)) {
            if (i + 1 >= s.length() || !isDigit(s.charAt(i + 1))) {
                continue;
            }
            int j = skipBack(s, i - 1, first);
            if (j == i - 1) {
                continue;
            }
            boolean tgid = false;
            if (s.charAt(j) == ')') {
                int open = s.lastIndexOf('(', j);
                if (open <= first || !tgidField(s, open + 1, j)) {
                    continue;
                }
                int k = skipBack(s, open - 1, first);
                if (k == open - 1) {
                    continue;
                }
                j = k;
                tgid = true;
            }
            int digitsEnd = j + 1;
            while (j > first && isDigit(s.charAt(j))) {
                j--;
            }
            if (j + 1 == digitsEnd || j == first) {
                continue;
            }
            int tidStart = j + 1;
            boolean perf;
            if (s.charAt(j) == '/') {
                int pidEnd = j;
                j--;
                while (j > first && isDigit(s.charAt(j))) {
                    j--;
                }
                if (j + 1 == pidEnd || j == first || s.charAt(j) != ' ') {
                    continue;
                }
                perf = true;
            } else if (s.charAt(j) == '-') {
                perf = false;
            } else if (s.charAt(j) == ' ') {
                perf = true;
            } else {
                continue;
            }
            if (perf && tgid) {
                continue;
            }
            long id = digitsEnd - tidStart > 10 ? Long.MAX_VALUE : Long.parseLong(s, tidStart, digitsEnd, 10);
            int commEnd = perf ? skipBack(s, j, first) + 1 : j;
            if (commEnd <= first) {
                continue;
            }
            comm = leftComm(s, first, commEnd, id > Integer.MAX_VALUE ? -1 : (int) id);
            pid = id > Integer.MAX_VALUE ? -1 : (int) id;
            pidColumn = tidStart;
            perfLine = perf;
            return i;
        }
        return -1;
    }

    /** Index of the last non-space at or before {@code j} (not before {@code first}). */
    private static int skipBack(String s, int j, int first) {
        while (j > first && s.charAt(j) == ' ') {
            j--;
        }
        return j;
    }

    /** tracefs's TGID column: spaces, then digits or dashes ({@code (  1977)}, {@code (-----)}). */
    private static boolean tgidField(String s, int from, int to) {
        int i = skipSpaces(s, from);
        if (i == to) {
            return false;
        }
        boolean digits = isDigit(s.charAt(i));
        for (; i < to; i++) {
            char ch = s.charAt(i);
            if (digits ? !isDigit(ch) : ch != '-') {
                return false;
            }
        }
        return true;
    }

    private String comm;
    private int pid;
    private int pidColumn;
    private boolean perfLine;

    private FtraceEvent event(String s, int first) throws FtraceSyntaxException {
        int bracket = leftColumn(s, first);
        if (bracket < 0) {
            String shape = format == null ? FtraceFormat.TRACE_CMD.lineShape() + " (or perf script's 'COMM PID [CPU] …')"
                    : format.lineShape();
            throw error(first, "expected " + shape + " or a header line, found '" + clip(s.substring(first)) + "'");
        }
        if (pid < 0) {
            throw error(pidColumn, "expected a pid of at most " + Integer.MAX_VALUE);
        }
        Cursor c = new Cursor(s, bracket);
        c.literal("[");
        int cpu = cpuNumber(c);
        c.literal("]");
        if (c.skipSpaces() == 0) {
            throw error(c.pos, "expected a space after the CPU");
        }
        // optional latency flags (d..2. and the like) before the timestamp
        boolean flags = false;
        int tokenEnd = c.pos;
        while (tokenEnd < s.length() && s.charAt(tokenEnd) != ' ') {
            tokenEnd++;
        }
        if (!perfLine && tokenEnd > c.pos && s.charAt(tokenEnd - 1) != ':' && tokenEnd < s.length()) {
            c.pos = tokenEnd;
            c.skipSpaces();
            flags = true;
        }
        if (perfLine) {
            settle(FtraceFormat.PERF, false, first, "perf script's 'COMM PID [CPU]' line");
        } else {
            settle(flags ? FtraceFormat.TRACEFS : FtraceFormat.TRACE_CMD, false, first, "an ftrace 'COMM-PID [CPU]' line");
        }
        long time = timestamp(c);
        c.literal(": ");
        String name = eventName(c);
        c.skipSpaces();
        seenEvent = true;
        lastTimeNs = time;
        String comm = this.comm;
        int pid = this.pid;
        switch (name) {
            case "sched_switch":
                return s.startsWith("prev_comm=", c.pos) ? rawSwitch(c, cpu, time, pid, comm)
                        : prettySwitch(c, cpu, time, pid, comm);
            case "sched_wakeup":
            case "sched_wakeup_new":
            case "sched_waking":
                return s.startsWith("comm=", c.pos) ? rawWakeup(c, cpu, time, pid, comm, name)
                        : prettyWakeup(c, cpu, time, pid, comm, name);
            case "sched_migrate_task":
                return migrate(c, cpu, time, pid, comm);
            default:
                return new FtraceEvent.Other(lineNo, cpu, time, pid, comm, name);
        }
    }

    /** {@code NAME:} (ftrace) or {@code SUBSYSTEM:NAME:} (perf script); returns NAME. */
    private String eventName(Cursor c) throws FtraceSyntaxException {
        String s = c.s;
        int nameStart = c.pos;
        while (c.pos < s.length() && isNameChar(s.charAt(c.pos))) {
            c.pos++;
        }
        if (perfLine && c.pos > nameStart && c.pos + 1 < s.length() && s.charAt(c.pos) == ':'
                && isNameChar(s.charAt(c.pos + 1))) {
            c.pos++;
            nameStart = c.pos;
            while (c.pos < s.length() && isNameChar(s.charAt(c.pos))) {
                c.pos++;
            }
        }
        if (c.pos == nameStart || c.pos == s.length() || s.charAt(c.pos) != ':') {
            throw error(c.pos, perfLine ? "expected an event name 'SUBSYSTEM:NAME' (letters, digits, '_') followed by ':'"
                    : "expected an event name (letters, digits, '_') followed by ':'");
        }
        String name = eventName(s, nameStart, c.pos);
        c.pos++;
        return name;
    }

    /** Event names seen so far (a trace has a few dozen): each name is one String, its hash computed once. */
    private final String[] names = new String[64];
    private int nameCount;

    /** {@code s[from, to)} as the instance seen before, if any. */
    private String eventName(String s, int from, int to) {
        int len = to - from;
        for (int i = 0; i < nameCount; i++) {
            String n = names[i];
            if (n.length() == len && s.regionMatches(from, n, 0, len)) {
                return n;
            }
        }
        String n = s.substring(from, to);
        if (nameCount < names.length) {
            names[nameCount++] = n;
        }
        return n;
    }

    private long timestamp(Cursor c) throws FtraceSyntaxException {
        int start = c.pos;
        // the most seconds whose nanoseconds still fit a long (292 years of uptime)
        long secs = c.integer(MAX_SECONDS, "a timestamp SECONDS.MICROS");
        if (!c.at('.')) {
            throw error(c.pos, "expected '.' in the timestamp SECONDS.MICROS");
        }
        c.pos++;
        int fracStart = c.pos;
        long frac = 0;
        while (c.pos < c.s.length() && isDigit(c.s.charAt(c.pos)) && c.pos - fracStart < 9) {
            frac = frac * 10 + (c.s.charAt(c.pos++) - '0');
        }
        int digits = c.pos - fracStart;
        if (digits == 0 || c.pos < c.s.length() && isDigit(c.s.charAt(c.pos))) {
            throw error(digits == 0 ? c.pos : c.pos + 1, "expected 1 to 9 digits of fraction in the timestamp starting at column " + (start + 1));
        }
        for (int i = digits; i < 9; i++) {
            frac *= 10;
        }
        return secs * 1_000_000_000L + frac;
    }

    private int cpuNumber(Cursor c) throws FtraceSyntaxException {
        int col = c.pos;
        int cpu = c.integer(MAX_CPUS - 1, "a CPU number");
        if (cpus > 0 && cpu >= cpus) {
            throw error(col, "expected a CPU number below " + cpus + " (the header says cpus=" + cpus + "), found " + cpu);
        }
        return cpu;
    }

    /** {@code prev:1 [120] S ==> next:2 [120]} (trace-cmd's sched_switch plugin). */
    private FtraceEvent prettySwitch(Cursor c, int cpu, long time, int pid, String comm) throws FtraceSyntaxException {
        String s = c.s;
        int arrow = s.indexOf(" ==> ", c.pos);
        if (arrow < 0) {
            throw error(c.pos, "expected sched_switch 'PREV:PID [PRIO] STATE ==> NEXT:PID [PRIO]' "
                    + "or 'prev_comm=… ==> next_comm=…'");
        }
        int stateStart = s.lastIndexOf(' ', arrow - 1) + 1;
        if (stateStart <= c.pos || stateStart == arrow) {
            throw error(arrow, "expected 'PREV:PID [PRIO] STATE' before ' ==> '");
        }
        TaskState state = state(s, stateStart, arrow);
        Task prev = prettyTask(s, c.pos, stateStart - 1);
        Task next = prettyTask(s, arrow + 5, s.length());
        return new FtraceEvent.Switch(lineNo, cpu, time, pid, comm, prev, state, next);
    }

    /** {@code comm:pid [prio] success=1 CPU:001}; newer trace-cmd leaves out {@code success=1}. */
    private FtraceEvent prettyWakeup(Cursor c, int cpu, long time, int pid, String comm, String name)
            throws FtraceSyntaxException {
        String s = c.s;
        int cpuAt = s.lastIndexOf(" CPU:");
        if (cpuAt < c.pos) {
            throw error(c.pos, "expected " + name + " 'COMM:PID [PRIO] success=1 CPU:NNN' or 'comm=… pid=… prio=… target_cpu=NNN'");
        }
        Cursor t = new Cursor(s, cpuAt + 5);
        int target = cpuNumber(t);
        t.end();
        int taskEnd = cpuAt;
        int success = s.lastIndexOf(" success=", cpuAt);
        if (success > c.pos) {
            Cursor u = new Cursor(s, success + 9);
            u.integer(1, "success=0 or success=1");
            if (u.pos != cpuAt) {
                throw error(u.pos, "expected ' CPU:' after success=N");
            }
            taskEnd = success;
        }
        Task wakee = prettyTask(s, c.pos, taskEnd);
        return new FtraceEvent.Wakeup(lineNo, cpu, time, pid, comm, name, wakee, target);
    }

    /** {@code prev_comm=a prev_pid=1 prev_prio=120 prev_state=S ==> next_comm=b next_pid=2 next_prio=120}. */
    private FtraceEvent rawSwitch(Cursor c, int cpu, long time, int pid, String comm) throws FtraceSyntaxException {
        c.literal("prev_comm=");
        int prevComm = c.until(" prev_pid=", "the prev_comm value");
        int prevCommEnd = c.pos;
        c.literal(" prev_pid=");
        int prevPid = c.integer(Integer.MAX_VALUE, "a pid");
        c.literal(" prev_prio=");
        int prevPrio = c.signedInteger("a priority");
        c.literal(" prev_state=");
        // trace-cmd report -R prints the fields without the arrow
        int stateStart = c.pos;
        int plain = c.s.indexOf(" next_comm=", stateStart);
        int arrow = c.s.indexOf(" ==> next_comm=", stateStart);
        int stateEnd = arrow >= 0 && arrow + 4 == plain ? arrow : plain;
        if (stateEnd < 0) {
            throw error(stateStart, "expected the prev_state value followed by ' ==> next_comm=' or ' next_comm='");
        }
        TaskState state = state(c.s, stateStart, stateEnd);
        c.pos = stateEnd;
        c.literal(stateEnd == arrow ? " ==> next_comm=" : " next_comm=");
        int nextComm = c.until(" next_pid=", "the next_comm value");
        int nextCommEnd = c.pos;
        c.literal(" next_pid=");
        int nextPid = c.integer(Integer.MAX_VALUE, "a pid");
        c.literal(" next_prio=");
        int nextPrio = c.signedInteger("a priority");
        c.end();
        return new FtraceEvent.Switch(lineNo, cpu, time, pid, comm, task(c.s, prevComm, prevCommEnd, prevPid, prevPrio), state,
                task(c.s, nextComm, nextCommEnd, nextPid, nextPrio));
    }

    /** {@code comm=b pid=2 prio=120 [success=1 ]target_cpu=001}. */
    private FtraceEvent rawWakeup(Cursor c, int cpu, long time, int pid, String comm, String name)
            throws FtraceSyntaxException {
        c.literal("comm=");
        int wakeeComm = c.until(" pid=", "the comm value");
        int wakeeCommEnd = c.pos;
        c.literal(" pid=");
        int wakeePid = c.integer(Integer.MAX_VALUE, "a pid");
        c.literal(" prio=");
        int prio = c.signedInteger("a priority");
        if (c.s.startsWith(" success=", c.pos)) {
            c.literal(" success=");
            c.integer(1, "success=0 or success=1");
        }
        c.literal(" target_cpu=");
        int target = cpuNumber(c);
        c.end();
        return new FtraceEvent.Wakeup(lineNo, cpu, time, pid, comm, name, task(c.s, wakeeComm, wakeeCommEnd, wakeePid, prio),
                target);
    }

    /** {@code comm=a pid=1 prio=120 orig_cpu=0 dest_cpu=1}. */
    private FtraceEvent migrate(Cursor c, int cpu, long time, int pid, String comm) throws FtraceSyntaxException {
        c.literal("comm=");
        int taskComm = c.until(" pid=", "the comm value");
        int taskCommEnd = c.pos;
        c.literal(" pid=");
        int taskPid = c.integer(Integer.MAX_VALUE, "a pid");
        c.literal(" prio=");
        int prio = c.signedInteger("a priority");
        c.literal(" orig_cpu=");
        int orig = cpuNumber(c);
        c.literal(" dest_cpu=");
        int dest = cpuNumber(c);
        c.end();
        return new FtraceEvent.Migrate(lineNo, cpu, time, pid, comm, task(c.s, taskComm, taskCommEnd, taskPid, prio), orig,
                dest);
    }

    /** {@code COMM:PID [PRIO]} within {@code s[from, to)}, read from the right (a comm may hold ':', ' ', '['). */
    private Task prettyTask(String s, int from, int to) throws FtraceSyntaxException {
        if (to <= from || s.charAt(to - 1) != ']') {
            throw error(Math.max(from, to - 1), "expected a task 'COMM:PID [PRIO]' ending in ']'");
        }
        int open = s.lastIndexOf(" [", to - 1);
        if (open < from) {
            throw error(from, "expected a task 'COMM:PID [PRIO]': no ' [' before the priority");
        }
        Cursor p = new Cursor(s, open + 2);
        int prio = p.signedInteger("a priority");
        if (p.pos != to - 1) {
            throw error(p.pos, "expected ']' after the priority");
        }
        int colon = s.lastIndexOf(':', open - 1);
        if (colon <= from) {
            throw error(from, "expected a task 'COMM:PID [PRIO]': no comm before ':PID'");
        }
        Cursor q = new Cursor(s, colon + 1);
        int pid = q.integer(Integer.MAX_VALUE, "a pid after ':'");
        if (q.pos != open) {
            throw error(q.pos, "expected ' [PRIO]' after the pid");
        }
        return task(s, from, colon, pid, prio);
    }

    /**
     * Tasks and left-column comms met lately, by pid (direct-mapped, so bounded): a trace names
     * the same few hundred tasks over and over, and each line would otherwise copy them again.
     */
    private final Task[] tasks = new Task[1024];
    private final String[] leftComms = new String[1024];
    private final int[] leftPids = new int[1024];

    /** The task {@code s[from, to)}:{@code pid} [{@code prio}], the one made before when it is the same. */
    private Task task(String s, int from, int to, int pid, int prio) {
        int slot = pid & tasks.length - 1;
        Task t = tasks[slot];
        int len = to - from;
        if (t != null && t.pid() == pid && t.prio() == prio && t.comm().length() == len && s.regionMatches(from, t.comm(), 0, len)) {
            return t;
        }
        t = new Task(s.substring(from, to), pid, prio);
        tasks[slot] = t;
        return t;
    }

    /** The left column's comm {@code s[from, to)} of {@code pid} (-1: too large to keep), the String made before when the same. */
    private String leftComm(String s, int from, int to, int pid) {
        if (pid < 0) {
            return s.substring(from, to);
        }
        int slot = pid & leftComms.length - 1;
        String c = leftComms[slot];
        int len = to - from;
        if (c != null && leftPids[slot] == pid && c.length() == len && s.regionMatches(from, c, 0, len)) {
            return c;
        }
        c = s.substring(from, to);
        leftComms[slot] = c;
        leftPids[slot] = pid;
        return c;
    }

    private TaskState state(String s, int from, int to) throws FtraceSyntaxException {
        int bad = TaskState.invalidAt(s, from, to);
        if (bad >= 0) {
            throw error(bad, "expected a task state: letters of " + TaskState.LETTERS + " joined by '|' with an optional "
                    + "'+' (R, R+, D|K), or the kernel's number (0, 1, 4096)" + (bad < to ? ", found '" + s.charAt(bad) + "'" : ""));
        }
        return TaskState.of(s, from, to);
    }

    private FtraceSyntaxException error(int index, String expected) {
        return new FtraceSyntaxException(source, lineNo, index + 1, expected);
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    private static boolean isNameChar(char ch) {
        return ch == '_' || isDigit(ch) || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    }

    /** A position in the current line with checked steps. */
    private final class Cursor {
        final String s;
        int pos;

        Cursor(String s, int pos) {
            this.s = s;
            this.pos = pos;
        }

        boolean at(char ch) {
            return pos < s.length() && s.charAt(pos) == ch;
        }

        int skipSpaces() {
            int start = pos;
            pos = FtraceReader.skipSpaces(s, pos);
            return pos - start;
        }

        void literal(String lit) throws FtraceSyntaxException {
            if (!s.startsWith(lit, pos)) {
                throw error(pos, "expected '" + lit.strip() + "'" + found());
            }
            pos += lit.length();
        }

        /** Decimal digits (at least one) with a value of at most {@code max}. */
        long integer(long max, String what) throws FtraceSyntaxException {
            int start = pos;
            int end = s.length();
            long v = 0;
            for (char ch; pos < end && (ch = s.charAt(pos)) >= '0' && ch <= '9'; pos++) {
                v = v * 10 + (ch - '0');
                if (v > max) {
                    throw error(start, "expected " + what + " of at most " + max);
                }
            }
            if (pos == start) {
                throw error(pos, "expected " + what + found());
            }
            return v;
        }

        int integer(int max, String what) throws FtraceSyntaxException {
            return (int) integer((long) max, what);
        }

        int signedInteger(String what) throws FtraceSyntaxException {
            boolean minus = at('-');
            if (minus) {
                pos++;
            }
            int v = integer(Integer.MAX_VALUE, what);
            return minus ? -v : v;
        }

        /**
         * Steps over the non-empty text from here up to the first {@code delimiter}, which is left
         * in place; returns where the text began (it ends at the new {@link #pos}).
         */
        int until(String delimiter, String what) throws FtraceSyntaxException {
            int end = s.indexOf(delimiter, pos);
            if (end < 0) {
                throw error(pos, "expected " + what + " followed by '" + delimiter.strip() + "'");
            }
            if (end == pos) {
                throw error(pos, "expected " + what + " (empty)");
            }
            int start = pos;
            pos = end;
            return start;
        }

        void end() throws FtraceSyntaxException {
            int trailing = FtraceReader.skipSpaces(s, pos);
            if (trailing != s.length()) {
                throw error(pos, "expected the end of the line" + found());
            }
        }

        private String found() {
            return pos >= s.length() ? ", found the end of the line" : ", found '" + clip(s.substring(pos)) + "'";
        }
    }
}
