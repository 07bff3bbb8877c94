// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ulemodel.cli.io.AtomicOutput;
import org.ulemodel.cli.io.Progress;
import org.ulemodel.trace.InputError;
import org.ulemodel.trace.TextInput;
import org.ulemodel.trace.ftrace.FtraceEvent;
import org.ulemodel.trace.ftrace.FtraceFormat;
import org.ulemodel.trace.ftrace.FtraceReader;
import org.ulemodel.trace.ftrace.FtraceSyntaxException;
import org.ulemodel.trace.ftrace.TraceAudit;
import org.ulemodel.trace.timeline.Timeline;
import org.ulemodel.trace.timeline.TimelinePage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ulemodel audit TRACE.txt [--format F] [--html FILE.html]}: reads a real scheduler trace in
 * any form {@link FtraceReader} knows, checks the trace-level rules of {@link TraceAudit} that the
 * trace has the events for (naming the others and why), and lists wasted-core intervals with the
 * CPU spans it followed; {@code --html} also draws it ({@link TimelinePage}, the page
 * {@code simulate --html} writes) with the intervals and findings marked. Exit status 0 clean (as
 * far as judged), 1 findings, 2 bad input ({@code FILE:LINE:COLUMN: expected …} on stderr, nothing
 * on stdout, no page).
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Audit a real scheduler trace (trace-cmd report with or without -R, the kernel's trace or trace_pipe, "
                + "or perf script of sched: tracepoints): "
                + "no thread on two CPUs, consistent switch-in/switch-out, wakeups before runs, and wasted cores "
                + "(a CPU idle while a runnable thread waits longer than --threshold). A rule is judged only when the "
                + "trace carries the events it needs; the report names those it could not judge.",
            "Exit status: 0 clean, 1 findings, 2 bad input."})
