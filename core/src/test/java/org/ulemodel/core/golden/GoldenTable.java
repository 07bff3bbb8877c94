// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One golden CSV file of the repository's {@code golden/} folder, read whole. Rows keep their 1-based line
 * number so that a mismatch can name the file and line. A missing file or folder is an error,
 * never a skip: fidelity that was not checked must not look like fidelity that was.
 *
 * <p>The golden files are plain CSV without quoting (no field contains a comma); a row whose
 * field count differs from the header is reported as malformed.
 */
public final class GoldenTable {
    private final Path file;
    private final List<String> header;
    private final List<Row> rows;

    private GoldenTable(Path file, List<String> header, List<Row> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
    }

    /**
     * The repository's {@code golden/} folder: system property {@code ulemodel.golden} (set by the
     * build to the project root's {@code golden/}), else the nearest {@code golden/} holding a
     * README.md in the working directory or one of its parents. Never a skip: a missing folder is
     * an error that says where it looked.
     */
    public static Path goldenDir() {
        String prop = System.getProperty("ulemodel.golden");
        if (prop != null && !prop.isBlank()) {
            Path p = Paths.get(prop).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
            throw new IllegalStateException("ulemodel.golden=" + prop + " is not a directory; the golden tables are required");
        }
        Path cwd = Paths.get("").toAbsolutePath();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("golden");
            if (Files.isRegularFile(candidate.resolve("README.md"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find golden/ (with README.md) in " + cwd
                + " or its parents; the golden tables are required, set -Dulemodel.golden=DIR");
    }

    /** Reads {@code golden/<relative>}; fails when it is missing or empty. */
    public static GoldenTable load(String relative) {
        Path file = goldenDir().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("golden table missing: " + file);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (lines.isEmpty()) {
            throw new IllegalStateException(file + " is empty");
        }
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<Row> rows = new ArrayList<>(lines.size());
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != header.size()) {
                throw new IllegalStateException(file + ":" + (i + 1) + ": expected " + header.size()
                        + " fields, found " + fields.length + ": " + line);
            }
            rows.add(new Row(file.getFileName().toString(), i + 1, header, Arrays.asList(fields), line));
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException(file + " has no rows");
        }
        return new GoldenTable(file, header, Collections.unmodifiableList(rows));
    }

    public Path file() {
        return file;
    }

    public List<String> header() {
        return header;
    }

    public List<Row> rows() {
        return rows;
    }

    public List<Row> rows(Predicate<Row> filter) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            if (filter.test(r)) {
                out.add(r);
            }
        }
        return out;
    }

    /** One data row; fields are looked up by column name. */
    public static final class Row {
        private final String fileName;
        private final int line;
        private final List<String> header;
        private final List<String> fields;
        private final String text;

        Row(String fileName, int line, List<String> header, List<String> fields, String text) {
            this.fileName = fileName;
            this.line = line;
            this.header = header;
            this.fields = fields;
            this.text = text;
        }

        public int line() {
            return line;
        }

        public String where() {
            return fileName + ":" + line;
        }

        public String text() {
            return text;
        }

        public String get(String column) {
            int i = header.indexOf(column);
            if (i < 0) {
                throw new IllegalArgumentException(fileName + " has no column " + column + " (columns: " + header + ")");
            }
            return fields.get(i);
        }

        public int i(String column) {
            return Integer.parseInt(get(column));
        }

        public long l(String column) {
            return Long.parseLong(get(column));
        }

        /** Starts a comparison of this row's expected columns with computed values. */
        public Check check() {
            return new Check(this);
        }
    }

    /**
     * Compares several columns of one row; {@link #mismatch()} is null when all agree, otherwise
     * one line naming the row, its text, and each differing column as {@code col: golden X, model Y}.
     */
    public static final class Check {
        private final Row row;
        private final StringBuilder diffs = new StringBuilder();

        Check(Row row) {
            this.row = row;
        }

        public Check col(String column, Object modelValue) {
            String expected = row.get(column);
            String actual = String.valueOf(modelValue);
            if (!expected.equals(actual)) {
                diffs.append("\n    ").append(column).append(": golden ").append(expected).append(", model ").append(actual);
            }
            return this;
        }

        public String mismatch() {
            if (diffs.length() == 0) {
                return null;
            }
            return row.where() + ": " + row.text() + diffs;
        }
    }

    /**
     * Collects mismatches over a whole table and fails once at the end with the first few, so one
     * run shows how widespread a disagreement is. Also counts the rows checked.
     */
    public static final class Verdict {
        private final String table;
        private final List<String> mismatches = new ArrayList<>();
        private int checked;

        public Verdict(String table) {
            this.table = table;
        }

        public void add(Check check) {
            checked++;
            String m = check.mismatch();
            if (m != null) {
                mismatches.add(m);
            }
        }

        public int checked() {
            return checked;
        }

        /** Throws an AssertionError listing up to 20 mismatching rows; also fails when nothing was checked. */
        public void assertAllMatch() {
            if (checked == 0) {
                throw new AssertionError(table + ": no row was checked");
            }
            if (!mismatches.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                sb.append(table).append(": ").append(mismatches.size()).append(" of ").append(checked)
                        .append(" rows differ from the golden values:");
                for (int i = 0; i < Math.min(20, mismatches.size()); i++) {
                    sb.append("\n  ").append(mismatches.get(i));
                }
                throw new AssertionError(sb.toString());
            }
        }
    }
}
