// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ulemodel.core.topo.CpuGroup;

/**
 * Runs one SMP scheduler routine on its own — idle stealing ({@code tdq_idled},
 * {@code tdq_trysteal}) or a balancer pass ({@code sched_balance}) — on a given state, without
 * the context switch that follows, and reports what it decided step by step. This is how the
 * golden SMP tables are recomputed, and how another implementation can compare one routine at a
 * time.
 */
public final class SmpProbe {
    private SmpProbe() {
    }

    /**
     * What a routine did.
     *
     * @param state        the state afterwards (no switch performed)
     * @param decisions    decisions in order (migrations, IPIs, PICKCPU marks, …)
     * @param trace        search steps in the golden tables' tokens: {@code H<group>><cpu>},
     *                     {@code L<high>><low>}, {@code M<tid>:<from>><to>}, {@code X<from>><to>},
     *                     {@code P<cpu>:<tid>}
     * @param stolen       for {@code tdq_idled}: whether it took a thread
     * @param balanceTicks {@code balance_ticks} afterwards
     * @param randomDraws  {@code sched_random()} calls made
     */
    public record Outcome(Machine state, List<Decision> decisions, List<String> trace, boolean stolen, int balanceTicks,
            int randomDraws) {
    }

    /** Writes what the searches did as the golden tables' tokens. */
    private static final class Tokens implements SmpObserver {
        final List<String> tokens = new ArrayList<>();

        @Override
        public void searched(CpuGroup group, int cpu) {
            tokens.add("H" + group.name() + ">" + cpu);
        }

        @Override
        public void nothingMoved(int from, int to) {
            tokens.add("X" + from + ">" + to);
        }

        @Override
        public void moved(int tid, int from, int to) {
            tokens.add("M" + tid + ":" + from + ">" + to);
        }

        @Override
        public void repickAsked(int cpu, int tid) {
            tokens.add("P" + cpu + ":" + tid);
        }

        @Override
        public void lowestFound(int high, int low) {
            tokens.add("L" + high + ">" + low);
        }
    }

    private static Transition start(Machine m, Set<Integer> lockedElsewhere) {
        Transition tx = new Transition(m);
        tx.observer(new Tokens());
        tx.lockedElsewhere(lockedElsewhere::contains);
        return tx;
    }

    private static Outcome finish(Transition tx, boolean stolen) {
        return new Outcome(tx.commit(), tx.decisionList(), List.copyOf(((Tokens) tx.observer()).tokens), stolen, tx.balanceTicks,
                tx.randomDraws);
    }

    private static void requireIdle(Machine m, int cpu, String what) {
        CpuState c = m.cpu(cpu);
        if (!c.isIdle() || c.load() != 0 || c.queued() != 0) {
            throw new IllegalArgumentException(what + " on CPU " + cpu + ": expected an idle CPU with no load, found thread "
                    + c.curthread() + " running, load " + c.load() + ", " + c.queued() + " queued");
        }
    }

    /** {@code tdq_idled} on idle CPU {@code cpu}. */
    public static Outcome idled(Machine m, int cpu) {
        requireIdle(m, cpu, "tdq_idled");
        Transition tx = start(m, Set.of());
        boolean stolen = tx.tdqIdled(cpu);
        return finish(tx, stolen);
    }

    /** {@code tdq_trysteal} on CPU {@code cpu}, whose load just fell to 0. */
    public static Outcome trysteal(Machine m, int cpu) {
        requireIdle(m, cpu, "tdq_trysteal");
        Transition tx = start(m, Set.of());
        tx.tdqTrysteal(cpu);
        return finish(tx, tx.decided());
    }

    /**
     * {@code sched_balance} run by CPU 0. {@code lockedElsewhere} names running threads whose
     * {@code td_lock} is momentarily not their CPU's lock (the balancer leaves them alone), a
     * transient kernel state that recorded states may carry.
     */
    public static Outcome balance(Machine m, Set<Integer> lockedElsewhere) {
        Transition tx = start(m, lockedElsewhere);
        tx.schedBalance();
        return finish(tx, false);
    }
}
