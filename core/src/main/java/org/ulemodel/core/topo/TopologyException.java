// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.topo;

/**
 * A topology description that cannot be used, typically a bad {@code kern.sched.topology_spec}
 * XML document. The message names the source, the line and the element, and says what was
 * expected. {@link #line()} is 0 when no line applies.
 */
public final class TopologyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String element;

    /** Builds {@code "<source>:<line>: <element>: <problem>"}. */
    TopologyException(String source, int line, String element, String problem) {
        super(source + ":" + line + ": <" + element + ">: " + problem);
        this.source = source;
        this.line = line;
        this.element = element;
    }

    /** The source name given to {@link TopologyXml#read}. */
    public String source() {
        return source;
    }

    /** The 1-based line of the offending element, or 0. */
    public int line() {
        return line;
    }

    /** The name of the offending element, e.g. {@code cpu}. */
    public String element() {
        return element;
    }
}
