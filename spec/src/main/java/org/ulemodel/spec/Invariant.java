// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec;

import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerState;

/**
 * A named property checked after every step of a model. {@link #check} returns null when it
 * holds, else a description of the offending values (without the invariant's name, which the
 * caller adds). Generic invariants ({@link Invariants}) are {@code Invariant<SchedulerState>} and
 * judge any model through the policy-neutral view; a model's own invariants (e.g.
 * {@link UleInvariants}) take its state type.
 *
 * @param <S> the state type the invariant reads
 */
public interface Invariant<S extends SchedulerState> {
    /** Stable id, as listed in docs/architecture.md (e.g. {@code CONSERVE}). */
    String id();

    /** The property in one sentence. */
    String statement();

    /**
     * Checks the invariant on a step: {@code before} is the state the step started from (null for
     * an initial state), {@code step} its result (its state is the one to judge).
     */
    String check(S before, ModelStep<? extends S> step);
}
