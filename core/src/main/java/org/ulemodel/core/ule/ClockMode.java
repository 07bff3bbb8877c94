// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import java.util.Locale;

/**
 * How the kernel chose {@code stathz} for a given {@code hz}, FreeBSD: cpu_initclocks_bsp() in
 * sys/kern/kern_clocksource.c, assuming an ideal timer whose round_freq() returns the requested
 * frequency unchanged.
 */
public enum ClockMode {
    /** One-shot event timer (the usual x86 setup): stathz = 127 whatever hz is. */
    ONESHOT("oneshot"),
    /** Periodic event timer: stathz is derived from hz·singlemul so that it lies near 128. */
    PERIODIC_IDEAL_TIMER("periodic_ideal_timer"),
    /** No separate statistics clock: stathz is 0 and the scheduler uses realstathz = hz. */
    STATHZ0_USES_HZ("stathz0_uses_hz");

    /** The requested statistics frequency in one-shot mode. */
    private static final int ONESHOT_STATHZ = 127;
    /** The frequency the periodic computation aims at. */
    private static final int STATHZ_TARGET = 128;

    private final String goldenName;

    ClockMode(String goldenName) {
        this.goldenName = goldenName;
    }

    /** The name used in the golden tables' clock_mode column. */
    public String goldenName() {
        return goldenName;
    }

    /**
     * The stathz this mode yields for {@code hz} (0 for {@link #STATHZ0_USES_HZ}). Periodic mode:
     * singlemul = 1 when hz &ge; 1500 or hz % 128 == 0, else 2 when hz &ge; 750, else 4;
     * base = hz·singlemul; stathz = base when base &le; 128, else base/div with div = base/128,
     * plus one when div &ge; singlemul and div % singlemul == 0.
     *
     * @throws IllegalArgumentException when hz is not in 2..100000
     */
    public int stathz(int hz) {
        SchedParams.requireHz(hz);
        switch (this) {
            case ONESHOT:
                return ONESHOT_STATHZ;
            case STATHZ0_USES_HZ:
                return 0;
            case PERIODIC_IDEAL_TIMER:
            default:
                int singlemul;
                if (hz >= 1500 || hz % STATHZ_TARGET == 0) {
                    singlemul = 1;
                } else if (hz >= 750) {
                    singlemul = 2;
                } else {
                    singlemul = 4;
                }
                int base = hz * singlemul;
                if (base <= STATHZ_TARGET) {
                    return base;
                }
                int div = base / STATHZ_TARGET;
                if (div >= singlemul && div % singlemul == 0) {
                    div++;
                }
                return base / div;
        }
    }

    /**
     * The mode named {@code goldenName} as written in the golden tables (case-insensitive).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static ClockMode parse(String goldenName) {
        if (goldenName != null) {
            String n = goldenName.trim().toLowerCase(Locale.ROOT);
            for (ClockMode m : values()) {
                if (m.goldenName.equals(n)) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("clock mode must be one of oneshot, periodic_ideal_timer, stathz0_uses_hz; got "
                + (goldenName == null ? "null" : "'" + goldenName + "'"));
    }
}
