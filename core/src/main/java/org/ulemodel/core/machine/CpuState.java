// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import java.util.Objects;
import java.util.function.IntConsumer;
import org.ulemodel.core.runq.RunQueue;
import org.ulemodel.core.runq.RunQueue15;
import org.ulemodel.core.runq.RunqKind;
import org.ulemodel.core.ule.UleVersion;

/**
 * The scheduling state of one CPU: FreeBSD's per-CPU {@code struct tdq} plus its
 * {@code randomval} (the LCG used for tie-breaking). Immutable; change it with {@link #edit()}.
 *
 * <p>Invariants (checked by the spec module): {@code load} = running non-idle thread + queued
 * threads; {@code transferable} = queued threads that are not pinned; {@code lowpri} = best
 * priority of the running and queued threads (255 when idle); {@code idx − ridx ∈ {0, 1}} (mod 64).
 *
 * <p>FreeBSD 15 ({@link UleVersion#V15}) keeps one run queue of 256 queues ({@code tdq_runq},
 * {@link #runq15}) instead of three, and its calendar in {@code tdq_ts_off}, {@code tdq_ts_deq_off}
 * and {@code tdq_ts_ticks}: a V15 CPU holds its queued threads in {@code runq15}, its
 * {@code tdq_ts_off} in {@code idx} and {@code tdq_ts_deq_off} in {@code ridx} (the same roles:
 * insertion and removal index of the calendar, here offsets 0..108 from queue 115), and leaves
 * the three V14 run queues empty; a V14 CPU has {@code runq15} null and {@code tsTicks} 0.
 * Invariants of V15 (spec module): {@code idx − ridx ∈ {0, 1, 2}} (mod 109), {@code tsTicks} in 0..3.
 *
 * <p>Held compactly (72 bytes with compressed references, where ints and booleans took 88): the
 * CPU id and {@code lowpri} as shorts, the calendar indices and {@code tsTicks} as bytes, the three
 * flags as bits of one byte; the accessors answer the wide values, and a value that does not fit
 * is refused.
 */
public final class CpuState {
    // The fields are not final: a step copies the state it changes (copy()), edits the copy in
    // place and puts it into the next machine, after which nothing writes it again. Only this
    // package writes them, and only on copies a transaction owns (MachineEdit).
    short cpu;
    /** {@link #ONLINE}, {@link #OWEPREEMPT} and {@link #AST_IPI}, one bit each. */
    byte flags;
    int curthread;
    int load;
    int sysload;
    int transferable;
    short lowpri;
    byte idx;
    byte ridx;
    int switchcnt;
    int oldswitchcnt;
    RunQueue realtime;
    RunQueue timeshare;
    RunQueue idleQueue;
    int randomval;
    RunQueue15 runq15;
    byte tsTicks;
    int clockLag;

    // Bits of flags.
    static final int ONLINE = 1;
    static final int OWEPREEMPT = 1 << 1;
    static final int AST_IPI = 1 << 2;

    /** The state with these components (the canonical constructor of the record it was). */
    public CpuState(int cpu, boolean online, int curthread, int load, int sysload, int transferable, int lowpri, int idx, int ridx, int switchcnt, int oldswitchcnt, boolean owepreempt, boolean astIpi, RunQueue realtime, RunQueue timeshare, RunQueue idleQueue, int randomval, RunQueue15 runq15, int tsTicks, int clockLag) {
        this.cpu = ThreadState.narrow(cpu);
        online(online);
        this.curthread = curthread;
        this.load = load;
        this.sysload = sysload;
        this.transferable = transferable;
        lowpri(lowpri);
        idx(idx);
        ridx(ridx);
        this.switchcnt = switchcnt;
        this.oldswitchcnt = oldswitchcnt;
        owepreempt(owepreempt);
        astIpi(astIpi);
        this.realtime = realtime;
        this.timeshare = timeshare;
        this.idleQueue = idleQueue;
        this.randomval = randomval;
        this.runq15 = runq15;
        tsTicks(tsTicks);
        this.clockLag = clockLag;
    }

    private void flag(int bit, boolean on) {
        flags = (byte) (on ? flags | bit : flags & ~bit);
    }

    // Package-private setters, for the copies a transaction owns (one per packed field).

    void online(boolean v) {
        flag(ONLINE, v);
    }

    void owepreempt(boolean v) {
        flag(OWEPREEMPT, v);
    }

    void astIpi(boolean v) {
        flag(AST_IPI, v);
    }

    void lowpri(int v) {
        lowpri = ThreadState.narrow(v);
    }

    void idx(int v) {
        idx = ThreadState.narrowByte(v);
    }

    void ridx(int v) {
        ridx = ThreadState.narrowByte(v);
    }

