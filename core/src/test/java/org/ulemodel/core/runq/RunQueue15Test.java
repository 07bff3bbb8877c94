// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.runq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link RunQueue15} against FreeBSD 15's {@code struct runq} facts: 256 FIFO queues
 * ({@code RQ_NQS}), four 64-bit status words ({@code RQSW_NB}) with bit {@code q % 64} of word
 * {@code q / 64} set iff queue {@code q} is non-empty, and {@code runq_findq} as a find-first-set
 * over the words clipped to {@code [lo, hi]}, checked against a plain list-of-deques reference.
 */
class RunQueue15Test {

    /** The obvious mutable reference: 256 deques, status computed from them. */
    private static final class Reference {
        final List<ArrayDeque<Integer>> queues = new ArrayList<>();

        Reference() {
            for (int q = 0; q < RunQueue15.QUEUES; q++) {
                queues.add(new ArrayDeque<>());
            }
        }

        long status(int w) {
            long s = 0;
            for (int i = 0; i < 64; i++) {
                if (!queues.get(64 * w + i).isEmpty()) {
                    s |= 1L << i;
                }
            }
            return s;
        }

        int findq(int lo, int hi) {
            for (int q = lo; q <= hi; q++) {
                if (!queues.get(q).isEmpty()) {
                    return q;
                }
            }
            return -1;
        }

        int size() {
            return queues.stream().mapToInt(ArrayDeque::size).sum();
        }

        String text() {
            StringBuilder sb = new StringBuilder("{");
            for (int q = 0; q < RunQueue15.QUEUES; q++) {
                if (!queues.get(q).isEmpty()) {
                    sb.append(sb.length() > 1 ? "," : "").append(q).append(':').append(queues.get(q).toString().replace(" ", ""));
                }
            }
            return sb.append('}').toString();
        }
    }

    private static void assertSame(RunQueue15 rq, Reference ref) {
        for (int w = 0; w < RunQueue15.WORDS; w++) {
            assertThat(rq.status(w)).as("rq_sw[%d]", w).isEqualTo(ref.status(w));
        }
        assertThat(rq.size()).isEqualTo(ref.size());
        assertThat(rq.isEmpty()).isEqualTo(ref.size() == 0);
        for (int q = 0; q < RunQueue15.QUEUES; q++) {
            ArrayDeque<Integer> d = ref.queues.get(q);
            assertThat(rq.isQueueEmpty(q)).as("queue %d empty", q).isEqualTo(d.isEmpty());
            assertThat(rq.queueSize(q)).isEqualTo(d.size());
            assertThat(rq.head(q)).isEqualTo(d.isEmpty() ? -1 : d.peekFirst());
            int pos = 0;
            for (int tid : d) {
                assertThat(rq.get(q, pos++)).isEqualTo(tid);
            }
        }
        assertThat(rq.toString()).isEqualTo(ref.text());
    }

    /** Random adds (head and tail) and removes across all four words agree with the reference at every step. */
    @Test
    void randomEditsMatchTheReference() {
        Random rnd = new Random(15);
        RunQueue15 rq = RunQueue15.empty();
        Reference ref = new Reference();
        int nextTid = 0;
        for (int step = 0; step < 400; step++) {
            int q = rnd.nextInt(4) == 0 ? 64 * rnd.nextInt(4) + (rnd.nextBoolean() ? 0 : 63) : rnd.nextInt(RunQueue15.QUEUES);
            if (ref.size() > 0 && rnd.nextInt(3) == 0) {
                int victimQ = ref.findq(rnd.nextInt(RunQueue15.QUEUES), RunQueue15.QUEUES - 1);
                if (victimQ < 0) {
                    victimQ = ref.findq(0, RunQueue15.QUEUES - 1);
                }
                List<Integer> ids = new ArrayList<>(ref.queues.get(victimQ));
                int tid = ids.get(rnd.nextInt(ids.size()));
                rq = rq.remove(victimQ, tid);
                ref.queues.get(victimQ).remove(tid);
            } else if (rnd.nextBoolean()) {
                rq = rq.addHead(q, nextTid);
                ref.queues.get(q).addFirst(nextTid++);
            } else {
                rq = rq.addTail(q, nextTid);
                ref.queues.get(q).addLast(nextTid++);
            }
            if (step % 40 == 0) {
                assertSame(rq, ref);
            }
        }
        assertSame(rq, ref);
    }

