// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.topo;

import java.util.Arrays;
import java.util.Objects;

/**
 * One node of the CPU topology tree: FreeBSD's {@code struct cpu_group} (sys/sys/smp.h), immutable.
 * Groups are owned by a {@link Topology}; parent and children are given as indices into
 * {@link Topology#groups()} (pre-order, root = 0) rather than pointers.
 *
 * <p>Invariants (checked on construction and by {@link Topology}): the mask is non-empty;
 * {@link #count()} is the mask's size ({@code cg_count}); {@link #first()} and {@link #last()} are
 * its lowest and highest CPU ({@code cg_first}/{@code cg_last}, as {@code smp_topo_fill} sets
 * them); the children's masks are pairwise disjoint and their union is this group's mask; a group
 * with no children is a leaf.
 */
public final class CpuGroup {
    /** {@code CG_SHARE_NONE}: the group's CPUs share no cache. */
    public static final int CG_SHARE_NONE = 0;
    /** {@code CG_SHARE_L1}: the CPUs share an L1 cache. */
    public static final int CG_SHARE_L1 = 1;
    /** {@code CG_SHARE_L2}: the CPUs share an L2 cache. */
    public static final int CG_SHARE_L2 = 2;
    /** {@code CG_SHARE_L3}: the CPUs share an L3 cache (last-level cache of a package). */
    public static final int CG_SHARE_L3 = 3;
    /** {@code MAX_CACHE_LEVELS}: the highest {@code cg_level}. */
    public static final int MAX_CACHE_LEVELS = 3;

    /** {@code CG_FLAG_HTT}: the CPUs are hyper-threads of one core. */
    public static final int CG_FLAG_HTT = 0x01;
    /** {@code CG_FLAG_SMT}: the CPUs are SMT threads of one core. */
    public static final int CG_FLAG_SMT = 0x02;
    /** {@code CG_FLAG_THREAD} = HTT | SMT; sched_ule only tests {@code cg_flags & CG_FLAG_THREAD}. */
    public static final int CG_FLAG_THREAD = CG_FLAG_HTT | CG_FLAG_SMT;
    /** {@code CG_FLAG_NODE}: the group is a NUMA domain. */
    public static final int CG_FLAG_NODE = 0x04;
    /** All flag bits this model knows. */
    public static final int CG_FLAG_ALL = CG_FLAG_THREAD | CG_FLAG_NODE;

    private final int index;
    private final String name;
    private final int parent;
    private final int level;
    private final int flags;
    private final int[] children;
    private final CpuSet mask;
    /** cg_first, cg_last and cg_count, fixed with the mask (the searches read them per CPU visited). */
    private final int first;
    private final int last;
    private final int count;

    /**
     * Creates a group; {@link Topology} is the only caller. {@code first}, {@code last} and
     * {@code count} are derived from {@code mask} (FreeBSD {@code smp_topo_fill}).
     */
    CpuGroup(int index, String name, int parent, int level, int flags, int[] children, CpuSet mask) {
        if (index < 0 || parent < -1 || parent >= Math.max(index, 1) || (index == 0) != (parent == -1)) {
            throw new IllegalArgumentException("group " + name + ": bad index " + index + " / parent " + parent);
        }
        if (level < CG_SHARE_NONE || level > MAX_CACHE_LEVELS) {
            throw new IllegalArgumentException("group " + name + ": cg_level " + level + " is not 0..3");
        }
        if ((flags & ~CG_FLAG_ALL) != 0) {
            throw new IllegalArgumentException("group " + name + ": unknown cg_flags bits " + Integer.toHexString(flags));
        }
        if (mask.isEmpty()) {
            throw new IllegalArgumentException("group " + name + ": empty cg_mask");
        }
        this.index = index;
        this.name = Objects.requireNonNull(name, "name");
        this.parent = parent;
        this.level = level;
        this.flags = flags;
        this.children = children.clone();
        this.mask = mask;
        this.first = mask.first();
        this.last = mask.last();
        this.count = mask.size();
    }

    /** True when the mask is every CPU from {@link #first()} to {@link #last()} (as every leaf of {@link Topology#parse} is). */
    public boolean isRange() {
        return count == last - first + 1;
    }

    /** Position in the topology's pre-order group list; the root is 0. */
    public int index() {
        return index;
    }

    /** Path name: {@code r} for the root, {@code r.i} for child {@code cg_child[i]} of {@code r}, and so on. */
    public String name() {
        return name;
    }

    /** Index of {@code cg_parent}, or -1 for the root. */
    public int parent() {
        return parent;
    }

    /** True for the root (no {@code cg_parent}). */
    public boolean isRoot() {
        return parent < 0;
    }

    /** {@code cg_level}: the cache shared by the group's CPUs, {@link #CG_SHARE_NONE}..{@link #CG_SHARE_L3}. */
    public int level() {
        return level;
    }

    /** {@code cg_flags}: a combination of {@code CG_FLAG_*} bits. */
    public int flags() {
        return flags;
    }

    /** True when {@code cg_flags & CG_FLAG_THREAD} is set: the CPUs are SMT siblings of one core. */
    public boolean isThreadGroup() {
        return (flags & CG_FLAG_THREAD) != 0;
    }

    /** Indices of {@code cg_child[0..cg_children-1]}, in that order (a fresh copy). */
    public int[] children() {
        return children.clone();
    }

    /** Index of {@code cg_child[i]}. */
    public int child(int i) {
        return children[i];
    }

    /** {@code cg_children}: the number of child groups; 0 for a leaf. */
    public int childCount() {
        return children.length;
    }

    /** True when the group has no children (what {@code smp_topo_find} returns). */
    public boolean isLeaf() {
        return children.length == 0;
    }

    /** {@code cg_first}: the lowest CPU in the mask. */
    public int first() {
        return first;
    }

    /** {@code cg_last}: the highest CPU in the mask. */
    public int last() {
        return last;
    }

    /** {@code cg_count}: the number of CPUs in the mask. */
    public int count() {
        return count;
    }

    /** {@code cg_mask}: the group's CPUs. */
    public CpuSet mask() {
        return mask;
    }

    /** True when {@code cpu} is in {@code cg_mask}. */
    public boolean contains(int cpu) {
        return mask.contains(cpu);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CpuGroup)) {
            return false;
        }
        CpuGroup g = (CpuGroup) o;
        return index == g.index && parent == g.parent && level == g.level && flags == g.flags
                && name.equals(g.name) && Arrays.equals(children, g.children) && mask.equals(g.mask);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, name, parent, level, flags, Arrays.hashCode(children), mask);
    }

    /** Debug form such as {@code r.0.1[L2 THREAD cpus {2-3}]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append('[');
        sb.append(level == CG_SHARE_NONE ? "NONE" : "L" + level);
        if ((flags & CG_FLAG_HTT) != 0) {
            sb.append(" HTT");
        }
        if ((flags & CG_FLAG_SMT) != 0) {
            sb.append(" SMT");
        }
        if ((flags & CG_FLAG_NODE) != 0) {
            sb.append(" NODE");
        }
        return sb.append(" cpus ").append(mask).append(']').toString();
    }
}
