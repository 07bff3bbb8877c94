// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Cost;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.MigrateReason;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.trace.timeline.Timeline;

/**
 * The figures of {@code compare} against hand-computed ones: CPU shares, nearest-rank percentiles,
 * migrations summed over reasons, threads matched by name across models, per-model totals, and the
 * idle-while-waiting time that {@link Stats} gathers from the view.
 */
class ComparisonStatsTest {
    private static Engine.ThreadStats thread(int tid, String comm, long cpuUs, long[] waits, Map<MigrateReason, Integer> m) {
        return new Engine.ThreadStats(tid, comm, "SCHED_OTHER nice 0", cpuUs, waits.length, waits, 120, 120, m);
    }

    private static Engine.Result<SchedulerState> result(long durationUs, List<Engine.ThreadStats> threads, long[] busy,
            long[] switches, long idleWhileWaiting) {
        return new Engine.Result<>(durationUs, threads, busy, switches, 42, 0, new Timeline(), null, idleWhileWaiting);
    }

    @Test
    void sharesPercentilesAndMigrationsAreTheHandComputedOnes() {
        long[] hundred = new long[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = (i + 1) * 1000L; // 1 ms .. 100 ms
        }
        // nearest rank: p50 of 1..100 is the 50th value, p99 the 99th; of {7 ms} both are 7 ms
        Engine.Result<SchedulerState> a = result(2_000_000, List.of(
                thread(0, "worker", 500_000, hundred, Map.of(MigrateReason.WAKEUP, 2, MigrateReason.STEAL, 1)),
                thread(1, "job", 1_000_000, new long[] {7000}, Map.of())), new long[] {1_500_000, 500_000}, new long[] {30, 12},
                250_000);
        // the other model created the threads in another order, and one more "job"
        Engine.Result<SchedulerState> b = result(2_000_000, List.of(
                thread(0, "job", 2_000_000, new long[] {0, 0, 3000}, Map.of()),
                thread(1, "worker", 1_999_999, new long[] {}, Map.of(MigrateReason.BALANCE, 5)),
                thread(2, "job", 1, new long[] {1}, Map.of())), new long[] {2_000_000, 2_000_000}, new long[] {4, 0}, 0);
        Comparison c = new Comparison(List.of(new Comparison.Run("m1", a), new Comparison.Run("m2", b)));

        assertThat(c.threadColumns()).containsExactly("thread", "policy", "m1 cpu%", "m1 p50 ms", "m1 p99 ms", "m1 max ms", "m1 migr",
                "m2 cpu%", "m2 p50 ms", "m2 p99 ms", "m2 max ms", "m2 migr");
        List<List<String>> rows = c.threadRows();
        assertThat(rows).hasSize(3);
        // 0.5 s of 2 s = 25.0 %; waits 50 ms, 99 ms, 100 ms; 2 + 1 migrations | 1.999999 s = 100.0 %, no waits, 5 migrations
        assertThat(rows.get(0)).containsExactly("worker", "SCHED_OTHER nice 0", "25.0", "50.000", "99.000", "100.000", "3",
                "100.0", "0.000", "0.000", "0.000", "5");
        // 1 s of 2 s = 50.0 %, one 7 ms wait | the first "job" of m2: 100.0 %, waits {0, 0, 3 ms}: p50 0, p99 3 ms
        assertThat(rows.get(1)).containsExactly("job", "SCHED_OTHER nice 0", "50.0", "7.000", "7.000", "7.000", "0",
                "100.0", "0.000", "3.000", "3.000", "0");
        // m1 has no second "job"
        assertThat(rows.get(2)).containsExactly("job", "SCHED_OTHER nice 0", "-", "-", "-", "-", "-",
                "0.0", "0.001", "0.001", "0.001", "0");

        // busy: 2 s of 4 CPU-seconds = 50.0 %; 42 switches; idle while waiting 250 ms = 6.3 % of 4 s (6.25 rounded half up)
        assertThat(c.modelRows()).containsExactly(
                List.of("m1", "50.0", "42", "250.000", "6.3", "42"),
                List.of("m2", "100.0", "4", "0.000", "0.0", "42"));
    }

