// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec;

import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.StepResult;

/**
 * A property of paths rather than of single states: it is judged on a step together with the
 * event that caused it and a {@link WaitMonitor} summarising the path so far (the monitor after
 * the step). {@link #check} returns null when it holds, else the offending values.
 */
public interface PathProperty {
    /** Stable id, as listed in docs/architecture.md, "Invariant catalogue" (e.g. {@code BOUNDED_WAIT}). */
    String id();

    /** The property in one sentence. */
    String statement();

    /** Checks the step {@code before --event--> step.state()}; {@code monitor} already includes the step. */
    String check(Machine before, Event event, StepResult step, WaitMonitor monitor);
}
