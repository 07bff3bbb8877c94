// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.runq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link BlockVector} pushes in place into the trie it shares with older versions, pops without
 * copying inside a leaf, and every version keeps showing exactly its own blocks, also when old
 * versions are pushed to or popped again.
 */
class BlockVectorTest {

    private static int[] block(int tag) {
        return new int[] {tag};
    }

    /** The tags of v, front first. */
    private static List<Integer> tags(BlockVector v) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(v.get(i)[0]);
        }
        return out;
    }

    @Test
    void pushesIntoTheSharedTrieAndAnOldVersionPushedAgainCopies() {
        BlockVector v = BlockVector.EMPTY;
        for (int i = 0; i < 70; i++) { // two levels: the second and third leaves are installed in place too
            BlockVector next = v.pushBack(block(i));
            if (i > 0 && i != 32) { // the first push makes the root, the 33rd a new top level
                assertThat(next.sharesRootWith(v)).as("push %d", i).isTrue();
            }
            v = next;
        }
        BlockVector a = v.pushBack(block(100));
        BlockVector b = v.pushBack(block(200)); // slot 70 is a's: path copy
        assertThat(a.sharesRootWith(v)).isTrue();
        assertThat(b.sharesRootWith(v)).isFalse();
        assertThat(v.size()).isEqualTo(70);
        assertThat(a.get(70)[0]).isEqualTo(100);
        assertThat(b.get(70)[0]).isEqualTo(200);
        assertThat(tags(v)).hasSize(70).doesNotContain(100, 200);
        // b's copied path is its own: it keeps pushing in place there.
        BlockVector b2 = b.pushBack(block(201));
        assertThat(b2.sharesRootWith(b)).isTrue();
        assertThat(tags(b2).subList(69, 72)).containsExactly(69, 200, 201);
        assertThat(tags(a)).endsWith(69, 100);
    }

    @Test
    void popsShareTheTrieUntilALeafIsUsedUpThenUnlinkIt() {
        BlockVector v = BlockVector.EMPTY;
        for (int i = 0; i < 70; i++) {
            v = v.pushBack(block(i));
        }
        BlockVector p = v;
        for (int i = 0; i < 31; i++) {
            BlockVector next = p.popFront();
            assertThat(next.sharesRootWith(p)).isTrue();
            p = next;
        }
        BlockVector crossed = p.popFront(); // leaf 0 used up
        assertThat(crossed.sharesRootWith(p)).isFalse();
        assertThat(crossed.get(0)[0]).isEqualTo(32);
        assertThat(crossed.size()).isEqualTo(38);
        assertThat(tags(p).get(0)).isEqualTo(31);
        assertThat(tags(v)).hasSize(70);
        assertThat(v.first()[0]).isZero();
    }

    /** Random pushes and pops on random old versions agree with plain lists, across three trie levels. */
    @Test
    void randomBranchingAgreesWithLists() {
        Random rnd = new Random(14);
        List<BlockVector> versions = new ArrayList<>();
        List<List<Integer>> expected = new ArrayList<>();
        versions.add(BlockVector.EMPTY);
        expected.add(List.of());
        int tag = 0;
        int deepest = 0;
        for (int step = 0; step < 6_000; step++) {
            int from = rnd.nextInt(20) < 19 ? versions.size() - 1 : rnd.nextInt(versions.size());
            BlockVector v = versions.get(from);
            List<Integer> e = new ArrayList<>(expected.get(from));
            int burst = 1 + rnd.nextInt(40);
            for (int k = 0; k < burst; k++) {
                if (e.isEmpty() || rnd.nextInt(100) < 70) {
                    v = v.pushBack(block(tag));
                    e.add(tag++);
                } else {
                    v = v.popFront();
                    e.remove(0);
                }
            }
            deepest = Math.max(deepest, e.size());
            versions.add(v);
            expected.add(e);
        }
        for (int i = 0; i < versions.size(); i += 7) {
            assertThat(tags(versions.get(i))).as("version %d", i).isEqualTo(expected.get(i));
        }
        assertThat(deepest).isGreaterThan(32 * 32 + 32); // a third level was needed
    }
}
