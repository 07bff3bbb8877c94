// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim;

import java.io.IOException;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerState;

/**
 * Sees every model step the driver ({@link Engine}) takes, in order, with its simulated time in
 * nanoseconds: the statistics ({@link Stats}) and every output (ftrace, JSONL decisions) hang off
 * this. A listener reads states through {@code S}; one typed on {@link SchedulerState} serves any
 * model. Invariant: steps arrive numbered 1, 2, … with non-decreasing times, each {@code before}
 * being the state the previous step produced.
 *
 * @param <S> the state type the listener reads
 */
@FunctionalInterface
public interface StepListener<S extends SchedulerState> {
    /**
     * @param n      1-based step number
     * @param timeNs simulated time of the step
     * @param event  the input
     * @param before the state the step started from
     * @param result the model's answer
     */
    void step(long n, long timeNs, Event event, S before, ModelStep<? extends S> result) throws IOException;
}