public final class AuditCommand implements Callable<Integer> {
    /** How many violations and intervals the summary lists before it only counts. */
    static final int LIST = 50;
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmg]?)", Pattern.CASE_INSENSITIVE);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE.txt", description = "trace text: trace-cmd report (with or without -R), the kernel's trace or trace_pipe, or perf script")
    Path trace;

    @Option(names = "--threshold", paramLabel = "DURATION", defaultValue = "1ms",
            description = "report idle-while-waiting stretches longer than this (ns, us, ms, s; default ${DEFAULT-VALUE})")
    String threshold;

    @Option(names = "--max-size", paramLabel = "SIZE", defaultValue = "4g",
            description = "refuse traces larger than this many bytes (k, m, g suffixes; default ${DEFAULT-VALUE})")
    String maxSize;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "the trace's form: auto (the first header or event line decides), trace-cmd (trace-cmd report, "
                    + "with or without -R), tracefs (the kernel's trace or trace_pipe), perf (perf script of sched: "
                    + "tracepoints); default ${DEFAULT-VALUE}")
    String format;

    @Option(names = "--max-line", paramLabel = "CHARS", defaultValue = "" + FtraceReader.DEFAULT_MAX_LINE_CHARS,
            description = "refuse lines longer than this (default ${DEFAULT-VALUE})")
    int maxLine;

    @Option(names = "--html", paramLabel = "FILE.html",
            description = "also write a self-contained HTML page: what ran on each CPU and each thread's runs and waits over "
                    + "time (zoom and pan), wasted-core intervals and rule findings marked, a legend, hover details and "
                    + "the wait-latency histogram")
    Path html;

    /** Whether stderr is a terminal; a progress bar is shown only then. Tests replace it. */
    BooleanSupplier terminal = Progress::terminal;
    /** Files smaller than this audit without a progress bar. Tests lower it. */
    long progressMinBytes = Progress.MIN_TOTAL;

    @Override
    public Integer call() {
        long thresholdNs = parseDuration(threshold);
        long limit = parseSize(maxSize);
        if (maxLine < 80) {
            throw new UsageError("--max-line: expected at least 80 characters, found " + maxLine);
        }
        FtraceFormat forced = format.equals("auto") ? null : FtraceFormat.byOption(format);
        if (forced == null && !format.equals("auto")) {
            throw new UsageError("--format: expected auto, " + FtraceFormat.options() + ", found '" + format + "'");
        }
        String file = trace.toString();
        long size;
        try {
            size = Files.size(trace);
        } catch (NoSuchFileException e) {
            throw new UsageError(file + ": no such file");
        } catch (IOException e) {
            throw new UsageError(file + ": cannot read: " + e.getMessage());
        }
        if (size > limit) {
            throw new UsageError(file + ": expected a trace of at most " + limit + " bytes (--max-size), the file has "
                    + size);
        }
        TraceAudit audit = new TraceAudit(thresholdNs);
        Timeline timeline = html == null ? null : new Timeline();
        if (timeline != null) {
            audit.drawing(timeline);
        }
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = Progress.start(err, "audit", size, terminal.getAsBoolean(), progressMinBytes, 0,
                Progress.MEGABYTES);
        int cpus;
        String form;
        try (Reader in = TextInput.open(trace)) {
            FtraceReader reader = new FtraceReader(in, file, maxLine, limit, forced);
            long n = 0;
            for (FtraceEvent e = reader.next(); e != null; e = reader.next()) {
                audit.accept(e);
                if ((++n & 0xfff) == 0) {
                    progress.update(reader.charsRead());
                }
            }
            cpus = reader.cpus();
            form = reader.format() == null ? "unknown" : reader.format().description()
                    + (reader.formatLine() > 0 ? " (line " + reader.formatLine() + " showed it)" : " (--format)");
        } catch (FtraceSyntaxException | InputError e) {
            progress.finish();
            throw new UsageError(e.getMessage());
        } catch (IOException e) {
            progress.finish();
            throw new UsageError(file + ": cannot read: " + e.getMessage());
        }
        progress.finish();
        if (audit.eventCount() == 0) {
            throw new UsageError(file + ":1:1: expected ftrace events ('COMM-PID [CPU] SECONDS.MICROS: EVENT: …'), found none");
        }
        audit.finish();
        StringWriter report = new StringWriter();
        print(new PrintWriter(report), file, form, cpus, audit);
        if (timeline != null) {
            writePage(file, report.toString(), timeline);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(report);
        out.flush();
        return audit.violationCount() == 0 && audit.wastedCount() == 0 ? 0 : 1;
    }

    /** The page of {@code --html}: the report above the pictures; appears whole or not at all. */
    private void writePage(String file, String report, Timeline timeline) {
        try (AtomicOutput page = AtomicOutput.open(html)) {
            new TimelinePage("ulemodel audit: " + trace.getFileName())
                    .paragraph("What " + file + " showed: each CPU from its first event to its last, each run from the "
                            + "switch (or the first event) that showed it to the switch that ended it, each wait from a "
                            + "wakeup or preemption to the switch-in. Priorities are the kernel's (lower is better); a "
                            + "run's hover text gives the state it left the CPU in.")
                    .summary(report)
                    .write(page.writer(), timeline);
            page.commit();
        } catch (IOException e) {
            throw new UsageError("--html " + html + ": cannot write: " + e.getMessage());
        }
    }

    private static void print(PrintWriter out, String file, String form, int cpus, TraceAudit a) {
        out.printf("audit of %s%n", file);
        out.printf("  format:     %s%n", form);
        long other = 0;
        StringBuilder others = new StringBuilder();
        for (Map.Entry<String, Long> en : a.counts().entrySet()) {
            String k = en.getKey();
            if (k.startsWith("sched_switch") || k.startsWith("sched_wakeup") || k.equals("sched_waking")
                    || k.equals("sched_migrate_task") || k.startsWith("[")) {
                continue;
            }
            other += en.getValue();
            others.append(others.length() == 0 ? "" : ", ").append(k).append(' ').append(en.getValue());
        }
        out.printf("  events:     %d: sched_switch %d, sched_wakeup %d, sched_wakeup_new %d, sched_waking %d, "
                + "sched_migrate_task %d, other %d (counted, not checked%s)%n", a.eventCount(),
                count(a, "sched_switch"), count(a, "sched_wakeup"), count(a, "sched_wakeup_new"), count(a, "sched_waking"),
                count(a, "sched_migrate_task"), other, others.length() == 0 ? "" : ": " + others);
        out.printf("  CPUs:       %s; events recorded on %d%s%n", cpus > 0 ? "cpus=" + cpus + " in the header" : "no header",
                a.followed().size(), a.followed().size() == a.cpusSeen() ? "" : " (the highest is CPU " + (a.cpusSeen() - 1) + ")");
        out.printf("  time span:  %s .. %s s (%s)%n", TraceAudit.seconds(a.firstNs()), TraceAudit.seconds(a.lastNs()),
                millis(a.lastNs() - a.firstNs()));
        out.printf("  warm-up:    %d CPU%s took their running task from the first event seen on them%s%n",
                a.adoptedAtWarmUp(), a.adoptedAtWarmUp() == 1 ? "" : "s", a.lostMarkers() == 0 ? ""
                        : "; " + a.lostMarkers() + " [LOST EVENTS] marker(s) restarted the warm-up ("
                                + count(a, "[LOST EVENTS]") + " events lost)");
        out.printf("  rules:      %d violation%s%s%n", a.violationCount(), a.violationCount() == 1 ? "" : "s",
                a.notJudged().isEmpty() ? "" : "; " + a.notJudged().size() + " rule" + (a.notJudged().size() == 1 ? "" : "s")
                        + " not judged for want of the events they need");
        for (TraceAudit.Rule r : TraceAudit.Rule.values()) {
            String why = a.notJudged().get(r);
            out.printf("    %-8s %s: %s%n", r, r.statement(), why == null ? a.violationCount(r) : "not judged: " + why);
        }
        a.violations().stream().limit(LIST).forEach(v ->
                out.printf("    %s:%d: %s: %s%n", file, v.line(), v.rule(), v.detail()));
        if (a.violationCount() > LIST) {
            out.printf("    … and %d more%n", a.violationCount() - LIST);
        }
        if (a.wastedNotJudged() != null) {
            out.printf("  wasted cores (a CPU idle while a runnable thread waits longer than %s): not judged: %s%n",
                    millis(a.thresholdNs()), a.wastedNotJudged());
        } else {
            out.printf("  wasted cores (a CPU idle while a runnable thread waits longer than %s): %d%n",
                    millis(a.thresholdNs()), a.wastedCount());
            printFollowed(out, file, a);
        }
        a.wastedCores().stream().limit(LIST).forEach(w -> out.printf(
                "    %s .. %s s (%s) CPU %d idle while %s waited for CPU %d (runnable since %s:%d, %s)%n",
                TraceAudit.seconds(w.startNs()), TraceAudit.seconds(w.endNs()), millis(w.lengthNs()), w.idleCpu(),
                w.waiter(), w.waitCpu(), file, w.waitLine(),
                w.untilEnd() ? "still waiting at the end of the trace" : "ran at " + file + ":" + w.endLine()));
        if (a.wastedCount() > LIST) {
            out.printf("    … and %d more%n", a.wastedCount() - LIST);
        }
        boolean partial = !a.notJudged().isEmpty() || a.wastedNotJudged() != null;
        out.printf("  result:     %s%n", a.violationCount() != 0 || a.wastedCount() != 0 ? "findings"
                : partial ? "clean as far as judged (some checks were not judged, see above)" : "clean");
        out.flush();
    }

    /** Which CPUs the wasted-core analysis could follow, and for which span. */
    private static void printFollowed(PrintWriter out, String file, TraceAudit a) {
        java.util.List<TraceAudit.CpuSpan> spans = a.followed();
        out.printf("    followed: %d CPU%s, from each one's first event to its last%n", spans.size(),
                spans.size() == 1 ? "" : "s");
        spans.stream().limit(LIST).forEach(sp -> out.printf("      CPU %d: %s .. %s s (%s%s), lines %d..%d%n", sp.cpu(),
                TraceAudit.seconds(sp.firstNs()), TraceAudit.seconds(sp.lastNs()), millis(sp.followedNs()),
                sp.spans() == 1 ? "" : " in " + sp.spans() + " spans cut by lost events", sp.firstLine(), sp.lastLine()));
        if (spans.size() > LIST) {
            out.printf("      … and %d more%n", spans.size() - LIST);
        }
    }

    private static long count(TraceAudit a, String name) {
        return a.counts().getOrDefault(name, 0L);
    }

    private static String millis(long ns) {
        return String.format(Locale.ROOT, "%.3f ms", ns / 1e6);
    }

    /** {@code 1ms}, {@code 500us}, {@code 2.5s}, {@code 100ns} → nanoseconds. */
    static long parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new UsageError("--threshold: expected a duration like 1ms, 500us, 2s or 100ns, found '" + text + "'");
        }
        long unit = switch (m.group(2)) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            default -> 1_000_000_000L;
        };
        BigDecimal ns = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (ns.compareTo(BigDecimal.valueOf(3_600_000_000_000L)) > 0) {
            throw new UsageError("--threshold: expected at most 1 hour, found '" + text + "'");
        }
        return ns.longValue();
    }

    /** {@code 4g}, {@code 512m}, {@code 100k}, {@code 1000} → bytes (binary multiples). */
    static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches() || m.group(1).length() > 12) {
            throw new UsageError("--max-size: expected a size like 4g, 512m, 100k or 1000, found '" + text + "'");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        long n = Long.parseLong(m.group(1));
        if (n < 1 || n > (Long.MAX_VALUE >> shift)) {
            throw new UsageError("--max-size: expected a positive size, found '" + text + "'");
        }
        return n << shift;
    }
}
