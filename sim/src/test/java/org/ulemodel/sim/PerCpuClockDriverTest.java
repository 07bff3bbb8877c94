// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.sim.rtapp.Workload;
import org.ulemodel.trace.InterfaceDefaultsModel;
import org.ulemodel.spec.explore.ModelSpec;

/**
 * The driver with per-CPU clock events ({@link Engine.Options#perCpuClock}): every hz tick is one
 * {@link Event.CpuTick} per online CPU in CPU order, every invariant holds after every step, the
 * simulated time and the machine's clock are the lock-step run's, and a CPU that is offline for a
 * while misses its ticks and, back online, runs one tick behind.
 */
class PerCpuClockDriverTest {
    private static Workload mix() {
        return Behavior.workload("mix", List.of(Behavior.hog("hog0", 0), Behavior.hog("hog1", 5), Behavior.periodic("p0", 0, 3, 7),
                Behavior.periodic("p1", -5, 1, 4), Behavior.hog("hog2", 0)), -1);
    }

    @Test
    void eachTickIsOneCpuTickPerOnlineCpuAndEveryInvariantHolds() {
        MachineConfig config = MachineConfig.of(Topology.parse("2x2"));
        Engine.Options opt = new Engine.Options(1_000_000, 0, true, Engine.CpuChange.offline(3, 200_000, 600_000)).withPerCpuClock(true);
        List<Event> ticks = new ArrayList<>();
        Engine<Machine> e = Engine.ule14(mix(), config, opt);
        e.listen((n, t, event, before, result) -> {
            if (event instanceof Event.Tick || event instanceof Event.CpuTick) {
                ticks.add(event);
            }
        });
        Engine.Result<Machine> perCpu = e.run();
        Engine.Result<Machine> lockStep = Engine.ule14(mix(), config, new Engine.Options(1_000_000, 0, true,
                Engine.CpuChange.offline(3, 200_000, 600_000))).run();
        assertThat(perCpu.invariantChecks()).isPositive();
        assertThat(ticks).allMatch(ev -> ev instanceof Event.CpuTick);
        assertThat(perCpu.finalState().elapsed()).isEqualTo(lockStep.finalState().elapsed()).isEqualTo(999);
        // hz ticks 1..999 (the run ends at 1 s, before the next): 4 CPUs, less CPU 3's 400 while offline (200..599 ms)
        assertThat(ticks).hasSize(4 * 999 - 400);
        for (int c = 0; c < 3; c++) {
            assertThat(perCpu.finalState().cpu(c).clockLag()).as("CPU %d", c).isZero();
        }
        // CPU 3 came back 400 ticks behind; its first tick set it to ticks - 1, and as it always ticks after CPU 0 has
        // raised ticks, it stays one behind (FreeBSD's hardclock leaves such a CPU there too)
        assertThat(perCpu.finalState().cpu(3).clockLag()).isEqualTo(1);
        // the same work gets done: every CPU-second is accounted for, and each thread's share is close
        assertThat(sum(perCpu.cpuBusyUs())).isEqualTo(sum(lockStep.cpuBusyUs()));
        for (int i = 0; i < perCpu.threads().size(); i++) {
            assertThat(perCpu.threads().get(i).cpuUs()).as(perCpu.threads().get(i).comm())
                    .isCloseTo(lockStep.threads().get(i).cpuUs(), org.assertj.core.data.Percentage.withPercentage(10));
        }
    }

    /** A model without per-CPU clocks is refused up front, saying why, rather than at its first tick. */
    @Test
    void aModelWithoutPerCpuClocksIsRefused() {
        SchedulerModel<Machine> ule = Ule14Model.withConfig(MachineConfig.of(Topology.parse("2")));
        SchedulerModel<Machine> lockStepOnly = new InterfaceDefaultsModel(ule);
        Engine.Options opt = new Engine.Options(10_000, 0, false).withPerCpuClock(true);
        assertThatThrownBy(() -> Engine.of(ModelSpec.generic(lockStepOnly), Topology.parse("2"), mix(), opt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model delegate takes no per-CPU ticks (SchedulerModel.perCpuClocks): run it with the lock-step clock");
        assertThat(Engine.of(ModelSpec.generic(lockStepOnly), Topology.parse("2"), mix(), opt.withPerCpuClock(false)).run().steps())
                .isPositive();
    }

    private static long sum(long[] xs) {
        long s = 0;
        for (long x : xs) {
            s += x;
        }
        return s;
    }
}
