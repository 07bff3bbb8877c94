// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ulemodel.core.machine.CpuState;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.properties.gen.EventInterpreter;
import org.ulemodel.properties.gen.EventMix;
import org.ulemodel.spec.explore.ModelSpecs;
import org.ulemodel.trace.OracleProtocol;
import org.ulemodel.trace.OracleSession;

/**
 * The oracle protocol's throughput over an OS pipe ({@link Pipe}: a feeder thread writes the
 * session's message lines into one pipe, the judge reads them, its replies go into another pipe a
 * drain thread empties), in judged events per second on one judging thread, against a raw line
 * echo over the same pipes measured in the same run ({@code echo}: read each line, write it back —
 * what the plumbing costs at the least). The session is {@value #EVENTS} events of ULE 14 on
 * 2x2x2 from the property generators ({@link EventInterpreter}, {@link EventMix#MIXED}), each with
 * the decisions of an implementation that is ULE 14 itself booted with {@code boot}'s random state:
 * {@code own} (the model's boot state: every verdict exact) or {@code reseeded} (other
 * {@code randomval}s, so that ULE's random choices differ and the judge searches other random states
 * before accepting them).
 *
 * <p>On a machine shared with other work the wall-clock score measures the share of a core the
 * judging thread got, not what one core does. So each run also counts, in {@link Cpu}, the events
 * handled and the CPU time of the thread that reads, judges and writes (user and system time, the
 * pipe's system calls included): {@code events ÷ cpuMicros × 10⁶} is events per second of one
 * core, for the judge and the echo alike.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class ServeBenchmark {
    /** Events per session; every operation judges all of them, so a score is events per second. */
    static final int EVENTS = 20_000;

    @Param({"own", "reseeded"})
    String boot;

    private byte[] session;

    @Setup
    public void generate() {
        Ule14Model ule = Ule14Model.DEFAULT;
        Machine m = ule.boot(Topology.parse("2x2x2"));
        if (boot.equals("reseeded")) {
            for (int c = 0; c < m.cpuCount(); c++) {
                CpuState.Builder b = m.cpu(c).edit();
                b.randomval = 0x7A3B_91C5 * (c + 7);
                m = m.withCpu(b.build());
            }
        }
        StringBuilder sb = new StringBuilder(EVENTS * 200);
        sb.append("{\"protocol\":1,\"mode\":\"judge\",\"model\":\"ule14\",\"topology\":\"2x2x2\"}\n");
        EventInterpreter in = new EventInterpreter(EventMix.MIXED);
        SplittableRandom r = new SplittableRandom(17);
        int n = 0;
        while (n < EVENTS) {
            for (Event e : in.next(ule, m, r.nextLong() & Long.MAX_VALUE)) {
                if (n == EVENTS) {
                    break;
                }
                ModelStep<Machine> s = ule.step(m, e);
                sb.append(OracleProtocol.event(++n, e, s.decisions())).append('\n');
                m = s.state();
            }
        }
        session = sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Events handled and the CPU time of the thread handling them, summed over an iteration (JMH prints both). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cpu {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        /** Events handled. */
        public long events;
        /** CPU time of the handling thread, µs. */
        public long cpuMicros;
    }

    /** Writes the session into a pipe from a feeder thread, runs {@code side} on the reading and replying ends, drains the replies. */
    private long overPipes(Side side, Cpu cpu) throws IOException, InterruptedException {
        Pipe in = Pipe.open();
        Pipe out = Pipe.open();
        Thread feeder = new Thread(() -> {
            try (OutputStream os = Channels.newOutputStream(in.sink())) {
                os.write(session);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        long[] drained = {0};
        Thread drain = new Thread(() -> {
            byte[] buf = new byte[1 << 16];
            try (InputStream is = Channels.newInputStream(out.source())) {
                for (int k = is.read(buf); k >= 0; k = is.read(buf)) {
                    drained[0] += k;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        feeder.start();
        drain.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Channels.newInputStream(in.source()), StandardCharsets.UTF_8), 1 << 16);
                Writer w = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(out.sink()), StandardCharsets.UTF_8), 1 << 16)) {
            long before = Cpu.THREADS.getCurrentThreadCpuTime();
            side.run(r, w);
            w.flush();
            cpu.cpuMicros += (Cpu.THREADS.getCurrentThreadCpuTime() - before) / 1000;
            cpu.events += EVENTS;
        }
        feeder.join();
        drain.join();
        return drained[0];
    }

    @FunctionalInterface
    private interface Side {
        void run(BufferedReader in, Writer out) throws IOException;
    }

    /** Baseline: every line read and written back, nothing parsed. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long echo(Cpu cpu) throws IOException, InterruptedException {
        return overPipes((in, out) -> {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write(line);
                out.write('\n');
            }
        }, cpu);
    }

    /** What {@code ulemodel serve} does: every message parsed, every event judged by the oracle, every verdict written. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long judge(Cpu cpu) throws IOException, InterruptedException {
        return overPipes((in, out) -> OracleSession.serve(new OracleSession(id -> ModelSpecs.named(id).model(), null), in, out), cpu);
    }
}