    @Test
    void percentileIsNearestRank() {
        assertThat(Tables.percentile(new long[] {}, 50)).isZero();
        assertThat(Tables.percentile(new long[] {10, 20, 30, 40}, 50)).isEqualTo(20);
        assertThat(Tables.percentile(new long[] {10, 20, 30, 40}, 99)).isEqualTo(40);
        assertThat(Tables.percentile(new long[] {10, 20, 30, 40}, 25)).isEqualTo(10);
        assertThat(Tables.percentile(new long[] {10, 20, 30, 40}, 26)).isEqualTo(20);
    }

    /** A hand-made view: 2 CPUs; per CPU what runs and what is queued; per thread its cpuset and whether it is bound. */
    private record View(int[] running, List<List<Integer>> queued, CpuSet[] cpuset, boolean[] bound, int[] cpu)
            implements SchedulerState {
        @Override
        public Topology topology() {
            return Topology.parse("2");
        }

        @Override
        public long elapsed() {
            return 0;
        }

        @Override
        public int hz() {
            return 1000;
        }

        @Override
        public int cpuCount() {
            return running.length;
        }

        @Override
        public boolean online(int c) {
            return true;
        }

        @Override
        public int running(int c) {
            return running[c];
        }

        @Override
        public boolean ipiPending(int c) {
            return false;
        }

        @Override
        public void forEachQueued(int c, IntConsumer action) {
            queued.get(c).forEach(action::accept);
        }

        @Override
        public int threadCount() {
            return cpuset.length;
        }

        @Override
        public RunState threadState(int tid) {
            for (int r : running) {
                if (r == tid) {
                    return RunState.RUNNING;
                }
            }
            return queued.get(0).contains(tid) || queued.get(1).contains(tid) ? RunState.QUEUED : RunState.SLEEPING;
        }

        @Override
        public int threadCpu(int tid) {
            return cpu[tid];
        }

        @Override
        public int threadPriority(int tid) {
            return 120;
        }

        @Override
        public CpuSet threadCpuset(int tid) {
            return cpuset[tid];
        }

        @Override
        public boolean threadBound(int tid) {
            return bound[tid];
        }

        @Override
        public int threadParent(int tid) {
            return -1;
        }
    }

    private static void step(Stats s, long us, SchedulerState after) {
        s.step(0, us * 1000, new Event.Tick(), after, ModelStep.of(after, List.<Decision>of(), Cost.ZERO));
    }

    /**
     * Thread 0 runs on CPU 0, thread 1 waits on CPU 0 and CPU 1 idles: 3 ms of idle-while-waiting
     * when thread 1 may run on CPU 1, none when its cpuset is CPU 0 only or it is bound there;
     * thread 1 then runs on CPU 1 and nothing more accrues, up to the end.
     */
    @Test
    void idleWhileWaitingCountsOnlyCpusTheWaiterMayUse() {
        CpuSet both = CpuSet.of(0, 1);
        CpuSet zero = CpuSet.of(0);
        long[] expected = {3000, 0, 0};
        View[] waiting = {
            new View(new int[] {0, -1}, List.of(List.of(1), List.of()), new CpuSet[] {both, both}, new boolean[] {false, false},
                    new int[] {0, 0}),
            new View(new int[] {0, -1}, List.of(List.of(1), List.of()), new CpuSet[] {both, zero}, new boolean[] {false, false},
                    new int[] {0, 0}),
            new View(new int[] {0, -1}, List.of(List.of(1), List.of()), new CpuSet[] {both, both}, new boolean[] {false, true},
                    new int[] {0, 0})};
        for (int i = 0; i < waiting.length; i++) {
            Stats s = new Stats(2);
            step(s, 1000, waiting[i]);
            step(s, 4000, new View(new int[] {0, 1}, List.of(List.of(), List.of()), waiting[i].cpuset(), new boolean[] {false, false},
                    new int[] {0, 1}));
            s.finish(10_000);
            assertThat(s.idleWhileWaitingUs()).as("case " + i).isEqualTo(expected[i]);
        }
        // still waiting at the end: counted up to the end (1 ms .. 10 ms)
        Stats s = new Stats(2);
        step(s, 1000, waiting[0]);
        s.finish(10_000);
        assertThat(s.idleWhileWaitingUs()).isEqualTo(9000);
        assertThat(s.busyUs()[0]).isEqualTo(9000L);
    }
}
