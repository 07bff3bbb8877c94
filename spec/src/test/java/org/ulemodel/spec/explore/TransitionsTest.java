// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.spec.EventText;

/** The explorer's transition relation: a transition named by its (move, index) pair is followed to the same state. */
class TransitionsTest {
    @SuppressWarnings("unchecked")
    private static Transitions<Machine> ule14(ExploreConfig cfg) {
        return (Transitions<Machine>) Transitions.of(cfg);
    }

    @Test
    void followingATransitionByItsPairReachesTheStateExpandReached() {
        Transitions<Machine> t = ule14(ExploreConfig.defaults().withMoves(List.of(Move.values())));
        Transitions.Start<Machine> s0 = t.start();
        assertThat(s0.setup()).hasSize(3);
        assertThat(s0.violation()).isNull();
        List<long[]> seen = new ArrayList<>();
        t.expand(s0.state(), s0.monitor(), 3, (move, index, e, repeats, s, w, v) -> {
            seen.add(new long[] {move, index, t.fingerprint(s, w), repeats});
            return true;
        });
        assertThat(seen).isNotEmpty();
        int[] pairsInOrder = {-1, -1};
        for (long[] x : seen) {
            assertThat(x[0] > pairsInOrder[0] || (x[0] == pairsInOrder[0] && x[1] > pairsInOrder[1])).as("in (move, index) order").isTrue();
            pairsInOrder[0] = (int) x[0];
            pairsInOrder[1] = (int) x[1];
            long[] again = new long[1];
            boolean ok = t.follow(s0.state(), s0.monitor(), 3, (int) x[0], (int) x[1], (move, index, e, repeats, s, w, v) -> {
                again[0] = t.fingerprint(s, w);
                assertThat((long) repeats).isEqualTo(x[3]);
                return true;
            });
            assertThat(ok).isTrue();
            assertThat(again[0]).isEqualTo(x[2]);
        }
        assertThat(t.follow(s0.state(), s0.monitor(), 3, 0, 1_000, (move, index, e, repeats, s, w, v) -> true)).isFalse();
        assertThat(t.follow(s0.state(), s0.monitor(), 3, Move.values().length, 0, (move, index, e, repeats, s, w, v) -> true)).isFalse();
    }

    @Test
    void aRefusedSetupEventIsReported() {
        ExploreConfig cfg = ExploreConfig.defaults().withPrefix(EventText.parseAll("wake tid=9 on=0\n", "setup").events());
        assertThatThrownBy(() -> Transitions.of(cfg).start()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("setup event 4");
    }
}
