// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The visited set behaves as a set of longs and stays within 16 bytes per element once grown. */
class LongHashSetTest {
    @Test
    void behavesLikeASetOfLongsIncludingZero() {
        LongHashSet s = new LongHashSet(4);
        Set<Long> ref = new HashSet<>();
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            long v = i % 1000 == 0 ? 0L : rnd.nextLong(300_000) * 0x9E3779B97F4A7C15L;
            assertThat(s.add(v)).isEqualTo(ref.add(v));
        }
        assertThat(s.size()).isEqualTo(ref.size());
        for (long v : ref) {
            assertThat(s.contains(v)).isTrue();
        }
        assertThat(s.contains(12345L)).isEqualTo(ref.contains(12345L));
        Set<Long> back = new HashSet<>();
        s.forEach(back::add);
        assertThat(back).isEqualTo(ref);
    }

    @Test
    void usesAtMostSixteenBytesPerElementOnceGrown() {
        LongHashSet s = new LongHashSet();
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 1; i <= 1_000_000; i++) {
            s.add(rnd.nextLong());
            if (i >= 10_000 && i % 997 == 0) {
                assertThat((double) s.tableBytes() / s.size()).isLessThanOrEqualTo(16.0);
            }
        }
    }
}
