// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.machine.Ule15Model;
import org.ulemodel.core.ule.UleVersion;

/**
 * The one parser of the {@code --ule} option: {@code 14} (FreeBSD 14's ULE, the default) or
 * {@code 15} (FreeBSD 15's). {@code eval} computes with that version's formulas; the other
 * commands run the model it names ({@link #modelId}: {@code ule14}, {@code ule15}; see
 * {@link ModelOption.Choice}). Invariant: every bad value is a {@link UsageError} naming the
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

    /** The id of {@code version}'s machine model: {@code ule14} or {@code ule15}. */
    public static String modelId(UleVersion version) {
        return version == UleVersion.V14 ? Ule14Model.ID : Ule15Model.ID;
    }
}
