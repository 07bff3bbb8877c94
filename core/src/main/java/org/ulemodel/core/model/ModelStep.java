// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.model;

import java.util.List;
import org.ulemodel.core.machine.Cost;
import org.ulemodel.core.machine.Decision;

/**
 * The outcome of one transition of a model: the next state, the decisions taken in the order they
 * were taken, and what the step examined. Invariant: {@code state()} is a new value; the state the
 * step started from is unchanged.
 *
 * @param <S> the model's state type
 */
public interface ModelStep<S extends SchedulerState> {
    /** The state after the step. */
    S state();

    /** The decisions taken, in order. */
    List<Decision> decisions();

    /** What the step examined (picks, status words, threads scanned). */
    Cost cost();

    /** A step outcome from its three parts. */
    static <S extends SchedulerState> ModelStep<S> of(S state, List<Decision> decisions, Cost cost) {
        return new Simple<>(state, List.copyOf(decisions), cost);
    }

    /** The plain carrier behind {@link #of}. */
    record Simple<S extends SchedulerState>(S state, List<Decision> decisions, Cost cost) implements ModelStep<S> {
    }
}
