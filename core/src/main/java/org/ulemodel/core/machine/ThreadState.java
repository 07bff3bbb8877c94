// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import java.util.List;
import java.util.Objects;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.runq.RunqKind;
import org.ulemodel.core.topo.CpuSet;

/**
 * The scheduling state of one thread: FreeBSD's {@code struct td_sched} ({@code ts_*}) plus the
 * fields of {@code struct thread} and {@code struct proc} that ULE reads. Immutable; change it
 * with {@link #edit()}.
 *
 * <p>Held compactly (80 bytes with compressed references): CPU ids, queue indices, priorities and
 * pin counts as shorts, nice as a byte, the seven flags as bits of one byte and the three enums as
 * ordinals; the accessors answer the wide values, and a value that does not fit is refused.
 *
 * <p>Invariants: {@code runtime}/{@code slptime}/{@code tsTicks} are FreeBSD {@code u_int}
 * carried in an {@code int}; {@code queue} is non-null iff {@code state == QUEUED}; a pinned or
 * bound thread has {@code pinned > 0}.
 */
public final class ThreadState {
    // The fields are not final: a step copies the state it changes (copy()), edits the copy in
    // place and puts it into the next machine, after which nothing writes it again. Only this
    // package writes them, and only on copies a transaction owns (MachineEdit).
    int tid;
    int parent;
    byte nice;
    CpuSet cpuset;
    short cpu;
    short rqIndex;
    int runtime;
    int slptime;
    int tsTicks;
    int ftick;
    int ltick;
    int slice;
    int rltick;
    int slptick;
    short priority;
    short basePri;
    short userPri;
    short baseUserPri;
    short baseIthreadPri;
    short pinned;
    /** The seven flags, one bit each ({@link #FIFO} .. {@link #OWE_PREEMPT}). */
    byte flags;
    /** {@code priClass}, {@code state} and {@code queue} as ordinals, -1 for null. */
    byte priClassCode = -1;
    byte stateCode = -1;
    byte queueCode = -1;

    /** The state with these components (the canonical constructor of the record it was). */
    public ThreadState(int tid, int parent, PriClass priClass, boolean fifo, int nice, CpuSet cpuset, RunState state, int cpu, RunqKind queue, int rqIndex, boolean xferable, int runtime, int slptime, int tsTicks, int ftick, int ltick, int slice, int rltick, int slptick, int priority, int basePri, int userPri, int baseUserPri, int baseIthreadPri, int pinned, boolean bound, boolean sliceEnd, boolean pickCpu, boolean astPending, boolean owePreempt) {
        this.tid = tid;
        this.parent = parent;
        priClass(priClass);
        fifo(fifo);
        this.nice = narrowByte(nice);
        this.cpuset = cpuset;
        state(state);
        this.cpu = narrow(cpu);
        queue(queue);
        this.rqIndex = narrow(rqIndex);
        xferable(xferable);
        this.runtime = runtime;
        this.slptime = slptime;
        this.tsTicks = tsTicks;
        this.ftick = ftick;
        this.ltick = ltick;
        this.slice = slice;
        this.rltick = rltick;
        this.slptick = slptick;
        this.priority = narrow(priority);
        this.basePri = narrow(basePri);
        this.userPri = narrow(userPri);
        this.baseUserPri = narrow(baseUserPri);
        this.baseIthreadPri = narrow(baseIthreadPri);
        this.pinned = narrow(pinned);
        bound(bound);
        sliceEnd(sliceEnd);
        pickCpu(pickCpu);
        astPending(astPending);
        owePreempt(owePreempt);
    }

    /**
     * {@code v} as the short a narrow field holds (CPU ids, run-queue indices, priorities, pin
     * counts); refuses a value that does not fit rather than storing another one.
     */
    static short narrow(int v) {
        if ((short) v != v) {
            throw new IllegalArgumentException(v + " does not fit the field (" + Short.MIN_VALUE + ".." + Short.MAX_VALUE + ")");
        }
        return (short) v;
    }

    /** {@code v} as the byte {@code nice} is held in; refuses a value that does not fit. */
    static byte narrowByte(int v) {
        if ((byte) v != v) {
            throw new IllegalArgumentException(v + " does not fit the field (" + Byte.MIN_VALUE + ".." + Byte.MAX_VALUE + ")");
        }
        return (byte) v;
    }

    // Bits of flags.
    static final int FIFO = 1;
    static final int XFERABLE = 1 << 1;
    static final int BOUND = 1 << 2;
    static final int SLICE_END = 1 << 3;
    static final int PICK_CPU = 1 << 4;
    static final int AST_PENDING = 1 << 5;
    static final int OWE_PREEMPT = 1 << 6;

