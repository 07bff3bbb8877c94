// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.ftrace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ulemodel.trace.timeline.Timeline;

/**
 * Checks a stream of {@link FtraceEvent}s against trace-level scheduling rules and finds wasted
 * cores (the offline form of the "Decade of Wasted Cores" check, Lozi et al., EuroSys 2016).
 *
 * <p>Rules: {@link Rule#ONE_CPU} a thread never runs on two CPUs at once; {@link Rule#SWITCH} the
 * prev of a {@code sched_switch} on CPU c, and the left column of every event on c, is the task
 * that last switched in on c; {@link Rule#WAKEUP} a thread the trace saw go to sleep (or exit)
 * does not switch in again before a wakeup; {@link Rule#MIGRATE} a running thread is not migrated;
 * {@link Rule#TIME} timestamps never go backwards. A wasted-core interval is a stretch longer than
 * the threshold during which a CPU is idle while a runnable thread (woken, or preempted with state
 * R) waits for a CPU.
 *
 * <p>Warm-up: a trace starts mid-flight. Until a CPU's first event, what it runs is unknown; that
 * event's left column names its task, which is adopted without complaint (and a thread adopted
 * that way had its earlier waiting cut short, so that wait is dropped rather than reported). A
 * thread is unknown until the trace shows it run, wake or leave a CPU: a thread whose sleep the
 * trace did not show may switch in without a wakeup. A CPU counts as idle only from an event that
 * shows it idle. A {@code [LOST n EVENTS]} marker restarts this warm-up for the whole trace.
 * The trace does not show affinity masks, so a wasted-core interval is a candidate: the waiting
 * thread may not have been allowed on the idle CPU.
 *
 * <p>Evidence: a rule is judged only when the trace carries the events it needs
 * ({@link Rule#needs()}): without {@code sched_switch} events nothing can be said about who runs
 * where, and without wakeup events nothing about sleepers that run again. A finding that depends on
 * events the trace has not shown yet is held back, bounded, until the first such event arrives; at
 * {@link #finish()} the findings of rules whose events never came are dropped and the rules listed
 * by {@link #notJudged()} with the reason, as is the wasted-core analysis without switches. For
 * the analysis, {@link #followed()} says which CPUs it could follow for which span.
 *
 * <p>Pictures: given a {@link Timeline} ({@link #drawing(Timeline)}), the audit records there what
 * it learns as it goes — each run of a thread on a CPU (from the switch-in, or the event that
 * showed it running, to the switch-out, with its priority and the state it left in), each wait
 * from becoming runnable to running — and at {@link #finish()} the CPUs' followed spans, the kept
 * findings and the wasted-core intervals as marks. Runs and waits rest on {@code sched_switch}
 * like the rules: those seen before the first switch are held back (the first {@value #KEEP}) and
 * a trace without switches draws none.
 */
public final class TraceAudit {
    /** The trace-level rules. */
    public enum Rule {
        ONE_CPU("a thread runs on one CPU at a time", Evidence.SWITCH),
        SWITCH("the prev of a switch on CPU c, and the task of every event on c, is what last switched in on c",
                Evidence.SWITCH),
        WAKEUP("a thread seen going to sleep or exiting is woken before it runs again", Evidence.SWITCH,
                Evidence.WAKEUP),
        MIGRATE("a running thread is not migrated", Evidence.SWITCH),
        TIME("timestamps never go backwards");

        private final String statement;
        private final java.util.Set<Evidence> needs;

        Rule(String statement, Evidence... needs) {
            this.statement = statement;
            this.needs = needs.length == 0 ? java.util.EnumSet.noneOf(Evidence.class)
                    : java.util.EnumSet.copyOf(java.util.Arrays.asList(needs));
        }

        /** One sentence saying what the rule demands. */
        public String statement() {
            return statement;
        }

        /** The kinds of event the trace must carry for the rule to be judged. */
        public java.util.Set<Evidence> needs() {
            return Collections.unmodifiableSet(needs);
        }
    }

