// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.runq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RunQueue behaves like 64 mutable FIFOs plus a status word, and every old version stays as it was. */
class RunQueueTest {

    /** The obvious mutable model: one ArrayDeque per queue and the status word kept by hand. */
    private static final class Reference {
        final List<ArrayDeque<Integer>> queues = new ArrayList<>();
        long status;

        Reference() {
            for (int q = 0; q < 64; q++) {
                queues.add(new ArrayDeque<>());
            }
        }

        Reference copy() {
            Reference r = new Reference();
            for (int q = 0; q < 64; q++) {
                r.queues.get(q).addAll(queues.get(q));
            }
            r.status = status;
            return r;
        }

        void addTail(int q, int tid) {
            queues.get(q).addLast(tid);
            status |= 1L << q;
        }

        void addHead(int q, int tid) {
            queues.get(q).addFirst(tid);
            status |= 1L << q;
        }

        int removeHead(int q) {
            int tid = queues.get(q).removeFirst();
            if (queues.get(q).isEmpty()) {
                status &= ~(1L << q);
            }
            return tid;
        }

        void remove(int q, int tid) {
            queues.get(q).removeFirstOccurrence(tid);
            if (queues.get(q).isEmpty()) {
                status &= ~(1L << q);
            }
        }

        int size() {
            int n = 0;
            for (ArrayDeque<Integer> d : queues) {
                n += d.size();
            }
            return n;
        }

        int[] array(int q) {
            return queues.get(q).stream().mapToInt(Integer::intValue).toArray();
        }

        RunQueue build() {
            RunQueue rq = RunQueue.empty();
            for (int q = 0; q < 64; q++) {
                for (int tid : queues.get(q)) {
                    rq = rq.addTail(q, tid);
                }
            }
            return rq;
        }
    }

    private record Snapshot(RunQueue rq, Reference ref) {
    }

    /** 60 seeds × 2,000 random operations agree with the reference after every operation, and captured versions never change. */
    @Test
    @Timeout(120)
    void randomOperationsAgreeWithMutableReferenceAndOldVersionsStayUnchanged() {
        long ops = 0;
        int largest = 0;
        for (int seed = 0; seed < 60; seed++) {
            int[] maxQueue = new int[1];
            ops += runSeed(seed, 2_000, maxQueue);
            largest = Math.max(largest, maxQueue[0]);
        }
        assertThat(ops).isEqualTo(60L * 2_000);
        // Some queue outgrew one trie level of full blocks (32 × 32 ids), so block and trie boundaries were crossed.
        assertThat(largest).isGreaterThan(32 * 32 + 64);
    }

