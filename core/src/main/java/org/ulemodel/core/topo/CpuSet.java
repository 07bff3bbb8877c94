// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.topo;

import java.util.Arrays;

/**
 * An immutable set of CPU ids (FreeBSD {@code cpuset_t}, {@code CPU_ISSET}/{@code CPU_SET}/
 * {@code CPU_CLR}), stored as 64-bit words, lowest CPU first. Any width: a set may name CPU
 * 1023 or beyond. Invariant: the word array has no trailing zero words, so equal sets have equal
 * arrays and {@link #equals}/{@link #hashCode} are structural.
 */
public final class CpuSet {
    private static final long[] NO_WORDS = new long[0];
    private static final CpuSet EMPTY = new CpuSet(NO_WORDS);

    private final long[] words;
    /**
     * {@link #hashCode}, computed on first use (0: not yet; a set whose hash is 0 recomputes it).
     * A benign race, as {@link String}'s: every thread computes the same value from the final
     * words and an int is written whole.
     */
    private int hash;

    private CpuSet(long[] words) {
        this.words = words;
    }

    private static CpuSet of(long[] words) {
        int n = words.length;
        while (n > 0 && words[n - 1] == 0) {
            n--;
        }
        if (n == 0) {
            return EMPTY;
        }
        return new CpuSet(n == words.length ? words : Arrays.copyOf(words, n));
    }

    /** The empty set. */
    public static CpuSet empty() {
        return EMPTY;
    }