    /** {@link #stateCode} of a running thread. */
    static final byte RUNNING_CODE = (byte) RunState.RUNNING.ordinal();

    // The enum constants by ordinal (immutable lists: the codes index them).
    private static final List<PriClass> PRI_CLASSES = List.of(PriClass.values());
    private static final List<RunState> RUN_STATES = List.of(RunState.values());

    private static byte code(Enum<?> e) {
        return e == null ? -1 : (byte) e.ordinal();
    }

    private void flag(int bit, boolean on) {
        flags = (byte) (on ? flags | bit : flags & ~bit);
    }

    // Package-private setters, for the copies a transaction owns (one per packed field).

    void priClass(PriClass v) {
        priClassCode = code(v);
    }

    void state(RunState v) {
        stateCode = code(v);
    }

    void queue(RunqKind v) {
        queueCode = code(v);
    }

    void fifo(boolean v) {
        flag(FIFO, v);
    }

    void xferable(boolean v) {
        flag(XFERABLE, v);
    }

    void bound(boolean v) {
        flag(BOUND, v);
    }

    void sliceEnd(boolean v) {
        flag(SLICE_END, v);
    }

    void pickCpu(boolean v) {
        flag(PICK_CPU, v);
    }

    void astPending(boolean v) {
        flag(AST_PENDING, v);
    }

    void owePreempt(boolean v) {
        flag(OWE_PREEMPT, v);
    }

    /** A state with every field zero or null, for a transaction to fill in. */
    ThreadState() {
    }

    /** A fresh copy for one transaction to edit in place ({@link MachineEdit}); never shared until committed. */
    ThreadState copy() {
        ThreadState c = new ThreadState();
        c.tid = tid;
        c.parent = parent;
        c.nice = nice;
        c.cpuset = cpuset;
        c.cpu = cpu;
        c.rqIndex = rqIndex;
        c.runtime = runtime;
        c.slptime = slptime;
        c.tsTicks = tsTicks;
        c.ftick = ftick;
        c.ltick = ltick;
        c.slice = slice;
        c.rltick = rltick;
        c.slptick = slptick;
        c.priority = priority;
        c.basePri = basePri;
        c.userPri = userPri;
        c.baseUserPri = baseUserPri;
        c.baseIthreadPri = baseIthreadPri;
        c.pinned = pinned;
        c.flags = flags;
        c.priClassCode = priClassCode;
        c.stateCode = stateCode;
        c.queueCode = queueCode;
        return c;
    }

    /** thread id, dense from 0 in creation order ({@code td_tid}) */
    public int tid() {
        return tid;
    }

    /** the thread whose process this one belongs to, -1 for none (receives the child's run time at exit: {@code sched_exit_thread}) */
    public int parent() {
        return parent;
    }

    /** {@code td_pri_class} without the FIFO bit */
    public PriClass priClass() {
        return priClassCode < 0 ? null : PRI_CLASSES.get(priClassCode);
    }

    /** {@code PRI_FIFO_BIT}: POSIX SCHED_FIFO, never time-sliced */
    public boolean fifo() {
        return (flags & FIFO) != 0;
    }

    /** {@code p_nice}, -20..20 */
    public int nice() {
        return nice;
    }

    /** {@code td_cpuset->cs_mask}: CPUs the thread may run on (hard affinity) */
    public CpuSet cpuset() {
        return cpuset;
    }

    /** running, queued, sleeping or exited */
    public RunState state() {
        return stateCode < 0 ? null : RUN_STATES.get(stateCode);
    }

    /** {@code ts_cpu}: the CPU it last ran on or is assigned to */
    public int cpu() {
        return cpu;
    }

    /** the run queue it is on ({@code ts_runq}), null when not queued */
    public RunqKind queue() {
        return queueCode < 0 ? null : RunqKind.IN_ORDER.get(queueCode);
    }

    /** {@code td_rqindex}: the queue index it was last added at (kept when it leaves) */
    public int rqIndex() {
        return rqIndex;
    }

    /** {@code TSF_XFERABLE}: counted in {@code tdq_transferable} */
    public boolean xferable() {
        return (flags & XFERABLE) != 0;
    }

    /** {@code ts_runtime}: run history, hz ticks &lt;&lt; 10 */
    public int runtime() {
        return runtime;
    }

    /** {@code ts_slptime}: sleep history, hz ticks &lt;&lt; 10 */
    public int slptime() {
        return slptime;
    }

    /** {@code ts_ticks}: %CPU window run ticks &lt;&lt; 10 */
    public int tsTicks() {
        return tsTicks;
    }

