// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.smp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Lcg}: FreeBSD's per-CPU randomval and sched_random(). */
class LcgTest {

    @Test
    void bootSeedIsCpuTimes69069Plus5() {
        assertThat(Lcg.seed(0)).isEqualTo(5);
        assertThat(Lcg.seed(1)).isEqualTo(69074);
        assertThat(Lcg.seed(31)).isEqualTo(2141144);
        // Wraps mod 2^32 like the kernel's u32 randomval.
        assertThat(Integer.toUnsignedLong(Lcg.seed(62222))).isEqualTo((62222L * 69069 + 5) & 0xFFFF_FFFFL);
    }

    @Test
    void sequencesFromBootSeedsMatchHandComputedValues() {
        assertSequence(0, new int[] {5, 36287, 53438, 58975}, 3864998865L);
        assertSequence(1, new int[] {7261, 13503, 15223, 40815}, 2674863854L);
        assertSequence(3, new int[] {21774, 33470, 4331, 4495}, 294593832L);
        assertSequence(31, new int[] {28347, 50870, 48446, 20302}, 1330551892L);
    }

    private static void assertSequence(int cpu, int[] draws, long finalState) {
        Lcg rnd = new Lcg(Lcg.seed(cpu));
        assertThat(rnd.draws()).isZero();
        for (int i = 0; i < draws.length; i++) {
            assertThat(rnd.next()).as("draw %d from seed(%d)", i, cpu).isEqualTo(draws[i]);
        }
        assertThat(rnd.draws()).isEqualTo(draws.length);
        assertThat(Integer.toUnsignedLong(rnd.state())).isEqualTo(finalState);
    }

    @Test
    void agreesWithUnsigned64BitArithmeticEverywhere() {
        for (int cpu = 0; cpu < 256; cpu++) {
            Lcg rnd = new Lcg(Lcg.seed(cpu));
            long x = (cpu * 69069L + 5) & 0xFFFF_FFFFL;
            for (int i = 0; i < 1000; i++) {
                x = (x * 69069 + 5) & 0xFFFF_FFFFL;
                int out = rnd.next();
                assertThat(out).isEqualTo((int) (x >>> 16)).isBetween(0, 65535);
                assertThat(Integer.toUnsignedLong(rnd.state())).isEqualTo(x);
            }
            assertThat(rnd.draws()).isEqualTo(1000);
        }
    }

    @Test
    void generatorsAreIndependent() {
        Lcg a = new Lcg(Lcg.seed(2));
        Lcg b = new Lcg(Lcg.seed(2));
        a.next();
        a.next();
        assertThat(b.state()).isEqualTo(Lcg.seed(2));
        assertThat(b.draws()).isZero();
        b.next();
        b.next();
        assertThat(b.state()).isEqualTo(a.state());
    }
}
