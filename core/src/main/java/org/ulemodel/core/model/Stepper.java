// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.model;

import org.ulemodel.core.machine.Event;

/**
 * A model's transition function for one owner — a driver loop, an explorer worker: {@link #step}
 * gives what {@link SchedulerModel#step} gives for the same state and event, but may keep working
 * memory from one call to the next (ULE keeps its transaction), so one stepper must not be used by
 * two threads at once. The steps it returns are ordinary immutable values, free to keep.
 *
 * @param <S> the model's state type
 */
@FunctionalInterface
public interface Stepper<S extends SchedulerState> {
    /** Applies one event to {@code state}; the same outcome as {@link SchedulerModel#step}. */
    ModelStep<S> step(S state, Event event);
}
