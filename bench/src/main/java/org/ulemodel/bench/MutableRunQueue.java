// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.bench;

import java.util.Arrays;
import org.ulemodel.core.runq.RunQueue;

/**
 * Baseline: a mutable twin of {@link RunQueue} — the same 64 FIFO queues and 64-bit status word
 * ({@code struct runq}), but each queue is a growable {@code int[]} ring updated in place, as
 * FreeBSD's C code updates its {@code TAILQ}s. Invariant: bit {@code q} of the status word is set
 * iff queue {@code q} is non-empty. It exists only to be measured against the persistent version.
 */
final class MutableRunQueue {
    private final int[][] rings = new int[RunQueue.QUEUES][];
    private final int[] first = new int[RunQueue.QUEUES];
    private final int[] count = new int[RunQueue.QUEUES];
    private long status;

    MutableRunQueue() {
        for (int q = 0; q < RunQueue.QUEUES; q++) {
            rings[q] = new int[4];
        }
    }

    long status() {
        return status;
    }

    /** {@code runq_findbit}: lowest non-empty queue or −1. */
    int findbit() {
        return RunQueue.findbit(status);
    }

    /** {@code runq_findbit_from}. */
    int findbitFrom(int start) {
        return RunQueue.findbitFrom(status, start);
    }

    int queueSize(int q) {
        return count[q];
    }

    int head(int q) {
        return rings[q][first[q]];
    }

    void addTail(int q, int tid) {
        int[] ring = rings[q];
        int n = count[q];
        if (n == ring.length) {
            ring = grow(q);
        }
        ring[(first[q] + n) & (ring.length - 1)] = tid;
        count[q] = n + 1;
        status |= 1L << q;
    }

    int removeHead(int q) {
        int[] ring = rings[q];
        int tid = ring[first[q]];
        first[q] = (first[q] + 1) & (ring.length - 1);
        if (--count[q] == 0) {
            status &= ~(1L << q);
        }
        return tid;
    }

    /** Takes the head of {@code from} and appends it to {@code to}: {@code runq_remove} + {@code runq_add}. */
    void requeueHead(int from, int to) {
        addTail(to, removeHead(from));
    }

    private int[] grow(int q) {
        int[] old = rings[q];
        int[] ring = new int[old.length * 2];
        int n = count[q];
        int f = first[q];
        for (int i = 0; i < n; i++) {
            ring[i] = old[(f + i) & (old.length - 1)];
        }
        rings[q] = ring;
        first[q] = 0;
        return ring;
    }

    @Override
    public String toString() {
        return "MutableRunQueue{status=" + Long.toHexString(status) + ", sizes=" + Arrays.toString(count) + "}";
    }
}
