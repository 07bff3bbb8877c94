// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * The decisions of one step, in order, as the read-only list {@link StepResult#decisions()} hands
 * out: one object around an array, where an {@code ArrayList} and its read-only wrapper were two.
 * Only the step's transaction appends ({@link #append}, package-private); the {@link java.util.List}
 * methods that would change it throw {@link UnsupportedOperationException}.
 *
 * <p>Invariant: {@code items[0..size-1]} are the decisions, none null; nothing is appended once
 * the step has returned its result.
 */
final class DecisionList extends AbstractList<Decision> implements RandomAccess {
    private Decision[] items = new Decision[8]; // a switch decides 4–7 things; growing cost more than the slots
    private int size;

    /** Appends {@code d}; the step's transaction only. */
    void append(Decision d) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = d;
    }

    @Override
    public Decision get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("decision " + index + " of " + size);
        }
        return items[index];
    }

    @Override
    public int size() {
        return size;
    }
}
