// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.runq;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * A persistent FIFO of thread ids: one FreeBSD {@code TAILQ} of a {@code struct runq}, as an
 * immutable value. Layout, front to back:
 * <ol>
 *   <li>{@code head[headFrom..headTo)}: the front block, never empty unless the whole FIFO is;
 *       popping the front only moves {@code headFrom}, sharing the array;</li>
 *   <li>{@code prefix}: a stack of full 32-blocks pushed by {@link #addHead} when the front block
 *       is full (head insertions are rare: preempted threads);</li>
 *   <li>{@code middle}: a {@link BlockVector} of full 32-blocks;</li>
 *   <li>{@code tail[0..tailLen)}: the back block, at most 32 ids.</li>
 * </ol>
 * When the front block runs out, the next prefix block, else the first middle block, else the
 * tail block becomes the front: no reversal. {@link #addTail}, {@link #addHead} and
 * {@link #removeHead} copy at most 32 ints plus an O(log32 n) trie path.
 *
 * <p>Shared last block. Arrays are either <em>plain</em> — every version holding one uses it
 * to its full length — or <em>counted</em>: {@code room} slots for ids followed by a claim
 * count, the number of slots some version has filled. Several versions may share a counted
 * block, each seeing only its own prefix of it. The last block of a FIFO (its tail, or its head
 * when that is its only block) is appended to in place when the version's own length equals the
 * claim count and its compare-and-set raising the count by one succeeds: at most one version
 * ever writes a slot, and only a slot that no existing version reads (each reads below its own
 * length, and the count was below the slot). A version that loses — typically an old one
 * appended to again — copies the block instead, so every version stays unchanged as observed.
 * The new version reaches the written slot through its final fields, so versions may be handed
 * between threads. For a plain array the length test never passes, so it is never claimed.
 *
 * <p>A 64-bit order-sensitive hash {@code sum mix(a_i) * P^i (mod 2^64)} is maintained
 * incrementally (P odd, so it has an inverse mod 2^64 and the front can be removed in O(1)).
 */
final class IntFifo {
    static final int BLOCK = 32;
    /** The fewest id slots a new counted block gets. */
    private static final int MIN_ROOM = 4;
    private static final long P = 0x9E3779B97F4A7C15L;
    private static final long P_INV = inverse(P);
    private static final int[] NO_INTS = new int[0];
    /** Compare-and-set on the claim count, the last element of a counted block. */
    private static final VarHandle CLAIM = MethodHandles.arrayElementVarHandle(int[].class);

    static final IntFifo EMPTY = new IntFifo(NO_INTS, 0, 0, null, BlockVector.EMPTY, NO_INTS, 0, 0L, 1L);

    private final int[] head;
    private final int headFrom;
    private final int headTo;
    private final Prefix prefix;
    private final BlockVector middle;
    private final int[] tail;
    private final int tailLen;
    private final long hash;
    /** P^size mod 2^64. */
    private final long pow;

    /** An immutable stack of full blocks between the front block and the middle. */
    private static final class Prefix {
        final int[] block;
        final Prefix next;
        final int blocks;

        Prefix(int[] block, Prefix next) {
            this.block = block;
            this.next = next;
            this.blocks = next == null ? 1 : next.blocks + 1;
        }
    }

    private IntFifo(int[] head, int headFrom, int headTo, Prefix prefix, BlockVector middle,
            int[] tail, int tailLen, long hash, long pow) {
        this.head = head;
        this.headFrom = headFrom;
        this.headTo = headTo;
        this.prefix = prefix;
        this.middle = middle;
        this.tail = tail;
        this.tailLen = tailLen;
        this.hash = hash;
        this.pow = pow;
    }

    private static long inverse(long odd) {
        long x = odd; // Newton's iteration doubles the correct low bits each step: 3, 6, 12, 24, 48, 96.
        for (int i = 0; i < 5; i++) {
            x *= 2 - odd * x;
        }
        return x;
    }

    static long mix(int tid) {
        long z = (tid + 1L) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 29);
    }

    /** Builds a FIFO holding {@code ids[0..n)} in order. */
    static IntFifo of(int[] ids, int n) {
        IntFifo f = EMPTY;
        for (int i = 0; i < n; i++) {
            f = f.addTail(ids[i]);
        }
        return f;
    }

    int size() {
        return size(headFrom, headTo, prefix, middle, tailLen);
    }

    private static int size(int hf, int ht, Prefix pre, BlockVector mid, int tlen) {
        return ht - hf + (pre == null ? 0 : pre.blocks * BLOCK) + mid.size() * BLOCK + tlen;
    }

    boolean isEmpty() {
        return headTo == headFrom;
    }

    /** Exactly one id. */
    private boolean isSingle() {
        return headTo - headFrom == 1 && tailLen == 0 && prefix == null && middle.isEmpty();
    }

    long hash() {
        return hash;
    }

    /** The front id; the FIFO must not be empty. */
    int head() {
        return head[headFrom];
    }

    int get(int pos) {
        int n = headTo - headFrom;
        if (pos < n) {
            return head[headFrom + pos];
        }
        pos -= n;
        for (Prefix p = prefix; p != null; p = p.next) {
            if (pos < BLOCK) {
                return p.block[pos];
            }
            pos -= BLOCK;
        }
        int m = middle.size() * BLOCK;
        if (pos < m) {
            return middle.get(pos / BLOCK)[pos % BLOCK];
        }
        return tail[pos - m];
    }

    IntFifo addTail(int tid) {
        return addTail(tid, mix(tid));
    }

    /** {@link #addTail(int)} given {@code mixed = mix(tid)}. */
    IntFifo addTail(int tid, long mixed) {
        long h = hash + mixed * pow;
        long pw = pow * P;
        if (isEmpty()) {
            return new IntFifo(new int[] {tid}, 0, 1, null, BlockVector.EMPTY, NO_INTS, 0, h, pw);
        }
        return appended(head, headFrom, headTo, prefix, middle, tail, tailLen, tid, h, pw);
    }

    /**
     * The non-empty FIFO of the given parts with {@code tid} appended, and the given hash and
     * power for the result.
     */
    private static IntFifo appended(int[] hd, int hf, int ht, Prefix pre, BlockVector mid, int[] tl, int tlen,
            int tid, long h, long pw) {
        if (tlen == 0 && pre == null && mid.isEmpty()) { // the head is the last block
            if (claim(hd, ht)) {
                hd[ht] = tid;
                return new IntFifo(hd, hf, ht + 1, null, BlockVector.EMPTY, NO_INTS, 0, h, pw);
            }
            return new IntFifo(hd, hf, ht, null, BlockVector.EMPTY, copied(NO_INTS, 0, tid, ht - hf), 1, h, pw);
        }
        if (tlen == BLOCK) {
            return new IntFifo(hd, hf, ht, pre, mid.pushBack(tl), newBlock(tid), 1, h, pw);
        }
        int[] t;
        if (claim(tl, tlen)) {
            tl[tlen] = tid;
            t = tl;
        } else {
            t = copied(tl, tlen, tid, size(hf, ht, pre, mid, tlen));
        }
        return new IntFifo(hd, hf, ht, pre, mid, t, tlen + 1, h, pw);
    }

    /** A full-size counted block holding {@code tid} alone: the queue is long, its last block just filled up. */
    private static int[] newBlock(int tid) {
        int[] t = new int[BLOCK + 1];
        t[0] = tid;
        t[BLOCK] = 1;
        return t;
    }

    /**
     * Claims slot {@code len} of {@code block} for the caller, a version holding
     * {@code block[0..len)} as its last block: true when the block is counted, has the room, and
     * no version claimed the slot before.
     */
    private static boolean claim(int[] block, int len) {
        int room = block.length - 1;
        return len < room && CLAIM.compareAndSet(block, room, len, len + 1);
    }

    /**
     * A new counted block {@code block[0..len) + tid}: room for twice {@code len}, or for as
     * many ids as the queue holds ({@code size}, a rotating queue's whole round), at least
     * {@link #MIN_ROOM} and at most {@link #BLOCK}.
     */
    private static int[] copied(int[] block, int len, int tid, int size) {
        int room = Math.min(BLOCK, Math.max(Math.max(MIN_ROOM, 2 * len), size));
        int[] t = new int[room + 1];
        System.arraycopy(block, 0, t, 0, len);
        t[len] = tid;
        t[room] = len + 1;
        return t;
    }

    IntFifo addHead(int tid) {
        long h = hash * P + mix(tid);
        long pw = pow * P;
        int n = headTo - headFrom;
        if (n == BLOCK) {
            int[] full = headFrom == 0 && head.length == BLOCK ? head : Arrays.copyOfRange(head, headFrom, headTo);
            return new IntFifo(new int[] {tid}, 0, 1, new Prefix(full, prefix), middle, tail, tailLen, h, pw);
        }
        int[] nh = new int[n + 1];
        nh[0] = tid;
        System.arraycopy(head, headFrom, nh, 1, n);
        return new IntFifo(nh, 0, n + 1, prefix, middle, tail, tailLen, h, pw);
    }

    /** Drops the front id; the FIFO must not be empty. */
    IntFifo removeHead() {
        return removeHead(mix(head[headFrom]));
    }

    /** {@link #removeHead()} given {@code mixed = mix(head())}. */
    IntFifo removeHead(long mixed) {
        if (isSingle()) {
            return EMPTY;
        }
        long h = (hash - mixed) * P_INV;
        long pw = pow * P_INV;
        if (headTo - headFrom > 1) {
            return new IntFifo(head, headFrom + 1, headTo, prefix, middle, tail, tailLen, h, pw);
        }
        if (prefix != null) {
            return new IntFifo(prefix.block, 0, BLOCK, prefix.next, middle, tail, tailLen, h, pw);
        }
        if (!middle.isEmpty()) {
            return new IntFifo(middle.first(), 0, BLOCK, null, middle.popFront(), tail, tailLen, h, pw);
        }
        return new IntFifo(tail, 0, tailLen, null, BlockVector.EMPTY, NO_INTS, 0, h, pw);
    }

    /**
     * Moves the front id to the back: {@code removeHead().addTail(head())} as one update, without
     * building the intermediate FIFO. A one-element FIFO is returned unchanged.
     */
    IntFifo rotate() {
        if (isSingle()) {
            return this;
        }
        int tid = head[headFrom];
        int[] hd = head;
        int hf = headFrom + 1;
        int ht = headTo;
        Prefix pre = prefix;
        BlockVector mid = middle;
        int[] tl = tail;
        int tlen = tailLen;
        if (ht - hf == 0) { // the front block is used up: as in removeHead
            if (pre != null) {
                hd = pre.block;
                ht = BLOCK;
                pre = pre.next;
            } else if (!mid.isEmpty()) {
                hd = mid.first();
                ht = BLOCK;
                mid = mid.popFront();
            } else {
                hd = tl;
                ht = tlen;
                tl = NO_INTS;
                tlen = 0;
            }
            hf = 0;
        }
        long m = mix(tid);
        long h = (hash - m) * P_INV + m * (pow * P_INV);
        return appended(hd, hf, ht, pre, mid, tl, tlen, tid, h, pow);
    }

    /** Whether this and {@code o} have the same array as last block (for tests of the shared-block path). */
    boolean sharesLastBlockWith(IntFifo o) {
        return lastBlock() == o.lastBlock();
    }

    private int[] lastBlock() {
        return tailLen > 0 ? tail : head;
    }

    /** Index of the first occurrence of {@code tid}, or -1. O(n). */
    int indexOf(int tid) {
        int pos = 0;
        for (int i = headFrom; i < headTo; i++, pos++) {
            if (head[i] == tid) {
                return pos;
            }
        }
        for (Prefix p = prefix; p != null; p = p.next) {
            for (int i = 0; i < BLOCK; i++, pos++) {
                if (p.block[i] == tid) {
                    return pos;
                }
            }
        }
        for (int b = 0, nb = middle.size(); b < nb; b++) {
            int[] block = middle.get(b);
            for (int i = 0; i < BLOCK; i++, pos++) {
                if (block[i] == tid) {
                    return pos;
                }
            }
        }
        for (int i = 0; i < tailLen; i++, pos++) {
            if (tail[i] == tid) {
                return pos;
            }
        }
        return -1;
    }

    /** Copies the ids, front first. */
    int[] toArray() {
        int size = size();
        int[] out = new int[size];
        int pos = 0;
        System.arraycopy(head, headFrom, out, pos, headTo - headFrom);
        pos += headTo - headFrom;
        for (Prefix p = prefix; p != null; p = p.next) {
            System.arraycopy(p.block, 0, out, pos, BLOCK);
            pos += BLOCK;
        }
        for (int b = 0, nb = middle.size(); b < nb; b++) {
            System.arraycopy(middle.get(b), 0, out, pos, BLOCK);
            pos += BLOCK;
        }
        System.arraycopy(tail, 0, out, pos, tailLen);
        return out;
    }

    /** Removes the element at {@code pos}; O(1) at the front, O(n) rebuild elsewhere. */
    IntFifo removeAt(int pos) {
        if (pos == 0) {
            return removeHead();
        }
        int[] all = toArray();
        System.arraycopy(all, pos + 1, all, pos, all.length - pos - 1);
        return of(all, all.length - 1);
    }

    /** Same ids in the same order. */
    boolean sameContents(IntFifo o) {
        if (this == o) {
            return true;
        }
        if (hash != o.hash || size() != o.size()) {
            return false;
        }
        return Arrays.equals(toArray(), o.toArray());
    }

    void appendTo(StringBuilder sb) {
        sb.append('[');
        int[] all = toArray();
        for (int i = 0; i < all.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(all[i]);
        }
        sb.append(']');
    }
}
