// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.tck;

import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.topo.Topology;

/**
 * A model behind the {@link SchedulerUnderTest} adapter: the reference an implementation is
 * compared with, put where an implementation goes (the kit's own tests check that a model conforms
 * to itself, and that one model does not conform to another). Holds one run's state; not
 * thread-safe.
 *
 * @param <S> the model's state type
 */
public final class ModelScheduler<S extends SchedulerState> implements SchedulerUnderTest {
    private final SchedulerModel<S> model;
    private S state;

    /** {@code model} as a scheduler under test. */
    public ModelScheduler(SchedulerModel<S> model) {
        this.model = model;
    }

    /** FreeBSD 14's ULE ({@link Ule14Model#DEFAULT}) as a scheduler under test. */
    public static ModelScheduler<Machine> ule14() {
        return new ModelScheduler<>(Ule14Model.DEFAULT);
    }

    @Override
    public String name() {
        return "model " + model.id();
    }

    @Override
    public void boot(Topology topology) {
        state = model.boot(topology);
    }

    @Override
    public Observation apply(Event event) {
        ModelStep<S> r = model.step(state, event);
        state = r.state();
        return Observation.of(r);
    }
}
