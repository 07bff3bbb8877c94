// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.machine.StepResult;
import org.ulemodel.core.machine.ThreadState;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.ule.SchedParams;
import org.ulemodel.spec.CheckedScheduler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ulemodel demo}: a built-in single-CPU mixed workload — CPU hogs at nice 0 and +10, an
 * interactive thread that runs 1 ms and sleeps 9 ms, a realtime thread — run for 10 s of model
 * time with every invariant checked after every step. Prints what each thread got.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a built-in single-CPU mixed workload through the model and show what each thread got.",
        exitCodeOnInvalidInput = 2)
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--seconds", paramLabel = "S", description = "model time to simulate (default: ${DEFAULT-VALUE})")
    int seconds = 10;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** One demo thread: how it is created and how it behaves. */
    record Behavior(String name, PriClass cls, int nice, int priority, int runMs, int sleepMs, String pattern) {
        Event.Create create() {
            return new Event.Create(cls, nice, priority, false, null, 0);
        }
    }

    static List<Behavior> workload() {
        return List.of(
                new Behavior("hog", PriClass.TIMESHARE, 0, -1, -1, 0, "CPU hog, nice 0"),
                new Behavior("hog-nice10", PriClass.TIMESHARE, 10, -1, -1, 0, "CPU hog, nice +10"),
                new Behavior("interactive", PriClass.TIMESHARE, 0, -1, 1, 9, "runs 1 ms, sleeps 9 ms"),
                new Behavior("realtime", PriClass.REALTIME, 0, 60, 2, 48, "rtprio 60: runs 2 ms every 50 ms"));
    }

    /** What the demo measured per thread. */
    record ThreadReport(Behavior behavior, long runTicks, int minPri, int maxPri, long switchesIn, long longestWait) {
    }

    /** The demo's results: per-thread reports, ticks simulated, invariant checks and steps. */
    record Report(List<ThreadReport> threads, long ticks, long checks, long steps, SchedParams params) {
    }

    @Override
    public Integer call() {
        if (seconds <= 0 || seconds > 3600) {
            throw new UsageError("--seconds " + seconds + ": expected 1..3600");
        }
        Report r = run(seconds);
        print(r, spec.commandLine().getOut());
        return 0;
    }

    /** Runs the demo workload for {@code seconds} of model time. */
    static Report run(int seconds) {
        MachineConfig cfg = MachineConfig.singleCpu();
        SchedParams p = cfg.params();
        CheckedScheduler checked = new CheckedScheduler();
        Machine m = Machine.boot(cfg);
        checked.verify(m, "boot");
        List<Behavior> ws = workload();
        int n = ws.size();
        long[] run = new long[n];
        long[] switchesIn = new long[n];
        long[] longestWait = new long[n];
        long[] waitingSince = new long[n];
        int[] minPri = new int[n];
        int[] maxPri = new int[n];
        int[] burstLeft = new int[n];
        long[] wakeAt = new long[n];
        Arrays.fill(waitingSince, -1);
        Arrays.fill(minPri, Integer.MAX_VALUE);
        Arrays.fill(maxPri, Integer.MIN_VALUE);
        Arrays.fill(wakeAt, -1);
        Tracker tracker = new Tracker(switchesIn, longestWait, waitingSince);
        for (int i = 0; i < n; i++) {
            StepResult s = checked.step(m, ws.get(i).create());
            m = s.state();
            tracker.observe(s, m.elapsed());
            burstLeft[i] = ws.get(i).runMs();
        }
        long total = (long) seconds * p.hz();
        int msPerTick = 1000 / p.hz();
        for (long t = 1; t <= total; t++) {
            int cur = m.cpu(0).curthread();
            if (cur >= 0) {
                run[cur]++;
                if (burstLeft[cur] > 0) {
                    burstLeft[cur] -= msPerTick;
                }
            }
            StepResult s = checked.step(m, new Event.Tick());
            m = s.state();
            tracker.observe(s, m.elapsed());
            int now = m.cpu(0).curthread();
            if (now >= 0 && ws.get(now).runMs() > 0 && burstLeft[now] <= 0) {
                s = checked.step(m, new Event.Block(0, 0));
                m = s.state();
                tracker.observe(s, m.elapsed());
                wakeAt[now] = t + ws.get(now).sleepMs();
            }
            for (int i = 0; i < n; i++) {
                if (wakeAt[i] == t && m.thread(i).state() == RunState.SLEEPING) {
                    wakeAt[i] = -1;
                    burstLeft[i] = ws.get(i).runMs();
                    s = checked.step(m, new Event.Wake(i, 0));
                    m = s.state();
                    tracker.observe(s, m.elapsed());
                }
            }
            for (int i = 0; i < n; i++) {
                ThreadState td = m.thread(i);
                minPri[i] = Math.min(minPri[i], td.priority());
                maxPri[i] = Math.max(maxPri[i], td.priority());
            }
        }
        List<ThreadReport> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ThreadReport(ws.get(i), run[i], minPri[i], maxPri[i], switchesIn[i], longestWait[i]));
        }
        return new Report(out, total, checked.checks(), checked.steps(), p);
    }

    /** Follows switch and enqueue decisions to count switches and measure waits. */
    private static final class Tracker {
        private final long[] switchesIn;
        private final long[] longestWait;
        private final long[] waitingSince;

        Tracker(long[] switchesIn, long[] longestWait, long[] waitingSince) {
            this.switchesIn = switchesIn;
            this.longestWait = longestWait;
            this.waitingSince = waitingSince;
        }

        void observe(StepResult s, long now) {
            for (Decision d : s.decisions()) {
                if (d instanceof Decision.Enqueue) {
                    int t = ((Decision.Enqueue) d).tid();
                    if (waitingSince[t] < 0) {
                        waitingSince[t] = now;
                    }
                } else if (d instanceof Decision.Switch) {
                    int to = ((Decision.Switch) d).to();
                    if (to >= 0) {
                        switchesIn[to]++;
                        if (waitingSince[to] >= 0) {
                            longestWait[to] = Math.max(longestWait[to], now - waitingSince[to]);
                            waitingSince[to] = -1;
                        }
                    }
                }
            }
        }
    }

    static void print(Report r, PrintWriter out) {
        SchedParams p = r.params();
        out.printf(Locale.ROOT, "ulemodel demo: FreeBSD 14 ULE on 1 CPU, hz %d, stathz %d, %.1f s of model time%n",
                p.hz(), p.realstathz(), r.ticks() / (double) p.hz());
        out.println();
        out.printf(Locale.ROOT, "%-12s %-34s %9s %11s %9s %13s%n", "thread", "behaviour", "CPU share", "priority",
                "switches", "longest wait");
        for (ThreadReport t : r.threads()) {
            out.printf(Locale.ROOT, "%-12s %-34s %8.1f%% %11s %9d %10.1f ms%n", t.behavior().name(), t.behavior().pattern(),
                    100.0 * t.runTicks() / r.ticks(), t.minPri() == t.maxPri() ? String.valueOf(t.minPri())
                            : t.minPri() + "-" + t.maxPri(),
                    t.switchesIn(), t.longestWait() * 1000.0 / p.hz());
        }
        long idle = r.ticks();
        for (ThreadReport t : r.threads()) {
            idle -= t.runTicks();
        }
        out.printf(Locale.ROOT, "%-12s %-34s %8.1f%%%n", "(idle)", "", 100.0 * idle / r.ticks());
        out.println();
        out.printf(Locale.ROOT, "invariant checks: %d (%d steps x %d invariants), 0 violations%n", r.checks(), r.steps(),
                r.steps() == 0 ? 0 : r.checks() / r.steps());
        out.println("priority: td_priority seen over the run (lower is better; 120-151 interactive, 152-223 batch, 48-79 realtime)");
        out.flush();
    }
}
