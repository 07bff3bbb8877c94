// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.machine.MigrateReason;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.machine.StepResult;
import org.ulemodel.core.machine.ThreadState;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.spec.explore.Checker;
import org.ulemodel.spec.explore.ModelSpecs;

/**
 * Every invariant holds along random SMP event sequences — wakeups on any CPU, IPIs delivered
 * late, idle-loop steals, cpuset churn, binding, CPUs going offline and online — and the
 * sequences really exercise every kind of migration.
 */
class SmpInvariantsTest {

    static Event randomEvent(Machine m, Random rnd) {
        int n = m.cpuCount();
        int cpu = rnd.nextInt(n);
        List<Integer> sleeping = new ArrayList<>();
        List<Integer> alive = new ArrayList<>();
        for (int t = 0; t < m.threadCount(); t++) {
            ThreadState td = m.thread(t);
            if (td.state() == RunState.SLEEPING) {
                sleeping.add(t);
            }
            if (td.alive()) {
                alive.add(t);
            }
        }
        int roll = rnd.nextInt(100);
        if (roll < 6 && m.threadCount() < 14) {
            PriClass[] classes = {PriClass.TIMESHARE, PriClass.TIMESHARE, PriClass.TIMESHARE, PriClass.REALTIME, PriClass.IDLE};
            PriClass c = classes[rnd.nextInt(classes.length)];
            int pri = c == PriClass.TIMESHARE ? -1 : c.minPri() + rnd.nextInt(c.maxPri() - c.minPri() + 1);
            CpuSet set = rnd.nextInt(4) == 0 ? randomSet(n, rnd) : null;
            return new Event.Create(c, rnd.nextInt(41) - 20, pri, false, set, cpu);
        }
        if (roll < 16 && !sleeping.isEmpty()) {
            return new Event.Wake(sleeping.get(rnd.nextInt(sleeping.size())), cpu);
        }
        if (roll < 24) {
            return new Event.Block(cpu, 0);
        }
        if (roll < 26) {
            return new Event.Yield(cpu);
        }
        if (roll < 27) {
            return new Event.Exit(cpu);
        }
        if (roll < 28) {
            return new Event.Fork(cpu);
        }
        if (roll < 36) {
            return new Event.IdleLoop(cpu);
        }
        if (roll < 44) {
            return new Event.DeliverIpi(cpu);
        }
        if (roll < 48 && !alive.isEmpty()) {
            return new Event.SetCpuset(alive.get(rnd.nextInt(alive.size())), randomSet(n, rnd), cpu);
        }
        if (roll < 50) {
            return new Event.Bind(cpu, rnd.nextInt(n));
        }
        if (roll < 52) {
            return new Event.Unbind(cpu);
        }
        if (roll < 53) {
            return new Event.CpuOffline(rnd.nextInt(n), cpu);
        }
        if (roll < 55) {
            return new Event.CpuOnline(rnd.nextInt(n));
        }
        if (roll < 56 && !alive.isEmpty()) {
            return new Event.SetNice(alive.get(rnd.nextInt(alive.size())), rnd.nextInt(41) - 20);
        }
        return new Event.Tick();
    }

    static CpuSet randomSet(int n, Random rnd) {
        CpuSet s = CpuSet.empty();
        while (s.isEmpty()) {
            for (int c = 0; c < n; c++) {
                if (rnd.nextBoolean()) {
                    s = s.with(c);
                }
            }
        }
        return s;
    }

    @ParameterizedTest(name = "topology {0}")
    @ValueSource(strings = {"2", "1x2x2", "2x2x2", "4x2x1"})
    void invariantsHoldAlongRandomSmpSequences(String spec) {
        Checker<Machine> checked = new Checker<>(ModelSpecs.ule14(), -1);
        int steps = 0;
        Map<MigrateReason, Integer> migrations = new EnumMap<>(MigrateReason.class);
        int refused = 0;
        for (long seed = 1; seed <= 25; seed++) {
            Random rnd = new Random(seed);
            Machine m = Machine.boot(MachineConfig.of(Topology.parse(spec)));
            for (int i = 0; i < 2500; i++) {
                Event e = randomEvent(m, rnd);
                ModelStep<Machine> r;
                try {
                    r = checked.stepOrThrow(m, e);
                    steps++;
                } catch (IllegalEventException refusedEvent) {
                    refused++;
                    continue;
                }
                for (Decision d : r.decisions()) {
                    if (d instanceof Decision.Migrate) {
                        migrations.merge(((Decision.Migrate) d).why(), 1, Integer::sum);
                    }
                }
                m = r.state();
            }
        }
        assertThat(steps).isGreaterThan(25 * 1000);
        assertThat(refused).isGreaterThan(0);
        assertThat(migrations).containsKeys(MigrateReason.WAKEUP, MigrateReason.STEAL, MigrateReason.AFFINITY,
                MigrateReason.OFFLINE);
    }
}
