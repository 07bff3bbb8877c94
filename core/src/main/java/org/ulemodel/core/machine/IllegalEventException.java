// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

/** An event that cannot happen in the given state (waking a thread that is not asleep, blocking an idle CPU, …). The message says what was expected. */
public final class IllegalEventException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public IllegalEventException(String message) {
        super(message);
    }
}
