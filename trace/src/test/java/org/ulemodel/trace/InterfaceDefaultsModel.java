// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace;

import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.StateSink;
import org.ulemodel.core.topo.Topology;

/**
 * A test model that forwards boot, step and the encodings to a ULE model and keeps every other
 * {@link SchedulerModel} default: no random choices (judged exactly), no per-CPU clocks (offered
 * no {@code CpuTick}), no thread symmetry, no adoption. Tests subclass it to plant faults in the
 * step. Shared with other modules' tests through trace's test-jar.
 */
public class InterfaceDefaultsModel implements SchedulerModel<Machine> {
    private final SchedulerModel<Machine> base;

    public InterfaceDefaultsModel(SchedulerModel<Machine> base) {
        this.base = base;
    }

    @Override
    public String id() {
        return "delegate";
    }

    @Override
    public String description() {
        return "ULE 14 with the model interface's defaults";
    }

    @Override
    public Machine boot(Topology topology) {
        return base.boot(topology);
    }

    @Override
    public ModelStep<Machine> step(Machine state, Event event) {
        return base.step(state, event);
    }

    @Override
    public void encode(Machine state, int[] label, StateSink sink) {
        base.encode(state, label, sink);
    }

    @Override
    public void encodeThread(Machine state, int tid, StateSink sink) {
        base.encodeThread(state, tid, sink);
    }
}
