// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import java.util.Locale;
import org.ulemodel.core.prio.Priorities;

/**
 * Which FreeBSD ULE the formulas follow: FreeBSD 14's (three run queues, the
 * {@code tdq_idx}/{@code tdq_ridx} calendar) or FreeBSD 15's (one 256-queue run queue, the
 * 109-queue calendar, the new priority layout, nice and %CPU arithmetic). Each method names the
 * formula it dispatches to, so that code written once — the golden-table adapters of
 * {@code ulemodel eval}, a model — runs either version; what is the same in both (the
 * interactivity score and its history, slices, the static boost) needs no dispatch.
 */
public enum UleVersion {
    /** FreeBSD 14 (and 10–13 for these formulas): {@link Priority}, {@link PctCpu}, {@link Preemption}. */
    V14(14),
    /** FreeBSD 15: {@link Priority15}, {@link PctCpu15}, {@link Preemption15}, {@link Calendar15}. */
    V15(15);

    private final int number;

    UleVersion(int number) {
        this.number = number;
    }

    /** The FreeBSD major version, 14 or 15 (the value of {@code --ule}). */
    public int number() {
        return number;
    }

    /** The name the golden tables write in their {@code version} column: {@code V14} or {@code V15}. */
    public String goldenName() {
        return name();
    }

    /**
     * The version named {@code text}: {@code 14} or {@code 15}, or the golden tables' {@code V14},
     * {@code V15} (any case, surrounding blanks ignored).
     *
     * @throws IllegalArgumentException for anything else, naming the accepted values
     */
    public static UleVersion parse(String text) {
        if (text != null) {
            String t = text.trim().toUpperCase(Locale.ROOT);
            for (UleVersion v : values()) {
                if (t.equals(String.valueOf(v.number)) || t.equals(v.name())) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("expected 14 or 15 (FreeBSD 14's or FreeBSD 15's ULE), got "
                + (text == null ? "nothing" : "'" + text + "'"));
    }

    /**
     * The clock-derived constants and default tunables for {@code hz} and {@code stathz} (0 = use
     * hz): {@link SchedParams#initticks} or {@link SchedParams#initticks15}.
     *
     * @throws IllegalArgumentException when hz is not in 2..100000 or stathz not in 0..100000
     */
    public SchedParams params(int hz, int stathz) {
        return this == V14 ? SchedParams.initticks(hz, stathz) : SchedParams.initticks15(hz, stathz);
    }

    /** The best batch priority, where the calendar starts: 152 or 115. FreeBSD: PRI_MIN_BATCH. */
    public int priMinBatch() {
        return this == V14 ? Priorities.PRI_MIN_BATCH : Priorities15.PRI_MIN_BATCH;
    }

    /** The worst batch priority, 223 in both versions. FreeBSD: PRI_MAX_BATCH. */
    public int priMaxBatch() {
        return Priorities.PRI_MAX_BATCH;
    }

    /** True when {@code pri} is in this version's batch band (the calendar): 152..223 or 115..223. */
    public boolean isBatch(int pri) {
        return pri >= priMinBatch() && pri <= priMaxBatch();
    }

    /** The %CPU window advanced to hz tick {@code ticks}: {@link PctCpu#update} or {@link PctCpu15#update}. FreeBSD: sched_pctcpu_update(). */
    public CpuWindow updateWindow(CpuWindow w, int ticks, boolean run, SchedParams p) {
        return this == V14 ? PctCpu.update(w, ticks, run, p) : PctCpu15.update(w, ticks, run, p);
    }

    /** The %CPU of an updated window, fixed point (2048 = 100 %): {@link PctCpu#pctcpu} or {@link PctCpu15#pctcpu}. FreeBSD: sched_pctcpu(). */
    public int pctcpu(CpuWindow w, SchedParams p) {
        return this == V14 ? PctCpu.pctcpu(w.tsTicks(), p) : PctCpu15.pctcpu(w);
    }

    /**
     * The batch-branch user priority of a thread at {@code nice} with window {@code w}:
     * {@link Priority#batch} or {@link Priority15#batch}. FreeBSD: sched_priority().
     *
     * @throws IllegalArgumentException when nice is outside −20..20
     */
    public int batchPriority(int nice, CpuWindow w, SchedParams p) {
        return this == V14 ? Priority.batch(nice, w.tsTicks(), w.ftick(), w.ltick(), p) : Priority15.batch(nice, w);
    }

    /** {@link Preemption#shouldPreempt} or {@link Preemption15#shouldPreempt}. FreeBSD: sched_shouldpreempt(). */
    public boolean shouldPreempt(int pri, int cpri, boolean remote, int preemptThresh) {
        return this == V14 ? Preemption.shouldPreempt(pri, cpri, remote, preemptThresh)
                : Preemption15.shouldPreempt(pri, cpri, remote, preemptThresh);
    }
}
