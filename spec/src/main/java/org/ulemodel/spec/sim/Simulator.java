// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ulemodel.core.machine.CpuState;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.machine.MigrateReason;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.machine.Scheduler;
import org.ulemodel.core.machine.StepResult;
import org.ulemodel.core.machine.ThreadState;
import org.ulemodel.spec.CheckedScheduler;

/**
 * A deterministic multi-CPU simulation of simple workloads ({@link Behavior}s) with every
 * invariant checked after every step. Per hz tick: the running threads consume the tick, the
 * clock ticks (stathz ticks of all CPUs in CPU-id order), pending IPIs are delivered at once,
 * threads whose burst is over block, due sleepers are woken on the CPU they last ran on, and on
 * stathz ticks each idle CPU runs one pass of its idle loop (a steal attempt). Scheduled CPU
 * offline/online changes happen at their tick.
 */
public final class Simulator {
    private final MachineConfig config;
    private final List<Behavior> behaviors;
    private final TreeMap<Long, List<Event>> scheduled = new TreeMap<>();

    public Simulator(MachineConfig config, List<Behavior> behaviors) {
        this.config = config;
        this.behaviors = List.copyOf(behaviors);
    }

    /** Takes {@code cpu} offline at hz tick {@code at} (the event runs on another online CPU). */
    public Simulator offlineAt(long at, int cpu) {
        scheduled.computeIfAbsent(at, k -> new ArrayList<>()).add(new Event.CpuOffline(cpu, -1));
        return this;
    }

    /** Brings {@code cpu} back online at hz tick {@code at}. */
    public Simulator onlineAt(long at, int cpu) {
        scheduled.computeIfAbsent(at, k -> new ArrayList<>()).add(new Event.CpuOnline(cpu));
        return this;
    }

    /** What one thread got. */
    public record ThreadReport(Behavior behavior, long runTicks, int minPri, int maxPri, long switchesIn, long longestWait,
            Map<MigrateReason, Integer> migrations) {
    }

    /** The outcome: per-thread and per-CPU figures, migrations by reason, and the checks that ran. */
    public record Report(List<ThreadReport> threads, long[] cpuBusyTicks, Map<MigrateReason, Integer> migrations, long ticks,
            long checks, long steps, MachineConfig config, Machine finalState) {
    }

    private final class Run {
        final CheckedScheduler checked = new CheckedScheduler();
        Machine m = Machine.boot(config);
        final int n = behaviors.size();
        final long[] run = new long[n];
        final long[] switchesIn = new long[n];
        final long[] longestWait = new long[n];
        final long[] waitingSince = new long[n];
        final int[] minPri = new int[n];
        final int[] maxPri = new int[n];
        final int[] burstLeft = new int[n];
        final long[] wakeAt = new long[n];
        final long[] busy = new long[config.cpus()];
        final List<Map<MigrateReason, Integer>> threadMigrations = new ArrayList<>();
        final Map<MigrateReason, Integer> migrations = new EnumMap<>(MigrateReason.class);

        Run() {
            Arrays.fill(waitingSince, -1);
            Arrays.fill(minPri, Integer.MAX_VALUE);
            Arrays.fill(maxPri, Integer.MIN_VALUE);
            Arrays.fill(wakeAt, -1);
            for (int i = 0; i < n; i++) {
                threadMigrations.add(new EnumMap<>(MigrateReason.class));
            }
        }

        void apply(Event e) {
            StepResult s = checked.step(m, e);
            m = s.state();
            long now = m.elapsed();
            for (Decision d : s.decisions()) {
                if (d instanceof Decision.Enqueue) {
                    int t = ((Decision.Enqueue) d).tid();
                    if (t < n && waitingSince[t] < 0) {
                        waitingSince[t] = now;
                    }
                } else if (d instanceof Decision.Switch) {
                    int to = ((Decision.Switch) d).to();
                    if (to >= 0 && to < n) {
                        switchesIn[to]++;
                        if (waitingSince[to] >= 0) {
                            longestWait[to] = Math.max(longestWait[to], now - waitingSince[to]);
                            waitingSince[to] = -1;
                        }
                    }
                } else if (d instanceof Decision.Migrate) {
                    Decision.Migrate mg = (Decision.Migrate) d;
                    migrations.merge(mg.why(), 1, Integer::sum);
                    if (mg.tid() < n) {
                        threadMigrations.get(mg.tid()).merge(mg.why(), 1, Integer::sum);
                    }
                }
            }
        }

