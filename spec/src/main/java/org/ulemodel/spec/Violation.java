// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec;

/**
 * One broken invariant: which one, after which step, and the offending values, readable as one
 * sentence ({@link #toString()}).
 *
 * @param invariant the invariant's stable id (e.g. {@code COUNTERS})
 * @param step      the step after which it was found (an event's description, or "initial state")
 * @param detail    the offending values
 */
public record Violation(String invariant, String step, String detail) {
    @Override
    public String toString() {
        return invariant + " violated after " + step + ": " + detail;
    }
}