    void tsTicks(int v) {
        tsTicks = ThreadState.narrowByte(v);
    }

    /** A state with every field zero or null, for a transaction to fill in. */
    CpuState() {
    }

    /** A fresh copy for one transaction to edit in place ({@link MachineEdit}); never shared until committed. */
    CpuState copy() {
        CpuState c = new CpuState();
        c.cpu = cpu;
        c.flags = flags;
        c.curthread = curthread;
        c.load = load;
        c.sysload = sysload;
        c.transferable = transferable;
        c.lowpri = lowpri;
        c.idx = idx;
        c.ridx = ridx;
        c.switchcnt = switchcnt;
        c.oldswitchcnt = oldswitchcnt;
        c.realtime = realtime;
        c.timeshare = timeshare;
        c.idleQueue = idleQueue;
        c.randomval = randomval;
        c.runq15 = runq15;
        c.tsTicks = tsTicks;
        c.clockLag = clockLag;
        c.running = running;
        return c;
    }

    /**
     * The current state of {@link #curthread}, kept with its CPU (as the kernel reaches
     * {@code curthread} through the per-CPU area) so that a tick, which changes both, copies no
     * path of the machine's thread vector; null when the CPU is idle or when the vector holds the
     * thread's state itself. Not a component: {@code equals}, {@code hashCode} and
     * {@code toString} leave it out, and only {@link Machine} and {@link MachineEdit} set it.
     */
    ThreadState running;

    /** {@code tdq_id} */
    public int cpu() {
        return cpu;
    }

    /** whether the CPU takes part in scheduling (offline: taken out, e.g. dedicated) */
    public boolean online() {
        return (flags & ONLINE) != 0;
    }

    /** {@code tdq_curthread}: the running thread's id, or {@link #IDLE} for the idle thread */
    public int curthread() {
        return curthread;
    }

    /** {@code tdq_load} */
    public int load() {
        return load;
    }

    /** {@code tdq_sysload} */
    public int sysload() {
        return sysload;
    }

    /** {@code tdq_transferable} */
    public int transferable() {
        return transferable;
    }

    /** {@code tdq_lowpri} */
    public int lowpri() {
        return lowpri;
    }

    /** {@code tdq_idx}: calendar insert index */
    public int idx() {
        return idx;
    }

    /** {@code tdq_ridx}: calendar removal index */
    public int ridx() {
        return ridx;
    }

    /** {@code tdq_switchcnt} */
    public int switchcnt() {
        return switchcnt;
    }

    /** {@code tdq_oldswitchcnt} */
    public int oldswitchcnt() {
        return oldswitchcnt;
    }

    /** {@code tdq_owepreempt}: an IPI_PREEMPT is pending for this CPU */
    public boolean owepreempt() {
        return (flags & OWEPREEMPT) != 0;
    }

    /** an IPI_AST is pending for this CPU (sent by the balancer) */
    public boolean astIpi() {
        return (flags & AST_IPI) != 0;
    }

    /** {@code tdq_realtime}: priorities 0..151 */
    public RunQueue realtime() {
        return realtime;
    }

    /** {@code tdq_timeshare}: the batch calendar, priorities 152..223 */
    public RunQueue timeshare() {
        return timeshare;
    }

    /** {@code tdq_idle}: priorities 224..255 */
    public RunQueue idleQueue() {
        return idleQueue;
    }

    /** the per-CPU {@code randomval} LCG state (u_int32) */
    public int randomval() {
        return randomval;
    }

    /** FreeBSD 15's {@code tdq_runq}, the single 256-queue run queue; null for FreeBSD 14 */
    public RunQueue15 runq15() {
        return runq15;
    }

    /** FreeBSD 15's {@code tdq_ts_ticks}, stathz ticks since the last 7/4 correction (0..3); 0 for FreeBSD 14 */
    public int tsTicks() {
        return tsTicks;
    }

    /**
     * How many hz ticks this CPU's own clock (FreeBSD's per-CPU {@code pcputicks}, advanced by
     * {@code hardclock} on this CPU, kern_clock.c) is behind the machine's {@code ticks}, which is
     * the furthest CPU's clock. 0 on every CPU while the clocks run in lock-step
     * ({@link Event.Tick}); per-CPU clock events ({@link Event.CpuTick}) let the CPUs drift apart.
     * Invariant (spec module): {@code clockLag >= 0}, and 0 on at least one CPU.
     */
    public int clockLag() {
        return clockLag;
    }


    /** {@code curthread} value meaning the CPU runs its idle thread. */
    public static final int IDLE = -1;

    /** A freshly set-up CPU ({@code tdq_setup}, {@code sched_setup_smp}): idle, empty, seeded {@code i·69069+5}. */
    public static CpuState initial(int cpu) {
        return initial(cpu, UleVersion.V14);
    }

