// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.core.ule.SchedParams;
import org.ulemodel.core.ule.UleVersion;

/**
 * A {@link Machine} seen as a {@code SchedulerState}: each CPU's online flag, running thread and
 * pending IPI, each thread's state, CPU, priority, cpuset, binding and parent, and the queued
 * threads in pick order (FreeBSD 14: realtime queue, timeshare calendar, idle queue; FreeBSD 15:
 * the single 256-queue run queue by index).
 */
class MachineViewTest {

    static Machine step(Machine m, Event e) {
        return Scheduler.step(m, e).state();
    }

    /** CPU 0 runs realtime thread 0; thread 1 (realtime, worse), 2 (timeshare) and 3 (idle class) wait; thread 4 sits on CPU 1 with an IPI owed. */
    static Machine scene(UleVersion version) {
        Machine m = Machine.boot(MachineConfig.of(Topology.parse("2"), version));
        m = step(m, new Event.Create(PriClass.REALTIME, 0, 50, false, CpuSet.of(0), 0));
        m = step(m, new Event.Create(PriClass.REALTIME, 0, 70, false, CpuSet.of(0), 0));
        m = step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(0), 0));
        m = step(m, new Event.Create(PriClass.IDLE, 0, PriClass.IDLE.minPri(), false, CpuSet.of(0), 0));
        return step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(1), 0));
    }

    @Test
    void theStateViewAnswersFromCpusAndThreads() {
        for (UleVersion v : UleVersion.values()) {
            Machine m = scene(v);
            assertThat(m.cpuCount()).isEqualTo(2);
            assertThat(m.threadCount()).isEqualTo(5);
            assertThat(m.hz()).isEqualTo(1000);
            assertThat(m.stathz()).isEqualTo(127);
            assertThat(m.online(0)).isTrue();
            assertThat(m.running(0)).isZero();
            assertThat(m.running(1)).isEqualTo(-1);
            assertThat(m.ipiPending(1)).as("%s: thread 4 owes CPU 1 a preemption", v).isTrue();
            assertThat(m.ipiPending(0)).isFalse();
            assertThat(m.threadState(0)).isEqualTo(RunState.RUNNING);
            assertThat(m.threadState(2)).isEqualTo(RunState.QUEUED);
            assertThat(m.threadCpu(4)).isEqualTo(1);
            assertThat(m.threadPriority(1)).isGreaterThan(m.threadPriority(0));
            assertThat(m.threadPriority(3)).isGreaterThan(m.threadPriority(2));
            assertThat(m.threadCpuset(4)).isEqualTo(CpuSet.of(1));
            assertThat(m.threadBound(0)).isFalse();
            assertThat(m.threadParent(0)).isEqualTo(-1);
            List<Integer> queued = new ArrayList<>();
            m.forEachQueued(0, queued::add);
            assertThat(queued).as("%s pick order", v).containsExactly(1, 2, 3);
            List<Integer> cpu1 = new ArrayList<>();
            m.cpu(1).forEachQueued(cpu1::add);
            assertThat(cpu1).containsExactly(4);
            assertThat(m.cpu(0).isIdle()).isFalse();
            assertThat(m.cpu(1).isIdle()).isTrue();
            assertThat(m.toString()).startsWith("Machine{ticks=0, balanceTicks=");

            Machine f = step(step(m, new Event.Fork(0)), new Event.Bind(0, 0));
            assertThat(f.threadParent(5)).isZero();
            assertThat(f.threadBound(0)).isTrue();
            assertThat(f.thread(0).canMigrate()).isFalse();
            assertThat(f.thread(2).canMigrate()).isTrue();
            assertThat(f.thread(4).canSched(1)).isTrue();
            assertThat(f.thread(4).canSched(0)).isFalse();
            assertThat(f.thread(0).alive()).isTrue();
            Machine x = step(f, new Event.Exit(0));
            assertThat(x.thread(0).alive()).isFalse();
            assertThat(x.threadState(0)).isEqualTo(RunState.EXITED);
        }
    }

    @Test
    void unknownCpusAndThreadsAreRefused() {
        Machine m = scene(UleVersion.V14);
        assertThatThrownBy(() -> m.cpu(2)).isInstanceOf(IllegalEventException.class).hasMessage("no CPU 2: CPUs are 0..1");
        assertThatThrownBy(() -> m.cpu(-1)).isInstanceOf(IllegalEventException.class);
        assertThatThrownBy(() -> m.thread(5)).isInstanceOf(IllegalEventException.class).hasMessage("no thread 5: threads are 0..4");
        assertThatThrownBy(() -> m.thread(-1)).isInstanceOf(IllegalEventException.class);
    }

    @Test
    void machinesAreEqualByValue() {
        Machine a = scene(UleVersion.V14);
        Machine b = scene(UleVersion.V14);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.equals(step(a, new Event.Tick()))).isFalse();
        assertThat(a.equals(scene(UleVersion.V15))).isFalse();
        assertThat(a.equals("a machine")).isFalse();
        assertThat(a.cpu(0).equals(b.cpu(0))).isTrue();
        assertThat(a.cpu(0).equals(a.cpu(1))).isFalse();
        assertThat(a.cpu(0).equals("a CPU")).isFalse();
    }

    /** A cost sum adds picks, words and threads examined, and keeps the larger per-pick maximum. */
    @Test
    void costsAddUp() {
        assertThat(new Cost(1, 2, 3, 4).plus(new Cost(10, 20, 1, 40))).isEqualTo(new Cost(11, 22, 3, 44));
        assertThat(new Cost(1, 2, 3, 4).plus(new Cost(0, 0, 7, 0))).isEqualTo(new Cost(1, 2, 7, 4));
        assertThat(Cost.ZERO.plus(Cost.ZERO)).isEqualTo(Cost.ZERO);
    }

    /** MachineConfig's withers replace one part; one CPU means no SMP paths (smp_started stays 0). */
    @Test
    void configWithersReplaceOnePart() {
        MachineConfig one = MachineConfig.singleCpu();
        assertThat(one.smp()).isFalse();
        MachineConfig two = MachineConfig.of(Topology.parse("2"));
        assertThat(two.smp()).isTrue();
        SchedParams p = UleVersion.V15.params(SchedParams.DEFAULT_HZ, 128);
        assertThat(two.withParams(p).params()).isEqualTo(p);
        assertThat(two.withParams(p).topology()).isEqualTo(two.topology());
        assertThat(two.withSmp(one.tunables()).tunables()).isEqualTo(one.tunables());
        assertThat(two.withSmp(one.tunables()).params()).isEqualTo(two.params());
        assertThat(Ule15Model.DEFAULT.id()).isEqualTo("ule15");
        assertThat(Ule15Model.DEFAULT.description()).startsWith("FreeBSD 15 ULE");
        Machine booted = Ule15Model.withConfig(MachineConfig.of(Topology.parse("1"), UleVersion.V15).withUserretPriority(true))
                .boot(Topology.parse("2"));
        assertThat(booted.cpuCount()).isEqualTo(2);
        assertThat(booted.config().userretPriority()).isTrue();
        assertThat(booted.cpu(0).v15()).isTrue();
    }
}
