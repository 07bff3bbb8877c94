// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.persist;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable, persistent indexed sequence: a 16-way trie with path copying, so {@link #set}
 * and {@link #append} copy O(log16 n) small arrays and leave every older version unchanged.
 * Used for the thread table, indexed by thread id. Invariant: {@code size} elements at indices
 * {@code 0..size-1}, none null; {@link #equals} is element-wise. Up to 16 elements the root is
 * the leaf (one level); each further level multiplies the capacity by 16. The last node on each
 * level holds only the slots in use (a 3-element vector is a 3-slot array), so a small vector's
 * path copy is small; every other node has 16 slots. 16 rather than 32 (Clojure's width): a set
 * in a vector of 10,000 threads copies four 80-byte nodes instead of three 144-byte ones, the
 * simulations' largest allocation, for one more load per read.
 *
 * @param <T> element type
 */
public final class PersistentVector<T> {
    private static final int BITS = 4;
    private static final int WIDTH = 1 << BITS;
    private static final int MASK = WIDTH - 1;
    private static final PersistentVector<?> EMPTY = new PersistentVector<>(0, 0, new Object[0]);

    private final int size;
    private final int shift;
    private final Object[] root;

    private PersistentVector(int size, int shift, Object[] root) {
        this.size = size;
        this.shift = shift;
        this.root = root;
    }

    @SuppressWarnings("unchecked")
    public static <T> PersistentVector<T> empty() {
        return (PersistentVector<T>) EMPTY;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    @SuppressWarnings("unchecked")
    public T get(int index) {
        Objects.checkIndex(index, size);
        Object[] node = root;
        for (int level = shift; level > 0; level -= BITS) {
            node = (Object[]) node[(index >>> level) & MASK];
        }
        return (T) node[index & MASK];
    }

    /** A version with element {@code index} replaced. */
    public PersistentVector<T> set(int index, T value) {
        Objects.checkIndex(index, size);
        Objects.requireNonNull(value, "value");
        return new PersistentVector<>(size, shift, setIn(root, shift, index, value));
    }

    /**
     * A version with element {@code indices[k]} replaced by {@code values[k]} for every
     * {@code k < count} (a later pair wins when an index repeats): the same result as {@code count}
     * calls of {@link #set}, but a trie node on several of the paths is copied once, not once per
     * path. Nodes copied by this call are private to it until it returns, so writing them in place
     * leaves every existing version unchanged.
     */
    public PersistentVector<T> setAll(int count, int[] indices, T[] values) {
        if (count == 0) {
            return this;
        }
        Object[] fresh = root.clone();
        for (int k = 0; k < count; k++) {
            writeInto(fresh, indices[k], values[k]);
        }
        return new PersistentVector<>(size, shift, fresh);
    }

    /**
     * A version with element {@code i} replaced by {@code a} and then element {@code j} by
     * {@code b}: {@code set(i, a).set(j, b)}, copying the nodes the two paths share once (and
     * making no index arrays, as {@link #setAll} needs).
     */
    public PersistentVector<T> set(int i, T a, int j, T b) {
        Object[] fresh = root.clone();
        writeInto(fresh, i, a);
        writeInto(fresh, j, b);
        return new PersistentVector<>(size, shift, fresh);
    }

    /**
     * Writes {@code value} at {@code index} under {@code fresh}, a private copy of this version's
     * root: each node on the path still shared with this version is copied once, then written in
     * place.
     */
    private void writeInto(Object[] fresh, int index, T value) {
        Objects.checkIndex(index, size);
        Objects.requireNonNull(value, "value");
        Object[] node = fresh;
        Object[] old = root;
        for (int level = shift; level > 0; level -= BITS) {
            int i = (index >>> level) & MASK;
            Object[] oldChild = (Object[]) old[i];
            Object[] child = (Object[]) node[i];
            if (child == oldChild) { // still shared with this version: copy it once
                child = child.clone();
                node[i] = child;
            }
            node = child;
            old = oldChild;
        }
        node[index & MASK] = value;
    }

    private static Object[] setIn(Object[] node, int level, int index, Object value) {
        Object[] copy = node.clone();
        if (level == 0) {
            copy[index & MASK] = value;
        } else {
            int i = (index >>> level) & MASK;
            copy[i] = setIn((Object[]) node[i], level - BITS, index, value);
        }
        return copy;
    }

    /** A version with {@code value} added at index {@code size()}. */
    public PersistentVector<T> append(T value) {
        Objects.requireNonNull(value, "value");
        int index = size;
        if ((index >>> BITS) >= (1 << shift)) {
            // root is full: grow one level
            Object[] newRoot = {root};
            int newShift = shift + BITS;
            return new PersistentVector<>(size + 1, newShift, appendIn(newRoot, newShift, index, value));
        }
        return new PersistentVector<>(size + 1, shift, appendIn(root, shift, index, value));
    }

    private static Object[] appendIn(Object[] node, int level, int index, Object value) {
        int i = (index >>> level) & MASK;
        Object[] copy = node == null ? new Object[i + 1] : Arrays.copyOf(node, Math.max(node.length, i + 1));
        if (level == 0) {
            copy[i] = value;
        } else {
            copy[i] = appendIn((Object[]) copy[i], level - BITS, index, value);
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PersistentVector)) {
            return false;
        }
        PersistentVector<?> other = (PersistentVector<?>) o;
        if (other.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (!get(i).equals(other.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < size; i++) {
            h = 31 * h + get(i).hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        Object[] out = new Object[size];
        for (int i = 0; i < size; i++) {
            out[i] = get(i);
        }
        return Arrays.toString(out);
    }
}