    private static int runSeed(long seed, int steps, int[] maxQueue) {
        Random rnd = new Random(seed);
        // Few hot queues in most seeds so that queues grow past block (32) and trie (1024) boundaries.
        int hot = 1 + rnd.nextInt(seed % 4 == 0 ? 64 : 3);
        int[] queues = new int[hot];
        for (int i = 0; i < hot; i++) {
            queues[i] = rnd.nextInt(64);
        }
        // Every fifth seed mostly adds, so its queues grow past 1,000 ids; the others hover.
        boolean growing = seed % 5 == 1;
        double addBias = growing ? 0.85 : 0.45 + 0.2 * rnd.nextDouble();
        double branchRate = growing ? 0.001 : 0.02;
        RunQueue rq = RunQueue.empty();
        Reference ref = new Reference();
        List<Snapshot> snapshots = new ArrayList<>();
        int nextTid = 0;
        for (int step = 0; step < steps; step++) {
            String where = "seed " + seed + " step " + step;
            RunQueue before = rq;
            int q = queues[rnd.nextInt(hot)];
            // What the version we come from must keep showing: the summary of all queues and queue q in full.
            int[] beforeSummary = summary(ref);
            int[] beforeQueue = ref.array(q);
            double r = rnd.nextDouble();
            String op;
            if (r < branchRate && !snapshots.isEmpty()) {
                // Branch: continue from an older version (path copying must not share writes).
                Snapshot s = snapshots.get(rnd.nextInt(snapshots.size()));
                rq = s.rq();
                ref = s.ref().copy();
                op = "branch";
            } else if (r < addBias * 0.8 || ref.queues.get(q).isEmpty() && r < addBias) {
                rq = rq.addTail(q, nextTid);
                ref.addTail(q, nextTid++);
                op = "addTail(" + q + ")";
            } else if (r < addBias) {
                rq = rq.addHead(q, nextTid);
                ref.addHead(q, nextTid++);
                op = "addHead(" + q + ")";
            } else if (ref.queues.get(q).isEmpty()) {
                assertThatThrownBy(() -> before.removeHead(q)).isInstanceOf(IllegalArgumentException.class);
                op = "removeHead(" + q + ") of empty";
            } else if ((r - addBias) / (1 - addBias) < 0.55) {
                int expected = ref.removeHead(q);
                assertThat(rq.head(q)).as(where).isEqualTo(expected);
                rq = rq.removeHead(q);
                op = "removeHead(" + q + ")";
            } else if ((r - addBias) / (1 - addBias) < 0.75) {
                int[] content = ref.array(q);
                int tid = content[rnd.nextInt(content.length)];
                rq = rq.remove(q, tid);
                ref.remove(q, tid);
                op = "remove(" + q + "," + tid + ")";
            } else {
                int to = rnd.nextBoolean() ? q : queues[rnd.nextInt(hot)];
                boolean atHead = rnd.nextInt(4) == 0;
                int tid = ref.removeHead(q);
                if (atHead) {
                    ref.addHead(to, tid);
                } else {
                    ref.addTail(to, tid);
                }
                rq = rq.requeueHead(q, to, atHead);
                op = "requeueHead(" + q + "," + to + "," + atHead + ")";
            }
            String what = where + " after " + op;
            maxQueue[0] = Math.max(maxQueue[0], ref.queues.get(q).size());
            checkCheap(rq, ref, what);
            checkQueue(rq, ref, q, what);
            // The version we came from is untouched.
            checkSummary(before, beforeSummary, what + " (previous version)");
            checkQueue(before, beforeQueue, q, what + " (previous version)");
            if (step % 50 == 0) {
                snapshots.add(new Snapshot(rq, ref.copy()));
            }
            if (!snapshots.isEmpty()) {
                Snapshot s = snapshots.get(step % snapshots.size());
                checkCheap(s.rq(), s.ref(), what + " (snapshot)");
            }
            if (step % 100 == 99) {
                checkAll(rq, ref, what);
                RunQueue rebuilt = ref.build();
                assertThat(rq).as(what + " equals a fresh build").isEqualTo(rebuilt);
                assertThat(rq.hashCode()).as(what + " hashCode").isEqualTo(rebuilt.hashCode());
                assertThat(rq.toString()).as(what).isEqualTo(rebuilt.toString());
            }
        }
        for (Snapshot s : snapshots) {
            checkAll(s.rq(), s.ref(), "seed " + seed + " snapshot at end");
        }
        return steps;
    }

    /** Status (low, high word), size, then (queueSize, head) of queues 0..63, as the reference has them. */
    private static int[] summary(Reference ref) {
        int[] expected = new int[3 + 128];
        expected[0] = (int) ref.status;
        expected[1] = (int) (ref.status >>> 32);
        expected[2] = ref.size();
        for (int q = 0; q < 64; q++) {
            ArrayDeque<Integer> d = ref.queues.get(q);
            expected[3 + 2 * q] = d.size();
            expected[4 + 2 * q] = d.isEmpty() ? -1 : d.peekFirst();
        }
        return expected;
    }

    private static void checkCheap(RunQueue rq, Reference ref, String what) {
        checkSummary(rq, summary(ref), what);
    }

