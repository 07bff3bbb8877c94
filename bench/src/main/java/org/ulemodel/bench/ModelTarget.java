// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.bench;

import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.Topology;

/**
 * A scheduler model as a {@link SimTarget}: every event goes through {@link SchedulerModel#step}
 * and the state is read through {@link SchedulerState}, so any model can be measured the way ULE
 * 14 is ({@link #ule14}); IPIs a wakeup sends are delivered at once (a {@link Event.DeliverIpi}
 * counted as a further event). Invariant: {@link #state()} is the state after every event applied
 * so far.
 *
 * @param <S> the model's state type
 */
final class ModelTarget<S extends SchedulerState> implements SimTarget {
    private static final Event TICK = new Event.Tick();

    private final SchedulerModel<S> model;
    private S state;

    /** Boots {@code model} on {@code topology} and creates {@code threads} nice-0 timeshare threads, round robin over the CPUs. */
    ModelTarget(SchedulerModel<S> model, Topology topology, int threads) {
        this.model = model;
        S s = model.boot(topology);
        for (int i = 0; i < threads; i++) {
            s = model.step(s, new Event.Create(PriClass.TIMESHARE, 0, -1, false, null, i % s.cpuCount())).state();
        }
        state = s;
    }

    /** FreeBSD 14's ULE booting {@code config}. */
    static ModelTarget<Machine> ule14(MachineConfig config, int threads) {
        return new ModelTarget<>(Ule14Model.withConfig(config), config.topology(), threads);
    }

    S state() {
        return state;
    }

    @Override
    public int cpuCount() {
        return state.cpuCount();
    }

    @Override
    public int threadCount() {
        return state.threadCount();
    }

    @Override
    public int running(int cpu) {
        return state.running(cpu);
    }

    @Override
    public int tick() {
        state = model.step(state, TICK).state();
        return 1;
    }

    @Override
    public int cpuTick(int cpu) {
        state = model.step(state, new Event.CpuTick(cpu)).state();
        return 1;
    }

    @Override
    public int block(int cpu) {
        state = model.step(state, new Event.Block(cpu, 0)).state();
        return 1;
    }

    @Override
    public int wake(int tid, int onCpu) {
        ModelStep<S> r = model.step(state, new Event.Wake(tid, onCpu));
        state = r.state();
        int events = 1;
        for (Decision d : r.decisions()) {
            if (d instanceof Decision.IpiSent) {
                int c = ((Decision.IpiSent) d).cpu();
                if (state.ipiPending(c)) {
                    state = model.step(state, new Event.DeliverIpi(c)).state();
                    events++;
                }
            }
        }
        return events;
    }
}
