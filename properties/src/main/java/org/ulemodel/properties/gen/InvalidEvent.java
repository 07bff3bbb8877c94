// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.gen;

import org.ulemodel.core.machine.Event;

/**
 * An event the model must refuse, with the documented reason: the
 * {@link org.ulemodel.core.machine.IllegalEventException} message must contain
 * {@code expectedMessage}.
 */
public record InvalidEvent(Event event, String expectedMessage) {
}
