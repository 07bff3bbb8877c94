// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.topo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole CPU topology: FreeBSD's tree of {@code struct cpu_group} rooted at {@code cpu_top}
 * (what {@code smp_topo()} returns), immutable.
 *
 * <p>Groups are kept in pre-order ({@link #groups()}; the root is index 0, a group's children
 * follow it in {@code cg_child} order). Invariants, checked on construction: every group's
 * children have pairwise disjoint masks whose union is the group's mask; {@code cg_first} and
 * {@code cg_last} are the lowest and highest CPU of {@code cg_mask}; {@code cg_count} is the
 * mask's size; every CPU of the root lies in exactly one leaf ({@link #leafOf}).
 *
 * <p>{@link #equals} compares the tree only (all groups), not {@link #spec()}, so a topology
 * read back from its own XML ({@link TopologyXml}) equals the original.
 */
public final class Topology {
    /** The largest machine {@link #parse} builds. */
    public static final int MAX_CPUS = 4096;

    private static final String SPEC_HINT = "expected PxCxT such as 2x4x2 (or PxC, or N)";

    private final String spec;
    private final List<CpuGroup> groups;
    /** The same groups as an array: {@link #group} and {@link #leafOf} are one array read (the searches call them per group). */
    private final CpuGroup[] groupArray;
    private final Map<String, Integer> byName;
    private final int[] leafOf;

    Topology(String spec, List<CpuGroup> groups) {
        this.spec = spec;
        this.groupArray = groups.toArray(new CpuGroup[0]);
        this.groups = Collections.unmodifiableList(Arrays.asList(groupArray.clone()));
        Map<String, Integer> names = new HashMap<>();
        for (CpuGroup g : groups) {
            if (names.put(g.name(), g.index()) != null) {
                throw new IllegalStateException(spec + ": duplicate group name " + g.name());
            }
            checkChildren(g);
        }
        this.byName = Collections.unmodifiableMap(names);
        CpuGroup root = groups.get(0);
        int[] leaf = new int[root.last() + 1];
        Arrays.fill(leaf, -1);
        for (CpuGroup g : groups) {
            if (g.isLeaf()) {
                for (int c = g.first(); c >= 0; c = g.mask().nextFrom(c + 1)) {
                    leaf[c] = g.index();
                }
            }
        }
        this.leafOf = leaf;
    }

    private void checkChildren(CpuGroup g) {
        if (g.isLeaf()) {
            return;
        }
        CpuSet union = CpuSet.empty();
        for (int ci : g.children()) {
            CpuGroup c = groups.get(ci);
            if (c.parent() != g.index() || ci <= g.index()) {
                throw new IllegalStateException(spec + ": group " + c.name() + " is not a pre-order child of " + g.name());
            }
            if (union.intersects(c.mask())) {
                throw new IllegalStateException(spec + ": children of " + g.name() + " overlap in " + union.and(c.mask()));
            }
            union = union.or(c.mask());
        }
        if (!union.equals(g.mask())) {
            throw new IllegalStateException(spec + ": children of " + g.name() + " cover " + union + ", not cg_mask " + g.mask());
        }
    }

    // ------------------------------------------------------------------ building

    /** Mutable node used only while a topology is being built (by {@link #parse} and {@link TopologyXml#read}). */
    static final class Node {
        final int level;
        final int flags;
        final int line;
        CpuSet mask = CpuSet.empty();
        final List<Node> children = new ArrayList<>();

        Node(int level, int flags, int line) {
            this.level = level;
            this.flags = flags;
            this.line = line;
        }
    }

    /**
     * Builds the synthetic machine named by {@code spec}: {@code PxCxT} is P packages of C cores
     * of T SMT threads, CPU id = p·C·T + c·T + t; {@code PxC} means {@code PxCx1} and {@code N}
     * means {@code 1xNx1}. The tree is what FreeBSD builds for it: {@code smp_topo_2level(CG_SHARE_L3,
     * C, CG_SHARE_L2, T, CG_FLAG_SMT|CG_FLAG_HTT)} when T &gt; 1, else {@code smp_topo_1level(
     * CG_SHARE_L3, C, 0)} (a {@code CG_SHARE_NONE} root over the packages), then {@code smp_topo}'s
     * collapse of single-child roots, then {@code smp_topo_fill}. So {@code 1x4x1} is a single L3
     * leaf, {@code 1x2x2} an L3 root over two SMT groups, and {@code 1} a one-CPU L3 leaf.
     *
     * @throws IllegalArgumentException naming the bad part and the expected form, e.g.
     *     "topology '2x0x2': cores per package must be ≥ 1; expected PxCxT such as 2x4x2 ..."
     */
    public static Topology parse(String spec) {
        if (spec == null) {
            throw new IllegalArgumentException("topology spec is missing; " + SPEC_HINT);
        }
        String s = Text.strip(spec);
        String[] parts = s.split("x", -1);
        String[] what;
        switch (parts.length) {
            case 1:
                what = new String[] {"number of CPUs"};
                break;
            case 2:
                what = new String[] {"packages", "cores per package"};
                break;
            case 3:
                what = new String[] {"packages", "cores per package", "threads per core"};
                break;
            default:
                throw new IllegalArgumentException("topology '" + s + "': " + parts.length + " parts; " + SPEC_HINT);
        }
        long[] v = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 9 || !Text.allDecimal(p)) {
                if (!p.isEmpty() && Text.allDecimal(p)) {
                    throw new IllegalArgumentException("topology '" + s + "': " + what[i] + " " + p + " is too large; at most "
                            + MAX_CPUS + " CPUs in all are supported");
                }
                throw new IllegalArgumentException("topology '" + s + "': " + what[i] + " '" + p
                        + "' is not a positive integer; " + SPEC_HINT);
            }
            v[i] = Long.parseLong(p);
            if (v[i] < 1) {
                throw new IllegalArgumentException("topology '" + s + "': " + what[i] + " must be ≥ 1; " + SPEC_HINT);
            }
        }
        long packages = parts.length == 1 ? 1 : v[0];
        long cores = parts.length == 1 ? v[0] : v[1];
        long threads = parts.length == 3 ? v[2] : 1;
        long ncpu = packages * cores * threads;
        if (ncpu > MAX_CPUS) {
            throw new IllegalArgumentException("topology '" + s + "' has " + ncpu + " CPUs; at most " + MAX_CPUS
                    + " are supported");
        }
        Node top = threads > 1
                ? topo2Level((int) ncpu, CpuGroup.CG_SHARE_L3, (int) cores, CpuGroup.CG_SHARE_L2, (int) threads,
                        CpuGroup.CG_FLAG_SMT | CpuGroup.CG_FLAG_HTT)
                : topo1Level((int) ncpu, CpuGroup.CG_SHARE_L3, (int) cores, 0);
        // smp_topo: collapse roots that have a single child.
        while (top.children.size() == 1) {
            top = top.children.get(0);
        }
        return new Topology(s, flatten(top));
    }

    /** A leaf of {@code count} consecutive CPUs from {@code start} (FreeBSD {@code smp_topo_addleaf}). */
    private static Node addLeaf(Node parent, int share, int count, int flags, int start) {
        Node leaf = new Node(share, flags, 0);
        leaf.mask = CpuSet.ofRange(start, start + count);
        parent.children.add(leaf);
        return leaf;
    }

    /** FreeBSD {@code smp_topo_1level}: a CG_SHARE_NONE root over ncpu/count leaves. */
    private static Node topo1Level(int ncpu, int share, int count, int flags) {
        Node top = new Node(CpuGroup.CG_SHARE_NONE, 0, 0);
        int cpu = 0;
        for (int i = 0; i < ncpu / count; i++, cpu += count) {
            addLeaf(top, share, count, flags, cpu);
        }
        fillMasks(top);
        return top;
    }

    /**
     * FreeBSD {@code smp_topo_2level}: a CG_SHARE_NONE root over ncpu/(l2count·l1count) groups of
     * level {@code l2share} and no flags, each over l2count leaves of l1count CPUs.
     */
    private static Node topo2Level(int ncpu, int l2share, int l2count, int l1share, int l1count, int l1flags) {
        Node top = new Node(CpuGroup.CG_SHARE_NONE, 0, 0);
        int cpu = 0;
        for (int i = 0; i < ncpu / (l2count * l1count); i++) {
            Node l2 = new Node(l2share, 0, 0);
            top.children.add(l2);
            for (int j = 0; j < l2count; j++, cpu += l1count) {
                addLeaf(l2, l1share, l1count, l1flags, cpu);
            }
        }
        fillMasks(top);
        return top;
    }

    /** Interior masks are the union of their children's, as smp_topo_addleaf's walk up the parents makes them. */
    private static CpuSet fillMasks(Node n) {
        for (Node c : n.children) {
            n.mask = n.mask.or(fillMasks(c));
        }
        return n.mask;
    }

    /** Numbers the tree in pre-order and names each group by its path ({@code r}, {@code r.0}, ...). */
    static List<CpuGroup> flatten(Node root) {
        List<Node> order = new ArrayList<>();
        List<Integer> parents = new ArrayList<>();
        List<String> names = new ArrayList<>();
        walk(root, -1, "r", order, parents, names);
        Map<Node, Integer> index = new java.util.IdentityHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            index.put(order.get(i), i);
        }
        List<CpuGroup> out = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            Node n = order.get(i);
            int[] kids = new int[n.children.size()];
            for (int k = 0; k < kids.length; k++) {
                kids[k] = index.get(n.children.get(k));
            }
            out.add(new CpuGroup(i, names.get(i), parents.get(i), n.level, n.flags, kids, n.mask));
        }
        return out;
    }

    private static void walk(Node n, int parent, String name, List<Node> order, List<Integer> parents, List<String> names) {
        int me = order.size();
        order.add(n);
        parents.add(parent);
        names.add(name);
        for (int k = 0; k < n.children.size(); k++) {
            walk(n.children.get(k), me, name + "." + k, order, parents, names);
        }
    }

    // ------------------------------------------------------------------ queries

    /** The spec string given to {@link #parse} (stripped), or {@code "xml:<source>"} for {@link TopologyXml#read}. */
    public String spec() {
        return spec;
    }

    /** {@code mp_ncpus}: the root's {@code cg_count}. */
    public int cpuCount() {
        return root().count();
    }

    /** {@code all_cpus}: the root's {@code cg_mask}. */
    public CpuSet all() {
        return root().mask();
    }

    /** {@code cpu_top}: the root group (index 0). */
    public CpuGroup root() {
        return groups.get(0);
    }

    /** The group at pre-order position {@code index}. */
    public CpuGroup group(int index) {
        if (index < 0 || index >= groupArray.length) {
            throw new IllegalArgumentException("group index " + index + " out of range 0.." + (groupArray.length - 1)
                    + " in topology " + spec);
        }
        return groupArray[index];
    }

    /** The number of groups. */
    public int groupCount() {
        return groups.size();
    }

    /** The parent group of {@code g} ({@code cg_parent}), or null for the root. */
    public CpuGroup parentOf(CpuGroup g) {
        return g.parent() < 0 ? null : groups.get(g.parent());
    }

    /**
     * The group with path name {@code name} ({@code r}, {@code r.0}, {@code r.1.3}).
     *
     * @throws IllegalArgumentException naming the valid names when there is no such group
     */
    public CpuGroup groupNamed(String name) {
        Integer i = byName.get(name);
        if (i == null) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < Math.min(groups.size(), 24); k++) {
                sb.append(k == 0 ? "" : ", ").append(groups.get(k).name());
            }
            if (groups.size() > 24) {
                sb.append(", ... (").append(groups.size()).append(" groups)");
            }
            throw new IllegalArgumentException("no group named '" + name + "' in topology " + spec + "; valid names: " + sb);
        }
        return groups.get(i);
    }

    /**
     * FreeBSD {@code smp_topo_find(cpu_top, cpu)}: the deepest group (a leaf) containing
     * {@code cpu}, which is that CPU's {@code tdq_cg}. Precomputed, O(1).
     *
     * @throws IllegalArgumentException when the CPU is not in the topology (the kernel returns NULL)
     */
    public CpuGroup leafOf(int cpu) {
        if (cpu < 0 || cpu >= leafOf.length || leafOf[cpu] < 0) {
            throw new IllegalArgumentException("CPU " + cpu + " is not in topology " + spec + " (CPUs " + all() + ")");
        }
        return groupArray[leafOf[cpu]];
    }

    /** All groups in pre-order (root first, each group followed by its subtrees in cg_child order); unmodifiable. */
    public List<CpuGroup> groups() {
        return groups;
    }

    /** Equal when the trees are equal group by group; {@link #spec()} is not compared. */
    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Topology && groups.equals(((Topology) o).groups));
    }

    @Override
    public int hashCode() {
        return groups.hashCode();
    }

    /** E.g. {@code Topology[2x4x2: 16 CPUs, 11 groups]}. */
    @Override
    public String toString() {
        return "Topology[" + spec + ": " + cpuCount() + " CPUs, " + groups.size() + " groups]";
    }
}
