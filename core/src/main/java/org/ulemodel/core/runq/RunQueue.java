// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.runq;

/**
 * FreeBSD's classic (V14) {@code struct runq} (sys/kern/kern_switch.c) as a persistent value:
 * {@value #QUEUES} FIFO queues of thread ids and a 64-bit status word ({@code rqb_bits[0]}).
 *
 * <p>Invariants: bit {@code i} of {@link #status()} is set iff queue {@code i} is non-empty;
 * {@link #size()} is the total number of queued ids. Every update returns a new instance and
 * leaves this one observably unchanged forever, so old versions may be kept and shared freely.
 * The caller keeps thread ids unique (as a thread is on at most one FreeBSD runq); this class
 * does not check it, since that would cost O(n) per insertion.
 *
 * <p>Structure: the 64 queues sit in an 8×8 two-level array, so an update copies two 8-slot
 * arrays instead of 64 slots; each queue is a persistent chunked FIFO ({@link IntFifo}: blocks of
 * 32 ids, a 32-way trie of full blocks), so head and tail operations copy at most an O(log32 n)
 * path, and appends write into the last block shared with older versions (a slot claimed by
 * compare-and-set, which no older version can see). The queue updated last is held beside the
 * array ({@code lastQueue}/{@code lastFifo}; its array slot is stale), so a run of updates to one
 * queue — a scheduler rotating its best queue — copies no array at all. Removal from the middle
 * of a queue is O(n). A 64-bit structural hash is maintained incrementally, so
 * {@link #hashCode()} is O(1). Instances are safe to share between threads: nothing any existing
 * instance can read is ever written, and in-place appends are claimed atomically.
 */
public final class RunQueue {
    /** {@code RQ_NQS}: the number of queues. */
    public static final int QUEUES = 64;

    private static final RunQueue EMPTY;

    static {
        IntFifo[][] groups = new IntFifo[8][8];
        for (IntFifo[] g : groups) {
            java.util.Arrays.fill(g, IntFifo.EMPTY);
        }
        EMPTY = new RunQueue(groups, -1, null, 0L, 0, 0L);
    }

    private final IntFifo[][] groups;
    /** The queue updated last, whose FIFO is {@link #lastFifo} (its slot in {@link #groups} is stale), or −1. */
    private final int lastQueue;
    private final IntFifo lastFifo;
    private final long status;
    private final int size;
    private final long hash;

    private RunQueue(IntFifo[][] groups, int lastQueue, IntFifo lastFifo, long status, int size, long hash) {
        this.groups = groups;
        this.lastQueue = lastQueue;
        this.lastFifo = lastFifo;
        this.status = status;
        this.size = size;
        this.hash = hash;
    }

    /** The run queue with every queue empty ({@code runq_init}). */
    public static RunQueue empty() {
        return EMPTY;
    }

    // ---------------------------------------------------------------- queries

    /** The status word {@code rqb_bits[0]}: bit i set iff queue i is non-empty. */
    public long status() {
        return status;
    }

    /** Whether every queue is empty ({@code !runq_check}). */
    public boolean isEmpty() {
        return status == 0L;
    }

    /** The number of ids in all queues together. */
    public int size() {
        return size;
    }

    /** The number of ids in queue {@code q}. */
    public int queueSize(int q) {
        return (status & (1L << checkQueue(q))) == 0 ? 0 : fifo(q).size();
    }

    /** The id at the head of queue {@code q} ({@code TAILQ_FIRST}, what {@code runq_choose} returns), or −1 when it is empty. */
    public int head(int q) {
        IntFifo f = fifo(checkQueue(q));
        return f.isEmpty() ? -1 : f.head();
    }

    /**
     * The id {@code pos} places behind the head of queue {@code q} (0 = head).
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= pos < queueSize(q)}
     */
    public int get(int q, int pos) {
        IntFifo f = fifo(checkQueue(q));
        if (pos < 0 || pos >= f.size()) {
            throw new IndexOutOfBoundsException("position must be in 0.." + (f.size() - 1)
                    + " (queue " + q + " holds " + f.size() + " threads), got " + pos);
        }
        return f.get(pos);
    }

    /** Whether queue {@code q} holds thread {@code tid}. O(queue size). */
    public boolean contains(int q, int tid) {
        checkTid(tid);
        return fifo(checkQueue(q)).indexOf(tid) >= 0;
    }

