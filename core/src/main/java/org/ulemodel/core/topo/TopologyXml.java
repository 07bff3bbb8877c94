// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.topo;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * FreeBSD's {@code kern.sched.topology_spec} XML, read into a {@link Topology} ({@link #read}) and
 * written from one ({@link #write}) exactly as the kernel prints it. Stateless.
 *
 * <p>Invariant: {@code read(write(t), name).equals(t)} for every topology {@code t}.
 */
public final class TopologyXml {
    /** MAXCPU of FreeBSD 14 amd64; {@link #write(Topology)} prints masks with MAXCPU/64 words like that kernel. */
    public static final int FREEBSD_MAXCPU = 1024;

    private TopologyXml() {
    }

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
     * HTT or SMT is also named and means CG_FLAG_THREAD when alone. So {@code read(write(t))}
     * equals {@code t}.
     *
     * <p>The tree is taken as given: the single-child collapse of {@link Topology#parse} is NOT applied,
     * since the document describes the kernel's tree after {@code smp_topo} already collapsed it.
     * DTDs and external entities are refused.
     *
     * @param sourceName names the document in error messages and in {@link Topology#spec()} ("xml:" + it)
     * @throws TopologyException naming source, line and element for malformed XML, a missing
     *     {@code <groups>} root, a bad count or mask, a CPU list that disagrees with the mask or
     *     names a CPU twice, a CPU in two sibling groups, a child not contained in its parent,
     *     children that do not cover their parent, or an unknown flag name
     */
    public static Topology read(String xml, String sourceName) {
        String src = sourceName == null ? "<xml>" : sourceName;
        if (xml == null) {
            throw new TopologyException(src, 0, "groups", "no document; expected kern.sched.topology_spec XML");
        }
        Topology.Node root = new XmlReader(xml, src).document();
        return new Topology("xml:" + src, Topology.flatten(root));
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

        Topology.Node document() {
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

        private Topology.Node readDocument() throws XMLStreamException {
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
            Topology.Node root = null;
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

        private Topology.Node readGroup(int depth) throws XMLStreamException {
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
            List<Topology.Node> kids = null;
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
            Topology.Node n = new Topology.Node(cacheLevel, flags, line);
            n.mask = mask;
            if (kids != null) {
                CpuSet union = CpuSet.empty();
                for (Topology.Node k : kids) {
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

        private List<Topology.Node> readChildren(int depth) throws XMLStreamException {
            int line = line();
            open.add("children");
            List<Topology.Node> kids = new ArrayList<>();
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
    public static String write(Topology t) {
        return write(t, FREEBSD_MAXCPU);
    }

    /**
     * The {@code kern.sched.topology_spec} text of a kernel built with {@code MAXCPU = maxCpu}:
     * the same indentation, attributes, CPU lists and flag elements as
     * {@code sysctl_kern_sched_topology_spec_internal}, masks in {@code cpusetobj_strprint} form.
     */
    public static String write(Topology t, int maxCpu) {
        int words = Math.max(1, (maxCpu + 63) / 64);
        StringBuilder sb = new StringBuilder("<groups>\n");
        appendXml(t, sb, t.root(), 1, words);
        return sb.append("</groups>\n").toString();
    }

    private static void appendXml(Topology t, StringBuilder sb, CpuGroup g, int indent, int words) {
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
                appendXml(t, sb, t.group(ci), indent + 2, words);
            }
            sb.append(pad).append(" </children>\n");
        }
        sb.append(pad).append("</group>\n");
    }

}