    /** Kinds of event a judgement rests on. */
    public enum Evidence {
        /** {@code sched_switch}: who runs where, and when a CPU goes idle. */
        SWITCH("no sched_switch events"),
        /** {@code sched_wakeup}, {@code sched_wakeup_new} or {@code sched_waking}: when a sleeper becomes runnable. */
        WAKEUP("no sched_wakeup, sched_wakeup_new or sched_waking events");

        private final String missing;

        Evidence(String missing) {
            this.missing = missing;
        }

        /** Why a judgement resting on it was not made. */
        public String missing() {
            return missing;
        }
    }

    /**
     * CPU {@code cpu} was followed from {@code firstNs} to {@code lastNs} (its first and last
     * event, lines {@code firstLine} and {@code lastLine}), {@code followedNs} in all over
     * {@code spans} stretches ({@code [LOST EVENTS]} markers cut it).
     */
    public record CpuSpan(int cpu, long firstNs, long lastNs, int firstLine, int lastLine, long followedNs, int spans) {
    }

    /** A rule broken at {@code line}, an event recorded on {@code cpu} at {@code timeNs}. */
    public record Violation(int line, long timeNs, int cpu, Rule rule, String detail) {
    }

    /**
     * CPU {@code idleCpu} was idle from {@code startNs} to {@code endNs} while {@code waiter}
     * waited for {@code waitCpu}; the wait began at {@code waitLine} and ended at {@code endLine}
     * (the switch-in, or the last line when {@code untilEnd}).
     */
    public record WastedCore(long startNs, long endNs, int idleCpu, String waiter, int waitCpu, int waitLine,
            int endLine, boolean untilEnd) {
        /** Length in nanoseconds. */
        public long lengthNs() {
            return endNs - startNs;
        }
    }

    private enum State { UNKNOWN, RUNNING, RUNNABLE, SLEEPING, DEAD }

    private static final class Thread {
        final int pid;
        String comm;
        State state = State.UNKNOWN;
        int cpu = -1;
        long since;
        int line;

        Thread(int pid) {
            this.pid = pid;
        }
    }

    /** Threads by pid: open addressing on int keys, so the per-event lookups box nothing. */
    private static final class ThreadTable {
        private int[] keys = new int[64];
        private Thread[] values = new Thread[64];
        private int size;

        private static int slot(int pid, int mask) {
            int h = pid * 0x9E3779B9;
            return (h ^ h >>> 16) & mask;
        }

        Thread get(int pid) {
            int mask = keys.length - 1;
            for (int i = slot(pid, mask); values[i] != null; i = i + 1 & mask) {
                if (keys[i] == pid) {
                    return values[i];
                }
            }
            return null;
        }

        Thread getOrAdd(int pid) {
            int mask = keys.length - 1;
            int i = slot(pid, mask);
            for (; values[i] != null; i = i + 1 & mask) {
                if (keys[i] == pid) {
                    return values[i];
                }
            }
            Thread t = new Thread(pid);
            keys[i] = pid;
            values[i] = t;
            if (++size * 2 > keys.length) {
                grow();
            }
            return t;
        }

        private void grow() {
            Thread[] old = values;
            keys = new int[old.length * 2];
            values = new Thread[old.length * 2];
            int mask = keys.length - 1;
            for (Thread t : old) {
                if (t != null) {
                    int i = slot(t.pid, mask);
                    while (values[i] != null) {
                        i = i + 1 & mask;
                    }
                    keys[i] = t.pid;
                    values[i] = t;
                }
            }
        }

        /** Every thread, in no particular order. */
        void forEach(java.util.function.Consumer<Thread> action) {
            for (Thread t : values) {
                if (t != null) {
                    action.accept(t);
                }
            }
        }
    }

    private static final int UNKNOWN = -1;
    private static final int KEEP = 1000;

