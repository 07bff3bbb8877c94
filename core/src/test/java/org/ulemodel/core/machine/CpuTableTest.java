// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.ule.UleVersion;

/**
 * {@link CpuTable}: the CPU table, flat or chunked, reads, replaces and compares as the flat array
 * it replaced, and never changes a table already made.
 */
class CpuTableTest {
    /** The table alone, as a value: {@link Machine} is the only table the model makes. */
    private static final class Table extends CpuTable {
        Table(CpuState[] cpus) {
            super(cpus);
        }

        Table(CpuTable.Edit edit) {
            super(edit);
        }

        static Table of(CpuState[] cpus) {
            return new Table(cpus);
        }

        Table with(CpuState cpu) {
            return new Table(edit().set(cpu.cpu(), cpu));
        }

        int size() {
            return tableSize();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Table && sameCpus((Table) o);
        }

        @Override
        public int hashCode() {
            return cpusHash();
        }

        @Override
        public String toString() {
            return cpusString();
        }
    }

    /** A small table is one flat array: replacing copies it, the old table and the caller's array stay as they were. */
    @Test
    void aSmallTableReplacesAsTheFlatArray() {
        int n = 6;
        CpuState[] given = cpus(n);
        Table t = Table.of(given);
        given[2] = loaded(2, 7); // the table keeps no reference to the caller's array
        assertThat(t.get(2).load()).isZero();
        CpuTable.Edit e = t.edit();
        e.set(0, loaded(0, 1));
        e.set(5, loaded(5, 4));
        Table u = new Table(e);
        Table v = u.with(loaded(3, 2));
        List<Integer> loads = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            assertThat(t.get(c).load()).as("old table, CPU %d", c).isZero();
            loads.add(v.get(c).load());
        }
        assertThat(u.get(3).load()).isZero();
        assertThat(loads).containsExactly(1, 0, 0, 2, 0, 4);
        CpuState[] expected = cpus(n);
        expected[0] = loaded(0, 1);
        expected[3] = loaded(3, 2);
        expected[5] = loaded(5, 4);
        assertThat(v).isEqualTo(Table.of(expected)).isNotEqualTo(u).isNotEqualTo(t);
        assertThat(v.hashCode()).isEqualTo(Arrays.hashCode(expected));
        assertThat(t).isEqualTo(Table.of(cpus(n))).isNotEqualTo(Table.of(cpus(n - 1))).isNotEqualTo(Table.of(cpus(9)));
        assertThat(new Table(t.edit())).isEqualTo(t);
    }

    private static CpuState[] cpus(int n) {
        CpuState[] a = new CpuState[n];
        for (int c = 0; c < n; c++) {
            a[c] = CpuState.initial(c, UleVersion.V14);
        }
        return a;
    }

    /** CPU {@code c} with a load of {@code load}, everything else as at boot. */
    private static CpuState loaded(int c, int load) {
        CpuState s = CpuState.initial(c, UleVersion.V14).copy();
        s.load = load;
        return s;
    }

    @Test
    void readsEveryCpuAtEverySizeAcrossChunkBoundaries() {
        for (int n : new int[] {1, 7, 8, 9, 16, 17, 64, 257}) {
            CpuState[] flat = cpus(n);
            Table t = Table.of(flat);
            assertThat(t.size()).isEqualTo(n);
            for (int c = 0; c < n; c++) {
                assertThat(t.get(c)).as("%d of %d", c, n).isSameAs(flat[c]);
            }
            assertThat(t.hashCode()).as("hash of %d", n).isEqualTo(Arrays.hashCode(flat));
            assertThat(t.toString()).isEqualTo(Arrays.toString(flat));
        }
    }

    @Test
    void replacingLeavesTheOldTableUnchangedAndEqualsTheFlatArray() {
        int n = 20;
        CpuState[] flat = cpus(n);
        Table t = Table.of(flat);
        Table u = t.with(loaded(9, 3));
        CpuTable.Edit e = u.edit();
        e.set(0, loaded(0, 1));
        e.set(1, loaded(1, 2));
        e.set(19, loaded(19, 5));
        Table v = new Table(e);
        for (int c = 0; c < n; c++) {
            assertThat(t.get(c).load()).as("old table, CPU %d", c).isZero();
        }
        assertThat(u.get(9).load()).isEqualTo(3);
        assertThat(u.get(0).load()).isZero();
        List<Integer> loads = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            loads.add(v.get(c).load());
        }
        assertThat(loads).containsExactly(1, 2, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5);
        CpuState[] expected = cpus(n);
        expected[0] = loaded(0, 1);
        expected[1] = loaded(1, 2);
        expected[9] = loaded(9, 3);
        expected[19] = loaded(19, 5);
        assertThat(v).isEqualTo(Table.of(expected)).hasSameHashCodeAs(Table.of(expected));
        assertThat(v.hashCode()).isEqualTo(Arrays.hashCode(expected));
        assertThat(v).isNotEqualTo(u).isNotEqualTo(t);
        assertThat(t).isEqualTo(Table.of(cpus(n))).isNotEqualTo(Table.of(cpus(n + 1))).isNotEqualTo("a table");
        assertThat(new Table(t.edit())).isEqualTo(t);
    }

    @Test
    void aTableDiffersWhenOnlyTheLastChunkDiffers() {
        CpuState[] a = cpus(12);
        CpuState[] b = cpus(12);
        b[11] = loaded(11, 1);
        assertThat(Table.of(a)).isNotEqualTo(Table.of(b));
        assertThat(Table.of(a)).isEqualTo(Table.of(cpus(12)));
    }
}