    /** {@link #initial(int)} for the given ULE version: a V15 CPU has an empty {@code tdq_runq} and its calendar at 0/0/0. */
    public static CpuState initial(int cpu, UleVersion version) {
        return new CpuState(cpu, true, IDLE, 0, 0, 0, 255, 0, 0, 0, 0, false, false,
                RunQueue.empty(), RunQueue.empty(), RunQueue.empty(), cpu * 69069 + 5,
                version == UleVersion.V15 ? RunQueue15.empty() : null, 0, 0);
    }

    /** Whether this is a FreeBSD 15 CPU (it has the single run queue). */
    public boolean v15() {
        return runq15 != null;
    }

    /** FreeBSD 15's {@code tdq_ts_off} (V15 only): the calendar's insertion offset, kept in {@link #idx}. */
    public int tsOff() {
        return idx;
    }

    /** FreeBSD 15's {@code tdq_ts_deq_off} (V15 only): the calendar's dequeue offset, kept in {@link #ridx}. */
    public int deqOff() {
        return ridx;
    }

    /**
     * Length of the queue a thread records as ({@code td_queue}, {@code td_rqindex}): queue
     * {@code index} of run queue {@code kind} in V14, absolute queue {@code index} of the single
     * run queue in V15 (where {@code kind} only names the policy range).
     */
    public int queueSize(RunqKind kind, int index) {
        return runq15 != null ? runq15.queueSize(index) : runq(kind).queueSize(index);
    }

    /** The id at {@code pos} of the queue named as in {@link #queueSize(RunqKind, int)}. */
    public int queuedAt(RunqKind kind, int index, int pos) {
        return runq15 != null ? runq15.get(index, pos) : runq(kind).get(index, pos);
    }

    /**
     * Every queued thread: V14 the realtime queue, then the timeshare calendar, then the idle
     * queue, each by queue index; V15 the single run queue by queue index; FIFO within a queue.
     */
    public void forEachQueued(IntConsumer action) {
        if (runq15 != null) {
            for (int q = runq15.findq(0, RunQueue15.QUEUES - 1); q >= 0; q = runq15.next(q, RunQueue15.QUEUES - 1)) {
                int len = runq15.queueSize(q);
                for (int i = 0; i < len; i++) {
                    action.accept(runq15.get(q, i));
                }
            }
            return;
        }
        forEachIn(realtime, action); // RunqKind order, without copying RunqKind.values()
        forEachIn(timeshare, action);
        forEachIn(idleQueue, action);
    }

    private static void forEachIn(RunQueue rq, IntConsumer action) {
        for (long status = rq.status(); status != 0; status &= status - 1) {
            int q = Long.numberOfTrailingZeros(status);
            int len = rq.queueSize(q);
            for (int i = 0; i < len; i++) {
                action.accept(rq.get(q, i));
            }
        }
    }

    /** Whether an IPI is pending: {@code IPI_PREEMPT} ({@code tdq_owepreempt}) or {@code IPI_AST} (from the balancer). */
    public boolean ipiPending() {
        return (flags & (OWEPREEMPT | AST_IPI)) != 0;
    }

    /** True when the CPU runs its idle thread. */
    public boolean isIdle() {
        return curthread == IDLE;
    }

    /** The run queue of the given kind. */
    public RunQueue runq(RunqKind kind) {
        return select(kind, realtime, timeshare, idleQueue);
    }

    /** Replaces the run queue of {@code kind}: only on a copy a transaction owns ({@link #copy()}). */
    void setRunq(RunqKind kind, RunQueue q) {
        realtime = kind == RunqKind.REALTIME ? q : realtime;
        timeshare = kind == RunqKind.TIMESHARE ? q : timeshare;
        idleQueue = kind == RunqKind.IDLE ? q : idleQueue;
    }

    private static RunQueue select(RunqKind kind, RunQueue realtime, RunQueue timeshare, RunQueue idle) {
        switch (kind) {
            case REALTIME:
                return realtime;
            case TIMESHARE:
                return timeshare;
            default:
                return idle;
        }
    }

    /** Threads queued (not running) on this CPU. */
    public int queued() {
        return realtime.size() + timeshare.size() + idleQueue.size() + (runq15 == null ? 0 : runq15.size());
    }