    /** Status, sizes and heads of all 64 queues; plain comparisons first, AssertJ only to report a difference. */
    private static void checkSummary(RunQueue rq, int[] expected, String what) {
        long status = (expected[0] & 0xFFFFFFFFL) | (long) expected[1] << 32;
        int[] actual = new int[3 + 128];
        actual[0] = (int) rq.status();
        actual[1] = (int) (rq.status() >>> 32);
        actual[2] = rq.size();
        for (int q = 0; q < 64; q++) {
            actual[3 + 2 * q] = rq.queueSize(q);
            actual[4 + 2 * q] = rq.head(q);
        }
        if (!Arrays.equals(actual, expected)) {
            assertThat(Long.toHexString(rq.status())).as(what + ": status").isEqualTo(Long.toHexString(status));
            assertThat(rq.size()).as(what + ": size").isEqualTo(expected[2]);
            assertThat(actual).as(what + ": [status lo, status hi, size, then (queueSize, head) of queues 0..63]")
                    .containsExactly(expected);
        }
        if (rq.isEmpty() != (status == 0) || rq.findbit() != (status == 0 ? -1 : Long.numberOfTrailingZeros(status))) {
            assertThat(rq.isEmpty()).as(what + ": isEmpty").isEqualTo(status == 0);
            assertThat(rq.findbit()).as(what + ": findbit").isEqualTo(Long.numberOfTrailingZeros(status));
        }
    }

    private static void checkQueue(RunQueue rq, Reference ref, int q, String what) {
        checkQueue(rq, ref.array(q), q, what);
    }

    private static void checkQueue(RunQueue rq, int[] expected, int q, String what) {
        int[] actual = rq.toArray(q);
        if (!Arrays.equals(actual, expected)) {
            assertThat(actual).as(what + ": toArray(" + q + ")").containsExactly(expected);
        }
        if (expected.length > 0) {
            int last = expected.length - 1;
            int mid = expected.length / 2;
            if (rq.get(q, last) != expected[last] || rq.get(q, mid) != expected[mid] || !rq.contains(q, expected[mid])) {
                assertThat(rq.get(q, last)).as(what + ": get(" + q + "," + last + ")").isEqualTo(expected[last]);
                assertThat(rq.get(q, mid)).as(what + ": get(" + q + "," + mid + ")").isEqualTo(expected[mid]);
                assertThat(rq.contains(q, expected[mid])).as(what + ": contains").isTrue();
            }
        }
    }

    private static void checkAll(RunQueue rq, Reference ref, String what) {
        checkCheap(rq, ref, what);
        for (int q = 0; q < 64; q++) {
            checkQueue(rq, ref, q, what);
        }
    }

    /** 100,000 threads in one queue cross many block and trie boundaries; every position reads back and old versions survive. */
    @Test
    @Timeout(120)
    void hundredThousandThreadsInOneQueue() {
        int n = 100_000;
        RunQueue rq = RunQueue.empty();
        RunQueue[] versions = new RunQueue[n + 1];
        versions[0] = rq;
        for (int i = 0; i < n; i++) {
            rq = rq.addTail(40, i);
            versions[i + 1] = rq;
        }
        assertThat(rq.queueSize(40)).isEqualTo(n);
        assertThat(rq.status()).isEqualTo(1L << 40);
        for (int i = 0; i < n; i++) {
            assertThat(rq.get(40, i)).isEqualTo(i);
        }
        for (int v = 0; v <= n; v += 997) {
            assertThat(versions[v].queueSize(40)).isEqualTo(v);
            assertThat(versions[v].toArray(40)).isEqualTo(range(0, v));
        }
        // Drain half from the head, push some back at the head (front blocks, prefix stack).
        RunQueue full = rq;
        for (int i = 0; i < n / 2; i++) {
            assertThat(rq.head(40)).isEqualTo(i);
            rq = rq.removeHead(40);
        }
        for (int i = 0; i < 100; i++) {
            rq = rq.addHead(40, n + i);
        }
        int[] expected = new int[n / 2 + 100];
        for (int i = 0; i < 100; i++) {
            expected[i] = n + 99 - i;
        }
        System.arraycopy(range(n / 2, n), 0, expected, 100, n / 2);
        assertThat(rq.toArray(40)).isEqualTo(expected);
        for (int i = 0; i < expected.length; i += 101) {
            assertThat(rq.get(40, i)).isEqualTo(expected[i]);
        }
        assertThat(full.toArray(40)).isEqualTo(range(0, n));
        // Remove from the middle.
        RunQueue cut = rq.remove(40, 75_000);
        assertThat(cut.queueSize(40)).isEqualTo(expected.length - 1);
        assertThat(cut.contains(40, 75_000)).isFalse();
        assertThat(rq.contains(40, 75_000)).isTrue();
        // Drain everything; the status bit clears exactly at the end.
        for (int i = 0; i < expected.length; i++) {
            assertThat(rq.status()).isEqualTo(1L << 40);
            assertThat(rq.head(40)).isEqualTo(expected[i]);
            rq = rq.removeHead(40);
        }
        assertThat(rq.isEmpty()).isTrue();
        assertThat(rq).isEqualTo(RunQueue.empty());
        assertThat(rq.hashCode()).isEqualTo(RunQueue.empty().hashCode());
    }

