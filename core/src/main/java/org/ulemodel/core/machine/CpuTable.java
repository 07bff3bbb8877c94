// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import java.util.Arrays;

/**
 * The CPUs of a {@link Machine} ({@code cpu_tdq[]}), immutable. Up to {@value #CHUNK} CPUs are one
 * flat array; more are held in chunks of {@value #CHUNK}, so that a step that changes one CPU
 * copies the short array of chunks and that CPU's chunk, not the whole table (at 256 CPUs, 160
 * bytes instead of 1 kB). Reads are one or two array loads.
 *
 * <p>Invariant: {@code size} CPUs, none null; at most {@value #CHUNK} CPUs: CPU {@code c} at
 * {@code flat[c]} and {@code chunks} null; more: {@code flat} null, CPU {@code c} at
 * {@code chunks[c / CHUNK][c % CHUNK]}, every chunk but the last holding {@value #CHUNK}. No array
 * reachable from a table is written after the table is made. {@link #equals}, {@link #hashCode}
 * and {@link #toString} are those of the flat array ({@link Arrays#equals}, {@link Arrays#hashCode},
 * {@link Arrays#toString}).
 */
final class CpuTable {
    static final int SHIFT = 3;
    static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    /** The CPUs of a table of at most {@value #CHUNK}; null for a larger one. */
    private final CpuState[] flat;
    /** The chunks of a table of more than {@value #CHUNK} CPUs; null for a smaller one. */
    private final CpuState[][] chunks;
    private final int size;

    private CpuTable(CpuState[] flat, CpuState[][] chunks, int size) {
        this.flat = flat;
        this.chunks = chunks;
        this.size = size;
    }

    /** A table holding {@code cpus} in order (the array is not kept). */
    static CpuTable of(CpuState[] cpus) {
        int n = cpus.length;
        if (n <= CHUNK) {
            return new CpuTable(cpus.clone(), null, n);
        }
        CpuState[][] chunks = new CpuState[(n + MASK) >>> SHIFT][];
        for (int k = 0; k < chunks.length; k++) {
            chunks[k] = Arrays.copyOfRange(cpus, k << SHIFT, Math.min(n, (k + 1) << SHIFT));
        }
        return new CpuTable(null, chunks, n);
    }

    int size() {
        return size;
    }

    /** CPU {@code c}; {@code c} must be in {@code 0..size()-1}. */
    CpuState get(int c) {
        CpuState[] f = flat;
        return f != null ? f[c] : chunks[c >>> SHIFT][c & MASK];
    }

    /** This table with CPU {@code cpu.cpu()} replaced. */
    CpuTable with(CpuState cpu) {
        Edit e = edit();
        e.set(cpu.cpu(), cpu);
        return e.done();
    }

    Edit edit() {
        return new Edit(this);
    }

    /**
     * Several CPUs replaced at once: the flat array, or the array of chunks and each touched
     * chunk, copied once. Single owner; {@link #done} hands the arrays over to the new table, after
     * which the edit must not be used.
     */
    static final class Edit {
        private final CpuTable base;
        private CpuState[] flat;
        private CpuState[][] chunks;

        private Edit(CpuTable base) {
            this.base = base;
        }

        void set(int c, CpuState cpu) {
            if (base.flat != null) {
                if (flat == null) {
                    flat = base.flat.clone();
                }
                flat[c] = cpu;
                return;
            }
            if (chunks == null) {
                chunks = base.chunks.clone();
            }
            int k = c >>> SHIFT;
            if (chunks[k] == base.chunks[k]) {
                chunks[k] = chunks[k].clone();
            }
            chunks[k][c & MASK] = cpu;
        }

        CpuTable done() {
            if (flat != null) {
                return new CpuTable(flat, null, base.size);
            }
            return chunks == null ? base : new CpuTable(null, chunks, base.size);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CpuTable)) {
            return false;
        }
        CpuTable t = (CpuTable) o;
        if (t.size != size) {
            return false;
        }
        if (flat != null) {
            return Arrays.equals(flat, t.flat);
        }
        for (int k = 0; k < chunks.length; k++) {
            if (chunks[k] != t.chunks[k] && !Arrays.equals(chunks[k], t.chunks[k])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int c = 0; c < size; c++) {
            h = 31 * h + get(c).hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("[");
        for (int c = 0; c < size; c++) {
            s.append(c == 0 ? "" : ", ").append(get(c));
        }
        return s.append(']').toString();
    }
}
