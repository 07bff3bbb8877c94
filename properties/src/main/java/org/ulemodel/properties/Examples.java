// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties;

/**
 * How many generated examples a property tries, and from which fixed seeds. CI runs the default
 * counts (a few seconds per suite); {@code -Dulemodel.examples=N} runs N examples per property
 * and seed instead, and {@code -Dulemodel.seed=S} replaces the fixed seeds with S (to replay a
 * failure QuickTheories reported, or to explore new ground locally).
 */
public final class Examples {
    /** The seeds every property runs from in CI. */
    private static final long[] FIXED_SEEDS = {0x5EEDL, 20_261_114L};

    private Examples() {
    }

    /** Examples per seed: {@code -Dulemodel.examples} when set to a number, else {@code ciDefault}. */
    public static int count(int ciDefault) {
        String v = System.getProperty("ulemodel.examples");
        if (v == null || v.isBlank() || v.equals("default")) {
            return ciDefault;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 1) {
                throw new IllegalArgumentException("ulemodel.examples must be >= 1, got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ulemodel.examples must be a number, got '" + v + "'", e);
        }
    }

    /** The seeds to run: {@code -Dulemodel.seed} when set, else the fixed CI seeds. */
    public static long[] seeds() {
        String v = System.getProperty("ulemodel.seed");
        if (v == null || v.isBlank()) {
            return FIXED_SEEDS.clone();
        }
        return new long[] {Long.parseLong(v.trim())};
    }
}