        void deliverIpis() {
            for (int c = 0; c < m.cpuCount(); c++) {
                CpuState cpu = m.cpu(c);
                if (cpu.online() && cpu.ipiPending()) {
                    apply(new Event.DeliverIpi(c));
                }
            }
        }

        int someOnlineCpuBut(int not) {
            for (int c = 0; c < m.cpuCount(); c++) {
                if (c != not && m.cpu(c).online()) {
                    return c;
                }
            }
            throw new IllegalStateException("no other online CPU than " + not);
        }

        Report go(long total) {
            for (int i = 0; i < n; i++) {
                apply(behaviors.get(i).create());
                burstLeft[i] = behaviors.get(i).runMs();
            }
            deliverIpis();
            int msPerTick = Math.max(1, 1000 / config.params().hz());
            for (long t = 1; t <= total; t++) {
                for (int c = 0; c < m.cpuCount(); c++) {
                    int cur = m.cpu(c).curthread();
                    if (cur >= 0 && cur < n) {
                        run[cur]++;
                        busy[c]++;
                        if (burstLeft[cur] > 0) {
                            burstLeft[cur] -= msPerTick;
                        }
                    }
                }
                long statBefore = Scheduler.statTicks(m);
                apply(new Event.Tick());
                boolean statTick = Scheduler.statTicks(m) != statBefore;
                deliverIpis();
                for (Event e : scheduled.getOrDefault(t, List.of())) {
                    if (e instanceof Event.CpuOffline) {
                        int cpu = ((Event.CpuOffline) e).cpu();
                        apply(new Event.CpuOffline(cpu, someOnlineCpuBut(cpu)));
                    } else {
                        apply(e);
                    }
                    deliverIpis();
                }
                for (int c = 0; c < m.cpuCount(); c++) {
                    int cur = m.cpu(c).curthread();
                    if (cur >= 0 && cur < n && !behaviors.get(cur).hog() && burstLeft[cur] <= 0) {
                        apply(new Event.Block(c, 0));
                        wakeAt[cur] = t + behaviors.get(cur).sleepMs() / msPerTick;
                        deliverIpis();
                    }
                }
                for (int i = 0; i < n; i++) {
                    if (wakeAt[i] == t && m.thread(i).state() == RunState.SLEEPING) {
                        wakeAt[i] = -1;
                        burstLeft[i] = behaviors.get(i).runMs();
                        int on = m.thread(i).cpu();
                        apply(new Event.Wake(i, m.cpu(on).online() ? on : someOnlineCpuBut(-1)));
                        deliverIpis();
                    }
                }
                if (statTick) {
                    for (int c = 0; c < m.cpuCount(); c++) {
                        CpuState cpu = m.cpu(c);
                        if (cpu.online() && cpu.isIdle()) {
                            apply(new Event.IdleLoop(c));
                            deliverIpis();
                        }
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
                out.add(new ThreadReport(behaviors.get(i), run[i], minPri[i], maxPri[i], switchesIn[i], longestWait[i],
                        Map.copyOf(threadMigrations.get(i))));
            }
            return new Report(out, busy, Map.copyOf(migrations), total, checked.checks(), checked.steps(), config, m);
        }
    }

    /** Runs the workload for {@code hzTicks} hz ticks of model time. */
    public Report run(long hzTicks) {
        if (hzTicks < 0) {
            throw new IllegalArgumentException("hz ticks must be >= 0, got " + hzTicks);
        }
        return new Run().go(hzTicks);
    }
}
