// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import java.util.Arrays;

/**
 * The CPUs of a {@link Machine} ({@code cpu_tdq[]}), immutable. Up to {@value #CHUNK} CPUs are one
 * flat array; more are held in chunks of {@value #CHUNK}, so that a step that changes one CPU
 * copies the short array of chunks and that CPU's chunk, not the whole table (at 256 CPUs, 160
 * bytes instead of 1 kB). Reads are one or two array loads. {@link Machine} extends this class
 * rather than pointing to a table: every step makes a machine, and so one object fewer per step
 * and one pointer fewer between a state and its CPUs.
 *
 * <p>Invariant: at most {@value #CHUNK} CPUs: CPU {@code c} at {@code flat[c]} and {@code chunks}
 * null; more: {@code flat} null, CPU {@code c} at {@code chunks[c / CHUNK][c % CHUNK]}, every
 * chunk but the last holding {@value #CHUNK}; no CPU null. No array reachable from a table is
 * written after the table is made (tables share them). {@link #sameCpus}, {@link #cpusHash} and
 * {@link #cpusString} are {@link Arrays#equals}, {@link Arrays#hashCode} and {@link Arrays#toString}
 * of the flat array.
 */
abstract class CpuTable {
    static final int SHIFT = 3;
    static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    /** The CPUs of a table of at most {@value #CHUNK}; null for a larger one. */
    private final CpuState[] flat;
    /** The chunks of a table of more than {@value #CHUNK} CPUs; null for a smaller one. */
    private final CpuState[][] chunks;

    /** A table holding {@code cpus} in order (the array is not kept). */
    CpuTable(CpuState[] cpus) {
        int n = cpus.length;
        if (n <= CHUNK) {
            flat = cpus.clone();
            chunks = null;
        } else {
            flat = null;
            chunks = new CpuState[(n + MASK) >>> SHIFT][];
            for (int k = 0; k < chunks.length; k++) {
                chunks[k] = Arrays.copyOfRange(cpus, k << SHIFT, Math.min(n, (k + 1) << SHIFT));
            }
        }
    }

    /** A table with the same CPUs as {@code same} (sharing its arrays). */
    CpuTable(CpuTable same) {
        flat = same.flat;
        chunks = same.chunks;
    }

    /** The table {@code edit} made: its base's CPUs with the replacements; the edit must not be used after. */
    CpuTable(Edit edit) {
        CpuTable base = edit.base;
        if (edit.flat != null) {
            flat = edit.flat;
            chunks = null;
        } else if (edit.chunks != null) {
            flat = null;
            chunks = edit.chunks;
        } else {
            flat = base.flat;
            chunks = base.chunks;
        }
    }

    /** The number of CPUs. */
    final int tableSize() {
        CpuState[] f = flat;
        return f != null ? f.length : ((chunks.length - 1) << SHIFT) + chunks[chunks.length - 1].length;
    }

    /** CPU {@code c}; {@code c} must be in {@code 0..tableSize()-1}. */
    final CpuState get(int c) {
        CpuState[] f = flat;
        return f != null ? f[c] : chunks[c >>> SHIFT][c & MASK];
    }

    final Edit edit() {
        return new Edit(this);
    }

    /**
     * Several CPUs replaced at once: the flat array, or the array of chunks and each touched
     * chunk, copied once. Single owner; the table made from it ({@link #CpuTable(Edit)}) takes
     * the arrays over, after which the edit must not be used.
     */
    static final class Edit {
        private final CpuTable base;
        private CpuState[] flat;
        private CpuState[][] chunks;

        private Edit(CpuTable base) {
            this.base = base;
        }

        /** Replaces CPU {@code c} with {@code cpu}. */
        Edit set(int c, CpuState cpu) {
            if (base.flat != null) {
                if (flat == null) {
                    flat = base.flat.clone();
                }
                flat[c] = cpu;
                return this;
            }
            if (chunks == null) {
                chunks = base.chunks.clone();
            }
            int k = c >>> SHIFT;
            if (chunks[k] == base.chunks[k]) {
                chunks[k] = chunks[k].clone();
            }
            chunks[k][c & MASK] = cpu;
            return this;
        }
    }

    /** Whether {@code t} holds equal CPUs in the same order. */
    final boolean sameCpus(CpuTable t) {
        if (flat != null || t.flat != null) {
            return Arrays.equals(flat, t.flat);
        }
        if (chunks.length != t.chunks.length) {
            return false;
        }
        for (int k = 0; k < chunks.length; k++) {
            if (chunks[k] != t.chunks[k] && !Arrays.equals(chunks[k], t.chunks[k])) {
                return false;
            }
        }
        return true;
    }

    /** {@link Arrays#hashCode} of the CPUs in order. */
    final int cpusHash() {
        int h = 1;
        for (int c = 0, n = tableSize(); c < n; c++) {
            h = 31 * h + get(c).hashCode();
        }
        return h;
    }

    /** {@link Arrays#toString} of the CPUs in order. */
    final String cpusString() {
        StringBuilder s = new StringBuilder("[");
        for (int c = 0, n = tableSize(); c < n; c++) {
            s.append(c == 0 ? "" : ", ").append(get(c));
        }
        return s.append(']').toString();
    }
}
