// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Cost#of}: the same value as the constructor for every count, one shared record for the common ones. */
class CostTest {
    @Test
    void ofEqualsTheConstructorEverywhereAndSharesTheCommonCosts() {
        int[] counts = {-1, 0, 1, 2, 3, 4, 7, 8, 100};
        int shared = 0;
        for (int p : counts) {
            for (int w : counts) {
                for (int m : counts) {
                    for (int e : new int[] {0, 1}) {
                        for (int h : counts) {
                            for (int r : new int[] {0, 1}) {
                                Cost c = Cost.of(p, w, m, e, h, r);
                                assertThat(c).isEqualTo(new Cost(p, w, m, e, h, r));
                                boolean common = p >= 0 && p <= 1 && w >= 0 && w <= 3 && m >= 0 && m <= 3 && e == 0
                                        && h >= 0 && h <= 7 && r == 0;
                                assertThat(Cost.of(p, w, m, e, h, r) == c).as("%s shared", c).isEqualTo(common);
                                shared += common ? 1 : 0;
                            }
                        }
                    }
                }
            }
        }
        assertThat(shared).isEqualTo(2 * 4 * 4 * 6); // of the counts tried, 0..7 for hooks gives 6 (0, 1, 2, 3, 4, 7)
        assertThat(Cost.of(0, 0, 0, 0, 0, 0)).isEqualTo(Cost.ZERO);
    }
}
