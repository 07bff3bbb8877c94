// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ulemodel.trace.InputError;

/**
 * A plain CSV stream (a header line, then rows; no quoting, as in FreeBSD's golden tables) read
 * one row at a time. Every problem is an {@link InputError}, {@code FILE:LINE: what was expected}.
 */
public final class CsvInput {
    private final String name;
    private final BufferedReader in;
    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();
    private int line;

    public CsvInput(String name, BufferedReader in) {
        this.name = name;
        this.in = in;
        String first = next();
        if (first == null) {
            throw new InputError(name, 1, 0, "empty input: expected a CSV header line");
        }
        header = List.of(split(first));
        for (int i = 0; i < header.size(); i++) {
            String col = header.get(i).trim();
            if (col.isEmpty()) {
                throw new InputError(name, 1, 0, "column " + (i + 1) + " of the header has no name");
            }
            if (index.put(col, i) != null) {
                throw new InputError(name, 1, 0, "column '" + col + "' appears twice in the header");
            }
        }
    }

    public String name() {
        return name;
    }

    public List<String> header() {
        return header;
    }

    public boolean has(String column) {
        return index.containsKey(column);
    }

    /** Fails unless every listed column is in the header. */
    public void require(List<String> columns, String table) {
        List<String> missing = new ArrayList<>();
        for (String c : columns) {
            if (!has(c)) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            throw new InputError(name, 1, 0, "table " + table + " needs column(s) " + String.join(", ", missing)
                    + "; expected a header naming at least " + String.join(",", columns) + ", got " + String.join(",", header));
        }
    }

    private String next() {
        try {
            String s = in.readLine();
            if (s != null) {
                line++;
                if (s.endsWith("\r")) {
                    s = s.substring(0, s.length() - 1);
                }
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": read failed", e);
        }
    }

    private String[] split(String s) {
        if (s.indexOf('"') >= 0) {
            throw new InputError(name, line, 0, "quoted CSV fields are not supported: expected plain comma-separated values");
        }
        return s.split(",", -1);
    }

    /** The next data row (blank lines skipped), or null at the end. */
    public Row read() {
        String s;
        do {
            s = next();
            if (s == null) {
                return null;
            }
        } while (s.isBlank());
        String[] f = split(s);
        if (f.length != header.size()) {
            throw new InputError(name, line, 0, "expected " + header.size() + " fields as in the header, found " + f.length);
        }
        return new Row(line, f);
    }

    /** One input row with typed, checked accessors. */
    public final class Row {
        private final int line;
        private final String[] fields;

        Row(int line, String[] fields) {
            this.line = line;
            this.fields = fields;
        }

        public int line() {
            return line;
        }

        public boolean has(String column) {
            return CsvInput.this.has(column);
        }

        public String str(String column) {
            Integer i = index.get(column);
            if (i == null) {
                throw new InputError(name, line, 0, "missing column " + column);
            }
            return fields[i].trim();
        }

        /** The field, or {@code dflt} when the column is absent. */
        public String strOr(String column, String dflt) {
            return has(column) ? str(column) : dflt;
        }

        public int integer(String column) {
            String v = str(column);
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw bad(column, "an integer", v);
            }
        }

        public int integerIn(String column, int min, int max) {
            int v = integer(column);
            if (v < min || v > max) {
                throw bad(column, "an integer in " + min + ".." + max, String.valueOf(v));
            }
            return v;
        }

        /** A signed 64-bit integer. */
        public long int64(String column) {
            String v = str(column);
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw bad(column, "a signed 64-bit integer", v);
            }
        }

        /** A signed 64-bit integer in {@code min..max}. */
        public long int64In(String column, long min, long max) {
            long v = int64(column);
            if (v < min || v > max) {
                throw bad(column, "an integer in " + min + ".." + max, String.valueOf(v));
            }
            return v;
        }

        /** A FreeBSD u_int: 0 .. 4294967295, returned in an int. */
        public int uint(String column) {
            String v = str(column);
            try {
                return Integer.parseUnsignedInt(v);
            } catch (NumberFormatException e) {
                throw bad(column, "an unsigned 32-bit integer (0..4294967295)", v);
            }
        }

        public long hex64(String column) {
            String v = str(column);
            String digits = v.startsWith("0x") || v.startsWith("0X") ? v.substring(2) : v;
            if (digits.isEmpty() || digits.length() > 16) {
                throw bad(column, "a 64-bit hex word (1 to 16 hex digits)", v);
            }
            try {
                return Long.parseUnsignedLong(digits, 16);
            } catch (NumberFormatException e) {
                throw bad(column, "a 64-bit hex word (1 to 16 hex digits)", v);
            }
        }

        /** The error for a field of {@code column} that is not {@code expected}: {@code FILE:LINE: column C: expected …, got '…'}. */
        public InputError bad(String column, String expected, String got) {
            return new InputError(name, line, 0, "column " + column + ": expected " + expected + ", got '" + got + "'");
        }

        /** An error about this row: {@code FILE:LINE: message}. */
        public InputError error(String message) {
            return new InputError(name, line, 0, message);
        }
    }
}
