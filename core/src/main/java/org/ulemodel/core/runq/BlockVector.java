// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.runq;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A persistent sequence of full {@code int[32]} blocks with push at the back and pop at the
 * front: a 32-way radix trie over absolute block indices {@code [lo, hi)}. Both operations are
 * O(log32 n).
 *
 * <p>Push in place: a version reads only indices below its own {@code hi}, so the free slot for
 * index {@code hi} may be filled in the shared trie. The pushing version claims it with a
 * compare-and-set from null (installing a new subtree when the path ends early); only the first
 * claimer of a slot wins, and any later one — an old version pushed to again — path-copies
 * instead. No slot another version can read is ever written, so every version stays unchanged
 * as observed, and the new version reaches the slot through its final {@code root}, so versions
 * may be handed between threads. Pop only moves {@code lo}; the leaf it leaves is unlinked by a
 * path copy once all 32 of its blocks are popped.
 *
 * <p>Invariants: {@code root == null} iff empty; the trie has {@code levels} levels of
 * {@code Object[32]} nodes and capacity {@code 32^levels} blocks; below {@code lo} only the
 * first live leaf may still hold popped blocks (so at most 32 are kept from the GC); when
 * {@code levels > 1} the live blocks span at least two top-level children (otherwise the root is
 * collapsed onto the single child), so the depth stays {@code O(log32 (hi - lo))} however many
 * blocks have passed through.
 */
final class BlockVector {
    static final BlockVector EMPTY = new BlockVector(null, 1, 0, 0);

    /** 32^6 = 2^30 blocks is the largest capacity whose indices fit in an int. */
    private static final int MAX_LEVELS = 6;
    /** Compare-and-set on a trie slot, to claim it from null. */
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

    private final Object[] root;
    private final int levels;
    private final int lo;
    private final int hi;

    private BlockVector(Object[] root, int levels, int lo, int hi) {
        this.root = root;
        this.levels = levels;
        this.lo = lo;
        this.hi = hi;
    }

    int size() {
        return hi - lo;
    }

    boolean isEmpty() {
        return hi == lo;
    }

    /** The i-th live block, 0 = front. */
    int[] get(int i) {
        int idx = lo + i;
        Object[] node = root;
        for (int shift = 5 * (levels - 1); shift > 0; shift -= 5) {
            node = (Object[]) node[(idx >>> shift) & 31];
        }
        return (int[]) node[idx & 31];
    }

    /** Whether this and {@code o} have the same root node (for tests of the in-place push). */
    boolean sharesRootWith(BlockVector o) {
        return root == o.root;
    }

    int[] first() {
        return get(0);
    }

    BlockVector pushBack(int[] block) {
        if (root == null) {
            Object[] r = new Object[32];
            r[0] = block;
            return new BlockVector(r, 1, 0, 1);
        }
        if (hi == 1 << (5 * levels)) {
            if (levels == MAX_LEVELS) {
                throw new IllegalStateException("run queue too large: more than 2^30 blocks in one queue");
            }
            Object[] r = new Object[32];
            r[0] = root;
            return new BlockVector(set(r, levels + 1, hi, block), levels + 1, lo, hi + 1);
        }
        Object[] r = claim(root, levels, hi, block) ? root : set(root, levels, hi, block);
        return new BlockVector(r, levels, lo, hi + 1);
    }

    /**
     * Puts {@code block} at index {@code idx} of the trie under {@code node} in place, when the
     * slot (or the subtree holding it) is still free: true on success.
     */
    private static boolean claim(Object[] node, int level, int idx, int[] block) {
        for (; level > 1; level--) {
            int slot = (idx >>> (5 * (level - 1))) & 31;
            Object child = node[slot];
            if (child == null) {
                return SLOT.compareAndSet(node, slot, null, set(null, level - 1, idx, block));
            }
            node = (Object[]) child;
        }
        return SLOT.compareAndSet(node, idx & 31, null, block);
    }

    /** Drops the front block; the vector must not be empty. */
    BlockVector popFront() {
        if (hi - lo == 1) {
            return EMPTY;
        }
        int nlo = lo + 1;
        Object[] r = levels > 1 && (nlo & 31) == 0 ? dropLeaf(root, levels, lo) : root;
        int nhi = hi;
        int lv = levels;
        // Collapse while all live blocks sit under one top-level child.
        while (lv > 1) {
            int shift = 5 * (lv - 1);
            int top = nlo >>> shift;
            if (top != (nhi - 1) >>> shift) {
                break;
            }
            r = (Object[]) r[top];
            nlo -= top << shift;
            nhi -= top << shift;
            lv--;
        }
        return new BlockVector(r, lv, nlo, nhi);
    }

    private static Object[] set(Object[] node, int level, int idx, Object value) {
        Object[] copy = node == null ? new Object[32] : node.clone();
        int slot = (idx >>> (5 * (level - 1))) & 31;
        if (level == 1) {
            copy[slot] = value;
        } else {
            copy[slot] = set((Object[]) copy[slot], level - 1, idx, value);
        }
        return copy;
    }

    /**
     * Path-copies {@code node} (of {@code level > 1}) with the leaf holding block {@code idx}
     * (the lowest live leaf, all popped) unlinked; returns null when the node holds nothing
     * afterwards (its last slot was the one cleared, and everything before it was already null).
     */
    private static Object[] dropLeaf(Object[] node, int level, int idx) {
        int slot = (idx >>> (5 * (level - 1))) & 31;
        Object child = level == 2 ? null : dropLeaf((Object[]) node[slot], level - 1, idx);
        if (child == null && slot == 31) {
            return null;
        }
        Object[] copy = node.clone();
        copy[slot] = child;
        return copy;
    }
}
