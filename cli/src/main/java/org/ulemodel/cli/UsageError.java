// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

/** Bad usage or bad input: reported as one line on stderr, exit status 2. */
public final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageError(String message) {
        super(message);
    }
}