    private final long thresholdNs;
    /** Events by name; a counter per name, so that counting boxes nothing (names repeat as the reader's instances). */
    private final Map<String, long[]> counts = new HashMap<>();
    private final ThreadTable threads = new ThreadTable();
    private final List<Violation> violations = new ArrayList<>();
    private final List<WastedCore> wasted = new ArrayList<>();
    private final long[] ruleCount = new long[Rule.values().length];
    private final List<Violation> heldViolations = new ArrayList<>();
    private final long[] heldCount = new long[Rule.values().length];
    private final List<WastedCore> heldWasted = new ArrayList<>();
    private long heldWastedCount;
    private final java.util.EnumSet<Evidence> seen = java.util.EnumSet.noneOf(Evidence.class);
    private final Map<Rule, String> notJudged = new java.util.EnumMap<>(Rule.class);
    private String wastedNotJudged;
    private long[] spanStart = new long[0];
    private long[] spanEnd = new long[0];
    private int[] spanFirstLine = new int[0];
    private int[] spanLastLine = new int[0];
    private long[] spanFirstNs = new long[0];
    private long[] followedNs = new long[0];
    private int[] spans = new int[0];
    private long violationCount;
    private long wastedCount;
    private int[] current = new int[0];
    private int[] switchedInLine = new int[0];
    private long[] idleSince = new long[0];
    private final List<ArrayDeque<long[]>> idleClosed = new ArrayList<>();
    private long firstNs = -1;
    private long lastNs = -1;
    private int lastLine;
    private int cpusSeen;
    private long eventCount;
    private int adopted;
    private long lostMarkers;
    private long eventNs;
    private int eventCpu;
    private Timeline timeline;
    /** When the run on each CPU began as far as the trace showed it (-1: no run open), and at which priority. */
    private long[] runSince = new long[0];
    private int[] runPrio = new int[0];
    /** Runs ended before the trace showed a switch: drawn once one shows that switches are recorded. */
    private final List<HeldRun> heldRuns = new ArrayList<>();

    private record HeldRun(int cpu, int pid, long startNs, long endNs, int prio, String why) {
    }

    /** An audit reporting idle-while-waiting stretches longer than {@code thresholdNs}. */
    public TraceAudit(long thresholdNs) {
        if (thresholdNs < 0) {
            throw new IllegalArgumentException("threshold must be >= 0");
        }
        this.thresholdNs = thresholdNs;
    }

    /** Records runs, waits and, at {@link #finish()}, spans and findings in {@code t}; returns this audit. */
    public TraceAudit drawing(Timeline t) {
        this.timeline = java.util.Objects.requireNonNull(t, "t");
        return this;
    }

    /** Takes the next event of the trace, in file order. */
    public void accept(FtraceEvent e) {
        lastLine = e.line();
        growTo(e.cpu() + 1);
        if (e instanceof FtraceEvent.Lost lost) {
            lostMarkers++;
            counter("[LOST EVENTS]")[0] += lost.count();
            restartWarmUp();
            closeSpans();
            return;
        }
        eventCount++;
        counter(e.name())[0]++;
        long t = e.timeNs();
        eventNs = t;
        eventCpu = e.cpu();
        if (e instanceof FtraceEvent.Switch) {
            see(Evidence.SWITCH);
        } else if (e instanceof FtraceEvent.Wakeup) {
            see(Evidence.WAKEUP);
        }
        span(e.cpu(), t, e.line());
        if (firstNs < 0) {
            firstNs = t;
        }
        if (t < lastNs) {
            violation(e.line(), Rule.TIME, "time " + seconds(t) + " comes after " + seconds(lastNs));
        } else {
            lastNs = t;
        }
        int c = e.cpu();
        if (e instanceof FtraceEvent.Switch sw && sw.prev().pid() != e.runningPid()) {
            violation(e.line(), Rule.SWITCH, "the line is attributed to " + e.runningComm() + "-" + e.runningPid()
                    + " but the switch's prev is " + name(sw.prev()));
        }
        observeRunning(e, c, t);
        if (e instanceof FtraceEvent.Switch sw) {
            switchOut(sw, c, t);
            switchIn(sw, c, t);
        } else if (e instanceof FtraceEvent.Wakeup w) {
            wakeup(w, t);
        } else if (e instanceof FtraceEvent.Migrate m) {
            migrate(m);
        }
    }

