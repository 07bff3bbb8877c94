// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PersistentVector} against a {@link java.util.ArrayList} model across every trie-depth
 * boundary (1 level up to 16 elements, 2 up to 256, 3 up to 4,096, 4 up to 65,536, then 5), and old versions
 * unchanged after later updates.
 */
class PersistentVectorTest {
    private static final int[] BOUNDARIES = {0, 1, 15, 16, 17, 255, 256, 257, 4095, 4096, 4097, 65535, 65536, 65537};

    /** Appends and reads agree with a list at every size around the depth boundaries. */
    @Test
    void appendAndGetAcrossDepthBoundaries() {
        PersistentVector<Integer> v = PersistentVector.empty();
        List<Integer> model = new ArrayList<>();
        for (int n = 0; n <= 65537; n++) {
            if (java.util.Arrays.binarySearch(BOUNDARIES, n) >= 0) {
                assertThat(v.size()).isEqualTo(n);
                for (int i = 0; i < n; i++) {
                    assertThat(v.get(i)).as("element %d of %d", i, n).isEqualTo(model.get(i));
                }
                PersistentVector<Integer> full = v;
                int size = n;
                assertThatThrownBy(() -> full.get(size)).isInstanceOf(IndexOutOfBoundsException.class);
            }
            v = v.append(n * 7);
            model.add(n * 7);
        }
    }

    /** Random sets on vectors of each boundary size: the result matches the model and the old version is unchanged. */
    @Test
    void setLeavesOldVersionsUnchanged() {
        Random rnd = new Random(8);
        for (int n : BOUNDARIES) {
            if (n == 0) {
                continue;
            }
            PersistentVector<Integer> v = PersistentVector.empty();
            List<Integer> model = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                v = v.append(i);
                model.add(i);
            }
            for (int k = 0; k < 50; k++) {
                int i = rnd.nextInt(n);
                PersistentVector<Integer> before = v;
                List<Integer> beforeModel = List.copyOf(model);
                v = v.set(i, -k - 1);
                model.set(i, -k - 1);
                assertThat(asList(v)).isEqualTo(model);
                assertThat(asList(before)).isEqualTo(beforeModel);
            }
        }
    }

    /** A batch of sets (repeated indices included) equals the same sets one by one, and the old version is unchanged. */
    @Test
    void setAllEqualsSetsOneByOneAndLeavesOldVersionsUnchanged() {
        Random rnd = new Random(9);
        for (int n : BOUNDARIES) {
            if (n == 0) {
                continue;
            }
            PersistentVector<Integer> v = upTo(n);
            for (int round = 0; round < 20; round++) {
                int count = 1 + rnd.nextInt(Math.min(n, 70));
                int[] indices = new int[count];
                Integer[] values = new Integer[count];
                PersistentVector<Integer> oneByOne = v;
                for (int k = 0; k < count; k++) {
                    indices[k] = rnd.nextInt(n);
                    values[k] = -(round * 100 + k) - 1;
                    oneByOne = oneByOne.set(indices[k], values[k]);
                }
                List<Integer> before = asList(v);
                PersistentVector<Integer> batch = v.setAll(count, indices, values);
                assertThat(asList(batch)).as("n=%d round %d", n, round).isEqualTo(asList(oneByOne));
                assertThat(asList(v)).as("old version, n=%d round %d", n, round).isEqualTo(before);
                v = batch;
            }
        }
        PersistentVector<Integer> one = PersistentVector.<Integer>empty().append(1);
        assertThat(one.setAll(0, new int[0], new Integer[0])).isSameAs(one);
    }

    @Test
    void setTwoEqualsTwoSetsAndLeavesOldVersionsUnchanged() {
        Random rnd = new Random(11);
        for (int n : BOUNDARIES) {
            if (n == 0) {
                continue;
            }
            PersistentVector<Integer> v = upTo(n);
            for (int round = 0; round < 20; round++) {
                int i = rnd.nextInt(n);
                int j = round % 5 == 0 ? i : rnd.nextInt(n); // the same index twice: the second value wins
                List<Integer> before = asList(v);
                PersistentVector<Integer> two = v.set(i, -2 * round - 1, j, -2 * round - 2);
                assertThat(asList(two)).as("n=%d round %d", n, round).isEqualTo(asList(v.set(i, -2 * round - 1).set(j, -2 * round - 2)));
                assertThat(asList(v)).as("old version, n=%d round %d", n, round).isEqualTo(before);
                v = two;
            }
            PersistentVector<Integer> last = v;
            assertThatThrownBy(() -> last.set(0, 1, n, 2)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> last.set(0, 1, 0, null)).isInstanceOf(NullPointerException.class);
        }
    }

    /** The vector 0, 1, ..., n - 1. */
    private static PersistentVector<Integer> upTo(int n) {
        PersistentVector<Integer> v = PersistentVector.empty();
        for (int i = 0; i < n; i++) {
            v = v.append(i);
        }
        return v;
    }

    static <T> List<T> asList(PersistentVector<T> v) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(v.get(i));
        }
        return out;
    }
}
