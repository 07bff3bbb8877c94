// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim;

import java.util.List;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MigrationHook;
import org.ulemodel.core.model.EventKind;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.RandomChoices;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.StateSink;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.explore.ModelSpecs;

/**
 * A ULE model whose machines boot with a {@link MigrationHook} installed (e.g. a learned one) and
 * otherwise behave as the model's: the hook travels in each state's configuration, so every step
 * is the model's own. Its id is the model's with {@code +NAME} appended ({@code ule14+learned}),
 * so that {@code compare} can show it beside the plain model. Immutable.
 */
public final class HookedModel implements SchedulerModel<Machine> {
    private final SchedulerModel<Machine> inner;
    private final MigrationHook hook;
    private final String name;

    private HookedModel(SchedulerModel<Machine> inner, MigrationHook hook, String name) {
        this.inner = inner;
        this.hook = hook;
        this.name = name;
    }

    /**
     * {@code spec} with its model's machines booting with {@code hook}, the model's id suffixed
     * {@code +name}; every check of the spec kept.
     *
     * @throws IllegalArgumentException when the spec's model has no migration hook (its states are not ULE machines)
     */
    public static ModelSpec<Machine> of(ModelSpec<?> spec, MigrationHook hook, String name) {
        ModelSpec<Machine> ule = ModelSpecs.uleMachines(spec);
        return ule.withModel(new HookedModel(ule.model(), hook, name));
    }

    @Override
    public String id() {
        return inner.id() + "+" + name;
    }

    @Override
    public String description() {
        return inner.description() + ", with migration hook " + hook;
    }

    @Override
    public Machine boot(Topology topology) {
        return inner.boot(topology).withMigrationHook(hook);
    }

    @Override
    public ModelStep<Machine> step(Machine state, Event event) {
        return inner.step(state, event);
    }

    @Override
    public void enabledEvents(Machine state, EventKind kind, List<Event> out) {
        inner.enabledEvents(state, kind, out);
    }

    @Override
    public void encode(Machine state, int[] label, StateSink sink) {
        inner.encode(state, label, sink);
    }

    @Override
    public void encodeThread(Machine state, int tid, StateSink sink) {
        inner.encodeThread(state, tid, sink);
    }

    @Override
    public RandomChoices<Machine> randomChoices() {
        return inner.randomChoices();
    }

    @Override
    public boolean threadSymmetric(Machine state) {
        return inner.threadSymmetric(state);
    }

    @Override
    public boolean perCpuClocks() {
        return inner.perCpuClocks();
    }
}