    /** {@code ts_ftick}: %CPU window start */
    public int ftick() {
        return ftick;
    }

    /** {@code ts_ltick}: %CPU window last update */
    public int ltick() {
        return ltick;
    }

    /** {@code ts_slice}: stathz ticks used of the current slice (counts up) */
    public int slice() {
        return slice;
    }

    /** {@code ts_rltick}: hz tick it last left a CPU (for affinity) */
    public int rltick() {
        return rltick;
    }

    /** {@code td_slptick}: hz tick it went to sleep, 0 when awake */
    public int slptick() {
        return slptick;
    }

    /** {@code td_priority}: what the run queues use */
    public int priority() {
        return priority;
    }

    /** {@code td_base_pri} */
    public int basePri() {
        return basePri;
    }

    /** {@code td_user_pri} */
    public int userPri() {
        return userPri;
    }

    /** {@code td_base_user_pri}: last result of {@code sched_priority} */
    public int baseUserPri() {
        return baseUserPri;
    }

    /** {@code td_base_ithread_pri}: restored on wakeup for ithreads */
    public int baseIthreadPri() {
        return baseIthreadPri;
    }

    /** {@code td_pinned}: &gt; 0 means it cannot migrate */
    public int pinned() {
        return pinned;
    }

    /** {@code TSF_BOUND}: bound by {@code sched_bind} */
    public boolean bound() {
        return (flags & BOUND) != 0;
    }

    /** {@code TDF_SLICEEND}: its slice ran out */
    public boolean sliceEnd() {
        return (flags & SLICE_END) != 0;
    }

    /** {@code TDF_PICKCPU}: re-pick the CPU at the next switch (balancer) */
    public boolean pickCpu() {
        return (flags & PICK_CPU) != 0;
    }

    /** {@code TDA_SCHED} AST requested: switch on return to user mode */
    public boolean astPending() {
        return (flags & AST_PENDING) != 0;
    }

    /** {@code td_owepreempt}: switch as soon as the critical section ends */
    public boolean owePreempt() {
        return (flags & OWE_PREEMPT) != 0;
    }


    /** True for threads that have not exited. */
    public boolean alive() {
        return stateCode != RunState.EXITED.ordinal();
    }

    /** FreeBSD {@code THREAD_CAN_MIGRATE}: not pinned. */
    public boolean canMigrate() {
        return pinned == 0;
    }

    /** FreeBSD {@code THREAD_CAN_SCHED}: the cpuset allows {@code c}. */
    public boolean canSched(int c) {
        return cpuset.contains(c);
    }

