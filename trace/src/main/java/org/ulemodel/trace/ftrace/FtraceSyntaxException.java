// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.ftrace;

/**
 * Text that is not ftrace: the message is {@code SOURCE:LINE:COLUMN: expected …}, one line, so a
 * program can show it as it is ({@code ulemodel audit} does, with exit status 2). Columns count
 * characters from 1.
 */
public final class FtraceSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    FtraceSyntaxException(String source, int line, int column, String expected) {
        super(source + ":" + line + ":" + column + ": " + expected);
        this.line = line;
        this.column = column;
    }

    /** The 1-based line of the offending text. */
    public int line() {
        return line;
    }

    /** The 1-based column of the offending text. */
    public int column() {
        return column;
    }
}
