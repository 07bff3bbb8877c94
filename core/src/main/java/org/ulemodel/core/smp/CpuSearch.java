// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.smp;

import java.util.Objects;
import org.ulemodel.core.topo.CpuGroup;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;

/**
 * The load-weighted topology searches of FreeBSD 14 ULE: {@code sched_lowest} &rarr;
 * {@code cpu_search_lowest} and {@code sched_highest} &rarr; {@code cpu_search_highest}
 * (sys/kern/sched_ule.c, the 2021+ form shared by V14 and V15).
 *
 * <p>Both walk the group tree depth first, visiting children from {@code cg_child[n-1]} down to
 * {@code cg_child[0]} and, in a leaf, CPUs from {@code cg_last} down to {@code cg_first}. Each
 * qualifying CPU costs one {@code sched_random()} draw from the searching CPU's generator, so the
 * visiting order fixes which CPU gets which jitter. Loads are read through a {@link LoadView},
 * without locks. All int arithmetic wraps, as in the kernel (built with -fwrapv).
 *
 * <p>Stateless; the only mutation is of the caller's {@link Lcg}.
 */
public final class CpuSearch {
    /** Weight of one thread of {@code tdq_load} in the search totals. */
    public static final int LOAD_WEIGHT = 256;
    /** Bonus subtracted from the preferred CPU's load (cs_prefer) in the lowest search. */
    public static final int PREFER_BONUS = 128;
    /** Jitter range of the lowest search: {@code sched_random() % 128}. */
    public static final int LOWEST_JITTER = 128;
    /** Jitter range of the highest search: {@code sched_random() % 256}. */
    public static final int HIGHEST_JITTER = 256;

    private CpuSearch() {
    }

    /**
     * {@code sched_lowest(cg, mask, pri, maxload, prefer, running)}: the least loaded CPU on the
     * least loaded path below {@code cg} that is in {@code mask}, has load &le; {@code maxload}
     * and whose {@code tdq_lowpri} is worse (numerically greater) than {@code pri} (-1 accepts
     * any). The {@code prefer} CPU gets a bonus of 128 (half a thread); when {@code running}, the
     * thread is counted out of the preferred CPU's load, that CPU ignores the lowpri test, the
     * bonus only applies where the resulting load is 0, and a busy SMT child group with an odd
     * half-thread total is pushed back by 128. Ties between CPUs keep the first visited; ties
     * between groups go to the smaller winner load.
     *
     * <p>Invariant: the result CPU, when found, is in {@code mask} and in {@code cg}; {@code total}
     * does not depend on the mask, pri or maxload. FreeBSD: sched_lowest / cpu_search_lowest.
     *
     * @param t       the topology that owns {@code cg}
     * @param cg      the group to search (cpu_top for a global search)
     * @param mask    allowed CPUs (the thread's cpuset; may contain CPUs beyond the machine)
     * @param pri     cs_pri: a CPU qualifies only if its lowpri &gt; pri; -1 accepts any
     * @param maxload cs_load: largest acceptable tdq_load (after the running adjustment)
     * @param prefer  cs_prefer: the CPU to favour (ts_cpu), or -1 for none
     * @param running cs_running: the thread is running on {@code prefer} right now
     * @param v       the per-CPU loads
     * @param rnd     the searching CPU's randomval, advanced once per qualifying CPU
     */
    public static SearchResult lowest(Topology t, CpuGroup cg, CpuSet mask, int pri, int maxload, int prefer,
            boolean running, LoadView v, Lcg rnd) {
        Objects.requireNonNull(t, "topology");
        Objects.requireNonNull(cg, "group");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(v, "loads");
        Objects.requireNonNull(rnd, "rnd");
        return new Search(true, t, mask, maxload, pri, prefer, running, v, rnd).run(cg);
    }

    /**
     * {@code sched_highest(cg, mask, minload, mintrans)}: the most loaded CPU on the most loaded
     * path below {@code cg} that is in {@code mask}, has load &ge; {@code minload} and
     * transferable &ge; {@code mintrans}. Each candidate's load is 256&middot;l &minus;
     * {@code sched_random() % 256}; the strictly largest wins within a leaf, first visited on a
     * tie; between groups the larger total wins, then the larger winner load.
     *
     * <p>Invariant: the result CPU, when found, is in {@code mask} and in {@code cg};
     * {@code total} is 256 times the sum of the group's loads. FreeBSD: sched_highest /
     * cpu_search_highest.
     *
     * @param t        the topology that owns {@code cg}
     * @param cg       the group to search
     * @param mask     allowed CPUs
     * @param minload  cs_load: smallest acceptable tdq_load
     * @param mintrans cs_trans: smallest acceptable tdq_transferable
     * @param v        the per-CPU loads
     * @param rnd      the searching CPU's randomval, advanced once per qualifying CPU
     */
    public static SearchResult highest(Topology t, CpuGroup cg, CpuSet mask, int minload, int mintrans, LoadView v,
            Lcg rnd) {
        Objects.requireNonNull(t, "topology");
        Objects.requireNonNull(cg, "group");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(v, "loads");
        Objects.requireNonNull(rnd, "rnd");
        return new Search(false, t, mask, minload, mintrans, -1, false, v, rnd).run(cg);
    }

