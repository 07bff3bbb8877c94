// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.bench;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ulemodel.trace.TextInput;
import org.ulemodel.trace.ftrace.FtraceEvent;
import org.ulemodel.trace.ftrace.FtraceReader;
import org.ulemodel.trace.ftrace.FtraceSyntaxException;
import org.ulemodel.trace.ftrace.TraceAudit;

/**
 * The audit's throughput on one core, in trace lines per second, stage by stage, against the
 * JDK's own line reading measured in the same run: {@link AuditThroughput}'s clean
 * {@code trace-cmd report} trace of {@value #LINES} lines (8 CPUs, 64 threads), held in memory
 * as UTF-8 bytes so that no disk is measured.
 * <ul>
 *   <li>{@code jdkLines} (baseline): {@code BufferedReader.readLine} over the JDK's UTF-8
 *       decoder — what reading the text as lines costs at the least;</li>
 *   <li>{@code decode}: {@link TextInput}'s strict decoding alone (characters, no lines);</li>
 *   <li>{@code read}: decoding and {@link FtraceReader} (every event parsed and checked);</li>
 *   <li>{@code audit}: what {@code ulemodel audit} does per line: the above and {@link TraceAudit}.</li>
 * </ul>
 * The ratios {@code audit ÷ jdkLines} and {@code read ÷ jdkLines} are steadier on a shared machine
 * than the absolute rates.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class AuditBenchmark {
    /** Lines of the trace; every operation reads all of them, so a score is lines per second. */
    static final int LINES = 200_000;

    private byte[] trace;

    @Setup
    public void generate() {
        StringWriter out = new StringWriter(LINES * 110);
        AuditThroughput.generate(out, LINES);
        trace = out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public long jdkLines() throws IOException {
        long n = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(trace), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                n += line.length();
            }
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public long decode() throws IOException {
        long n = 0;
        char[] buf = new char[8192];
        try (Reader in = TextInput.reader(new ByteArrayInputStream(trace), "bench")) {
            for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
                n += r;
            }
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public long read() throws IOException, FtraceSyntaxException {
        long n = 0;
        try (Reader in = TextInput.reader(new ByteArrayInputStream(trace), "bench")) {
            FtraceReader reader = new FtraceReader(in, "bench");
            for (FtraceEvent e = reader.next(); e != null; e = reader.next()) {
                n += e.cpu();
            }
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public long audit() throws IOException, FtraceSyntaxException {
        TraceAudit audit = new TraceAudit(1_000_000L);
        try (Reader in = TextInput.reader(new ByteArrayInputStream(trace), "bench")) {
            FtraceReader reader = new FtraceReader(in, "bench");
            for (FtraceEvent e = reader.next(); e != null; e = reader.next()) {
                audit.accept(e);
            }
        }
        audit.finish();
        if (audit.violationCount() != 0 || audit.eventCount() != LINES) {
            throw new IllegalStateException("the generated trace is not clean: " + audit.violationCount() + " violations, "
                    + audit.eventCount() + " events");
        }
        return audit.eventCount();
    }
}