    /** Closes open waits at the last timestamp; call once after the last event. */
    public void finish() {
        for (int c = 0; c < current.length; c++) {
            endRun(c, lastNs, "still running at the end of the trace");
        }
        List<Thread> waiting = new ArrayList<>();
        threads.forEach(th -> {
            if (th.state == State.RUNNABLE) {
                waiting.add(th);
            }
        });
        waiting.sort((a, b) -> Integer.compare(a.pid, b.pid));
        for (Thread th : waiting) {
            closeWait(th.pid, th, lastNs, lastLine, true);
        }
        closeSpans();
        for (Rule r : Rule.values()) {
            for (Evidence ev : r.needs) {
                if (!seen.contains(ev)) {
                    notJudged.putIfAbsent(r, ev.missing());
                }
            }
        }
        if (!seen.contains(Evidence.SWITCH)) {
            wastedNotJudged = Evidence.SWITCH.missing();
        }
        heldViolations.clear();
        heldWasted.clear();
        violations.sort((a, b) -> Integer.compare(a.line(), b.line()));
        wasted.sort((a, b) -> a.startNs() != b.startNs() ? Long.compare(a.startNs(), b.startNs())
                : Integer.compare(a.idleCpu(), b.idleCpu()));
        if (timeline != null) {
            draw(timeline);
        }
    }

    /** The spans followed, the findings kept and the wasted-core intervals, as marks on {@code t}. */
    private void draw(Timeline t) {
        for (CpuSpan sp : followed()) {
            t.followed(sp.cpu(), sp.firstNs(), sp.lastNs());
        }
        for (Violation v : violations) {
            t.mark(new Timeline.Mark(Timeline.MarkKind.FINDING, v.cpu(), v.timeNs(), v.timeNs(), v.rule() + " at line "
                    + v.line(), v.detail()));
        }
        for (WastedCore w : wasted) {
            t.mark(new Timeline.Mark(Timeline.MarkKind.INTERVAL, w.idleCpu(), w.startNs(), w.endNs(), "wasted core",
                    "idle while " + w.waiter() + " waited for CPU " + w.waitCpu() + " (runnable since line " + w.waitLine()
                    + (w.untilEnd() ? ", still waiting at the end" : ", ran at line " + w.endLine()) + ")"));
        }
    }

    /** Closes the run open on {@code c} at {@code t} (a picture's piece; nothing without one). */
    private void endRun(int c, long t, String why) {
        if (timeline == null || runSince[c] < 0) {
            return;
        }
        int pid = current[c];
        if (pid > 0 && t > runSince[c]) {
            if (seen.contains(Evidence.SWITCH)) {
                timeline.run(c, pid, runSince[c], t, runPrio[c], why);
            } else if (heldRuns.size() < KEEP) {
                heldRuns.add(new HeldRun(c, pid, runSince[c], t, runPrio[c], why));
            }
        }
        runSince[c] = -1;
    }

    /** A run of {@code pid} begins on {@code c} at {@code t}. */
    private void beginRun(int c, long t, int prio) {
        if (timeline != null) {
            runSince[c] = t;
            runPrio[c] = prio;
        }
    }

    private static String leaving(TaskState s) {
        return switch (s.kind()) {
            case RUNNABLE -> "preempted, still runnable (" + s + ")";
            case SLEEPING -> "blocked (" + s + ")";
            case DEAD -> "exited (" + s + ")";
        };
    }

    // ---- the rules ---------------------------------------------------------------------------

