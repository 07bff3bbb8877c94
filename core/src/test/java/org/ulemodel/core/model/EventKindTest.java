// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;

/**
 * {@link EventKind#candidates}: each kind expands to exactly the events its Javadoc promises, read
 * from a hand-made {@link SchedulerState} (no model involved), in CPU and thread order.
 */
class EventKindTest {

    /**
     * Four CPUs: 0 runs thread 0 (bound, cpuset {0, 2}), 1 runs thread 1 (cpuset {1, 2, 3}), 2 is
     * offline and "runs" thread 2 (must be ignored), 3 is idle with an IPI pending; thread 3 sleeps
     * (cpuset all), thread 4 is queued, thread 5 exited.
     */
    private record Fake(boolean[] online, int[] running, boolean[] ipi, RunState[] states, CpuSet[] cpusets, boolean[] bound)
            implements SchedulerState {
        static Fake example() {
            return new Fake(
                    new boolean[] {true, true, false, true},
                    new int[] {0, 1, 2, IDLE},
                    new boolean[] {false, false, true, true},
                    new RunState[] {RunState.RUNNING, RunState.RUNNING, RunState.RUNNING, RunState.SLEEPING, RunState.QUEUED,
                        RunState.EXITED},
                    new CpuSet[] {CpuSet.of(0, 2), CpuSet.of(1, 2, 3), CpuSet.firstN(4), CpuSet.firstN(4), CpuSet.firstN(4),
                        CpuSet.firstN(4)},
                    new boolean[] {true, false, true, false, false, false});
        }

        @Override
        public Topology topology() {
            return Topology.parse("4");
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
            return online.length;
        }

        @Override
        public boolean online(int cpu) {
            return online[cpu];
        }

        @Override
        public int running(int cpu) {
            return running[cpu];
        }

        @Override
        public boolean ipiPending(int cpu) {
            return ipi[cpu];
        }

        @Override
        public void forEachQueued(int cpu, IntConsumer action) {
            if (cpu == 0) {
                action.accept(4);
            }
        }

        @Override
        public int threadCount() {
            return states.length;
        }

        @Override
        public RunState threadState(int tid) {
            return states[tid];
        }

        @Override
        public int threadCpu(int tid) {
            return 0;
        }

        @Override
        public int threadPriority(int tid) {
            return 120;
        }

        @Override
        public CpuSet threadCpuset(int tid) {
            return cpusets[tid];
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

    private static List<Event> candidates(EventKind kind, SchedulerState s) {
        List<Event> out = new ArrayList<>();
        out.add(new Event.Tick());
        kind.candidates(s, out);
        return out.subList(1, out.size());
    }

    @Test
    void perRunningCpuKindsSkipOfflineAndIdleCpus() {
        Fake s = Fake.example();
        assertThat(candidates(EventKind.TICK, s)).containsExactly(new Event.Tick());
        assertThat(candidates(EventKind.BLOCK, s)).containsExactly(new Event.Block(0, 0), new Event.Block(1, 0));
        assertThat(candidates(EventKind.YIELD, s)).containsExactly(new Event.Yield(0), new Event.Yield(1));
        assertThat(candidates(EventKind.EXIT, s)).containsExactly(new Event.Exit(0), new Event.Exit(1));
        assertThat(candidates(EventKind.UNBIND, s)).as("only the bound running thread").containsExactly(new Event.Unbind(0));
    }

    @Test
    void bindTargetsOnlineCpusOfTheRunningThreadsCpuset() {
        assertThat(candidates(EventKind.BIND, Fake.example()))
                .containsExactly(new Event.Bind(0, 0), new Event.Bind(1, 1), new Event.Bind(1, 3));
    }

    @Test
    void wakeOffersEverySleepingThreadFromEveryOnlineCpu() {
        assertThat(candidates(EventKind.WAKE, Fake.example()))
                .containsExactly(new Event.Wake(3, 0), new Event.Wake(3, 1), new Event.Wake(3, 3));
    }

    @Test
    void idleLoopsAndIpisOnlyOnOnlineCpus() {
        Fake s = Fake.example();
        assertThat(candidates(EventKind.IDLE, s)).containsExactly(new Event.IdleLoop(3));
        assertThat(candidates(EventKind.IPI, s)).as("CPU 2's IPI waits for it to come online").containsExactly(new Event.DeliverIpi(3));
    }

    @Test
    void offlineNeverTakesCpu0AndRunsOnTheLowestOtherOnlineCpu() {
        Fake s = Fake.example();
        assertThat(candidates(EventKind.OFFLINE, s)).containsExactly(new Event.CpuOffline(1, 0), new Event.CpuOffline(3, 0));
        assertThat(candidates(EventKind.ONLINE, s)).containsExactly(new Event.CpuOnline(2));
        Fake cpu0Offline = new Fake(new boolean[] {false, true, true, true}, s.running(), s.ipi(), s.states(), s.cpusets(), s.bound());
        assertThat(candidates(EventKind.OFFLINE, cpu0Offline))
                .containsExactly(new Event.CpuOffline(1, 2), new Event.CpuOffline(2, 1), new Event.CpuOffline(3, 1));
        Fake lastOnline = new Fake(new boolean[] {true, false, false, false}, s.running(), s.ipi(), s.states(), s.cpusets(), s.bound());
        assertThat(candidates(EventKind.OFFLINE, lastOnline)).isEmpty();
        assertThat(candidates(EventKind.ONLINE, lastOnline))
                .containsExactly(new Event.CpuOnline(1), new Event.CpuOnline(2), new Event.CpuOnline(3));
    }
}
