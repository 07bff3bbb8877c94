// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import java.util.List;
import java.util.Objects;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.model.EventKind;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.RandomChoices;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.model.StateSink;
import org.ulemodel.core.topo.Topology;

/**
 * The {@link BugVariant} decorator: forwards everything to the model it wraps and passes each step
 * through its corruption. Immutable and stateless; equal only to itself. Subclassed by
 * {@link PlantedBugs} to give ULE 14's bugs their own type.
 *
 * @param <S> the model's state type
 */
class DecoratedModel<S extends SchedulerState> implements BugVariant<S> {
    private final String name;
    private final String description;
    private final SchedulerModel<S> base;
    private final Corruption<S> how;

    DecoratedModel(String name, String description, SchedulerModel<S> base, Corruption<S> how) {
        this.name = Objects.requireNonNull(name);
        this.description = Objects.requireNonNull(description);
        this.base = Objects.requireNonNull(base);
        this.how = Objects.requireNonNull(how);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    /** The wrapped model's id and the bug's name, e.g. {@code ule14+STALE_LOWPRI}. */
    @Override
    public final String id() {
        return base.id() + "+" + name;
    }

    @Override
    public final S boot(Topology topology) {
        return base.boot(topology);
    }

    @Override
    public final ModelStep<S> step(S state, Event event) {
        return how.apply(state, event, base.step(state, event));
    }

    @Override
    public final void enabledEvents(S state, EventKind kind, List<Event> out) {
        base.enabledEvents(state, kind, out);
    }

    @Override
    public final boolean perCpuClocks() {
        return base.perCpuClocks();
    }

    @Override
    public final void encode(S state, int[] label, StateSink sink) {
        base.encode(state, label, sink);
    }

    @Override
    public final void encodeThread(S state, int tid, StateSink sink) {
        base.encodeThread(state, tid, sink);
    }

    @Override
    public final boolean threadSymmetric(S state) {
        return base.threadSymmetric(state);
    }

    /** The wrapped model's: a planted bug keeps its model's randomness, so a judge varies it the same way. */
    @Override
    public final RandomChoices<S> randomChoices() {
        return base.randomChoices();
    }

    /** The same bug planted in {@code other}, a model with the same state type (the corruption is applied to its steps). */
    final BugVariant<S> on(SchedulerModel<S> other) {
        return new DecoratedModel<>(name, description, other, how);
    }

    @Override
    public String toString() {
        return name;
    }
}
