// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.topo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The CpuSet methods added for the topology: ofRange, intersects, parseWords, toWordsString. */
class CpuSetTest {

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
}
