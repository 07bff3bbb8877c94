// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.conc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ulemodel.conc.harness.Harnesses;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.machine.Scheduler;
import org.ulemodel.spec.explore.Checker;
import org.ulemodel.spec.explore.ModelSpecs;

/**
 * Called from one thread, the facade is the model: every operation that maps onto one model
 * event leaves exactly the CPU and thread states {@link Scheduler#step} computes, and refuses
 * exactly what the model refuses. Ticks and the per-CPU return to user mode keep every invariant.
 */
class SmpSchedulerTest {
    private static Machine start(int cpus) {
        Harnesses.Setup s = new Harnesses.Setup(cpus);
        for (int i = 0; i < 6; i++) {
            s.thread(i % cpus);
        }
        s.block(0);
        return s.done();
    }

    private static void assertSameStates(SmpScheduler s, Machine model, String what) {
        for (int c = 0; c < model.cpuCount(); c++) {
            assertThat(s.cpu(c)).as(what + ": CPU " + c).isEqualTo(model.cpu(c));
        }
        for (int t = 0; t < model.threadCount(); t++) {
            assertThat(s.thread(t)).as(what + ": thread " + t).isEqualTo(model.thread(t));
        }
    }

    @Test
    void oneThreadCallingTheFacadeGetsExactlyTheModelsStates() {
        int applied = 0;
        for (long seed = 0; seed < 40; seed++) {
            Random rnd = new Random(seed);
            Machine model = start(3);
            SmpScheduler s = new SmpScheduler(model);
            for (int step = 0; step < 40; step++) {
                int cpu = rnd.nextInt(3);
                int tid = rnd.nextInt(model.threadCount());
                Event e;
                boolean ok;
                switch (rnd.nextInt(7)) {
                    case 0:
                        e = new Event.Wake(tid, cpu);
                        ok = s.wake(tid, cpu);
                        break;
                    case 1:
                        e = new Event.Block(cpu, 0);
                        ok = s.block(cpu, 0);
                        break;
                    case 2:
                        e = new Event.Yield(cpu);
                        ok = s.yield(cpu);
                        break;
                    case 3:
                        e = new Event.IdleLoop(cpu);
                        ok = s.idle(cpu);
                        break;
                    case 4:
                        int other = (cpu + 1 + rnd.nextInt(2)) % 3;
                        e = new Event.CpuOffline(cpu, other);
                        ok = s.offline(cpu, other);
                        break;
                    case 5:
                        e = new Event.CpuOnline(cpu);
                        ok = s.online(cpu);
                        break;
                    default:
                        e = new Event.Exit(cpu);
                        ok = rnd.nextInt(4) == 0 && s.exit(cpu);
                        if (!ok) {
                            continue;
                        }
                        break;
                }
                Machine next;
                try {
                    next = Scheduler.step(model, e).state();
                } catch (IllegalEventException refused) {
                    next = null;
                }
                assertThat(ok).as("seed " + seed + " step " + step + " " + e + ": facade applied vs model accepted").isEqualTo(next != null);
                if (next != null) {
                    model = next;
                    applied++;
                }
                assertSameStates(s, model, "seed " + seed + " step " + step + " " + e);
            }
        }
        assertThat(applied).isGreaterThan(400);
    }

    @Test
    void onOneCpuATickIsTheModelsTick() {
        Machine model = start(1);
        SmpScheduler s = new SmpScheduler(model);
        for (int i = 0; i < 300; i++) {
            assertThat(s.tick(0)).isTrue();
            model = Scheduler.step(model, new Event.Tick()).state();
            assertSameStates(s, model, "tick " + i);
        }
    }

    @Test
    void ticksSwitchesAndBalancingKeepEveryInvariant() {
        Checker<Machine> checker = new Checker<>(ModelSpecs.ule14(), -1);
        for (long seed = 0; seed < 10; seed++) {
            Random rnd = new Random(seed);
            SmpScheduler s = new SmpScheduler(start(3));
            int switches = 0;
            for (int i = 0; i < 600; i++) {
                int cpu = rnd.nextInt(3);
                int before = s.cpu(cpu).curthread();
                switch (rnd.nextInt(6)) {
                    case 0:
                        s.balance();
                        break;
                    case 1:
                        s.switchCpu(cpu);
                        break;
                    case 2:
                        s.wake(rnd.nextInt(s.threadCount()), cpu);
                        break;
                    case 3:
                        if (rnd.nextInt(3) == 0) {
                            s.block(cpu, 0);
                        }
                        break;
                    default:
                        s.tick(cpu);
                        break;
                }
                if (s.cpu(cpu).curthread() != before) {
                    switches++;
                }
                checker.verify(s.snapshot(), "seed " + seed + " op " + i);
            }
            assertThat(switches).isGreaterThan(10);
            long runnable = 0;
            for (int t = 0; t < s.threadCount(); t++) {
                RunState st = s.thread(t).state();
                runnable += st == RunState.RUNNING || st == RunState.QUEUED ? 1 : 0;
            }
            assertThat(runnable).isPositive();
        }
    }
}