    /** CPUs {@code 0..n-1} (FreeBSD {@code CPU_FILL} restricted to a machine of n CPUs). */
    public static CpuSet firstN(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("CPU count must be >= 0, got " + n);
        }
        return ofRange(0, n);
    }

    /** The set of the given CPU ids. */
    public static CpuSet of(int... cpus) {
        CpuSet s = EMPTY;
        for (int c : cpus) {
            s = s.with(c);
        }
        return s;
    }

    /**
     * CPUs {@code from..to-1} (the run of consecutive ids that FreeBSD's {@code smp_topo_addleaf}
     * puts in a leaf group). Empty when {@code to <= from}.
     */
    public static CpuSet ofRange(int from, int to) {
        checkCpu(from);
        if (to <= from) {
            return EMPTY;
        }
        long[] w = new long[(to + 63) >>> 6];
        int lo = from >>> 6;
        int hi = (to - 1) >>> 6;
        Arrays.fill(w, lo, hi + 1, -1L);
        w[lo] &= -1L << (from & 63);
        w[hi] &= -1L >>> (63 - ((to - 1) & 63));
        return of(w);
    }

    /**
     * Parses FreeBSD's {@code cpusetobj_strprint} text: comma-separated 64-bit hex words, lowest
     * CPUs first, each optionally with a {@code 0x} prefix and surrounding blanks, e.g.
     * {@code "f,0,0,0"}. Throws IllegalArgumentException naming the bad word.
     */
    public static CpuSet parseWords(String text) {
        if (text == null || Text.isBlank(text)) {
            throw new IllegalArgumentException("empty CPU mask; expected comma-separated hex words such as f,0,0,0");
        }
        String[] parts = text.split(",", -1);
        long[] w = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String h = Text.strip(parts[i]);
            if (h.startsWith("0x") || h.startsWith("0X")) {
                h = h.substring(2);
            }
            if (h.isEmpty() || h.length() > 16 || !Text.allHex(h)) {
                throw new IllegalArgumentException("bad CPU mask word " + (i + 1) + " '" + Text.strip(parts[i]) + "' in '" + text
                        + "'; expected comma-separated 64-bit hex words, lowest CPUs first, such as f,0,0,0");
            }
            w[i] = Long.parseUnsignedLong(h, 16);
        }
        return of(w);
    }

    /** The set whose word 0 is {@code mask} (bit n = CPU n). */
    public static CpuSet ofMask(long mask) {
        return of(new long[] {mask});
    }

    /** The set from 64-bit words, lowest CPUs first. */
    public static CpuSet ofWords(long... words) {
        return of(words.clone());
    }

    private static void checkCpu(int cpu) {
        if (cpu < 0) {
            throw new IllegalArgumentException("CPU id must be >= 0, got " + cpu);
        }
    }

    /** FreeBSD {@code CPU_ISSET}. */
    public boolean contains(int cpu) {
        if (cpu < 0) {
            return false;
        }
        int w = cpu >>> 6;
        return w < words.length && (words[w] & (1L << (cpu & 63))) != 0;
    }

    /** This set plus {@code cpu} (FreeBSD {@code CPU_SET}). */
    public CpuSet with(int cpu) {
        checkCpu(cpu);
        if (contains(cpu)) {
            return this;
        }
        int w = cpu >>> 6;
        long[] copy = Arrays.copyOf(words, Math.max(words.length, w + 1));
        copy[w] |= 1L << (cpu & 63);
        return new CpuSet(copy);
    }

    /** This set minus {@code cpu} (FreeBSD {@code CPU_CLR}). */
    public CpuSet without(int cpu) {
        if (!contains(cpu)) {
            return this;
        }
        long[] copy = words.clone();
        copy[cpu >>> 6] &= ~(1L << (cpu & 63));
        return of(copy);
    }

    /** The CPUs in both sets (FreeBSD {@code CPU_AND}); one of the two sets itself when it lies in the other. */
    public CpuSet and(CpuSet other) {
        if (other.containsAll(this)) {
            return this;
        }
        if (containsAll(other)) {
            return other;
        }
        long[] w = new long[Math.min(words.length, other.words.length)];
        for (int i = 0; i < w.length; i++) {
            w[i] = words[i] & other.words[i];
        }
        return of(w);
    }

    public CpuSet or(CpuSet other) {
        long[] w = Arrays.copyOf(words.length >= other.words.length ? words : other.words,
                Math.max(words.length, other.words.length));
        long[] small = words.length >= other.words.length ? other.words : words;
        for (int i = 0; i < small.length; i++) {
            w[i] |= small[i];
        }
        return of(w);
    }

    public CpuSet andNot(CpuSet other) {
        long[] w = words.clone();
        for (int i = 0; i < Math.min(w.length, other.words.length); i++) {
            w[i] &= ~other.words[i];
        }
        return of(w);
    }

    public boolean isEmpty() {
        return words.length == 0;
    }

    public int size() {
        int n = 0;
        for (long w : words) {
            n += Long.bitCount(w);
        }
        return n;
    }

    /** The lowest CPU in the set, or -1 when empty. */
    public int first() {
        return nextFrom(0);
    }

    /** The lowest CPU ≥ {@code from} in the set, or -1. */
    public int nextFrom(int from) {
        if (from < 0) {
            from = 0;
        }
        int w = from >>> 6;
        if (w >= words.length) {
            return -1;
        }
        long cur = words[w] & (-1L << (from & 63));
        while (true) {
            if (cur != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(cur);
            }
            if (++w >= words.length) {
                return -1;
            }
            cur = words[w];
        }
    }

    /** The highest CPU in the set, or -1 when empty. */
    public int last() {
        if (words.length == 0) {
            return -1;
        }
        int w = words.length - 1;
        return (w << 6) + 63 - Long.numberOfLeadingZeros(words[w]);
    }

    /** True when the two sets share a CPU (FreeBSD {@code CPU_OVERLAP}). */
    public boolean intersects(CpuSet other) {
        for (int i = 0; i < Math.min(words.length, other.words.length); i++) {
            if ((words[i] & other.words[i]) != 0) {
                return true;
            }
        }
        return false;
    }

    /** True when every CPU of {@code other} is in this set (FreeBSD {@code CPU_SUBSET(this, other)}). */
    public boolean containsAll(CpuSet other) {
        if (other.words.length > words.length) {
            return false;
        }
        for (int i = 0; i < other.words.length; i++) {
            if ((other.words[i] & ~words[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The CPU ids in ascending order. */
    public int[] toArray() {
        int[] out = new int[size()];
        int i = 0;
        for (int c = first(); c >= 0; c = nextFrom(c + 1)) {
            out[i++] = c;
        }
        return out;
    }

    /** Word {@code i} (0 when beyond the stored words). */
    public long word(int i) {
        return i < words.length ? words[i] : 0;
    }

    public int wordCount() {
        return words.length;
    }

    /** Lowercase hex of the whole set, most significant word first, no leading zeros ("0" when empty). */
    public String toHex() {
        if (words.length == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder(Long.toHexString(words[words.length - 1]));
        for (int i = words.length - 2; i >= 0; i--) {
            String h = Long.toHexString(words[i]);
            sb.append("0".repeat(16 - h.length())).append(h);
        }
        return sb.toString();
    }

    /**
     * FreeBSD's {@code cpusetobj_strprint} form: each 64-bit word as lowercase hex without
     * leading zeros, lowest CPUs first, joined by commas, padded with {@code 0} words to at
     * least {@code minWords} words (a kernel prints {@code MAXCPU/64} words, e.g. 16 for
     * MAXCPU 1024). Inverse of {@link #parseWords}.
     */
    public String toWordsString(int minWords) {
        int n = Math.max(Math.max(1, minWords), words.length);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(Long.toHexString(word(i)));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof CpuSet && Arrays.equals(words, ((CpuSet) o).words);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(words);
            hash = h;
        }
        return h;
    }

    /** CPU list such as {@code {0-3,8}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        int c = first();
        while (c >= 0) {
            int end = c;
            while (contains(end + 1)) {
                end++;
            }
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(c);
            if (end > c) {
                sb.append('-').append(end);
            }
            c = nextFrom(end + 1);
        }
        return sb.append('}').toString();
    }
}
