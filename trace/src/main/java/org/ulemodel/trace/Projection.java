// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace;

import java.util.List;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerState;

/**
 * What the {@link Oracle} compares of a model step with what another implementation reported:
 * the granularity of judging. {@link #DECISIONS} is the full decision list ({@code ulemodel check}'s
 * JSONL traces); the conformance kit projects a step onto its placements and migrations
 * ({@code properties.tck.Observation::of}). Invariant: a pure function of the step, whose values
 * have value equality ({@code equals}/{@code hashCode}), so that "the model could have reported
 * this" is {@code project(step).equals(reported)}.
 *
 * @param <V> what is compared
 */
@FunctionalInterface
public interface Projection<V> {
    /** The part of {@code step} that is compared. */
    V of(ModelStep<? extends SchedulerState> step);

    /** Every decision, in order, with all its fields: the finest granularity. */
    Projection<List<Decision>> DECISIONS = ModelStep::decisions;
}