    /** The ids of queue {@code q}, head first, in a fresh array. */
    public int[] toArray(int q) {
        return fifo(checkQueue(q)).toArray();
    }

    // ---------------------------------------------------------------- updates

    /** Adds {@code tid} at the tail of queue {@code q} ({@code runq_add} / {@code runq_add_pri} without {@code SRQ_PREEMPTED}); sets bit q. */
    public RunQueue addTail(int q, int tid) {
        checkTid(tid);
        IntFifo f = fifo(checkQueue(q));
        return with(q, f, f.addTail(tid), 1);
    }

    /** Adds {@code tid} at the head of queue {@code q} ({@code runq_add} with {@code SRQ_PREEMPTED}); sets bit q. */
    public RunQueue addHead(int q, int tid) {
        checkTid(tid);
        IntFifo f = fifo(checkQueue(q));
        return with(q, f, f.addHead(tid), 1);
    }

    /**
     * Removes the head of queue {@code q} (the thread {@code runq_choose} picked, then
     * {@code runq_remove}); clears bit q when the queue becomes empty.
     *
     * @throws IllegalArgumentException when queue {@code q} is empty
     */
    public RunQueue removeHead(int q) {
        IntFifo f = nonEmpty(checkQueue(q), "removeHead");
        return with(q, f, f.removeHead(), -1);
    }

    /**
     * Removes thread {@code tid} from queue {@code q} ({@code runq_remove}); clears bit q when
     * the queue becomes empty. O(1) for the head, O(queue size) elsewhere.
     *
     * @throws IllegalArgumentException when queue {@code q} does not hold {@code tid}
     */
    public RunQueue remove(int q, int tid) {
        checkTid(tid);
        IntFifo f = fifo(checkQueue(q));
        int pos = f.indexOf(tid);
        if (pos < 0) {
            throw new IllegalArgumentException("thread " + tid + " is not in queue " + q
                    + "; remove expects a thread queued there");
        }
        return with(q, f, f.removeAt(pos), -1);
    }

    /**
     * Takes the head of {@code fromQueue} and adds it to {@code toQueue}, at the head when
     * {@code atHead}, else at the tail: {@code runq_remove} followed by {@code runq_add_pri}, as
     * one update (the scheduler's slice-end requeue). Equal queues with {@code atHead} give an
     * equal run queue; equal queues without it rotate the head to the tail.
     *
     * @throws IllegalArgumentException when {@code fromQueue} is empty
     */
    public RunQueue requeueHead(int fromQueue, int toQueue, boolean atHead) {
        checkQueue(toQueue);
        IntFifo from = nonEmpty(checkQueue(fromQueue), "requeueHead");
        if (fromQueue == toQueue && !atHead) {
            return with(fromQueue, from, from.rotate(), 0);
        }
        int tid = from.head();
        long mixed = IntFifo.mix(tid);
        IntFifo fromAfter = from.removeHead(mixed);
        if (fromQueue == toQueue) {
            IntFifo after = atHead ? fromAfter.addHead(tid) : fromAfter.addTail(tid, mixed);
            return with(fromQueue, from, after, 0);
        }
        IntFifo to = fifo(toQueue);
        IntFifo toAfter = atHead ? to.addHead(tid) : to.addTail(tid, mixed);
        // The destination goes into the arrays; the source, where the next pick is likely to come
        // from, becomes the queue held beside them.
        IntFifo[][] g = groups.clone();
        int gt = toQueue >>> 3;
        g[gt] = g[gt].clone();
        g[gt][toQueue & 7] = toAfter;
        if (lastQueue >= 0 && lastQueue != fromQueue && lastQueue != toQueue) {
            int gl = lastQueue >>> 3;
            if (gl != gt) {
                g[gl] = g[gl].clone();
            }
            g[gl][lastQueue & 7] = lastFifo;
        }
        long st = (status | (1L << toQueue));
        if (fromAfter.isEmpty()) {
            st &= ~(1L << fromQueue);
        }
        long h = hash - contribution(fromQueue, from) + contribution(fromQueue, fromAfter)
                - contribution(toQueue, to) + contribution(toQueue, toAfter);
        return new RunQueue(g, fromQueue, fromAfter, st, size, h);
    }

    // ---------------------------------------------------------------- findbit

    /** {@code runq_findbit}: the lowest non-empty queue, or −1 when all are empty. */
    public int findbit() {
        return findbit(status);
    }

