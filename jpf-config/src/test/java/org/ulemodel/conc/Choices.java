// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.conc;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A {@link Random} that returns scripted values, so a test can walk every combination of a
 * harness's choices — what JPF does with {@code cg.enumerate_random=true}.
 */
public final class Choices extends Random {
    private static final long serialVersionUID = 1L;
    private final int[] values;
    private int next;

    public Choices(int... values) {
        super(0);
        this.values = values.clone();
    }

    @Override
    public int nextInt(int bound) {
        if (next >= values.length) {
            throw new IllegalStateException("the harness drew more choices than the " + values.length + " scripted");
        }
        int v = values[next++];
        if (v < 0 || v >= bound) {
            throw new IllegalStateException("scripted choice " + v + " outside 0.." + (bound - 1));
        }
        return v;
    }

    @Override
    public boolean nextBoolean() {
        return nextInt(2) == 1;
    }

    /** Every combination of {@code count} binary choices, as scripts. */
    public static List<int[]> allBinary(int count) {
        List<int[]> all = new ArrayList<>();
        for (int bits = 0; bits < 1 << count; bits++) {
            int[] v = new int[count];
            for (int i = 0; i < count; i++) {
                v[i] = (bits >> i) & 1;
            }
            all.add(v);
        }
        return all;
    }
}
