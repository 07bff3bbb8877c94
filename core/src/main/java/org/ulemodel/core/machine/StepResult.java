// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import java.util.List;
import org.ulemodel.core.model.ModelStep;

/** The outcome of one ULE 14 transition: the next state, the decisions taken in order, and what it cost. */
public record StepResult(Machine state, List<Decision> decisions, Cost cost) implements ModelStep<Machine> {
}
