// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.quicktheories.core.Gen;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.spec.EventText;

/**
 * A generated test case: the model its choices are interpreted against, a topology spec, the
 * event mix and the choice list. {@link #events()} interprets the choices against that model from
 * boot, giving an event list that is valid by construction; {@link #toString()} is that list in
 * the replayable {@link EventText} format. The choices do not depend on the model: the same seed
 * draws the same topologies and choice lists for every model, and only their interpretation
 * differs.
 *
 * <p>Invariant: {@code model} and {@code topology} are non-null (a null mix is allowed for a
 * scenario that is only booted). Scenarios made without a model are ULE 14's
 * ({@link Ule14Model#DEFAULT}). A runner steps the model it is given (e.g. a spec's); the
 * scenario's model only says how {@link #events()} and {@link #toString()} read the choices.
 */
public record Scenario(SchedulerModel<?> model, String topology, EventMix mix, List<Long> choices) {
    public Scenario {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(topology, "topology");
    }

    /** A scenario of ULE 14 ({@link Ule14Model#DEFAULT}). */
    public Scenario(String topology, EventMix mix, List<Long> choices) {
        this(Ule14Model.DEFAULT, topology, mix, choices);
    }

    /** ULE 14 scenarios on topologies from {@code topologies}, with up to {@code maxChoices} choices. */
    public static Gen<Scenario> of(Gen<String> topologies, EventMix mix, int maxChoices) {
        return of(Ule14Model.DEFAULT, topologies, mix, maxChoices);
    }

    /** Scenarios of {@code model} on topologies from {@code topologies}, with up to {@code maxChoices} choices. */
    public static Gen<Scenario> of(SchedulerModel<?> model, Gen<String> topologies, EventMix mix, int maxChoices) {
        return topologies.zip(Choices.lists(maxChoices), (t, c) -> new Scenario(model, t, mix, c));
    }

    /** ULE 14's machine at boot on this topology (the conformance kit compares against ULE 14, whatever the model). */
    public Machine boot() {
        return boot(Ule14Model.DEFAULT);
    }

    /** {@code m}'s state at boot on this topology. */
    public <S extends SchedulerState> S boot(SchedulerModel<S> m) {
        return m.boot(Topology.parse(topology));
    }

    /**
     * The events the choices stand for, interpreted against the scenario's model, unchecked.
     * Throws {@link IllegalEventException} (with the offending prefix) if the interpreter produced
     * an event the model refuses, which would be a generator bug.
     */
    public List<Event> events() {
        return events(model);
    }

    /** The events the choices stand for when interpreted against {@code m} (see {@link #events()}). */
    public <S extends SchedulerState> List<Event> events(SchedulerModel<S> m) {
        EventInterpreter in = new EventInterpreter(mix);
        S state = boot(m);
        List<Event> out = new ArrayList<>();
        for (long c : choices) {
            for (Event e : in.next(m, state, c)) {
                out.add(e);
                try {
                    state = m.step(state, e).state();
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
