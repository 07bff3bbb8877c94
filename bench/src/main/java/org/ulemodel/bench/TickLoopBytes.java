// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.bench;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.model.ModelStep;

/**
 * Bytes allocated by each step of {@link TickLoopBenchmark}'s loop (one CPU, three hogs, every
 * tick a stathz tick), grouped by what the step decided: an ordinary tick decides nothing, the
 * slice-end tick decides a slice end, an enqueue and a switch. Counts, not timings: the JVM's
 * per-thread allocation counter ({@code com.sun.management.ThreadMXBean}) read before and after
 * each step, after a warm-up long enough for the JIT to have compiled the step. The README's
 * per-tick breakdown cites it. Usage: {@code TickLoopBytes [WARMUP_TICKS [MEASURED_TICKS]]}
 * (defaults 20,000,000 and 600,000).
 */
public final class TickLoopBytes {
    private TickLoopBytes() {
    }

    public static void main(String[] args) {
        long warmup = args.length > 0 ? Long.parseLong(args[0]) : 20_000_000L;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 600_000;
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        MachineConfig config = TickLoopBenchmark.config();
        Ule14Model model = Ule14Model.withConfig(config);
        Machine s = ModelTarget.ule14(config, 3).state(); // the benchmark's three hogs
        Event tick = new Event.Tick();
        for (long i = 0; i < warmup; i++) {
            s = model.step(s, tick).state();
        }
        Map<String, long[]> byKind = new TreeMap<>(); // decisions -> {steps, bytes}
        long total = 0;
        for (int i = 0; i < measured; i++) {
            long before = mx.getThreadAllocatedBytes(self);
            ModelStep<Machine> r = model.step(s, tick);
            long bytes = mx.getThreadAllocatedBytes(self) - before;
            s = r.state();
            StringBuilder kind = new StringBuilder();
            for (Decision d : r.decisions()) {
                kind.append(kind.length() == 0 ? "" : ", ").append(d.getClass().getSimpleName());
            }
            long[] v = byKind.computeIfAbsent(kind.length() == 0 ? "(nothing decided)" : kind.toString(), k -> new long[2]);
            v[0]++;
            v[1] += bytes;
            total += bytes;
        }
        System.out.printf("%,d ticks after %,d of warm-up: %.1f B/tick%n", measured, warmup, (double) total / measured);
        byKind.forEach((kind, v) -> System.out.printf("  %,9d steps  %7.1f B/step  %s%n", v[0], (double) v[1] / v[0], kind));
    }
}
