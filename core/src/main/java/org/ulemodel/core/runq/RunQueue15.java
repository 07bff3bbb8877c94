// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.runq;

import java.util.Arrays;

/**
 * FreeBSD 15's {@code struct runq} (sys/kern/kern_switch.c, sys/sys/runq.h of FreeBSD 15) as a
 * persistent value: {@value #QUEUES} FIFO queues of thread ids, one per priority level
 * ({@code RQ_PPQ} = 1, {@code RQ_NQS} = 256), and {@value #WORDS} 64-bit status words
 * ({@code rq_status.rq_sw[RQSW_NB]}). It is built from four {@link RunQueue}s of 64 queues, one
 * per status word: queue {@code q} is queue {@code q % 64} of word {@code q / 64}, so each word's
 * status is exactly that {@link RunQueue}'s status word and every update copies one of them.
 *
 * <p>Invariants: bit {@code q % 64} of {@link #status status(q / 64)} is set iff queue {@code q}
 * is non-empty; {@link #size()} is the number of queued ids. Updates return new instances and
 * never change this one. As for {@link RunQueue}, the caller keeps ids unique.
 */
public final class RunQueue15 {
    /** {@code RQ_NQS}: the number of queues. */
    public static final int QUEUES = 256;
    /** {@code RQSW_NB}: the number of 64-bit status words. */
    public static final int WORDS = QUEUES / RunQueue.QUEUES;

    private static final RunQueue15 EMPTY = new RunQueue15(new RunQueue[] {RunQueue.empty(), RunQueue.empty(),
        RunQueue.empty(), RunQueue.empty()});

    private final RunQueue[] words;

    private RunQueue15(RunQueue[] words) {
        this.words = words;
    }

    /** Every queue empty ({@code runq_init}). */
    public static RunQueue15 empty() {
        return EMPTY;
    }

    /** Status word {@code w} (0..3): bit i set iff queue 64·w + i is non-empty ({@code rq_sw[w]}). */
    public long status(int w) {
        return words[checkWord(w)].status();
    }

    /** Total queued ids. */
    public int size() {
        int n = 0;
        for (RunQueue w : words) {
            n += w.size();
        }
        return n;
    }

    /** True when nothing is queued. */
    public boolean isEmpty() {
        return size() == 0;
    }

    /** Whether queue {@code q} is empty, from its status bit. FreeBSD 15: runq_is_queue_empty(). */
    public boolean isQueueEmpty(int q) {
        return (status(checkQueue(q) >>> 6) & (1L << (q & 63))) == 0;
    }

    /** Number of ids in queue {@code q}. */
    public int queueSize(int q) {
        return word(q).queueSize(q & 63);
    }

    /** The head of queue {@code q}, or −1 when it is empty. */
    public int head(int q) {
        return word(q).head(q & 63);
    }

    /** The id at position {@code pos} of queue {@code q} (0 = head). */
    public int get(int q, int pos) {
        return word(q).get(q & 63, pos);
    }

    /** Appends {@code tid} to queue {@code q} ({@code runq_add_idx} without SRQ_PREEMPTED). */
    public RunQueue15 addTail(int q, int tid) {
        return with(q, word(q).addTail(q & 63, tid));
    }

    /** Puts {@code tid} at the head of queue {@code q} ({@code runq_add_idx} with SRQ_PREEMPTED). */
    public RunQueue15 addHead(int q, int tid) {
        return with(q, word(q).addHead(q & 63, tid));
    }

    /** Removes {@code tid} from queue {@code q} ({@code runq_remove}); the caller knows it is there. */
    public RunQueue15 remove(int q, int tid) {
        RunQueue w = word(q);
        return with(q, w.head(q & 63) == tid ? w.removeHead(q & 63) : w.remove(q & 63, tid));
    }

    /**
     * The first non-empty queue in [{@code lo}, {@code hi}], lowest first, or −1.
     * FreeBSD 15: runq_findq() with an accept-everything predicate (runq_first_thread_range).
     */
    public int findq(int lo, int hi) {
        checkQueue(lo);
        checkQueue(hi);
        for (int w = lo >>> 6; w <= hi >>> 6; w++) {
            long bits = words[w].status();
            if (w == lo >>> 6) {
                bits &= -1L << (lo & 63);
            }
            if (w == hi >>> 6 && (hi & 63) != 63) {
                bits &= (1L << ((hi & 63) + 1)) - 1;
            }
            if (bits != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(bits);
            }
        }
        return -1;
    }

    /** The first non-empty queue after {@code q} up to {@code hi}, or −1: the next step of a walk over the non-empty queues. */
    public int next(int q, int hi) {
        return q >= hi ? -1 : findq(q + 1, hi);
    }

    private RunQueue word(int q) {
        return words[checkQueue(q) >>> 6];
    }

    private RunQueue15 with(int q, RunQueue w) {
        RunQueue[] next = words.clone();
        next[q >>> 6] = w;
        return new RunQueue15(next);
    }

    /** Equal iff every queue holds the same ids in the same order. */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof RunQueue15 && Arrays.equals(words, ((RunQueue15) o).words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    /** Non-empty queues as {@code {q:[head,...,tail],...}} with absolute queue indices. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int q = findq(0, QUEUES - 1); q >= 0; q = next(q, QUEUES - 1)) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(q).append(":[");
            for (int i = 0; i < queueSize(q); i++) {
                sb.append(i == 0 ? "" : ",").append(get(q, i));
            }
            sb.append(']');
        }
        return sb.append('}').toString();
    }

    private static int checkQueue(int q) {
        if (q < 0 || q >= QUEUES) {
            throw new IllegalArgumentException("queue index must be in 0.." + (QUEUES - 1) + ", got " + q);
        }
        return q;
    }

    private static int checkWord(int w) {
        if (w < 0 || w >= WORDS) {
            throw new IllegalArgumentException("status word must be in 0.." + (WORDS - 1) + ", got " + w);
        }
        return w;
    }
}
