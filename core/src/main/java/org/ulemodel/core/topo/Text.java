// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.topo;

/**
 * The few text tests the topology and CPU-set parsers need, written with {@code charAt} loops
 * instead of {@code String.strip}/{@code isBlank}/{@code chars}: same results (every whitespace
 * character is in the BMP, so testing chars is testing code points), and runnable on Java
 * PathFinder, whose model of {@code java.lang.String} lacks those methods.
 */
final class Text {
    private Text() {
    }

    /** {@code s.strip()}: {@code s} without leading and trailing {@link Character#isWhitespace} characters. */
    static String strip(String s) {
        int begin = 0;
        int end = s.length();
        while (begin < end && Character.isWhitespace(s.charAt(begin))) {
            begin++;
        }
        while (end > begin && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(begin, end);
    }

    /** {@code s.isBlank()}: empty or only whitespace. */
    static boolean isBlank(String s) {
        return strip(s).isEmpty();
    }

    /** Every character is an ASCII digit {@code 0}-{@code 9} (true for the empty string). */
    static boolean allDecimal(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }

    /** Every character is a hexadecimal digit for {@link Character#digit(char, int)} (true for the empty string). */
    static boolean allHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
