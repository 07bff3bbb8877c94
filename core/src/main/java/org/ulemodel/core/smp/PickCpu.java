// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.smp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.prio.Priorities;
import org.ulemodel.core.topo.CpuGroup;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.core.ule.UleVersion;

/**
 * {@code sched_pickcpu(td, flags)} of FreeBSD 14 ULE (sys/kern/sched_ule.c) for a machine where
 * SMP has started: where to put a thread that becomes runnable (wakeup, sched_add) or that
 * {@code sched_switch} must move. Paths, in order:
 * <ol>
 *   <li>SRQ_OURSELF or a pinned thread: stay on ts_cpu;</li>
 *   <li>interrupt thread (priority &le; PRI_MAX_ITHD, allowed here, in interrupt context): the
 *       current CPU if idle, otherwise ts_cpu := current CPU and search from its group;</li>
 *   <li>ts_cpu if allowed, idle, within L2 affinity and, for an SMT core, all siblings idle;</li>
 *   <li>the highest cache group with live affinity (never SMT, single-child, single-CPU or
 *       CG_SHARE_NONE; the root means "global"), then up to four {@link CpuSearch#lowest}
 *       searches, stopping at the first success;</li>
 *   <li>the current CPU instead, when allowed, busy with worse priority, the chosen CPU is busy
 *       and the current CPU's load is at most one more.</li>
 * </ol>
 * Stateless; the only mutation is of the caller's {@link Lcg} (the current CPU's randomval).
 */
public final class PickCpu {
    /** SCHED_STAT name: returned an idle CPU by affinity (ts_cpu, or self for an ithread). */
    public static final String STAT_IDLE_AFFINITY = "pickcpu_idle_affinity";
    /** SCHED_STAT name: the LLC search for an idle CPU succeeded. */
    public static final String STAT_AFFINITY = "pickcpu_affinity";
    /** SCHED_STAT name: the interrupt thread's LLC search succeeded. */
    public static final String STAT_INTRBIND = "pickcpu_intrbind";
    /** SCHED_STAT name: a global search succeeded. */
    public static final String STAT_LOWEST = "pickcpu_lowest";
    /** SCHED_STAT name: the current CPU was preferred over the search result. */
    public static final String STAT_LOCAL = "pickcpu_local";
    /** SCHED_STAT name: the result differs from ts_cpu (as it is at the end of the call). */
    public static final String STAT_MIGRATION = "pickcpu_migration";

    /** The counters in bump order; bit i of a pick's stat mask stands for {@code STATS.get(i)}. */
    private static final List<String> STATS = List.of(STAT_IDLE_AFFINITY, STAT_AFFINITY, STAT_INTRBIND, STAT_LOWEST,
            STAT_LOCAL, STAT_MIGRATION);
    private static final int IDLE_AFFINITY = 1;
    private static final int AFFINITY = 1 << 1;
    private static final int INTRBIND = 1 << 2;
    private static final int LOWEST = 1 << 3;
    private static final int LOCAL = 1 << 4;
    private static final int MIGRATION = 1 << 5;
    /**
     * The stat list of every mask, made once: a pick bumps each counter at most once and in
     * {@link #STATS} order (affinity, intrbind and lowest exclude one another), so a mask
     * fixes the list and a pick allocates none.
     */
    private static final List<List<String>> STAT_LISTS = statLists();

    private PickCpu() {
    }