    // equals, hashCode and toString written out with the record's own semantics (every component
    // in declaration order; hashCode 31·h + each component's hash, as java.lang.runtime.ObjectMethods
    // computes it; toString "CpuState[name=value, ...]"): Java PathFinder cannot run the
    // compiler-generated ones. RecordMethodsTest checks them against the record components.

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof CpuState)) {
            return false;
        }
        CpuState o = (CpuState) other;
        return cpu == o.cpu && flags == o.flags && curthread == o.curthread && load == o.load
                && sysload == o.sysload && transferable == o.transferable && lowpri == o.lowpri && idx == o.idx
                && ridx == o.ridx && switchcnt == o.switchcnt && oldswitchcnt == o.oldswitchcnt
                && Objects.equals(realtime, o.realtime)
                && Objects.equals(timeshare, o.timeshare) && Objects.equals(idleQueue, o.idleQueue)
                && randomval == o.randomval && Objects.equals(runq15, o.runq15) && tsTicks == o.tsTicks
                && clockLag == o.clockLag;
    }

    @Override
    public int hashCode() {
        int h = 0;
        h = 31 * h + Integer.hashCode(cpu);
        h = 31 * h + Boolean.hashCode(online());
        h = 31 * h + Integer.hashCode(curthread);
        h = 31 * h + Integer.hashCode(load);
        h = 31 * h + Integer.hashCode(sysload);
        h = 31 * h + Integer.hashCode(transferable);
        h = 31 * h + Integer.hashCode(lowpri);
        h = 31 * h + Integer.hashCode(idx);
        h = 31 * h + Integer.hashCode(ridx);
        h = 31 * h + Integer.hashCode(switchcnt);
        h = 31 * h + Integer.hashCode(oldswitchcnt);
        h = 31 * h + Boolean.hashCode(owepreempt());
        h = 31 * h + Boolean.hashCode(astIpi());
        h = 31 * h + Objects.hashCode(realtime);
        h = 31 * h + Objects.hashCode(timeshare);
        h = 31 * h + Objects.hashCode(idleQueue);
        h = 31 * h + Integer.hashCode(randomval);
        h = 31 * h + Objects.hashCode(runq15);
        h = 31 * h + Integer.hashCode(tsTicks);
        h = 31 * h + Integer.hashCode(clockLag);
        return h;
    }

    @Override
    public String toString() {
        return "CpuState[cpu=" + cpu + ", online=" + online() + ", curthread=" + curthread + ", load=" + load
                + ", sysload=" + sysload + ", transferable=" + transferable + ", lowpri=" + lowpri + ", idx=" + idx
                + ", ridx=" + ridx + ", switchcnt=" + switchcnt + ", oldswitchcnt=" + oldswitchcnt
                + ", owepreempt=" + owepreempt() + ", astIpi=" + astIpi() + ", realtime=" + realtime
                + ", timeshare=" + timeshare + ", idleQueue=" + idleQueue + ", randomval=" + randomval + ", runq15=" + runq15 + ", tsTicks=" + tsTicks
                + ", clockLag=" + clockLag + "]";
    }

    public Builder edit() {
        return new Builder(this);
    }

    /** Mutable twin used inside a single transition. */
    public static final class Builder {
        public int cpu;
        public boolean online;
        public int curthread;
        public int load;
        public int sysload;
        public int transferable;
        public int lowpri;
        public int idx;
        public int ridx;
        public int switchcnt;
        public int oldswitchcnt;
        public boolean owepreempt;
        public boolean astIpi;
        public RunQueue realtime;
        public RunQueue timeshare;
        public RunQueue idleQueue;
        public int randomval;
        public RunQueue15 runq15;
        public int tsTicks;
        public int clockLag;

        Builder(CpuState c) {
            cpu = c.cpu;
            online = c.online();
            curthread = c.curthread;
            load = c.load;
            sysload = c.sysload;
            transferable = c.transferable;
            lowpri = c.lowpri;
            idx = c.idx;
            ridx = c.ridx;
            switchcnt = c.switchcnt;
            oldswitchcnt = c.oldswitchcnt;
            owepreempt = c.owepreempt();
            astIpi = c.astIpi();
            realtime = c.realtime;
            timeshare = c.timeshare;
            idleQueue = c.idleQueue;
            randomval = c.randomval;
            runq15 = c.runq15;
            tsTicks = c.tsTicks;
            clockLag = c.clockLag;
        }

        public RunQueue runq(RunqKind kind) {
            return select(kind, realtime, timeshare, idleQueue);
        }

        public void setRunq(RunqKind kind, RunQueue q) {
            switch (kind) {
                case REALTIME:
                    realtime = q;
                    break;
                case TIMESHARE:
                    timeshare = q;
                    break;
                default:
                    idleQueue = q;
                    break;
            }
        }

        public CpuState build() {
            return new CpuState(cpu, online, curthread, load, sysload, transferable, lowpri, idx, ridx,
                    switchcnt, oldswitchcnt, owepreempt, astIpi, realtime, timeshare, idleQueue, randomval, runq15, tsTicks, clockLag);
        }
    }
}
