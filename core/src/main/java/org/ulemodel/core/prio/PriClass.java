// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.prio;

/**
 * A thread's scheduling class, FreeBSD {@code td_pri_class} (PRI_ITHD … PRI_IDLE in
 * sys/sys/priority.h), with the priority band its threads normally use. Invariant:
 * {@code minPri() <= maxPri()} and the bands do not overlap; the kernel band 80–119 belongs to
 * no class (threads of any class reach it only while sleeping in the kernel).
 */
public enum PriClass {
    /** Interrupt threads, 0–47. FreeBSD: PRI_ITHD. */
    ITHD(1, Priorities.PRI_MIN_ITHD, Priorities.PRI_MAX_ITHD),
    /** Realtime user threads, 48–79. FreeBSD: PRI_REALTIME. */
    REALTIME(2, Priorities.PRI_MIN_REALTIME, Priorities.PRI_MAX_REALTIME),
    /** Ordinary time-sharing threads, 120–223. FreeBSD: PRI_TIMESHARE. */
    TIMESHARE(3, Priorities.PRI_MIN_TIMESHARE, Priorities.PRI_MAX_TIMESHARE),
    /** Idle-class threads, 224–255. FreeBSD: PRI_IDLE. */
    IDLE(4, Priorities.PRI_MIN_IDLE, Priorities.PRI_MAX_IDLE);

    private final int code;
    private final int minPri;
    private final int maxPri;

    PriClass(int code, int minPri, int maxPri) {
        this.code = code;
        this.minPri = minPri;
        this.maxPri = maxPri;
    }

    /** FreeBSD's numeric class value (PRI_ITHD = 1 … PRI_IDLE = 4), without PRI_FIFO_BIT. */
    public int code() {
        return code;
    }

    /** Best (numerically smallest) priority of this class's band. */
    public int minPri() {
        return minPri;
    }

    /** Worst (numerically largest) priority of this class's band. */
    public int maxPri() {
        return maxPri;
    }

    /** True when {@code pri} lies inside this class's band. */
    public boolean contains(int pri) {
        return pri >= minPri && pri <= maxPri;
    }

    /**
     * The class of a FreeBSD {@code td_pri_class} value; PRI_FIFO_BIT is stripped first
     * (FreeBSD: PRI_BASE()).
     *
     * @throws IllegalArgumentException when the value is not 1..4 (optionally with bit 8 set)
     */
    public static PriClass fromCode(int tdPriClass) {
        int base = tdPriClass & ~Priorities.PRI_FIFO_BIT;
        for (PriClass c : values()) {
            if (c.code == base) {
                return c;
            }
        }
        throw new IllegalArgumentException("td_pri_class must be 1 (ITHD), 2 (REALTIME), 3 (TIMESHARE) or 4 (IDLE),"
                + " optionally ORed with PRI_FIFO_BIT 8; got " + tdPriClass);
    }
}
