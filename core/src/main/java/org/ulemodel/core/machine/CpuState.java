// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import org.ulemodel.core.runq.RunQueue;
import org.ulemodel.core.runq.RunqKind;

/**
 * The scheduling state of one CPU: FreeBSD's per-CPU {@code struct tdq} plus its
 * {@code randomval} (the LCG used for tie-breaking). Immutable; change it with {@link #edit()}.
 *
 * <p>Invariants (checked by the spec module): {@code load} = running non-idle thread + queued
 * threads; {@code transferable} = queued threads that are not pinned; {@code lowpri} = best
 * priority of the running and queued threads (255 when idle); {@code idx − ridx ∈ {0, 1}} (mod 64).
 *
 * @param cpu          {@code tdq_id}
 * @param online       whether the CPU takes part in scheduling (offline: taken out, e.g. dedicated)
 * @param curthread    {@code tdq_curthread}: the running thread's id, or {@link #IDLE} for the idle thread
 * @param load         {@code tdq_load}
 * @param sysload      {@code tdq_sysload}
 * @param transferable {@code tdq_transferable}
 * @param lowpri       {@code tdq_lowpri}
 * @param idx          {@code tdq_idx}: calendar insert index
 * @param ridx         {@code tdq_ridx}: calendar removal index
 * @param switchcnt    {@code tdq_switchcnt}
 * @param oldswitchcnt {@code tdq_oldswitchcnt}
 * @param owepreempt   {@code tdq_owepreempt}: an IPI_PREEMPT is pending for this CPU
 * @param astIpi       an IPI_AST is pending for this CPU (sent by the balancer)
 * @param realtime     {@code tdq_realtime}: priorities 0..151
 * @param timeshare    {@code tdq_timeshare}: the batch calendar, priorities 152..223
 * @param idleQueue    {@code tdq_idle}: priorities 224..255
 * @param randomval    the per-CPU {@code randomval} LCG state (u_int32)
 */
public record CpuState(
        int cpu, boolean online, int curthread, int load, int sysload, int transferable, int lowpri,
        int idx, int ridx, int switchcnt, int oldswitchcnt, boolean owepreempt, boolean astIpi,
        RunQueue realtime, RunQueue timeshare, RunQueue idleQueue, int randomval) {

    /** {@code curthread} value meaning the CPU runs its idle thread. */
    public static final int IDLE = -1;

    /** A freshly set-up CPU ({@code tdq_setup}, {@code sched_setup_smp}): idle, empty, seeded {@code i·69069+5}. */
    public static CpuState initial(int cpu) {
        return new CpuState(cpu, true, IDLE, 0, 0, 0, 255, 0, 0, 0, 0, false, false,
                RunQueue.empty(), RunQueue.empty(), RunQueue.empty(), cpu * 69069 + 5);
    }

    /** Whether an IPI is pending: {@code IPI_PREEMPT} ({@code tdq_owepreempt}) or {@code IPI_AST} (from the balancer). */
    public boolean ipiPending() {
        return owepreempt || astIpi;
    }

    /** True when the CPU runs its idle thread. */
    public boolean isIdle() {
        return curthread == IDLE;
    }

    /** The run queue of the given kind. */
    public RunQueue runq(RunqKind kind) {
        return select(kind, realtime, timeshare, idleQueue);
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
        return realtime.size() + timeshare.size() + idleQueue.size();
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

        Builder(CpuState c) {
            cpu = c.cpu;
            online = c.online;
            curthread = c.curthread;
            load = c.load;
            sysload = c.sysload;
            transferable = c.transferable;
            lowpri = c.lowpri;
            idx = c.idx;
            ridx = c.ridx;
            switchcnt = c.switchcnt;
            oldswitchcnt = c.oldswitchcnt;
            owepreempt = c.owepreempt;
            astIpi = c.astIpi;
            realtime = c.realtime;
            timeshare = c.timeshare;
            idleQueue = c.idleQueue;
            randomval = c.randomval;
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
                    switchcnt, oldswitchcnt, owepreempt, astIpi, realtime, timeshare, idleQueue, randomval);
        }
    }
}
