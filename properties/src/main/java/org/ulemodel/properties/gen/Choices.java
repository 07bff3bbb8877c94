// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.gen;

import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * Generators of abstract choice lists for the {@link EventInterpreter}: lists of non-negative
 * {@code long}s. QuickTheories shrinks them by dropping elements and moving values toward 0 (a
 * single tick), so a failing event list shrinks to a short one that is still valid.
 */
public final class Choices {
    private Choices() {
    }

    /** Lists of 0..{@code maxLength} choices. */
    public static Gen<List<Long>> lists(int maxLength) {
        return SourceDSL.lists().of(SourceDSL.longs().between(0, Long.MAX_VALUE)).ofSizeBetween(0, maxLength);
    }
}