    /** The left column names the task running on c. */
    private void observeRunning(FtraceEvent e, int c, long t) {
        int pid = e.runningPid();
        if (current[c] == pid) {
            return;
        }
        if (current[c] != UNKNOWN) {
            violation(e.line(), Rule.SWITCH, "the line is attributed to " + e.runningComm() + "-" + pid + " but "
                    + describeCurrent(c) + " on CPU " + c + (switchedInLine[c] > 0
                            ? " (switched in at line " + switchedInLine[c] + ")" : ""));
            endRun(c, t, "not shown: line " + e.line() + " names another task");
            leaveCpu(c, t);
        } else {
            adopted++;
        }
        current[c] = pid;
        switchedInLine[c] = 0;
        beginRun(c, t, Timeline.NO_PRIORITY);
        if (pid == 0) {
            idleSince[c] = t;
            return;
        }
        Thread th = thread(pid, e.runningComm());
        if (th.state == State.RUNNING && th.cpu != c) {
            violation(e.line(), Rule.ONE_CPU, th.comm + ":" + pid + " runs on CPU " + c + " while it runs on CPU "
                    + th.cpu + " since line " + th.line);
            if (current[th.cpu] == pid) {
                endRun(th.cpu, t, "not shown: it appears on CPU " + c);
                current[th.cpu] = UNKNOWN;
            }
        }
        // the trace did not show this thread switching in here: whatever it waited for ended unseen
        th.state = State.RUNNING;
        th.cpu = c;
        th.since = t;
        th.line = e.line();
    }

    private void switchOut(FtraceEvent.Switch sw, int c, long t) {
        int pid = sw.prev().pid();
        if (pid == current[c]) {
            endRun(c, t, leaving(sw.prevState()));
        }
        if (pid == 0) {
            closeIdle(c, t);
            return;
        }
        Thread th = thread(pid, sw.prev().comm());
        th.cpu = c;
        th.since = t;
        th.line = sw.line();
        th.state = sw.prevRunnable() ? State.RUNNABLE : sw.prevDead() ? State.DEAD : State.SLEEPING;
    }

    private void switchIn(FtraceEvent.Switch sw, int c, long t) {
        int pid = sw.next().pid();
        endRun(c, t, "not shown");
        current[c] = pid;
        switchedInLine[c] = sw.line();
        beginRun(c, t, sw.next().prio());
        if (pid == 0) {
            idleSince[c] = t;
            return;
        }
        Thread th = thread(pid, sw.next().comm());
        switch (th.state) {
            case RUNNING -> {
                if (th.cpu != c) {
                    violation(sw.line(), Rule.ONE_CPU, name(sw.next()) + " switches in on CPU " + c
                            + " while it runs on CPU " + th.cpu + " since line " + th.line);
                    if (current[th.cpu] == pid) {
                        endRun(th.cpu, t, "not shown: it appears on CPU " + c);
                        current[th.cpu] = UNKNOWN;
                    }
                }
            }
            case SLEEPING -> violation(sw.line(), Rule.WAKEUP, name(sw.next()) + " switches in on CPU " + c
                    + " but went to sleep at line " + th.line + " and no wakeup followed");
            case DEAD -> violation(sw.line(), Rule.WAKEUP, name(sw.next()) + " switches in on CPU " + c
                    + " but exited at line " + th.line);
            case RUNNABLE -> closeWait(pid, th, t, sw.line(), false);
            case UNKNOWN -> { }
        }
        th.state = State.RUNNING;
        th.cpu = c;
        th.since = t;
        th.line = sw.line();
    }

    private void wakeup(FtraceEvent.Wakeup w, long t) {
        int pid = w.wakee().pid();
        if (pid == 0) {
            return;
        }
        Thread th = thread(pid, w.wakee().comm());
        switch (th.state) {
            case RUNNING -> { } // a thread woken before it got off its CPU keeps running
            case RUNNABLE -> th.cpu = w.targetCpu();
            default -> {
                th.state = State.RUNNABLE;
                th.cpu = w.targetCpu();
                th.since = t;
                th.line = w.line();
            }
        }
    }