    /** runq_findq: the lowest non-empty queue in [lo, hi], every lo..hi pair, for sparse fills that straddle the word edges. */
    @Test
    void findqIsFindFirstSetClippedToTheRange() {
        int[][] fills = {{}, {0}, {255}, {63, 64}, {127, 128}, {191, 192}, {5, 70, 130, 250}, {62, 65, 129, 190, 254}};
        for (int[] fill : fills) {
            RunQueue15 rq = RunQueue15.empty();
            Reference ref = new Reference();
            for (int q : fill) {
                rq = rq.addTail(q, q);
                ref.queues.get(q).addLast(q);
            }
            int[] firstFrom = new int[RunQueue15.QUEUES + 1];
            firstFrom[RunQueue15.QUEUES] = -1;
            for (int q = RunQueue15.QUEUES - 1; q >= 0; q--) {
                firstFrom[q] = ref.queues.get(q).isEmpty() ? firstFrom[q + 1] : q;
            }
            List<String> wrong = new ArrayList<>();
            for (int lo = 0; lo < RunQueue15.QUEUES; lo++) {
                for (int hi = lo; hi < RunQueue15.QUEUES; hi++) {
                    int want = firstFrom[lo] >= 0 && firstFrom[lo] <= hi ? firstFrom[lo] : -1;
                    if (rq.findq(lo, hi) != want) {
                        wrong.add("findq(" + lo + ", " + hi + ") = " + rq.findq(lo, hi));
                    }
                }
                if (rq.next(lo, RunQueue15.QUEUES - 1) != firstFrom[lo + 1]) {
                    wrong.add("next(" + lo + ", 255) = " + rq.next(lo, 255));
                }
            }
            assertThat(wrong).as("over %s", ref.text()).isEmpty();
        }
    }

    /** A walk with next() visits each non-empty queue once, in order, and stops at hi. */
    @Test
    void nextWalksTheNonEmptyQueuesUpToHi() {
        RunQueue15 rq = RunQueue15.empty().addTail(3, 1).addTail(64, 2).addTail(200, 3).addTail(255, 4);
        List<Integer> seen = new ArrayList<>();
        for (int q = rq.findq(0, 200); q >= 0; q = rq.next(q, 200)) {
            seen.add(q);
        }
        assertThat(seen).containsExactly(3, 64, 200);
        assertThat(rq.next(200, 200)).isEqualTo(-1);
        assertThat(rq.next(254, 255)).isEqualTo(255);
        assertThat(rq.next(255, 255)).isEqualTo(-1);
    }

    /** Updates are persistent: the old value keeps its queues; equal contents are equal with equal hashes. */
    @Test
    void updatesLeaveTheOldValueAndEqualityIsByContents() {
        RunQueue15 a = RunQueue15.empty().addTail(100, 7);
        RunQueue15 b = a.addHead(100, 8);
        assertThat(a.toString()).isEqualTo("{100:[7]}");
        assertThat(b.toString()).isEqualTo("{100:[8,7]}");
        assertThat(b.remove(100, 8)).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(b.remove(100, 7).toString()).isEqualTo("{100:[8]}");
        assertThat(a.remove(100, 7)).isEqualTo(RunQueue15.empty());
        assertThat(a).isNotEqualTo(RunQueue15.empty().addTail(101, 7)).isNotEqualTo("{100:[7]}");
        assertThat(RunQueue15.empty().isEmpty()).isTrue();
        assertThat(a.isEmpty()).isFalse();
    }

    @Test
    void indicesOutsideTheQueuesAndWordsAreRefused() {
        RunQueue15 rq = RunQueue15.empty();
        assertThatThrownBy(() -> rq.addTail(256, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("queue index must be in 0..255, got 256");
        assertThatThrownBy(() -> rq.isQueueEmpty(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rq.findq(0, 256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rq.status(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("status word must be in 0..3, got 4");
        assertThatThrownBy(() -> rq.status(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(rq.status(3)).isZero();
        assertThat(rq.isQueueEmpty(255)).isTrue();
    }
}
