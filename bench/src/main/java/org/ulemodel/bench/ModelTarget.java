// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.bench;

import org.ulemodel.core.machine.CpuState;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.machine.Scheduler;
import org.ulemodel.core.machine.StepResult;
import org.ulemodel.core.prio.PriClass;

/**
 * The model as a {@link SimTarget}: every event goes through {@link Scheduler#step}; IPIs a
 * wakeup sends are delivered at once (a {@link Event.DeliverIpi} counted as a further event).
 * Invariant: {@link #machine()} is the state after every event applied so far.
 */
final class ModelTarget implements SimTarget {
    private static final Event TICK = new Event.Tick();

    private Machine machine;

    /** Boots {@code config} and creates {@code threads} nice-0 timeshare threads, round robin over the CPUs. */
    ModelTarget(MachineConfig config, int threads) {
        Machine m = Machine.boot(config);
        for (int i = 0; i < threads; i++) {
            m = Scheduler.step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, null, i % m.cpuCount())).state();
        }
        machine = m;
    }

    Machine machine() {
        return machine;
    }

    @Override
    public int cpuCount() {
        return machine.cpuCount();
    }

    @Override
    public int threadCount() {
        return machine.threadCount();
    }

    @Override
    public int running(int cpu) {
        return machine.cpu(cpu).curthread();
    }

    @Override
    public int tick() {
        machine = Scheduler.step(machine, TICK).state();
        return 1;
    }

    @Override
    public int block(int cpu) {
        machine = Scheduler.step(machine, new Event.Block(cpu, 0)).state();
        return 1;
    }

    @Override
    public int wake(int tid, int onCpu) {
        StepResult r = Scheduler.step(machine, new Event.Wake(tid, onCpu));
        machine = r.state();
        int events = 1;
        for (Decision d : r.decisions()) {
            if (d instanceof Decision.IpiSent) {
                int c = ((Decision.IpiSent) d).cpu();
                CpuState cpu = machine.cpu(c);
                if (cpu.ipiPending()) {
                    machine = Scheduler.step(machine, new Event.DeliverIpi(c)).state();
                    events++;
                }
            }
        }
        return events;
    }
}
