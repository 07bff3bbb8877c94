// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.Ule14Model;

/**
 * One of ULE 14's planted bugs: {@link Ule14Model} decorated so that its step returns the result a
 * scheduler with the bug would have produced (e.g. after a {@link Event.Block} the CPU's load stays
 * un-decremented); core is not changed. A {@link BugVariant} typed on ULE's state, so the CLI and
 * the tests can name the catalogue's entries without type arguments. {@link PlantedBugs} lists
 * them; {@link ModelSpecs#ule14()} carries them.
 */
public interface PlantedBug extends BugVariant<Machine> {
}
