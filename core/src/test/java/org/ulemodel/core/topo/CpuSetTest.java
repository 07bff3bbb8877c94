// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.topo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The CpuSet methods added for the topology: ofRange, intersects, parseWords, toWordsString, and, containsAll. */
class CpuSetTest {

    /** The set of CPUs {@code from..to-1} built one CPU at a time, the reference for the word fills. */
    private static CpuSet oneByOne(int from, int to) {
        CpuSet s = CpuSet.empty();
        for (int c = from; c < to; c++) {
            s = s.with(c);
        }
        return s;
    }

    @Test
    void rangesFillWholeWordsAsOneCpuAtATimeWould() {
        for (int from = 0; from <= 130; from++) {
            for (int to = from; to <= 200; to += 1 + to % 7) {
                assertThat(CpuSet.ofRange(from, to)).as("%d..%d", from, to).isEqualTo(oneByOne(from, to));
            }
        }
        for (int n = 0; n <= 200; n++) {
            assertThat(CpuSet.firstN(n)).isEqualTo(oneByOne(0, n));
            assertThat(CpuSet.firstN(n).size()).isEqualTo(n);
        }
        assertThatThrownBy(() -> CpuSet.firstN(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void andIsTheIntersectionAndReturnsAnOperandThatLiesInTheOther() {
        CpuSet[] sets = {CpuSet.empty(), CpuSet.of(0), CpuSet.of(3, 70), CpuSet.firstN(64), CpuSet.firstN(65),
            CpuSet.of(64, 200), CpuSet.ofRange(60, 130), CpuSet.of(1, 2, 3)};
        for (CpuSet a : sets) {
            for (CpuSet b : sets) {
                CpuSet both = CpuSet.empty();
                for (int c = 0; c <= 200; c++) {
                    if (a.contains(c) && b.contains(c)) {
                        both = both.with(c);
                    }
                }
                assertThat(a.and(b)).as("%s & %s", a, b).isEqualTo(both);
                assertThat(a.containsAll(b)).as("%s ⊇ %s", a, b).isEqualTo(both.equals(b));
            }
        }
        CpuSet all = CpuSet.firstN(64);
        CpuSet some = CpuSet.of(1, 5);
        assertThat(some.and(all)).isSameAs(some);
        assertThat(all.and(some)).isSameAs(some);
        assertThat(all.and(CpuSet.firstN(64))).isSameAs(all);
        assertThat(CpuSet.of(1, 70).containsAll(CpuSet.of(1, 71))).isFalse();
        assertThat(CpuSet.of(1).containsAll(CpuSet.of(1, 64))).isFalse();
        assertThat(CpuSet.of(1, 64).containsAll(CpuSet.of(1))).isTrue();
    }

    @Test
    void ofRangeIsHalfOpen() {
        assertThat(CpuSet.ofRange(2, 4)).isEqualTo(CpuSet.of(2, 3));
        assertThat(CpuSet.ofRange(0, 1024)).isEqualTo(CpuSet.firstN(1024));
        assertThat(CpuSet.ofRange(62, 66).toHex()).isEqualTo("3c000000000000000");
        assertThat(CpuSet.ofRange(5, 5).isEmpty()).isTrue();
        assertThat(CpuSet.ofRange(5, 3).isEmpty()).isTrue();
        assertThatThrownBy(() -> CpuSet.ofRange(-1, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void intersectsIsCpuOverlap() {
        assertThat(CpuSet.of(1, 70).intersects(CpuSet.of(70))).isTrue();
        assertThat(CpuSet.of(1, 70).intersects(CpuSet.of(2, 71))).isFalse();
        assertThat(CpuSet.of(1).intersects(CpuSet.of(1000))).isFalse();
        assertThat(CpuSet.empty().intersects(CpuSet.empty())).isFalse();
    }

    @Test
    void wordsStringIsCpusetobjStrprint() {
        assertThat(CpuSet.ofMask(0xf).toWordsString(4)).isEqualTo("f,0,0,0");
        assertThat(CpuSet.empty().toWordsString(2)).isEqualTo("0,0");
        assertThat(CpuSet.empty().toWordsString(0)).isEqualTo("0");
        assertThat(CpuSet.of(0, 64, 129).toWordsString(1)).isEqualTo("1,1,2");
        assertThat(CpuSet.ofMask(-1L).toWordsString(1)).isEqualTo("ffffffffffffffff");
    }

    @Test
    void parseWordsReadsLowestWordFirst() {
        assertThat(CpuSet.parseWords("f,0,0,0")).isEqualTo(CpuSet.firstN(4));
        assertThat(CpuSet.parseWords("0x1, 0X1 ,2")).isEqualTo(CpuSet.of(0, 64, 129));
        assertThat(CpuSet.parseWords("ffffffffffffffff")).isEqualTo(CpuSet.firstN(64));
        assertThat(CpuSet.parseWords("0,0")).isEqualTo(CpuSet.empty());
        CpuSet big = CpuSet.of(3, 77, 1023);
        assertThat(CpuSet.parseWords(big.toWordsString(16))).isEqualTo(big);
    }

    @Test
    void parseWordsNamesTheBadWord() {
        assertThatThrownBy(() -> CpuSet.parseWords("f,,0")).hasMessageContaining("bad CPU mask word 2 ''");
        assertThatThrownBy(() -> CpuSet.parseWords("1ffffffffffffffff")).hasMessageContaining("64-bit hex words");
        assertThatThrownBy(() -> CpuSet.parseWords("g")).hasMessageContaining("word 1 'g'");
        assertThatThrownBy(() -> CpuSet.parseWords(" ")).hasMessageContaining("empty CPU mask");
        assertThatThrownBy(() -> CpuSet.parseWords("0x")).hasMessageContaining("word 1 '0x'");
    }

    /** The hash is the words' structural hash, computed once and the same however the set was made. */
    @Test
    void theHashIsTheWordsHashEveryTimeHoweverTheSetWasMade() {
        java.util.Random rnd = new java.util.Random(5);
        for (int round = 0; round < 300; round++) {
            long[] words = new long[1 + rnd.nextInt(3)];
            for (int w = 0; w < words.length; w++) {
                words[w] = rnd.nextInt(4) == 0 ? 0 : rnd.nextLong();
            }
            CpuSet a = CpuSet.ofWords(words);
            CpuSet b = CpuSet.empty();
            for (int c : a.toArray()) {
                b = b.with(c);
            }
            int expected = java.util.Arrays.hashCode(wordsOf(a));
            assertThat(a.hashCode()).isEqualTo(expected);
            assertThat(a.hashCode()).as("asked again").isEqualTo(expected);
            assertThat(b).isEqualTo(a);
            assertThat(b.hashCode()).isEqualTo(expected);
            CpuSet c = a.isEmpty() ? a.with(3) : a.without(a.first());
            assertThat(c.hashCode()).as("a set one CPU away").isEqualTo(java.util.Arrays.hashCode(wordsOf(c)));
        }
    }

    private static long[] wordsOf(CpuSet s) {
        long[] w = new long[s.wordCount()];
        for (int i = 0; i < w.length; i++) {
            w[i] = s.word(i);
        }
        return w;
    }
}
