// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec;

import org.ulemodel.core.machine.Event;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerState;

/**
 * A property of paths rather than of single states: it is judged on a step together with the
 * event that caused it and a {@link WaitMonitor} summarising the path so far (the monitor after
 * the step; {@link WaitMonitor#empty} when the model keeps none). {@link #check} returns null when
 * it holds, else the offending values. Like {@link Invariant}s, a path property is typed on the
 * state it reads: ULE 14's ({@link PathProperties}) read {@code Machine}s and cannot be applied to
 * another model's states.
 *
 * @param <S> the state type the property reads
 */
public interface PathProperty<S extends SchedulerState> {
    /** Stable id, as listed in docs/architecture.md, "Invariant catalogue" (e.g. {@code BOUNDED_WAIT}). */
    String id();

    /** The property in one sentence. */
    String statement();

    /** Checks the step {@code before --event--> step.state()}; {@code monitor} already includes the step. */
    String check(S before, Event event, ModelStep<? extends S> step, WaitMonitor monitor);
}
