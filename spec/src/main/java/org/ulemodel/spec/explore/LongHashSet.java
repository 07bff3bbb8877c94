// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import java.util.function.LongConsumer;

/**
 * A set of 64-bit fingerprints: open addressing with linear probing in one {@code long[]}, the
 * explorer's visited set. The value 0 marks a free slot, so the fingerprint 0 is stored as a
 * separate flag. The table grows by 1.5× when it is three quarters full, so right after growth
 * it is half full: between 8/0.75 ≈ 10.7 and 16 bytes per element once past the initial
 * capacity. Slots are chosen by scaling the fingerprint's high 32 bits to the table size ("fast range"), which needs no
 * power-of-two size; fingerprints are expected to be well mixed already.
 */
final class LongHashSet {
    private static final int MIN_CAPACITY = 64;
    private long[] table;
    private int size;
    private boolean hasZero;

    /** An empty set sized for about {@code expected} elements. */
    public LongHashSet(int expected) {
        table = new long[Math.max(MIN_CAPACITY, (int) Math.min(Integer.MAX_VALUE - 8, expected * 2L))];
    }

    public LongHashSet() {
        this(MIN_CAPACITY);
    }

    /** Adds {@code v}; true when it was not there yet. */
    public boolean add(long v) {
        if (v == 0) {
            if (hasZero) {
                return false;
            }
            hasZero = true;
            size++;
            return true;
        }
        long[] t = table;
        int i = slot(v, t.length);
        while (true) {
            long e = t[i];
            if (e == 0) {
                t[i] = v;
                size++;
                if (size > (long) t.length * 3 / 4) {
                    grow();
                }
                return true;
            }
            if (e == v) {
                return false;
            }
            if (++i == t.length) {
                i = 0;
            }
        }
    }

    /** Whether {@code v} is in the set. */
    public boolean contains(long v) {
        if (v == 0) {
            return hasZero;
        }
        long[] t = table;
        int i = slot(v, t.length);
        while (true) {
            long e = t[i];
            if (e == 0) {
                return false;
            }
            if (e == v) {
                return true;
            }
            if (++i == t.length) {
                i = 0;
            }
        }
    }

    public int size() {
        return size;
    }

    /** Bytes held by the table (8 per slot). */
    public long tableBytes() {
        return 8L * table.length;
    }

    /** Calls {@code action} for every element, in table order. */
    public void forEach(LongConsumer action) {
        if (hasZero) {
            action.accept(0L);
        }
        for (long e : table) {
            if (e != 0) {
                action.accept(e);
            }
        }
    }

    private static int slot(long v, int length) {
        return (int) (((v >>> 32) * length) >>> 32);
    }

    private void grow() {
        long[] old = table;
        long cap = Math.min(Integer.MAX_VALUE - 8, old.length + (old.length >>> 1));
        if (cap <= old.length) {
            throw new IllegalStateException("visited set cannot grow beyond " + old.length + " slots");
        }
        long[] t = new long[(int) cap];
        for (long e : old) {
            if (e != 0) {
                int i = slot(e, t.length);
                while (t[i] != 0) {
                    if (++i == t.length) {
                        i = 0;
                    }
                }
                t[i] = e;
            }
        }
        table = t;
    }
}
