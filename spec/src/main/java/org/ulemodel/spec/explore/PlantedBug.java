// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.StepResult;

/**
 * A deliberately wrong variant of the model, used to show that the checks bite. Core is not
 * changed: the variant takes the correct step {@code before --event--> correct} and returns the
 * result a scheduler with the bug would have produced (e.g. after a {@link Event.Block} the CPU's
 * load stays un-decremented). {@link PlantedBugs} lists them.
 */
public interface PlantedBug {
    /** Stable name, e.g. {@code LOAD_NOT_DECREMENTED_ON_SLEEP}. */
    String name();

    /** What the bug is, in one sentence. */
    String description();

    /** The wrong result for this step (the correct one when the bug does not show here). */
    StepResult corrupt(Machine before, Event event, StepResult correct);
}
