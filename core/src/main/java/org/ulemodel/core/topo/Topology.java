// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.topo;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

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
 * read back from its own {@link #toXml()} equals the original.
 */
public final class Topology {
    /** The largest machine {@link #parse} builds. */
    public static final int MAX_CPUS = 4096;
    /** MAXCPU of FreeBSD 14 amd64; {@link #toXml()} prints masks with MAXCPU/64 words like that kernel. */
    public static final int FREEBSD_MAXCPU = 1024;

    private static final String SPEC_HINT = "expected PxCxT such as 2x4x2 (or PxC, or N)";

    private final String spec;
    private final List<CpuGroup> groups;
    private final Map<String, Integer> byName;
    private final int[] leafOf;

    private Topology(String spec, List<CpuGroup> groups) {
        this.spec = spec;
        this.groups = Collections.unmodifiableList(new ArrayList<>(groups));
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

    /** Mutable node used only while a topology is being built. */
    private static final class Node {
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
        String s = spec.strip();
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
            if (p.isEmpty() || p.length() > 9 || !p.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                if (!p.isEmpty() && p.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
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
    private static List<CpuGroup> flatten(Node root) {
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

    // ------------------------------------------------------------------ XML

    /**
     * Reads FreeBSD's {@code sysctl kern.sched.topology_spec} output (written by sched_ule's
     * {@code sysctl_kern_sched_topology_spec_internal}): a {@code <groups>} root holding one
     * {@code <group level=".." cache-level="..">} with a {@code <cpu count=".." mask="..">} CPU
     * list, optional {@code <flags>} and optional {@code <children>}. Masks are comma-separated
     * 64-bit hex words, lowest word first, optionally {@code 0x}-prefixed. {@code cache-level} is
     * {@code cg_level}; {@code level}, when present, must be the depth (1 for the root).
     *
     * <p>Flag names map to {@code cg_flags} bits: HTT → CG_FLAG_HTT, SMT → CG_FLAG_SMT, NODE →
     * CG_FLAG_NODE; THREAD (which the kernel prints whenever HTT or SMT is set) adds nothing when
     * HTT or SMT is also named and means CG_FLAG_THREAD when alone. So {@code fromXml(t.toXml())}
     * equals {@code t}.
     *
     * <p>The tree is taken as given: the single-child collapse of {@link #parse} is NOT applied,
     * since the document describes the kernel's tree after {@code smp_topo} already collapsed it.
     * DTDs and external entities are refused.
     *
     * @param sourceName names the document in error messages and in {@link #spec()} ("xml:" + it)
     * @throws TopologyException naming source, line and element for malformed XML, a missing
     *     {@code <groups>} root, a bad count or mask, a CPU list that disagrees with the mask or
     *     names a CPU twice, a CPU in two sibling groups, a child not contained in its parent,
     *     children that do not cover their parent, or an unknown flag name
     */
    public static Topology fromXml(String xml, String sourceName) {
        String src = sourceName == null ? "<xml>" : sourceName;
        if (xml == null) {
            throw new TopologyException(src, 0, "groups", "no document; expected kern.sched.topology_spec XML");
        }
        Node root = new XmlReader(xml, src).document();
        return new Topology("xml:" + src, flatten(root));
    }

    /** A small recursive-descent reader over a StAX stream; knows the open elements for messages. */
    private static final class XmlReader {
        private final String xml;
        private final String src;
        private final List<String> open = new ArrayList<>();
        private XMLStreamReader r;
        private boolean sawRoot;

        XmlReader(String xml, String src) {
            this.xml = xml;
            this.src = src;
        }

        private TopologyException fail(int line, String element, String problem) {
            return new TopologyException(src, line, element, problem);
        }

        private int line() {
            Location l = r.getLocation();
            return l == null ? 0 : Math.max(l.getLineNumber(), 0);
        }

        private String innermost() {
            return open.isEmpty() ? "groups" : open.get(open.size() - 1);
        }

        Node document() {
            XMLInputFactory f = XMLInputFactory.newDefaultFactory();
            f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
            f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
            f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
            f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
            f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.FALSE);
            try {
                r = f.createXMLStreamReader(new StringReader(xml));
                try {
                    return readDocument();
                } finally {
                    r.close();
                }
            } catch (XMLStreamException e) {
                Location l = e.getLocation();
                int line = l == null ? (r == null ? 0 : line()) : Math.max(l.getLineNumber(), 0);
                String msg = String.valueOf(e.getMessage());
                int m = msg.indexOf("Message: ");
                if (m >= 0) {
                    msg = msg.substring(m + "Message: ".length());
                }
                if (!sawRoot) {
                    throw fail(line, "groups", "missing <groups> root element (malformed XML: " + msg.strip()
                            + "); expected kern.sched.topology_spec XML");
                }
                throw fail(line, innermost(), "malformed XML: " + msg.strip()
                        + "; expected well-formed XML as printed by sysctl kern.sched.topology_spec");
            }
        }

        /** Next START_ELEMENT or END_ELEMENT, skipping blanks, comments and processing instructions. */
        private int nextTag() throws XMLStreamException {
            while (true) {
                if (!r.hasNext()) {
                    return XMLStreamConstants.END_DOCUMENT;
                }
                int before = line();
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.START_ELEMENT:
                    case XMLStreamConstants.END_ELEMENT:
                    case XMLStreamConstants.END_DOCUMENT:
                        return ev;
                    case XMLStreamConstants.CHARACTERS:
                    case XMLStreamConstants.CDATA:
                    case XMLStreamConstants.SPACE:
                        if (!r.getText().isBlank()) {
                            String text = r.getText();
                            int lead = 0;
                            while (Character.isWhitespace(text.charAt(lead))) {
                                lead++;
                            }
                            int textLine = before + (int) text.substring(0, lead).chars().filter(ch -> ch == '\n').count();
                            throw fail(textLine, innermost(), "unexpected text '" + abbreviate(r.getText().strip())
                                    + "'; expected only elements here");
                        }
                        break;
                    case XMLStreamConstants.DTD:
                        throw fail(line(), "!DOCTYPE", "DTDs are not accepted; expected plain topology_spec XML");
                    case XMLStreamConstants.ENTITY_REFERENCE:
                        throw fail(line(), innermost(), "entity reference &" + r.getLocalName()
                                + "; is not accepted; expected plain topology_spec XML");
                    default:
                        break; // comments, processing instructions, start of document
                }
            }
        }

        private Node readDocument() throws XMLStreamException {
            int ev = nextTag();
            if (ev != XMLStreamConstants.START_ELEMENT) {
                throw fail(line(), "groups", "missing <groups> root element; expected kern.sched.topology_spec XML");
            }
            if (!r.getLocalName().equals("groups")) {
                throw fail(line(), r.getLocalName(), "root element is <" + r.getLocalName()
                        + ">; expected <groups> as printed by sysctl kern.sched.topology_spec");
            }
            int groupsLine = line();
            sawRoot = true;
            open.add("groups");
            Node root = null;
            while ((ev = nextTag()) == XMLStreamConstants.START_ELEMENT) {
                String name = r.getLocalName();
                if (!name.equals("group")) {
                    throw fail(line(), name, "unexpected element inside <groups>; expected one <group>");
                }
                if (root != null) {
                    throw fail(line(), "group", "second top-level group; expected exactly one root <group> in <groups>");
                }
                root = readGroup(0);
            }
            if (root == null) {
                throw fail(groupsLine, "groups", "no <group>; expected exactly one root <group> in <groups>");
            }
            open.remove(open.size() - 1);
            while (r.hasNext()) {
                nextTag();
            }
            return root;
        }

        private Node readGroup(int depth) throws XMLStreamException {
            int line = line();
            open.add("group");
            String levelAttr = r.getAttributeValue(null, "level");
            if (levelAttr != null && !levelAttr.strip().equals(Integer.toString(depth + 1))) {
                throw fail(line, "group", "level=\"" + levelAttr + "\" but the group is at depth " + (depth + 1)
                        + "; expected level=\"" + (depth + 1) + "\"");
            }
            String cl = r.getAttributeValue(null, "cache-level");
            if (cl == null) {
                throw fail(line, "group", "missing cache-level attribute; expected cache-level=\"0\"..\"3\" (cg_level)");
            }
            int cacheLevel = parseInt(cl.strip(), -1);
            if (cacheLevel < CpuGroup.CG_SHARE_NONE || cacheLevel > CpuGroup.MAX_CACHE_LEVELS) {
                throw fail(line, "group", "cache-level=\"" + cl + "\"; expected 0..3 (cg_level)");
            }
            CpuSet mask = null;
            int cpuLine = 0;
            int flags = 0;
            boolean sawFlags = false;
            List<Node> kids = null;
            int kidsLine = 0;
            int ev;
            while ((ev = nextTag()) == XMLStreamConstants.START_ELEMENT) {
                String name = r.getLocalName();
                switch (name) {
                    case "cpu":
                        if (mask != null) {
                            throw fail(line(), "cpu", "second <cpu> in one group; expected exactly one");
                        }
                        cpuLine = line();
                        mask = readCpu();
                        break;
                    case "flags":
                        if (sawFlags) {
                            throw fail(line(), "flags", "second <flags> in one group; expected at most one");
                        }
                        sawFlags = true;
                        flags = readFlags();
                        break;
                    case "children":
                        if (kids != null) {
                            throw fail(line(), "children", "second <children> in one group; expected at most one");
                        }
                        kidsLine = line();
                        kids = readChildren(depth + 1);
                        break;
                    default:
                        throw fail(line(), name, "unexpected element in <group>; expected <cpu>, <flags> or <children>");
                }
            }
            if (mask == null) {
                throw fail(line, "group", "no <cpu> element; expected <cpu count=\"..\" mask=\"..\">");
            }
            Node n = new Node(cacheLevel, flags, line);
            n.mask = mask;
            if (kids != null) {
                CpuSet union = CpuSet.empty();
                for (Node k : kids) {
                    if (!mask.containsAll(k.mask)) {
                        throw fail(k.line, "group", "child CPUs " + k.mask.andNot(mask) + " are not in the parent group's mask "
                                + mask + " (line " + cpuLine + "); expected each child within its parent");
                    }
                    if (union.intersects(k.mask)) {
                        throw fail(k.line, "group", "CPU " + union.and(k.mask).first()
                                + " is in two sibling groups; expected sibling masks to be disjoint");
                    }
                    union = union.or(k.mask);
                }
                if (!union.equals(mask)) {
                    throw fail(kidsLine, "children", "the child groups cover " + union + " but the parent's mask is " + mask
                            + "; expected the children to cover every CPU of the parent (missing "
                            + mask.andNot(union) + ")");
                }
                n.children.addAll(kids);
            }
            open.remove(open.size() - 1);
            return n;
        }

        private CpuSet readCpu() throws XMLStreamException {
            int line = line();
            open.add("cpu");
            String countAttr = r.getAttributeValue(null, "count");
            String maskAttr = r.getAttributeValue(null, "mask");
            if (countAttr == null) {
                throw fail(line, "cpu", "missing count attribute; expected count=\"N\" (cg_count)");
            }
            if (maskAttr == null) {
                throw fail(line, "cpu", "missing mask attribute; expected mask=\"f,0,0,0\" (cg_mask words, lowest first)");
            }
            int count = parseInt(countAttr.strip(), -1);
            if (count < 1) {
                throw fail(line, "cpu", "count=\"" + countAttr + "\"; expected a positive integer (cg_count)");
            }
            CpuSet mask;
            try {
                mask = CpuSet.parseWords(maskAttr);
            } catch (IllegalArgumentException e) {
                throw fail(line, "cpu", e.getMessage());
            }
            if (mask.isEmpty()) {
                throw fail(line, "cpu", "mask=\"" + maskAttr + "\" is empty; expected at least one CPU");
            }
            String text = readText("cpu", "a CPU list such as 0, 1, 2, 3");
            CpuSet listed = CpuSet.empty();
            int n = 0;
            if (!text.isBlank()) {
                for (String tok : text.split(",", -1)) {
                    String t = tok.strip();
                    int cpu = parseInt(t, -1);
                    if (cpu < 0) {
                        throw fail(line, "cpu", "CPU list entry '" + abbreviate(t)
                                + "'; expected comma-separated CPU ids such as 0, 1, 2, 3");
                    }
                    if (listed.contains(cpu)) {
                        throw fail(line, "cpu", "CPU " + cpu + " is listed twice; expected each CPU once");
                    }
                    listed = listed.with(cpu);
                    n++;
                }
            }
            if (!listed.equals(mask)) {
                throw fail(line, "cpu", "CPU list " + listed + " disagrees with mask=\"" + maskAttr + "\" " + mask
                        + "; expected the list to name exactly the mask's CPUs");
            }
            if (count != n) {
                throw fail(line, "cpu", "count=\"" + count + "\" but " + n + " CPUs are listed; expected count=\"" + n + "\"");
            }
            open.remove(open.size() - 1);
            return mask;
        }

        private int readFlags() throws XMLStreamException {
            open.add("flags");
            int bits = 0;
            boolean thread = false;
            int ev;
            while ((ev = nextTag()) == XMLStreamConstants.START_ELEMENT) {
                int line = line();
                if (!r.getLocalName().equals("flag")) {
                    throw fail(line, r.getLocalName(), "unexpected element in <flags>; expected <flag name=\"..\">");
                }
                open.add("flag");
                String name = r.getAttributeValue(null, "name");
                if (name == null) {
                    throw fail(line, "flag", "missing name attribute; expected name=\"HTT\", \"SMT\", \"THREAD\" or \"NODE\"");
                }
                switch (name.strip()) {
                    case "HTT":
                        bits |= CpuGroup.CG_FLAG_HTT;
                        break;
                    case "SMT":
                        bits |= CpuGroup.CG_FLAG_SMT;
                        break;
                    case "NODE":
                        bits |= CpuGroup.CG_FLAG_NODE;
                        break;
                    case "THREAD":
                        thread = true;
                        break;
                    default:
                        throw fail(line, "flag", "unknown flag name '" + name + "'; expected HTT, SMT, THREAD or NODE");
                }
                readText("flag", "a label such as SMT group");
                open.remove(open.size() - 1);
            }
            if (thread && (bits & CpuGroup.CG_FLAG_THREAD) == 0) {
                bits |= CpuGroup.CG_FLAG_THREAD;
            }
            open.remove(open.size() - 1);
            return bits;
        }

        private List<Node> readChildren(int depth) throws XMLStreamException {
            int line = line();
            open.add("children");
            List<Node> kids = new ArrayList<>();
            int ev;
            while ((ev = nextTag()) == XMLStreamConstants.START_ELEMENT) {
                if (!r.getLocalName().equals("group")) {
                    throw fail(line(), r.getLocalName(), "unexpected element in <children>; expected <group>");
                }
                kids.add(readGroup(depth));
            }
            if (kids.isEmpty()) {
                throw fail(line, "children", "no <group> inside; expected at least one child group");
            }
            open.remove(open.size() - 1);
            return kids;
        }

        /** The text up to the current element's end tag; a nested element is an error. */
        private String readText(String element, String expected) throws XMLStreamException {
            StringBuilder sb = new StringBuilder();
            while (true) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.CHARACTERS:
                    case XMLStreamConstants.CDATA:
                    case XMLStreamConstants.SPACE:
                        sb.append(r.getText());
                        break;
                    case XMLStreamConstants.END_ELEMENT:
                        return sb.toString();
                    case XMLStreamConstants.START_ELEMENT:
                        throw fail(line(), element, "unexpected element <" + r.getLocalName() + "> inside <" + element
                                + ">; expected only " + expected);
                    case XMLStreamConstants.ENTITY_REFERENCE:
                        throw fail(line(), element, "entity reference &" + r.getLocalName()
                                + "; is not accepted; expected plain topology_spec XML");
                    default:
                        break; // comments, processing instructions
                }
            }
        }

        private static int parseInt(String s, int bad) {
            if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                return bad;
            }
            return Integer.parseInt(s);
        }

        private static String abbreviate(String s) {
            return s.length() <= 40 ? s : s.substring(0, 37) + "...";
        }
    }

    /**
     * The tree as FreeBSD 14 amd64 prints it for {@code sysctl kern.sched.topology_spec}
     * (masks with {@link #FREEBSD_MAXCPU}/64 words, more when the machine is larger).
     */
    public String toXml() {
        return toXml(FREEBSD_MAXCPU);
    }

    /**
     * The {@code kern.sched.topology_spec} text of a kernel built with {@code MAXCPU = maxCpu}:
     * the same indentation, attributes, CPU lists and flag elements as
     * {@code sysctl_kern_sched_topology_spec_internal}, masks in {@code cpusetobj_strprint} form.
     */
    public String toXml(int maxCpu) {
        int words = Math.max(1, (maxCpu + 63) / 64);
        StringBuilder sb = new StringBuilder("<groups>\n");
        appendXml(sb, root(), 1, words);
        return sb.append("</groups>\n").toString();
    }

    private void appendXml(StringBuilder sb, CpuGroup g, int indent, int words) {
        String pad = " ".repeat(indent);
        sb.append(pad).append("<group level=\"").append(1 + indent / 2).append("\" cache-level=\"").append(g.level())
                .append("\">\n");
        sb.append(pad).append(" <cpu count=\"").append(g.count()).append("\" mask=\"")
                .append(g.mask().toWordsString(words)).append("\">");
        String sep = "";
        for (int c = g.first(); c >= 0; c = g.mask().nextFrom(c + 1)) {
            sb.append(sep).append(c);
            sep = ", ";
        }
        sb.append("</cpu>\n");
        int f = g.flags();
        if (f != 0) {
            sb.append(pad).append(" <flags>");
            if ((f & CpuGroup.CG_FLAG_HTT) != 0) {
                sb.append("<flag name=\"HTT\">HTT group</flag>");
            }
            if ((f & CpuGroup.CG_FLAG_THREAD) != 0) {
                sb.append("<flag name=\"THREAD\">THREAD group</flag>");
            }
            if ((f & CpuGroup.CG_FLAG_SMT) != 0) {
                sb.append("<flag name=\"SMT\">SMT group</flag>");
            }
            if ((f & CpuGroup.CG_FLAG_NODE) != 0) {
                sb.append("<flag name=\"NODE\">NUMA node</flag>");
            }
            sb.append("</flags>\n");
        }
        if (!g.isLeaf()) {
            sb.append(pad).append(" <children>\n");
            for (int ci : g.children()) {
                appendXml(sb, groups.get(ci), indent + 2, words);
            }
            sb.append(pad).append(" </children>\n");
        }
        sb.append(pad).append("</group>\n");
    }

    // ------------------------------------------------------------------ queries

    /** The spec string given to {@link #parse} (stripped), or {@code "xml:<source>"} for {@link #fromXml}. */
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
        if (index < 0 || index >= groups.size()) {
            throw new IllegalArgumentException("group index " + index + " out of range 0.." + (groups.size() - 1)
                    + " in topology " + spec);
        }
        return groups.get(index);
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
        return groups.get(leafOf[cpu]);
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
