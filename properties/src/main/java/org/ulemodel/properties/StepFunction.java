// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties;

import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.Scheduler;
import org.ulemodel.core.machine.StepResult;

/**
 * A transition function under test: the model's {@link Scheduler#step}, or a deliberately
 * broken wrapper around it used to show that a property catches the bug it is meant to catch.
 */
@FunctionalInterface
public interface StepFunction {
    /** The model itself. */
    StepFunction MODEL = Scheduler::step;

    /** Applies {@code event} to {@code state}. */
    StepResult step(Machine state, Event event);
}
