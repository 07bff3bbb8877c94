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

    /**
     * Whether two steps with equal projections made the same decisions (the projection is the
     * decision list, or finer). With a model whose decisions show its random choices
     * ({@link org.ulemodel.core.model.RandomChoices#decisionsShowChoices()}) a match then pins the
     * state down, and the oracle looks for no hidden variant. False unless overridden.
     */
    default boolean showsDecisions() {
        return false;
    }

    /** Every decision, in order, with all its fields: the finest granularity. */
    Projection<List<Decision>> DECISIONS = new Projection<>() {
        @Override
        public List<Decision> of(ModelStep<? extends SchedulerState> step) {
            return step.decisions();
        }

        @Override
        public boolean showsDecisions() {
            return true;
        }

        @Override
        public String toString() {
            return "decisions";
        }
    };
}
