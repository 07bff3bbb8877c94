// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import java.util.ArrayList;
import java.util.List;
import org.ulemodel.core.prio.PriClass;

/**
 * The single-CPU simulation of FreeBSD's golden {@code calendar_sim} tables: every thread is a
 * timeshare CPU hog, runnable from time 0 (created in id order), never sleeping; the model runs
 * stathz tick by stathz tick and reports the state after each tick's {@code sched_clock}, and the
 * switch that followed when a slice ended.
 *
 * <p>Two kinds of scenario: <em>fixed</em> threads keep their run-queue priority (no
 * return-to-user update, {@link MachineConfig#userretPriority()} off), <em>hogs</em> start at
 * {@code sched_priority}'s value for their nice and take their fresh user priority each time
 * they are switched in.
 */
public final class CalendarSimulation {
    private CalendarSimulation() {
    }

    /**
     * What to simulate.
     *
     * @param scenario   a name carried into every row
     * @param priorities fixed run-queue priorities, one per thread, or null for hogs
     * @param nices      nice per thread (same length as priorities when both are given)
     * @param userret    apply the return-to-user priority update on switch-in
     * @param statTicks  how many stathz ticks to run
     */
    public record Spec(String scenario, int[] priorities, int[] nices, boolean userret, int statTicks) {
        public Spec {
            if (nices == null || nices.length == 0) {
                throw new IllegalArgumentException("at least one thread is needed");
            }
            if (priorities != null && priorities.length != nices.length) {
                throw new IllegalArgumentException(priorities.length + " priorities but " + nices.length + " nice values");
            }
            if (statTicks < 0) {
                throw new IllegalArgumentException("stathz ticks must be >= 0, got " + statTicks);
            }
        }

        /** Threads pinned to the given batch priorities, nice 0, no return-to-user update. */
        public static Spec fixed(String scenario, int[] priorities, int statTicks) {
            return new Spec(scenario, priorities.clone(), new int[priorities.length], false, statTicks);
        }

        /** CPU hogs at the given nice values. */
        public static Spec hogs(String scenario, int[] nices, boolean userret, int statTicks) {
            return new Spec(scenario, null, nices.clone(), userret, statTicks);
        }

        public int threads() {
            return nices.length;
        }
    }

    /**
     * One stathz tick: the state after {@code sched_clock} (columns of calendar_sim.csv), and the
     * switch when one followed ({@code requeuedAt}, {@code nextThread}, {@code nextPriority} are
     * -1 otherwise).
     */
    public record Row(String scenario, long statTick, long hzTicks, int curThread, int curPriority, int curRqIndex,
            int idx, int ridx, int tdqSlice, long timeshareStatus, boolean switched, int requeuedAt,
            int nextThread, int nextPriority) {
    }

    /** Per-thread totals at the end (columns of calendar_sim_summary.csv). */
    public record ThreadSummary(String scenario, int thread, int fixedPriority, int nice, int finalPriority,
            long cpuStatTicks, double cpuShare, int runtime, int slptime, int tsTicks, int userPri) {
    }

    /** Rows, summaries and the final machine. */
    public record Result(List<Row> rows, List<ThreadSummary> summary, Machine finalState) {
    }

    /** Runs a scenario on the default clock (hz 1000, stathz 127). */
    public static Result run(Spec spec) {
        return run(spec, MachineConfig.singleCpu());
    }

    /** Runs a scenario on the given machine configuration (its return-to-user setting is taken from the spec). */
    public static Result run(Spec spec, MachineConfig baseConfig) {
        Machine m = Machine.boot(baseConfig.withUserretPriority(spec.userret()));
        for (int i = 0; i < spec.threads(); i++) {
            int pri = spec.priorities() == null ? -1 : spec.priorities()[i];
            m = Scheduler.step(m, new Event.Create(PriClass.TIMESHARE, spec.nices()[i], pri, false, null, 0)).state();
        }
        long[] ran = new long[spec.threads()];
        List<Row> rows = new ArrayList<>(spec.statTicks());
        for (int k = 1; k <= spec.statTicks(); k++) {
            while (true) {
                m = Scheduler.hardclock(m).state();
                if (Scheduler.statTicks(m) >= k) {
                    break;
                }
                m = Scheduler.returnToUser(m).state();
            }
            CpuState cpu = m.cpu(0);
            int cur = cpu.curthread();
            ThreadState td = cur >= 0 ? m.thread(cur) : null;
            if (cur >= 0) {
                ran[cur]++;
            }
            StepResult after = Scheduler.returnToUser(m);
            int requeued = -1;
            int next = -1;
            boolean switched = false;
            for (Decision d : after.decisions()) {
                if (d instanceof Decision.Enqueue && ((Decision.Enqueue) d).tid() == cur) {
                    requeued = ((Decision.Enqueue) d).index();
                } else if (d instanceof Decision.Switch) {
                    switched = true;
                    next = ((Decision.Switch) d).to();
                }
            }
            m = after.state();
            rows.add(new Row(spec.scenario(), k, m.elapsed(), cur, td == null ? -1 : td.priority(),
                    td == null ? -1 : td.rqIndex(), cpu.idx(), cpu.ridx(),
                    m.config().params().tdqSlice(cpu.sysload()), cpu.timeshare().status(), switched,
                    requeued, next, switched && next >= 0 ? m.thread(next).priority() : -1));
        }
        List<ThreadSummary> summary = new ArrayList<>();
        for (int i = 0; i < spec.threads(); i++) {
            ThreadState t = m.thread(i);
            summary.add(new ThreadSummary(spec.scenario(), i, spec.priorities() == null ? 0 : spec.priorities()[i],
                    spec.nices()[i], t.priority(), ran[i],
                    spec.statTicks() == 0 ? 0.0 : (double) ran[i] / spec.statTicks(),
                    t.runtime(), t.slptime(), t.tsTicks(), t.userPri()));
        }
        return new Result(List.copyOf(rows), List.copyOf(summary), m);
    }
}
