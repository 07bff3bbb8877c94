// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import org.ulemodel.core.ule.UleVersion;

/**
 * The one parser of the {@code --ule} option: {@code 14} (FreeBSD 14's ULE, the default) or
 * {@code 15} (FreeBSD 15's). Invariant: every bad value is a {@link UsageError} naming the
 * option, the accepted values and what was given.
 */
public final class UleOption {
    /** The option's value when it is not given. */
    public static final String DEFAULT = "14";

    private UleOption() {
    }

    /** The version named by the value {@code arg} of {@code --ule}. */
    public static UleVersion parse(String arg) {
        try {
            return UleVersion.parse(arg);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--ule: " + e.getMessage());
        }
    }
}