    // equals, hashCode and toString written out with the record's own semantics (every component
    // in declaration order; hashCode 31·h + each component's hash, as java.lang.runtime.ObjectMethods
    // computes it; toString "ThreadState[name=value, ...]"): Java PathFinder cannot run the
    // compiler-generated ones. RecordMethodsTest checks them against the record components.

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ThreadState)) {
            return false;
        }
        ThreadState o = (ThreadState) other;
        // Every component: the packed ones compared as their codes (one ordinal per enum value,
        // one bit per flag), which is the same as comparing the decoded values.
        return tid == o.tid && parent == o.parent && priClassCode == o.priClassCode && flags == o.flags
                && nice == o.nice && Objects.equals(cpuset, o.cpuset) && stateCode == o.stateCode
                && cpu == o.cpu && queueCode == o.queueCode && rqIndex == o.rqIndex
                && runtime == o.runtime && slptime == o.slptime && tsTicks == o.tsTicks && ftick == o.ftick
                && ltick == o.ltick && slice == o.slice && rltick == o.rltick && slptick == o.slptick
                && priority == o.priority && basePri == o.basePri && userPri == o.userPri
                && baseUserPri == o.baseUserPri && baseIthreadPri == o.baseIthreadPri && pinned == o.pinned;
    }

    @Override
    public int hashCode() {
        int h = 0;
        h = 31 * h + Integer.hashCode(tid);
        h = 31 * h + Integer.hashCode(parent);
        h = 31 * h + Objects.hashCode(priClass());
        h = 31 * h + Boolean.hashCode(fifo());
        h = 31 * h + Integer.hashCode(nice);
        h = 31 * h + Objects.hashCode(cpuset);
        h = 31 * h + Objects.hashCode(state());
        h = 31 * h + Integer.hashCode(cpu);
        h = 31 * h + Objects.hashCode(queue());
        h = 31 * h + Integer.hashCode(rqIndex);
        h = 31 * h + Boolean.hashCode(xferable());
        h = 31 * h + Integer.hashCode(runtime);
        h = 31 * h + Integer.hashCode(slptime);
        h = 31 * h + Integer.hashCode(tsTicks);
        h = 31 * h + Integer.hashCode(ftick);
        h = 31 * h + Integer.hashCode(ltick);
        h = 31 * h + Integer.hashCode(slice);
        h = 31 * h + Integer.hashCode(rltick);
        h = 31 * h + Integer.hashCode(slptick);
        h = 31 * h + Integer.hashCode(priority);
        h = 31 * h + Integer.hashCode(basePri);
        h = 31 * h + Integer.hashCode(userPri);
        h = 31 * h + Integer.hashCode(baseUserPri);
        h = 31 * h + Integer.hashCode(baseIthreadPri);
        h = 31 * h + Integer.hashCode(pinned);
        h = 31 * h + Boolean.hashCode(bound());
        h = 31 * h + Boolean.hashCode(sliceEnd());
        h = 31 * h + Boolean.hashCode(pickCpu());
        h = 31 * h + Boolean.hashCode(astPending());
        h = 31 * h + Boolean.hashCode(owePreempt());
        return h;
    }

    @Override
    public String toString() {
        return "ThreadState[tid=" + tid + ", parent=" + parent + ", priClass=" + priClass() + ", fifo=" + fifo()
                + ", nice=" + nice + ", cpuset=" + cpuset + ", state=" + state() + ", cpu=" + cpu + ", queue=" + queue()
                + ", rqIndex=" + rqIndex + ", xferable=" + xferable() + ", runtime=" + runtime
                + ", slptime=" + slptime + ", tsTicks=" + tsTicks + ", ftick=" + ftick + ", ltick=" + ltick
                + ", slice=" + slice + ", rltick=" + rltick + ", slptick=" + slptick + ", priority=" + priority
                + ", basePri=" + basePri + ", userPri=" + userPri + ", baseUserPri=" + baseUserPri
                + ", baseIthreadPri=" + baseIthreadPri + ", pinned=" + pinned + ", bound=" + bound()
                + ", sliceEnd=" + sliceEnd() + ", pickCpu=" + pickCpu() + ", astPending=" + astPending()
                + ", owePreempt=" + owePreempt() + "]";
    }

    /** A mutable copy to change fields of. */
    public Builder edit() {
        return new Builder(this);
    }

    /** Mutable twin used inside a single transition; {@link #build()} freezes it. */
    public static final class Builder {
        public int tid;
        public int parent;
        public PriClass priClass;
        public boolean fifo;
        public int nice;
        public CpuSet cpuset;
        public RunState state;
        public int cpu;
        public RunqKind queue;
        public int rqIndex;
        public boolean xferable;
        public int runtime;
        public int slptime;
        public int tsTicks;
        public int ftick;
        public int ltick;
        public int slice;
        public int rltick;
        public int slptick;
        public int priority;
        public int basePri;
        public int userPri;
        public int baseUserPri;
        public int baseIthreadPri;
        public int pinned;
        public boolean bound;
        public boolean sliceEnd;
        public boolean pickCpu;
        public boolean astPending;
        public boolean owePreempt;

        public Builder() {
        }

        Builder(ThreadState t) {
            tid = t.tid;
            parent = t.parent;
            priClass = t.priClass();
            fifo = t.fifo();
            nice = t.nice;
            cpuset = t.cpuset;
            state = t.state();
            cpu = t.cpu;
            queue = t.queue();
            rqIndex = t.rqIndex;
            xferable = t.xferable();
            runtime = t.runtime;
            slptime = t.slptime;
            tsTicks = t.tsTicks;
            ftick = t.ftick;
            ltick = t.ltick;
            slice = t.slice;
            rltick = t.rltick;
            slptick = t.slptick;
            priority = t.priority;
            basePri = t.basePri;
            userPri = t.userPri;
            baseUserPri = t.baseUserPri;
            baseIthreadPri = t.baseIthreadPri;
            pinned = t.pinned;
            bound = t.bound();
            sliceEnd = t.sliceEnd();
            pickCpu = t.pickCpu();
            astPending = t.astPending();
            owePreempt = t.owePreempt();
        }

        public ThreadState build() {
            return new ThreadState(tid, parent, priClass, fifo, nice, cpuset, state, cpu, queue, rqIndex, xferable,
                    runtime, slptime, tsTicks, ftick, ltick, slice, rltick, slptick,
                    priority, basePri, userPri, baseUserPri, baseIthreadPri,
                    pinned, bound, sliceEnd, pickCpu, astPending, owePreempt);
        }
    }
}
