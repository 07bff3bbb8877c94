// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.runq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shared tail of {@link IntFifo}: the newest version of a line appends in place into the
 * tail block it shares with its ancestors, an old version appended to afterwards copies, and
 * every version keeps showing exactly its own ids, also when versions are extended from several
 * threads at once.
 */
class IntFifoTest {

    private static int[] range(int from, int to) {
        return IntStream.range(from, to).toArray();
    }

    private static IntFifo fifo(int n) {
        return IntFifo.of(range(0, n), n);
    }

    @Test
    void newestVersionAppendsInPlaceAndItsAncestorsStayUnchanged() {
        IntFifo base = fifo(3); // head [0], tail [1, 2] with room for 4
        IntFifo a = base.addTail(3);
        IntFifo b = a.addTail(4);
        assertThat(base.toArray()).containsExactly(0, 1, 2);
        assertThat(a.toArray()).containsExactly(0, 1, 2, 3);
        assertThat(b.toArray()).containsExactly(0, 1, 2, 3, 4);
        assertThat(a.sharesLastBlockWith(base)).isTrue();
        assertThat(b.sharesLastBlockWith(a)).isTrue();
    }

    @Test
    void oldVersionAppendedAfterCopiesAndBothViewsAreCorrect() {
        IntFifo base = fifo(4); // head [0], tail [1, 2, 3] with room for 4
        IntFifo newer = base.addTail(100);
        IntFifo branch = base.addTail(200); // slot 3 is taken by newer: must copy
        assertThat(newer.sharesLastBlockWith(base)).isTrue();
        assertThat(branch.sharesLastBlockWith(base)).isFalse();
        assertThat(newer.toArray()).containsExactly(0, 1, 2, 3, 100);
        assertThat(branch.toArray()).containsExactly(0, 1, 2, 3, 200);
        assertThat(base.toArray()).containsExactly(0, 1, 2, 3);
        // Both lines keep growing independently, each in its own block after the first copy.
        IntFifo newer2 = newer.addTail(101);
        IntFifo branch2 = branch.addTail(201);
        assertThat(branch2.sharesLastBlockWith(branch)).isTrue();
        assertThat(newer2.toArray()).containsExactly(0, 1, 2, 3, 100, 101);
        assertThat(branch2.toArray()).containsExactly(0, 1, 2, 3, 200, 201);
        assertThat(newer.toArray()).containsExactly(0, 1, 2, 3, 100);
        assertThat(branch.toArray()).containsExactly(0, 1, 2, 3, 200);
        assertThat(newer.sameContents(branch)).isFalse();
        assertThat(newer.hash()).isEqualTo(fifo(4).addTail(100).hash());
        assertThat(branch.hash()).isEqualTo(fifo(4).addTail(200).hash());
    }

    @Test
    void aFullBlockStartsAFullSizeBlockWhichIsThenAppendedInPlace() {
        IntFifo f = fifo(1 + IntFifo.BLOCK); // head [0], tail [1..32] full
        IntFifo g = f.addTail(99); // the full tail goes to the middle
        IntFifo h = g.addTail(98);
        assertThat(h.sharesLastBlockWith(g)).isTrue();
        assertThat(h.get(1 + IntFifo.BLOCK)).isEqualTo(99);
        assertThat(h.get(2 + IntFifo.BLOCK)).isEqualTo(98);
        // Filling the new block takes no copy at all.
        IntFifo k = h;
        for (int i = 2; i < IntFifo.BLOCK; i++) {
            IntFifo next = k.addTail(1000 + i);
            assertThat(next.sharesLastBlockWith(k)).isTrue();
            k = next;
        }
        assertThat(k.size()).isEqualTo(1 + 2 * IntFifo.BLOCK);
        assertThat(g.size()).isEqualTo(2 + IntFifo.BLOCK);
        assertThat(g.toArray()[1 + IntFifo.BLOCK]).isEqualTo(99);
    }

    @Test
    void rotateAppendsInPlaceAndAnOldVersionAppendedAgainCopies() {
        IntFifo base = fifo(5); // head [0], tail [1, 2, 3, 4] full at room 4
        IntFifo grown = base.addTail(5); // copied into room 8
        assertThat(grown.sharesLastBlockWith(base)).isFalse();
        IntFifo r1 = grown.rotate(); // the tail block becomes the only block, 0 appended in place: [1..5, 0]
        assertThat(r1.sharesLastBlockWith(grown)).isTrue();
        IntFifo r2 = r1.rotate(); // [2..5, 0, 1], still in place
        assertThat(r2.sharesLastBlockWith(r1)).isTrue();
        IntFifo other = r1.addTail(7); // the slot after r1's last id is taken by r2: copy
        assertThat(other.sharesLastBlockWith(r1)).isFalse();
        assertThat(r1.toArray()).containsExactly(1, 2, 3, 4, 5, 0);
        assertThat(r2.toArray()).containsExactly(2, 3, 4, 5, 0, 1);
        assertThat(other.toArray()).containsExactly(1, 2, 3, 4, 5, 0, 7);
        assertThat(grown.toArray()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(r2.hash()).isEqualTo(IntFifo.of(new int[] {2, 3, 4, 5, 0, 1}, 6).hash());
    }

    @Test
    void headTakenFromATailIsNotChangedByAnOlderVersionAppendingToThatTail() {
        IntFifo base = fifo(3); // head [0], tail [1, 2] in a block with room 4
        IntFifo grown = base.addTail(3); // in place: tail [1, 2, 3]
        IntFifo popped = grown.removeHead(); // head is grown's tail block [1, 2, 3], no tail
        IntFifo appended = grown.addTail(4); // writes slot 3 of that block
        assertThat(appended.sharesLastBlockWith(grown)).isTrue();
        assertThat(popped.sharesLastBlockWith(grown)).isTrue();
        assertThat(popped.addTail(9).sharesLastBlockWith(popped)).isFalse();
        assertThat(popped.toArray()).containsExactly(1, 2, 3);
        assertThat(popped.size()).isEqualTo(3);
        assertThat(popped.addTail(9).toArray()).containsExactly(1, 2, 3, 9);
        assertThat(appended.toArray()).containsExactly(0, 1, 2, 3, 4);
    }

    /** Many threads extend the same version at once: exactly one may claim each slot, and every result is its own line. */
    @Test
    @Timeout(60)
    void concurrentAppendsToOneVersionEachSeeTheirOwnIds() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 200; round++) {
                IntFifo base = fifo(round % 40);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<IntFifo>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int id = 1_000 + t;
                    Callable<IntFifo> task = () -> {
                        start.await();
                        IntFifo f = base;
                        for (int i = 0; i < 50; i++) {
                            f = f.addTail(id * 100 + i);
                        }
                        return f;
                    };
                    results.add(pool.submit(task));
                }
                start.countDown();
                for (int t = 0; t < threads; t++) {
                    int[] expected = IntStream.concat(IntStream.range(0, round % 40),
                            IntStream.range(0, 50).map(i -> 0)).toArray();
                    for (int i = 0; i < 50; i++) {
                        expected[round % 40 + i] = (1_000 + t) * 100 + i;
                    }
                    IntFifo f = results.get(t).get();
                    assertThat(f.toArray()).containsExactly(expected);
                    assertThat(f.sameContents(IntFifo.of(expected, expected.length))).isTrue();
                }
                assertThat(base.toArray()).containsExactly(range(0, round % 40));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
