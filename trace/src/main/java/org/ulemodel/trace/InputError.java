// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace;

/**
 * Bad input at a known place: the message reads {@code SOURCE:LINE:COLUMN: what was expected},
 * followed by {@code (byte offset N)} when the place is known as a byte offset too (undecodable
 * bytes, see {@link TextInput}). Invariant: line and column are 1-based (0 when unknown, then
 * omitted from the message); the byte offset is 0-based, -1 when unknown.
 */
public final class InputError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;
    private final int column;
    private final long byteOffset;
    private final String detail;

    public InputError(String source, int line, int column, String detail) {
        this(source, line, column, -1, detail);
    }

    /** An error at a known byte offset ({@code -1}: unknown) as well as line and column. */
    public InputError(String source, int line, int column, long byteOffset, String detail) {
        super(format(source, line, column, byteOffset, detail));
        this.source = source;
        this.line = line;
        this.column = column;
        this.byteOffset = byteOffset;
        this.detail = detail;
    }

    private static String format(String source, int line, int column, long byteOffset, String detail) {
        StringBuilder b = new StringBuilder(source);
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        b.append(": ").append(detail);
        if (byteOffset >= 0) {
            b.append(" (byte offset ").append(byteOffset).append(')');
        }
        return b.toString();
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The 0-based byte offset of the offending input, or -1 when unknown. */
    public long byteOffset() {
        return byteOffset;
    }

    public String detail() {
        return detail;
    }
}