    /** A long round-robin on one queue (a scheduler's steady state) keeps FIFO order through a million requeues. */
    @Test
    @Timeout(120)
    void millionRotationsKeepOrder() {
        int n = 5_000;
        RunQueue rq = RunQueue.empty();
        for (int i = 0; i < n; i++) {
            rq = rq.addTail(3, i);
        }
        RunQueue start = rq;
        int rotations = 1_000_000;
        for (int k = 0; k < rotations; k++) {
            assertThat(rq.head(3)).isEqualTo(k % n);
            rq = rq.requeueHead(3, 3, false);
        }
        int[] expected = new int[n];
        for (int i = 0; i < n; i++) {
            expected[i] = (rotations + i) % n;
        }
        assertThat(rq.toArray(3)).isEqualTo(expected);
        assertThat(rq).isEqualTo(start); // 1,000,000 is a multiple of 5,000
        assertThat(start.toArray(3)).isEqualTo(range(0, n));
    }

    /** Two run queues with the same threads in the same order are equal however they were built; order and queue matter. */
    @Test
    void equalityIsStructural() {
        RunQueue a = RunQueue.empty().addTail(7, 0).addTail(17, 1).addTail(17, 2);
        RunQueue b = RunQueue.empty().addHead(17, 2).addHead(17, 1).addTail(9, 5).addHead(7, 0).removeHead(9);
        RunQueue c = RunQueue.empty().addTail(17, 9).addTail(7, 0).requeueHead(17, 17, false)
                .remove(17, 9).addTail(17, 1).addTail(17, 2);
        assertThat(a).isEqualTo(b).isEqualTo(c).hasSameHashCodeAs(b).hasSameHashCodeAs(c);
        assertThat(a.toString()).isEqualTo("{7:[0],17:[1,2]}");
        assertThat(RunQueue.empty().addTail(7, 0).addTail(17, 1)).hasToString("{7:[0],17:[1]}");
        assertThat(RunQueue.empty()).hasToString("{}");
        assertThat(a).isNotEqualTo(RunQueue.empty().addTail(7, 0).addTail(17, 2).addTail(17, 1));
        assertThat(a).isNotEqualTo(RunQueue.empty().addTail(8, 0).addTail(17, 1).addTail(17, 2));
        assertThat(a).isNotEqualTo(null).isNotEqualTo("x");
        assertThat(RunQueue.empty().addTail(5, 1).removeHead(5)).isEqualTo(RunQueue.empty());
        // Large: same 3,000 ids, built from the tail versus from the head, and through a middle removal.
        RunQueue tailBuilt = RunQueue.empty();
        RunQueue headBuilt = RunQueue.empty();
        for (int i = 0; i < 3_000; i++) {
            tailBuilt = tailBuilt.addTail(60, i);
            headBuilt = headBuilt.addHead(60, 2_999 - i);
        }
        assertThat(tailBuilt).isEqualTo(headBuilt).hasSameHashCodeAs(headBuilt);
        assertThat(tailBuilt.addTail(60, 5_000).remove(60, 5_000)).isEqualTo(headBuilt);
        assertThat(tailBuilt.remove(60, 1_500)).isNotEqualTo(headBuilt);
    }