    private static List<List<String>> statLists() {
        List<List<String>> lists = new ArrayList<>(1 << STATS.size());
        for (int mask = 0; mask < 1 << STATS.size(); mask++) {
            List<String> l = new ArrayList<>();
            for (int i = 0; i < STATS.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    l.add(STATS.get(i));
                }
            }
            lists.add(List.copyOf(l));
        }
        return List.copyOf(lists);
    }

    private static PickResult result(int cpu, int tsCpuAfter, int stats) {
        return new PickResult(cpu, tsCpuAfter, STAT_LISTS.get(stats));
    }

    /**
     * {@code SCHED_AFFINITY(ts, level)} in its V14 signed form: {@code rltick > ticks -
     * level*affinity}, computed with wrapping 32-bit int arithmetic as the -fwrapv kernel does.
     * True when the thread left its CPU fewer than level&middot;affinity ticks ago, except near
     * the int wrap, where the subtraction wraps and the test gives the kernel's (wrong-looking)
     * answer. FreeBSD: SCHED_AFFINITY (V14).
     */
    public static boolean affinity(int rltick, int ticks, int level, int affinity) {
        return UleVersion.V14.affinity(rltick, ticks, level, affinity);
    }

    /**
     * {@code sched_pickcpu(td, flags)} with smp_started = 1. Invariant: the result CPU is in the
     * request's cpuset, except on the SRQ_OURSELF/pinned exit, which returns ts_cpu unchecked (as
     * the kernel does); {@code rnd} advances once per CPU that qualified in each search made.
     * Throws IllegalStateException where the kernel would KASSERT: the cpuset holds no CPU of
     * the topology. FreeBSD: sched_pickcpu.
     *
     * @param t   the machine topology (cpu_top and each CPU's tdq_cg = smp_topo_find)
     * @param r   the thread and call inputs
     * @param v   the per-CPU tdq_load and tdq_lowpri (transferable is not read)
     * @param rnd the current CPU's randomval
     */
    public static PickResult pick(Topology t, PickRequest r, LoadView v, Lcg rnd) {
        Objects.requireNonNull(t, "topology");
        Objects.requireNonNull(r, "request");
        Objects.requireNonNull(v, "loads");
        Objects.requireNonNull(rnd, "rnd");
        int self = r.curcpu();
        int tsCpu = r.tsCpu();
        if (r.srqOurself() || r.pinned() != 0) {
            return result(tsCpu, tsCpu, 0);
        }
        CpuSet mask = r.cpuset();
        int pri = r.tdPriority();
        boolean intr;
        CpuGroup cg;
        if (pri <= r.version().maxPri(PriClass.ITHD) && mask.contains(self) && r.inIntr()) {
            if (v.lowpri(self) >= Priorities.PRI_MIN_IDLE) {
                return result(self, tsCpu, IDLE_AFFINITY);
            }
            tsCpu = self;
            intr = true;
            cg = t.leafOf(self);
        } else {
            intr = false;
            cg = t.leafOf(tsCpu);
            if (lastCpuStillGood(r, cg, v)) {
                return result(tsCpu, tsCpu, IDLE_AFFINITY);
            }
        }
        CpuGroup llc = lastLevelCache(t, cg, intr, r);
        int stats = 0;
        int cpu = -1;
        if (llc != null && intr) {
            cpu = CpuSearch.lowest(t, llc, mask, pri, Integer.MAX_VALUE, tsCpu, r.running(), v, rnd).cpu();
            if (cpu >= 0) {
                stats |= INTRBIND;
            }
        } else if (llc != null) {
            cpu = CpuSearch.lowest(t, llc, mask, Math.max(pri, Priorities.PRI_MAX_TIMESHARE), Integer.MAX_VALUE,
                    tsCpu, r.running(), v, rnd).cpu();
            if (cpu >= 0) {
                stats |= AFFINITY;
            }
        }
        if (cpu < 0) {
            cpu = CpuSearch.lowest(t, t.root(), mask, pri, Integer.MAX_VALUE, tsCpu, r.running(), v, rnd).cpu();
            if (cpu >= 0) {
                stats |= LOWEST;
            }
        }
        if (cpu < 0) {
            cpu = CpuSearch.lowest(t, t.root(), mask, -1, Integer.MAX_VALUE, tsCpu, r.running(), v, rnd).cpu();
            if (cpu >= 0) {
                stats |= LOWEST;
            }
        }
        if (cpu < 0) {
            // The kernel KASSERTs here; a cpuset with no CPU of this machine cannot be placed.
            throw new IllegalStateException("sched_pickcpu: no CPU found; cpuset " + mask + " has no CPU of " + t);
        }
        if (mask.contains(self) && v.lowpri(self) > pri && v.lowpri(cpu) < Priorities.PRI_MIN_IDLE
                && v.load(self) <= v.load(cpu) + 1) {
            stats |= LOCAL;
            cpu = self;
        }
        if (cpu != tsCpu) {
            stats |= MIGRATION;
        }
        return result(cpu, tsCpu, stats);
    }

    /**
     * The last-CPU fast path: ts_cpu is allowed, idle, within L2 affinity and, when its leaf is
     * an SMT core, every CPU of that core is idle.
     */
    private static boolean lastCpuStillGood(PickRequest r, CpuGroup leaf, LoadView v) {
        int tsCpu = r.tsCpu();
        if (!r.cpuset().contains(tsCpu) || v.lowpri(tsCpu) < Priorities.PRI_MIN_IDLE
                || !r.version().affinity(r.rltick(), r.ticks(), CpuGroup.CG_SHARE_L2, r.affinity())) {
            return false;
        }
        if (!leaf.isThreadGroup()) {
            return true;
        }
        CpuSet core = leaf.mask();
        for (int c = leaf.first(); c <= leaf.last(); c++) {
            if (core.contains(c) && v.lowpri(c) < Priorities.PRI_MIN_IDLE) {
                return false;
            }
        }
        return true;
    }

    /**
     * Walks from {@code start} to the root and keeps the last (highest) group that shares a
     * cache, is not an SMT core, has more than one child and more than one CPU, and (except for
     * interrupt threads) still has affinity at its level. Returns null when none qualifies or
     * the winner is the root (a global search is then done instead).
     */
    private static CpuGroup lastLevelCache(Topology t, CpuGroup start, boolean intr, PickRequest r) {
        CpuGroup found = null;
        for (CpuGroup g = start; g != null; g = g.parent() < 0 ? null : t.group(g.parent())) {
            if (g.isThreadGroup()) {
                continue;
            }
            if (g.childCount() == 1 || g.count() == 1) {
                continue;
            }
            if (g.level() == CpuGroup.CG_SHARE_NONE
                    || (!intr && !r.version().affinity(r.rltick(), r.ticks(), g.level(), r.affinity()))) {
                continue;
            }
            found = g;
        }
        return found == null || found.index() == t.root().index() ? null : found;
    }
}