    private void migrate(FtraceEvent.Migrate m) {
        int pid = m.task().pid();
        if (pid == 0) {
            return;
        }
        Thread th = thread(pid, m.task().comm());
        if (th.state == State.RUNNING) {
            violation(m.line(), Rule.MIGRATE, name(m.task()) + " is moved from CPU " + m.origCpu() + " to CPU "
                    + m.destCpu() + " while it runs on CPU " + th.cpu + " since line " + th.line);
            return;
        }
        if (th.state == State.RUNNABLE) {
            th.cpu = m.destCpu();
        }
    }

    // ---- wasted cores ------------------------------------------------------------------------

    /** Thread {@code pid} stops waiting at {@code end}: report every CPU idle meanwhile for longer than the threshold. */
    private void closeWait(int pid, Thread th, long end, int endLine, boolean untilEnd) {
        long start = th.since;
        if (timeline != null && end >= start && th.cpu >= 0 && seen.contains(Evidence.SWITCH)) {
            timeline.waited(pid, th.cpu, start, end, !untilEnd);
        }
        for (int c = 0; c < current.length; c++) {
            for (long[] idle : idleClosed.get(c)) {
                overlap(start, end, idle[0], idle[1], c, pid, th, endLine, untilEnd);
            }
            if (current[c] == 0) {
                overlap(start, end, idleSince[c], end, c, pid, th, endLine, untilEnd);
            }
        }
        th.state = State.UNKNOWN;
        pruneIdle();
    }

    private void overlap(long w0, long w1, long i0, long i1, int cpu, int pid, Thread th, int endLine,
            boolean untilEnd) {
        long s = Math.max(w0, i0);
        long e = Math.min(w1, i1);
        if (e - s > thresholdNs) {
            WastedCore w = new WastedCore(s, e, cpu, th.comm + ":" + pid, th.cpu, th.line, endLine, untilEnd);
            if (!seen.contains(Evidence.SWITCH)) {
                heldWastedCount++;
                if (heldWasted.size() < KEEP) {
                    heldWasted.add(w);
                }
                return;
            }
            wastedCount++;
            if (wasted.size() < KEEP) {
                wasted.add(w);
            }
        }
    }

    private void closeIdle(int c, long t) {
        if (current[c] == 0 && t - idleSince[c] > thresholdNs) {
            idleClosed.get(c).add(new long[] {idleSince[c], t});
            if (idleClosed.get(c).size() > 256) {
                pruneIdle();
            }
        }
    }

    /** Forgets idle stretches that ended before every open wait began. */
    private void pruneIdle() {
        boolean any = false;
        for (int c = 0; c < idleClosed.size() && !any; c++) {
            any = !idleClosed.get(c).isEmpty();
        }
        if (!any) {
            return;
        }
        long[] oldest = {Long.MAX_VALUE};
        threads.forEach(th -> {
            if (th.state == State.RUNNABLE) {
                oldest[0] = Math.min(oldest[0], th.since);
            }
        });
        long oldestWait = oldest[0];
        for (ArrayDeque<long[]> q : idleClosed) {
            for (Iterator<long[]> it = q.iterator(); it.hasNext();) {
                if (it.next()[1] <= oldestWait) {
                    it.remove();
                }
            }
        }
    }

    // ---- bookkeeping -------------------------------------------------------------------------

    private void leaveCpu(int c, long t) {
        int pid = current[c];
        if (pid == 0) {
            closeIdle(c, t);
        } else if (pid > 0) {
            Thread th = threads.get(pid);
            if (th != null && th.state == State.RUNNING && th.cpu == c) {
                th.state = State.UNKNOWN;
            }
        }
    }

