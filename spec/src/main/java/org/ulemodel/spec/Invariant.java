// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec;

import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.StepResult;

/**
 * A named property of the model, checked after every step. {@link #check} returns null when it
 * holds, else a description of the offending values (without the invariant's name, which the
 * caller adds).
 */
public interface Invariant {
    /** Stable id, as listed in docs/architecture.md, "Invariant catalogue" (e.g. {@code CONSERVE}). */
    String id();

    /** The property in one sentence. */
    String statement();

    /**
     * Checks the invariant on a step: {@code before} is the state the step started from (null for
     * an initial state), {@code step} its result (its state is the one to judge).
     */
    String check(Machine before, StepResult step);
}