    /**
     * One search, lowest or highest (FreeBSD's {@code struct cpu_search}), and the
     * {@code cpu_search_res} of the group searched last: {@link #search} returns the group's
     * total and leaves its winner in {@link #cpu} and {@link #load}, so that a search costs one
     * object and not one result per group.
     */
    private static final class Search {
        /** sched_lowest (true) or sched_highest (false). */
        private final boolean lowest;
        private final Topology t;
        private final CpuSet mask;
        /** cs_load: the largest (lowest) or smallest (highest) acceptable tdq_load. */
        private final int limit;
        /** cs_pri (lowest) or cs_trans (highest). */
        private final int priOrTrans;
        private final int prefer;
        private final boolean running;
        private final LoadView v;
        private final Lcg rnd;
        /** The worst score, the start of every comparison: INT_MAX for lowest, INT_MIN for highest. */
        private final int worst;
        /** The mask holds every CPU of the searched group, so no CPU's membership needs testing. */
        private boolean allowedAll;
        /** csr_cpu of the group searched last, -1 when none qualified. */
        private int cpu;
        /** csr_load of the group searched last. */
        private int load;

        Search(boolean lowest, Topology t, CpuSet mask, int limit, int priOrTrans, int prefer, boolean running, LoadView v,
                Lcg rnd) {
            this.lowest = lowest;
            this.t = t;
            this.mask = mask;
            this.limit = limit;
            this.priOrTrans = priOrTrans;
            this.prefer = prefer;
            this.running = running;
            this.v = v;
            this.rnd = rnd;
            this.worst = lowest ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        }

        SearchResult run(CpuGroup cg) {
            allowedAll = mask.containsAll(cg.mask());
            int total = search(cg);
            return new SearchResult(cpu, load, total);
        }

        /** cpu_search_lowest/highest over {@code cg}: returns its total, sets {@link #cpu} and {@link #load}. */
        private int search(CpuGroup cg) {
            int n = cg.childCount();
            if (n == 0) {
                return leaf(cg);
            }
            int total = 0;
            int bestScore = worst;
            int bestCpu = -1;
            int bestLoad = worst;
            for (int i = n - 1; i >= 0; i--) {
                CpuGroup child = t.group(cg.child(i));
                // A leaf child is searched here rather than through the recursive call, which the
                // JIT does not inline: one call less per core.
                int score = child.isLeaf() ? leaf(child) : search(child);
                total += score;
                // Running thread: an SMT core whose total carries the odd half-thread of the
                // preference bonus and at least half a thread loses that bonus again.
                if (lowest && running && child.isThreadGroup() && score >= PREFER_BONUS && (score & PREFER_BONUS) != 0) {
                    score += PREFER_BONUS;
                }
                if (cpu >= 0 && (lowest ? score < bestScore || (score == bestScore && load < bestLoad)
                        : score > bestScore || (score == bestScore && load > bestLoad))) {
                    bestScore = score;
                    bestCpu = cpu;
                    bestLoad = load;
                }
            }
            cpu = bestCpu;
            load = bestLoad;
            return total;
        }

        private int leaf(CpuGroup cg) {
            CpuSet own = cg.mask();
            // Membership tests that cannot fail are skipped: a leaf that is a run of CPUs, a
            // query mask that holds the whole leaf.
            boolean range = cg.isRange();
            boolean allowed = allowedAll || mask.containsAll(own);
            return lowest ? lowestLeaf(cg, own, range, allowed) : highestLeaf(cg, own, range, allowed);
        }

        private int lowestLeaf(CpuGroup cg, CpuSet own, boolean range, boolean allowed) {
            int total = 0;
            int bestScore = Integer.MAX_VALUE;
            int bestCpu = -1;
            int bestLoad = Integer.MAX_VALUE;
            for (int c = cg.last(), first = cg.first(); c >= first; c--) {
                if (!range && !own.contains(c)) {
                    continue;
                }
                int l = v.load(c);
                int bonus = 0;
                boolean preferred = c == prefer;
                if (preferred) {
                    if (running) {
                        l--;
                    }
                    bonus = PREFER_BONUS;
                }
                int w = l * LOAD_WEIGHT;
                total += w - bonus;
                if (l > limit || (v.lowpri(c) <= priOrTrans && !(running && preferred)) || !(allowed || mask.contains(c))) {
                    continue;
                }
                if (running && l > 0) {
                    bonus = 0;
                }
                w -= rnd.next() % LOWEST_JITTER;
                if (bestScore > w - bonus) {
                    bestScore = w - bonus;
                    bestCpu = c;
                    bestLoad = w;
                }
            }
            cpu = bestCpu;
            load = bestLoad;
            return total;
        }

        private int highestLeaf(CpuGroup cg, CpuSet own, boolean range, boolean allowed) {
            int total = 0;
            int bestScore = Integer.MIN_VALUE;
            int bestCpu = -1;
            for (int c = cg.last(), first = cg.first(); c >= first; c--) {
                if (!range && !own.contains(c)) {
                    continue;
                }
                int l = v.load(c);
                int w = l * LOAD_WEIGHT;
                total += w;
                if (l < limit || v.transferable(c) < priOrTrans || !(allowed || mask.contains(c))) {
                    continue;
                }
                w -= rnd.next() % HIGHEST_JITTER;
                if (w > bestScore) {
                    bestScore = w;
                    bestCpu = c;
                }
            }
            // As in the kernel, the leaf's csr_load is the best jittered load (INT_MIN when none).
            cpu = bestCpu;
            load = bestScore;
            return total;
        }
    }
}
