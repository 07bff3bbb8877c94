// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import java.util.List;
import java.util.Locale;
import org.ulemodel.core.prio.PriClass;
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

    /** {@link #updateWindow} without records: {@link PctCpu#updateBits} or {@link PctCpu15#updateBits}. */
    public long updateWindowBits(int tsTicks, int ftick, int ltick, int ticks, boolean run, SchedParams p) {
        return this == V14 ? PctCpu.updateBits(tsTicks, ftick, ltick, ticks, run, p)
                : PctCpu15.updateBits(tsTicks, ftick, ltick, ticks, run, p);
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

    /**
     * The user priority of a timeshare thread: {@link Priority#of} or {@link Priority15#of}.
     * FreeBSD: sched_priority().
     */
    public int userPriority(int runtime, int slptime, int nice, int tsTicks, int ftick, int ltick, SchedParams p) {
        return this == V14 ? Priority.of(runtime, slptime, nice, tsTicks, ftick, ltick, p)
                : Priority15.of(runtime, slptime, nice, tsTicks, ftick, ltick, p);
    }

    /** V15's class bands, {@code {min, max}} by {@link PriClass} ordinal (ITHD, REALTIME, TIMESHARE, IDLE). */
    private static final List<List<Integer>> BANDS15 = List.of(
            List.of(Priorities15.PRI_MIN_ITHD, Priorities15.PRI_MAX_ITHD),
            List.of(Priorities15.PRI_MIN_REALTIME, Priorities15.PRI_MAX_REALTIME),
            List.of(Priorities15.PRI_MIN_TIMESHARE, Priorities15.PRI_MAX_TIMESHARE),
            List.of(Priorities15.PRI_MIN_IDLE, Priorities15.PRI_MAX_IDLE));

    /** The best priority of a scheduling class's band: V14 {@link PriClass#minPri}, V15 0, 8, 56, 224. FreeBSD: PRI_MIN_*. */
    public int minPri(PriClass c) {
        return this == V14 ? c.minPri() : BANDS15.get(c.ordinal()).get(0);
    }

    /** The worst priority of a scheduling class's band: V14 {@link PriClass#maxPri}, V15 7, 39, 223, 255. FreeBSD: PRI_MAX_*. */
    public int maxPri(PriClass c) {
        return this == V14 ? c.maxPri() : BANDS15.get(c.ordinal()).get(1);
    }

    /** Priorities per run-queue queue, 4 or 1: how far an ithread is demoted at slice end. FreeBSD: RQ_PPQ. */
    public int rqPpq() {
        return this == V14 ? Priorities.RQ_PPQ : Priorities15.RQ_PPQ;
    }

    /**
     * FreeBSD's {@code SCHED_AFFINITY(ts, level)}: the thread left its CPU fewer than
     * {@code level·affinity} hz ticks ago. V14 compares signed, {@code rltick > ticks −
     * level·affinity}, wrong near wrap-around; V15 unsigned, {@code (u_int)(ticks − rltick) <
     * level·affinity}.
     */
    public boolean affinity(int rltick, int ticks, int level, int affinity) {
        return this == V14 ? rltick > ticks - level * affinity
                : Integer.compareUnsigned(ticks - rltick, level * affinity) < 0;
    }

    /**
     * A priority of the event vocabulary — the fixed priorities of {@code Event.Create} and the
     * sleep priority of {@code Event.Block}, written in FreeBSD 14's layout for every model — in
     * this version's layout: identity for V14; for V15 each band of V14's layout (ithreads 0..47,
     * realtime 48..79, kernel 80..119, interactive 120..151, batch 152..223, idle 224..255) maps
     * linearly, ends to ends, onto the same band of V15's (0..7, 8..39, 40..55, 56..114,
     * 115..223, 224..255), so a realtime priority keeps its rtprio and order is preserved.
     *
     * @throws IllegalArgumentException unless 0 &le; pri &le; 255
     */
    public int fromV14Layout(int pri) {
        if (pri < 0 || pri > Priorities.PRI_MAX_IDLE) {
            throw new IllegalArgumentException("priority must be in 0.." + Priorities.PRI_MAX_IDLE + ", got " + pri);
        }
        if (this == V14) {
            return pri;
        }
        int[] from = {Priorities.PRI_MIN_ITHD, Priorities.PRI_MIN_REALTIME, Priorities.PRI_MIN_KERN,
            Priorities.PRI_MIN_INTERACT, Priorities.PRI_MIN_BATCH, Priorities.PRI_MIN_IDLE, Priorities.PRI_MAX_IDLE + 1};
        int[] to = {Priorities15.PRI_MIN_ITHD, Priorities15.PRI_MIN_REALTIME, Priorities15.PRI_MIN_KERN,
            Priorities15.PRI_MIN_INTERACT, Priorities15.PRI_MIN_BATCH, Priorities15.PRI_MIN_IDLE, Priorities15.PRI_MAX_IDLE + 1};
        int b = 0;
        while (pri >= from[b + 1]) {
            b++;
        }
        int span = from[b + 1] - 1 - from[b];
        return span == 0 ? to[b] : to[b] + (pri - from[b]) * (to[b + 1] - 1 - to[b]) / span;
    }
}
