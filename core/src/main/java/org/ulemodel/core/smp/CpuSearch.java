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
        return searchLowest(t, cg, new LowQuery(mask, pri, maxload, prefer, running), v, rnd);
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
        return searchHighest(t, cg, mask, minload, mintrans, v, rnd);
    }

    /** The constant part of one lowest search (FreeBSD's struct cpu_search for sched_lowest). */
    private record LowQuery(CpuSet mask, int pri, int maxload, int prefer, boolean running) {
    }

    private static SearchResult searchLowest(Topology t, CpuGroup cg, LowQuery q, LoadView v, Lcg rnd) {
        int total = 0;
        int bestScore = Integer.MAX_VALUE;
        int bestCpu = -1;
        int bestLoad = Integer.MAX_VALUE;
        if (cg.childCount() > 0) {
            for (int i = cg.childCount() - 1; i >= 0; i--) {
                CpuGroup child = t.group(cg.child(i));
                SearchResult sub = searchLowest(t, child, q, v, rnd);
                total += sub.total();
                int score = sub.total();
                // Running thread: an SMT core whose total carries the odd half-thread of the
                // preference bonus and at least half a thread loses that bonus again.
                if (q.running() && child.isThreadGroup() && score >= PREFER_BONUS && (score & PREFER_BONUS) != 0) {
                    score += PREFER_BONUS;
                }
                if (sub.cpu() >= 0 && (score < bestScore || (score == bestScore && sub.load() < bestLoad))) {
                    bestScore = score;
                    bestCpu = sub.cpu();
                    bestLoad = sub.load();
                }
            }
            return new SearchResult(bestCpu, bestLoad, total);
        }
        CpuSet own = cg.mask();
        for (int c = cg.last(); c >= cg.first(); c--) {
            if (!own.contains(c)) {
                continue;
            }
            int l = v.load(c);
            int bonus = 0;
            boolean preferred = c == q.prefer();
            if (preferred) {
                if (q.running()) {
                    l--;
                }
                bonus = PREFER_BONUS;
            }
            int load = l * LOAD_WEIGHT;
            total += load - bonus;
            if (l > q.maxload()
                    || (v.lowpri(c) <= q.pri() && !(q.running() && preferred))
                    || !q.mask().contains(c)) {
                continue;
            }
            if (q.running() && l > 0) {
                bonus = 0;
            }
            load -= rnd.next() % LOWEST_JITTER;
            if (bestScore > load - bonus) {
                bestScore = load - bonus;
                bestCpu = c;
                bestLoad = load;
            }
        }
        return new SearchResult(bestCpu, bestLoad, total);
    }

    private static SearchResult searchHighest(Topology t, CpuGroup cg, CpuSet mask, int minload, int mintrans,
            LoadView v, Lcg rnd) {
        int total = 0;
        int bestScore = Integer.MIN_VALUE;
        int bestCpu = -1;
        int bestLoad = Integer.MIN_VALUE;
        if (cg.childCount() > 0) {
            for (int i = cg.childCount() - 1; i >= 0; i--) {
                SearchResult sub = searchHighest(t, t.group(cg.child(i)), mask, minload, mintrans, v, rnd);
                total += sub.total();
                int score = sub.total();
                if (sub.cpu() >= 0 && (score > bestScore || (score == bestScore && sub.load() > bestLoad))) {
                    bestScore = score;
                    bestCpu = sub.cpu();
                    bestLoad = sub.load();
                }
            }
            return new SearchResult(bestCpu, bestLoad, total);
        }
        CpuSet own = cg.mask();
        for (int c = cg.last(); c >= cg.first(); c--) {
            if (!own.contains(c)) {
                continue;
            }
            int l = v.load(c);
            int load = l * LOAD_WEIGHT;
            total += load;
            if (l < minload || v.transferable(c) < mintrans || !mask.contains(c)) {
                continue;
            }
            load -= rnd.next() % HIGHEST_JITTER;
            if (load > bestScore) {
                bestScore = load;
                bestCpu = c;
            }
        }
        // As in the kernel, the leaf's csr_load is the best jittered load (INT_MIN when none).
        return new SearchResult(bestCpu, bestScore, total);
    }
}
