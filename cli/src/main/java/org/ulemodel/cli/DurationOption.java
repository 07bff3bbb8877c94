// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import java.util.Locale;

/**
 * The value of {@code simulate --duration}: 10s, 250ms, 1.5s, 500us, or a bare number of seconds.
 * Invariant: the result is in µs, at least 1 and at most a day; anything else is a
 * {@link UsageError} {@code --duration VALUE: expected …}.
 */
public final class DurationOption {
    private DurationOption() {
    }

    /** {@code value} in µs. */
    public static long micros(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        double scale = 1_000_000;
        String num = v;
        if (v.endsWith("ms")) {
            scale = 1_000;
            num = v.substring(0, v.length() - 2);
        } else if (v.endsWith("us")) {
            scale = 1;
            num = v.substring(0, v.length() - 2);
        } else if (v.endsWith("s")) {
            num = v.substring(0, v.length() - 1);
        }
        double d;
        try {
            d = Double.parseDouble(num);
        } catch (NumberFormatException e) {
            throw new UsageError("--duration " + value + ": expected a time such as 10s, 250ms or 500us");
        }
        if (!(d > 0) || d * scale > 86_400e6) {
            throw new UsageError("--duration " + value + ": expected a time above 0 and at most 86400s");
        }
        return Math.max(1, Math.round(d * scale));
    }
}
