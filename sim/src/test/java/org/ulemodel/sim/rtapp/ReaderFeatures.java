// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim.rtapp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Test access to the rt-app reader's feature vocabulary ({@link RtAppReader#features()}, package
 * private): what it accepts, and what one workload file uses. The reader reports the features it
 * handled; the JSON dialect's ({@code json.…}: comments, trailing commas) are skipped by the
 * parser without a trace, so {@link #dialectUsed} finds them in the text.
 */
public final class ReaderFeatures {
    private ReaderFeatures() {
    }

    /** Every feature the reader accepts. */
    public static Set<String> supported() {
        return RtAppReader.features();
    }

    /** The features {@code file} uses; it must be a valid workload. */
    public static Set<String> used(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Set<String> used = new TreeSet<>(RtAppReader.featuresUsed(file.toString(), text));
        used.addAll(dialectUsed(text));
        return used;
    }

    /** The {@code json.…} features of {@code text}: block and line comments, commas before a closing bracket. */
    public static Set<String> dialectUsed(String text) {
        Set<String> used = new TreeSet<>();
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                i = stringEnd(text, i);
            } else if (text.startsWith("/*", i)) {
                used.add("json.block-comment");
                i = commentEnd(text, i);
            } else if (text.startsWith("//", i)) {
                used.add("json.line-comment");
                i = commentEnd(text, i);
            } else if (c == ',') {
                int j = i + 1;
                while (j < n) {
                    if (Character.isWhitespace(text.charAt(j))) {
                        j++;
                    } else if (text.startsWith("/*", j) || text.startsWith("//", j)) {
                        j = commentEnd(text, j) + 1;
                    } else {
                        break;
                    }
                }
                if (j < n && (text.charAt(j) == '}' || text.charAt(j) == ']')) {
                    used.add("json.trailing-comma");
                }
            }
        }
        return used;
    }

    /** Index of the quote closing the string that opens at {@code i} (or the last index). */
    private static int stringEnd(String text, int i) {
        for (int j = i + 1; j < text.length(); j++) {
            if (text.charAt(j) == '\\') {
                j++;
            } else if (text.charAt(j) == '"') {
                return j;
            }
        }
        return text.length() - 1;
    }

    /** Index of the last character of the comment that opens at {@code i}. */
    private static int commentEnd(String text, int i) {
        int end = text.startsWith("/*", i) ? text.indexOf("*/", i + 2) + 1 : text.indexOf('\n', i);
        return end <= 0 ? text.length() - 1 : end;
    }
}