    /** {@code runq_findbit_from}: the first non-empty queue at or after {@code start}, wrapping round to 0, or −1. */
    public int findbitFrom(int start) {
        return findbitFrom(status, start);
    }

    /** {@code runq_findbit} on a status word: index of its lowest set bit, or −1 when it is 0. */
    public static int findbit(long status) {
        return status == 0L ? -1 : Long.numberOfTrailingZeros(status);
    }

    /**
     * {@code runq_findbit_from} on a status word: the lowest set bit at or above {@code start};
     * if none and {@code start != 0}, the lowest set bit overall; else −1.
     *
     * @throws IllegalArgumentException unless {@code 0 <= start <= 63} ({@code CHECK_IDX})
     */
    public static int findbitFrom(long status, int start) {
        checkIndex(start, "start");
        long masked = status & (-1L << start);
        if (masked != 0L) {
            return Long.numberOfTrailingZeros(masked);
        }
        return findbit(status);
    }

    /**
     * The number of status words {@code runq_findbit_from} examines, a cost measure: 1 when the
     * masked first pass finds a bit or {@code start == 0}; 2 when it wraps and rescans word 0.
     *
     * @throws IllegalArgumentException unless {@code 0 <= start <= 63}
     */
    public static int findbitFromWordsScanned(long status, int start) {
        checkIndex(start, "start");
        return (status & (-1L << start)) != 0L || start == 0 ? 1 : 2;
    }

    // ---------------------------------------------------------------- Object

    /** Equal iff every queue holds the same ids in the same order, however built. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RunQueue)) {
            return false;
        }
        RunQueue r = (RunQueue) o;
        if (status != r.status || size != r.size || hash != r.hash) {
            return false;
        }
        for (long bits = status; bits != 0L; bits &= bits - 1) {
            int q = Long.numberOfTrailingZeros(bits);
            if (!fifo(q).sameContents(r.fifo(q))) {
                return false;
            }
        }
        return true;
    }

    /** Structural, O(1): derived from an order-sensitive 64-bit hash kept up to date by every update. */
    @Override
    public int hashCode() {
        return (int) (hash ^ (hash >>> 32));
    }

    /** Non-empty queues as {@code {q:[head,...,tail],...}}, e.g. {@code {7:[0],17:[1]}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (long bits = status; bits != 0L; bits &= bits - 1) {
            int q = Long.numberOfTrailingZeros(bits);
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(q).append(':');
            fifo(q).appendTo(sb);
        }
        return sb.append('}').toString();
    }

    // ---------------------------------------------------------------- internals

    private IntFifo fifo(int q) {
        return q == lastQueue ? lastFifo : groups[q >>> 3][q & 7];
    }

    private IntFifo nonEmpty(int q, String op) {
        IntFifo f = fifo(q);
        if (f.isEmpty()) {
            throw new IllegalArgumentException(op + " expects a non-empty queue, but queue " + q + " is empty");
        }
        return f;
    }

    private RunQueue with(int q, IntFifo before, IntFifo after, int sizeDelta) {
        IntFifo[][] g = groups;
        if (lastQueue >= 0 && lastQueue != q) { // write the previous last queue back into the arrays
            g = groups.clone();
            int gl = lastQueue >>> 3;
            g[gl] = g[gl].clone();
            g[gl][lastQueue & 7] = lastFifo;
        }
        long st = after.isEmpty() ? status & ~(1L << q) : status | (1L << q);
        long h = hash - contribution(q, before) + contribution(q, after);
        return new RunQueue(g, q, after, st, size + sizeDelta, h);
    }

    private static long contribution(int q, IntFifo f) {
        if (f.isEmpty()) {
            return 0L;
        }
        long z = (f.hash() + (q + 1) * 0xD6E8FEB86659FD93L) * 0x9E3779B97F4A7C15L;
        return z ^ (z >>> 32);
    }

    private static int checkQueue(int q) {
        return checkIndex(q, "queue index");
    }

    private static int checkIndex(int i, String what) {
        if (i < 0 || i >= QUEUES) {
            throw new IllegalArgumentException(what + " must be in 0.." + (QUEUES - 1) + ", got " + i);
        }
        return i;
    }

    private static void checkTid(int tid) {
        if (tid < 0) {
            throw new IllegalArgumentException("thread id must be >= 0, got " + tid);
        }
    }
}