    /** requeueHead is removeHead followed by an add, in one update. */
    @Test
    void requeueHeadIsRemoveThenAdd() {
        RunQueue rq = RunQueue.empty().addTail(1, 10).addTail(1, 11).addTail(2, 20);
        assertThat(rq.requeueHead(1, 2, false)).isEqualTo(rq.removeHead(1).addTail(2, 10));
        assertThat(rq.requeueHead(1, 2, true)).isEqualTo(rq.removeHead(1).addHead(2, 10));
        assertThat(rq.requeueHead(2, 5, false)).isEqualTo(rq.removeHead(2).addTail(5, 20));
        assertThat(rq.requeueHead(2, 5, false).status()).isEqualTo(0b100010L);
        assertThat(rq.requeueHead(1, 1, true)).isEqualTo(rq);
        assertThat(rq.requeueHead(1, 1, false).toArray(1)).containsExactly(11, 10);
    }

    /** findbitFrom wraps round once; the static and instance forms agree. */
    @Test
    void findbitFromWraps() {
        RunQueue rq = RunQueue.empty().addTail(5, 1).addTail(40, 2);
        assertThat(rq.findbit()).isEqualTo(5);
        assertThat(rq.findbitFrom(0)).isEqualTo(5);
        assertThat(rq.findbitFrom(5)).isEqualTo(5);
        assertThat(rq.findbitFrom(6)).isEqualTo(40);
        assertThat(rq.findbitFrom(41)).isEqualTo(5);
        assertThat(RunQueue.findbitFromWordsScanned(rq.status(), 41)).isEqualTo(2);
        assertThat(RunQueue.findbitFromWordsScanned(rq.status(), 40)).isEqualTo(1);
        assertThat(RunQueue.findbitFromWordsScanned(0L, 0)).isEqualTo(1);
        assertThat(RunQueue.findbitFromWordsScanned(0L, 63)).isEqualTo(2);
        assertThat(RunQueue.empty().findbitFrom(17)).isEqualTo(-1);
        assertThat(RunQueue.findbit(Long.MIN_VALUE)).isEqualTo(63);
        assertThat(RunQueue.findbitFrom(Long.MIN_VALUE, 63)).isEqualTo(63);
    }

    /** Bad arguments are refused with a message saying what was expected. */
    @Test
    void argumentsAreValidated() {
        RunQueue rq = RunQueue.empty().addTail(3, 1);
        assertThatThrownBy(() -> rq.addTail(64, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("queue index must be in 0..63, got 64");
        assertThatThrownBy(() -> rq.addHead(-1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("queue index must be in 0..63, got -1");
        assertThatThrownBy(() -> rq.addTail(3, -2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("thread id must be >= 0, got -2");
        assertThatThrownBy(() -> rq.remove(3, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("thread 2 is not in queue 3; remove expects a thread queued there");
        assertThatThrownBy(() -> rq.removeHead(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("removeHead expects a non-empty queue, but queue 4 is empty");
        assertThatThrownBy(() -> rq.requeueHead(4, 3, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("requeueHead expects a non-empty queue, but queue 4 is empty");
        assertThatThrownBy(() -> rq.requeueHead(3, 64, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("queue index must be in 0..63, got 64");
        assertThatThrownBy(() -> rq.get(3, 1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("position must be in 0..0 (queue 3 holds 1 threads), got 1");
        assertThatThrownBy(() -> rq.findbitFrom(64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("start must be in 0..63, got 64");
        assertThatThrownBy(() -> RunQueue.findbitFromWordsScanned(0L, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("start must be in 0..63, got -1");
        assertThatThrownBy(() -> rq.queueSize(99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rq.head(99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rq.contains(3, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rq.toArray(64)).isInstanceOf(IllegalArgumentException.class);
        // The failed calls changed nothing.
        assertThat(rq).hasToString("{3:[1]}");
    }

    private static int[] range(int from, int to) {
        int[] a = new int[to - from];
        Arrays.setAll(a, i -> from + i);
        return a;
    }

}
