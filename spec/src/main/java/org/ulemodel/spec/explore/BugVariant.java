// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import org.ulemodel.core.machine.Event;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;

/**
 * A deliberately wrong variant of a model, used to show that the checks bite. It is itself a
 * {@link SchedulerModel}, so the explorer, the replayer and every check see nothing but a model:
 * {@link #decorating} wraps the correct model and passes each of its steps through a
 * {@link Corruption} (the model's code is not changed); {@link #of} names a model that has the
 * bug built in. Either way the variant boots, enumerates events and encodes states exactly as its
 * model does, so only its steps differ. A {@link ModelSpec} lists a model's variants; ULE 14's
 * are {@link PlantedBugs}.
 *
 * @param <S> the model's state type
 */
public interface BugVariant<S extends SchedulerState> extends SchedulerModel<S> {
    /** Stable name, e.g. {@code LOAD_NOT_DECREMENTED_ON_SLEEP} ({@code ulemodel explore --bug NAME}). */
    String name();

    /** What the bug is, in one sentence. */
    @Override
    String description();

    /**
     * How a variant turns one correct step into the wrong one. Pure, like a step.
     *
     * @param <S> the model's state type
     */
    @FunctionalInterface
    interface Corruption<S extends SchedulerState> {
        /** The wrong result of {@code before --event-->} (the {@code correct} one when the bug does not show here). */
        ModelStep<S> apply(S before, Event event, ModelStep<S> correct);
    }

    /** The variant of {@code correct} whose every step is {@code how} applied to the correct step. */
    static <S extends SchedulerState> BugVariant<S> decorating(String name, String description, SchedulerModel<S> correct,
            Corruption<S> how) {
        return new DecoratedModel<>(name, description, correct, how);
    }

    /** {@code wrong}, a model with the bug built in, as the variant called {@code name}. */
    static <S extends SchedulerState> BugVariant<S> of(String name, String description, SchedulerModel<S> wrong) {
        return new DecoratedModel<>(name, description, wrong, (before, event, step) -> step);
    }
}