    private void restartWarmUp() {
        for (int c = 0; c < current.length; c++) {
            endRun(c, lastNs, "not shown: events were lost");
        }
        java.util.Arrays.fill(current, UNKNOWN);
        java.util.Arrays.fill(switchedInLine, 0);
        threads.forEach(th -> th.state = State.UNKNOWN);
        idleClosed.forEach(ArrayDeque::clear);
    }

    private long[] counter(String name) {
        long[] n = counts.get(name);
        if (n == null) {
            n = new long[1];
            counts.put(name, n);
        }
        return n;
    }

    private Thread thread(int pid, String comm) {
        Thread th = threads.getOrAdd(pid);
        if (timeline != null && !comm.equals(th.comm)) {
            timeline.name(pid, comm);
        }
        th.comm = comm;
        return th;
    }

    private String describeCurrent(int c) {
        int pid = current[c];
        if (pid == 0) {
            return "the CPU is idle";
        }
        Thread th = threads.get(pid);
        return (th == null ? "?" : th.comm) + ":" + pid + " runs";
    }

    private void growTo(int n) {
        if (n <= current.length) {
            return;
        }
        int old = current.length;
        current = java.util.Arrays.copyOf(current, n);
        switchedInLine = java.util.Arrays.copyOf(switchedInLine, n);
        idleSince = java.util.Arrays.copyOf(idleSince, n);
        spanStart = java.util.Arrays.copyOf(spanStart, n);
        spanEnd = java.util.Arrays.copyOf(spanEnd, n);
        spanFirstLine = java.util.Arrays.copyOf(spanFirstLine, n);
        spanLastLine = java.util.Arrays.copyOf(spanLastLine, n);
        spanFirstNs = java.util.Arrays.copyOf(spanFirstNs, n);
        followedNs = java.util.Arrays.copyOf(followedNs, n);
        spans = java.util.Arrays.copyOf(spans, n);
        runSince = java.util.Arrays.copyOf(runSince, n);
        runPrio = java.util.Arrays.copyOf(runPrio, n);
        for (int c = old; c < n; c++) {
            current[c] = UNKNOWN;
            runSince[c] = -1;
            spanStart[c] = -1;
            idleClosed.add(new ArrayDeque<>());
        }
        cpusSeen = n;
    }

    private void violation(int line, Rule rule, String detail) {
        if (!seen.containsAll(rule.needs)) {
            heldCount[rule.ordinal()]++;
            if (heldViolations.size() < KEEP) {
                heldViolations.add(new Violation(line, eventNs, eventCpu, rule, detail));
            }
            return;
        }
        ruleCount[rule.ordinal()]++;
        violationCount++;
        if (violations.size() < KEEP) {
            violations.add(new Violation(line, eventNs, eventCpu, rule, detail));
        }
    }

    /** The trace shows {@code ev}: findings held back for it count from now on. */
    private void see(Evidence ev) {
        if (!seen.add(ev)) {
            return;
        }
        for (Rule r : Rule.values()) {
            if (seen.containsAll(r.needs) && heldCount[r.ordinal()] > 0) {
                ruleCount[r.ordinal()] += heldCount[r.ordinal()];
                violationCount += heldCount[r.ordinal()];
                heldCount[r.ordinal()] = 0;
            }
        }
        for (Iterator<Violation> it = heldViolations.iterator(); it.hasNext();) {
            Violation v = it.next();
            if (seen.containsAll(v.rule().needs)) {
                it.remove();
                if (violations.size() < KEEP) {
                    violations.add(v);
                }
            }
        }
        if (ev == Evidence.SWITCH) {
            for (HeldRun r : heldRuns) {
                timeline.run(r.cpu(), r.pid(), r.startNs(), r.endNs(), r.prio(), r.why());
            }
            heldRuns.clear();
            wastedCount += heldWastedCount;
            heldWastedCount = 0;
            for (WastedCore w : heldWasted) {
                if (wasted.size() < KEEP) {
                    wasted.add(w);
                }
            }
            heldWasted.clear();
        }
    }

