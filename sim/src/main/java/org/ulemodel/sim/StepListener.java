// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim;

import java.io.IOException;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.StepResult;

/** Sees every model step a simulation takes, in order, with its simulated time in nanoseconds. */
public interface StepListener {
    /**
     * @param n      1-based step number
     * @param timeNs simulated time of the step
     * @param event  the input
     * @param before the state the step started from
     * @param result the model's answer
     */
    void step(long n, long timeNs, Event event, Machine before, StepResult result) throws IOException;
}
