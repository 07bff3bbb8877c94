// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ulemodel.trace.TextInput;
import org.ulemodel.trace.ftrace.FtraceEvent;
import org.ulemodel.trace.ftrace.FtraceReader;
import org.ulemodel.trace.ftrace.FtraceSyntaxException;
import org.ulemodel.trace.ftrace.FtraceWriter;
import org.ulemodel.trace.ftrace.FtraceWriter.Task;
import org.ulemodel.trace.ftrace.TraceAudit;

/**
 * The audit's throughput and memory on a generated trace: writes {@code LINES} lines of
 * {@code trace-cmd report} text (8 CPUs, 64 threads; each step wakes a sleeping thread onto a CPU
 * and switches it in, the running one going to sleep: a clean trace) unless the file exists, then
 * audits it {@code RUNS} times on this one thread exactly as {@code ulemodel audit} does (strict
 * UTF-8 decoding, {@link FtraceReader}, {@link TraceAudit}) and prints lines per second and the
 * heap in use after each run. Run it with a small heap ({@code -Xmx64m}) to see that the audit
 * streams: its memory does not grow with the trace.
 *
 * <p>Usage: {@code AuditThroughput FILE [LINES [RUNS]]} (defaults 10,000,000 and 3). A wall-clock
 * measurement, not a test: its figure goes into the README by hand.
 */
public final class AuditThroughput {
    private static final int CPUS = 8;
    private static final int THREADS = 64;

    private AuditThroughput() {
    }

    public static void main(String[] args) throws IOException, FtraceSyntaxException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: AuditThroughput FILE [LINES [RUNS]]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        long lines = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (!Files.exists(file)) {
            generate(file, lines);
        }
        long size = Files.size(file);
        for (int r = 1; r <= runs; r++) {
            long t0 = System.nanoTime();
            long events = 0;
            TraceAudit audit = new TraceAudit(1_000_000L);
            try (Reader in = TextInput.open(file)) {
                FtraceReader reader = new FtraceReader(in, file.toString());
                for (FtraceEvent e = reader.next(); e != null; e = reader.next()) {
                    audit.accept(e);
                    events++;
                }
            }
            audit.finish();
            double s = (System.nanoTime() - t0) / 1e9;
            Runtime rt = Runtime.getRuntime();
            System.gc();
            System.out.printf(Locale.ROOT, "run %d: %,d event lines (%,d MB) in %.2f s: %,.0f lines/s, %.0f MB/s; "
                    + "%d violations, %d wasted-core intervals; heap in use after the run %d MB of %d MB max%n", r, events,
                    size >> 20, s, events / s, size / 1e6 / s, audit.violationCount(), audit.wastedCount(),
                    (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
        }
    }

    /** A clean trace of {@code lines} lines in {@code file}: wakeup then switch, round-robin over the CPUs. */
    static void generate(Path file, long lines) throws IOException {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 20)) {
            generate(out, lines);
        }
    }

    /** The same trace written to {@code out} (which stays open). */
    static void generate(Writer out, long lines) {
        Task[] tasks = new Task[THREADS];
        for (int i = 0; i < THREADS; i++) {
            tasks[i] = new Task(i % 3 == 0 ? "worker " + i : "kworker/" + i + ":1-ev", 1000 + i, 100 + i % 40);
        }
        int[] running = new int[CPUS];
        int[] sleeping = new int[THREADS];
        int asleep = 0;
        for (int c = 0; c < CPUS; c++) {
            running[c] = c;
        }
        for (int i = CPUS; i < THREADS; i++) {
            sleeping[asleep++] = i;
        }
        FtraceWriter w = new FtraceWriter(out, CPUS);
        long t = 1_000_000_000L;
        for (int c = 0; c < CPUS; c++) {
            w.sched_switch(t, c, Task.idle(c), 'R', tasks[c]);
        }
        int head = 0;
        for (long n = CPUS; n + 2 <= lines; n += 2) {
            int c = (int) (n / 2 % CPUS);
            int next = sleeping[head];
            t += 1_000;
            w.sched_wakeup(t, c, tasks[next], c);
            t += 1_000;
            w.sched_switch(t, c, tasks[running[c]], 'S', tasks[next]);
            sleeping[head] = running[c];
            head = (head + 1) % asleep;
            running[c] = next;
        }
    }
}