    private void span(int c, long t, int line) {
        if (spanStart[c] < 0) {
            spanStart[c] = t;
            spans[c]++;
            if (spanFirstLine[c] == 0) {
                spanFirstLine[c] = line;
                spanFirstNs[c] = t;
            }
        }
        spanEnd[c] = Math.max(spanEnd[c], t);
        spanLastLine[c] = line;
    }

    private void closeSpans() {
        for (int c = 0; c < spanStart.length; c++) {
            if (spanStart[c] >= 0) {
                followedNs[c] += spanEnd[c] - spanStart[c];
                spanStart[c] = -1;
            }
        }
    }

    private static String name(FtraceWriter.Task t) {
        return t.comm() + ":" + t.pid();
    }

    /** {@code ns} as seconds with six decimals, as trace-cmd prints timestamps. */
    public static String seconds(long ns) {
        return String.format("%d.%06d", ns / 1_000_000_000L, ns % 1_000_000_000L / 1_000L);
    }

    // ---- results -----------------------------------------------------------------------------

    /** Events read, by event name (lost-event markers as {@code [LOST EVENTS]}, counting the events lost). */
    public Map<String, Long> counts() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((name, n) -> sorted.put(name, n[0]));
        return Collections.unmodifiableMap(sorted);
    }

    /** Events read (lost-event markers excluded). */
    public long eventCount() {
        return eventCount;
    }

    /** The first {@value #KEEP} violations, in file order. */
    public List<Violation> violations() {
        return Collections.unmodifiableList(violations);
    }

    /** All violations found, including those beyond the kept ones. */
    public long violationCount() {
        return violationCount;
    }

    /** Violations of {@code rule} found, including those beyond the kept ones. */
    public long violationCount(Rule rule) {
        return ruleCount[rule.ordinal()];
    }

    /**
     * The rules the trace lacked the events for, each with why ("no sched_switch events"); filled
     * by {@link #finish()}. Their findings are not counted anywhere.
     */
    public Map<Rule, String> notJudged() {
        return Collections.unmodifiableMap(notJudged);
    }

    /** Why the wasted-core analysis could not be made, or null when it was ({@link #finish()} decides). */
    public String wastedNotJudged() {
        return wastedNotJudged;
    }

    /** The CPUs events were recorded on, in CPU order, each with the span the audit followed it for. */
    public List<CpuSpan> followed() {
        List<CpuSpan> out = new ArrayList<>();
        for (int c = 0; c < spans.length; c++) {
            if (spans[c] > 0) {
                long open = spanStart[c] >= 0 ? spanEnd[c] - spanStart[c] : 0;
                out.add(new CpuSpan(c, spanFirstNs[c], spanEnd[c], spanFirstLine[c], spanLastLine[c], followedNs[c] + open,
                        spans[c]));
            }
        }
        return out;
    }

    /** The first {@value #KEEP} wasted-core intervals found, by start time. */
    public List<WastedCore> wastedCores() {
        return Collections.unmodifiableList(wasted);
    }

    /** All wasted-core intervals found. */
    public long wastedCount() {
        return wastedCount;
    }

    /** 1 + the highest CPU number an event was recorded on. */
    public int cpusSeen() {
        return cpusSeen;
    }

    /** First and last timestamps (ns), -1 when there were no events. */
    public long firstNs() {
        return firstNs;
    }

    /** See {@link #firstNs()}. */
    public long lastNs() {
        return lastNs;
    }

    /** How many times a CPU's running task was learnt from an event rather than from a switch (warm-up). */
    public int adoptedAtWarmUp() {
        return adopted;
    }

    /** How many {@code [LOST n EVENTS]} markers restarted the warm-up. */
    public long lostMarkers() {
        return lostMarkers;
    }

    /** The threshold in nanoseconds. */
    public long thresholdNs() {
        return thresholdNs;
    }
}
