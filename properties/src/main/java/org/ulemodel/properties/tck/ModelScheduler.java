// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.tck;

import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.machine.Scheduler;
import org.ulemodel.core.machine.StepResult;
import org.ulemodel.core.topo.Topology;

/** The ULE model itself behind the {@link SchedulerUnderTest} adapter: the reference every implementation is compared with. */
public final class ModelScheduler implements SchedulerUnderTest {
    private Machine machine;

    @Override
    public String name() {
        return "ULE model";
    }

    @Override
    public void boot(Topology topology) {
        machine = Machine.boot(MachineConfig.of(topology));
    }

    @Override
    public Observation apply(Event event) {
        StepResult r = Scheduler.step(machine, event);
        machine = r.state();
        return Observation.of(r);
    }
}
