// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace;

/**
 * Bad input at a known place: the message reads {@code SOURCE:LINE:COLUMN: what was expected}.
 * Invariant: line and column are 1-based (0 when unknown, then omitted from the message).
 */
public final class InputError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;
    private final int column;
    private final String detail;

    public InputError(String source, int line, int column, String detail) {
        super(format(source, line, column, detail));
        this.source = source;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    private static String format(String source, int line, int column, String detail) {
        StringBuilder b = new StringBuilder(source);
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        return b.append(": ").append(detail).toString();
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

    public String detail() {
        return detail;
    }
}
