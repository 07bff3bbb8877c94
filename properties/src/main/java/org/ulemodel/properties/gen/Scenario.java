// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.gen;

import java.util.ArrayList;
import java.util.List;
import org.quicktheories.core.Gen;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.machine.Scheduler;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.spec.EventText;

/**
 * A generated test case: a topology spec, the event mix and the choice list. {@link #events()}
 * interprets the choices against the model from boot, giving an event list that is valid by
 * construction; {@link #toString()} is that list in the replayable {@link EventText} format.
 */
public record Scenario(String topology, EventMix mix, List<Long> choices) {
    /** Scenarios on topologies from {@code topologies}, with up to {@code maxChoices} choices. */
    public static Gen<Scenario> of(Gen<String> topologies, EventMix mix, int maxChoices) {
        return topologies.zip(Choices.lists(maxChoices), (t, c) -> new Scenario(t, mix, c));
    }

    /** The machine at boot. */
    public Machine boot() {
        return Machine.boot(MachineConfig.of(Topology.parse(topology)));
    }

    /**
     * The events the choices stand for, interpreted against the unchecked model. Throws
     * {@link IllegalEventException} (with the offending prefix) if the interpreter produced an
     * event the model refuses, which would be a generator bug.
     */
    public List<Event> events() {
        EventInterpreter in = new EventInterpreter(mix);
        Machine m = boot();
        List<Event> out = new ArrayList<>();
        for (long c : choices) {
            for (Event e : in.next(m, c)) {
                out.add(e);
                try {
                    m = Scheduler.step(m, e).state();
                } catch (IllegalEventException refused) {
                    throw new IllegalEventException("generated event #" + out.size() + " was refused: " + refused.getMessage()
                            + "\n" + EventText.formatAll(topology, out));
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        try {
            return "\n" + EventText.formatAll(topology, events());
        } catch (IllegalEventException e) {
            return topology + " " + choices + " (" + e.getMessage() + ")";
        }
    }
}
