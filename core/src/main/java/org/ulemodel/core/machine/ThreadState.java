// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import java.util.Objects;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.runq.RunqKind;
import org.ulemodel.core.topo.CpuSet;

/**
 * The scheduling state of one thread: FreeBSD's {@code struct td_sched} ({@code ts_*}) plus the
 * fields of {@code struct thread} and {@code struct proc} that ULE reads. Immutable; change it
 * with {@link #edit()}.
 *
 * <p>Invariants: {@code runtime}/{@code slptime}/{@code tsTicks} are FreeBSD {@code u_int}
 * carried in an {@code int}; {@code queue} is non-null iff {@code state == QUEUED}; a pinned or
 * bound thread has {@code pinned > 0}.
 *
 * @param tid           thread id, dense from 0 in creation order ({@code td_tid})
 * @param parent        the thread whose process this one belongs to, -1 for none (receives the
 *                      child's run time at exit: {@code sched_exit_thread})
 * @param priClass      {@code td_pri_class} without the FIFO bit
 * @param fifo          {@code PRI_FIFO_BIT}: POSIX SCHED_FIFO, never time-sliced
 * @param nice          {@code p_nice}, -20..20
 * @param cpuset        {@code td_cpuset->cs_mask}: CPUs the thread may run on (hard affinity)
 * @param state         running, queued, sleeping or exited
 * @param cpu           {@code ts_cpu}: the CPU it last ran on or is assigned to
 * @param queue         the run queue it is on ({@code ts_runq}), null when not queued
 * @param rqIndex       {@code td_rqindex}: the queue index it was last added at (kept when it leaves)
 * @param xferable      {@code TSF_XFERABLE}: counted in {@code tdq_transferable}
 * @param runtime       {@code ts_runtime}: run history, hz ticks &lt;&lt; 10
 * @param slptime       {@code ts_slptime}: sleep history, hz ticks &lt;&lt; 10
 * @param tsTicks       {@code ts_ticks}: %CPU window run ticks &lt;&lt; 10
 * @param ftick         {@code ts_ftick}: %CPU window start
 * @param ltick         {@code ts_ltick}: %CPU window last update
 * @param slice         {@code ts_slice}: stathz ticks used of the current slice (counts up)
 * @param rltick        {@code ts_rltick}: hz tick it last left a CPU (for affinity)
 * @param slptick       {@code td_slptick}: hz tick it went to sleep, 0 when awake
 * @param priority      {@code td_priority}: what the run queues use
 * @param basePri       {@code td_base_pri}
 * @param userPri       {@code td_user_pri}
 * @param baseUserPri   {@code td_base_user_pri}: last result of {@code sched_priority}
 * @param baseIthreadPri {@code td_base_ithread_pri}: restored on wakeup for ithreads
 * @param pinned        {@code td_pinned}: &gt; 0 means it cannot migrate
 * @param bound         {@code TSF_BOUND}: bound by {@code sched_bind}
 * @param sliceEnd      {@code TDF_SLICEEND}: its slice ran out
 * @param pickCpu       {@code TDF_PICKCPU}: re-pick the CPU at the next switch (balancer)
 * @param astPending    {@code TDA_SCHED} AST requested: switch on return to user mode
 * @param owePreempt    {@code td_owepreempt}: switch as soon as the critical section ends
 */
public record ThreadState(
        int tid, int parent, PriClass priClass, boolean fifo, int nice, CpuSet cpuset,
        RunState state, int cpu, RunqKind queue, int rqIndex, boolean xferable,
        int runtime, int slptime, int tsTicks, int ftick, int ltick, int slice, int rltick, int slptick,
        int priority, int basePri, int userPri, int baseUserPri, int baseIthreadPri,
        int pinned, boolean bound, boolean sliceEnd, boolean pickCpu, boolean astPending, boolean owePreempt) {

    /** True for threads that have not exited. */
    public boolean alive() {
        return state != RunState.EXITED;
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
        return tid == o.tid && parent == o.parent && Objects.equals(priClass, o.priClass) && fifo == o.fifo
                && nice == o.nice && Objects.equals(cpuset, o.cpuset) && Objects.equals(state, o.state)
                && cpu == o.cpu && Objects.equals(queue, o.queue) && rqIndex == o.rqIndex && xferable == o.xferable
                && runtime == o.runtime && slptime == o.slptime && tsTicks == o.tsTicks && ftick == o.ftick
                && ltick == o.ltick && slice == o.slice && rltick == o.rltick && slptick == o.slptick
                && priority == o.priority && basePri == o.basePri && userPri == o.userPri
                && baseUserPri == o.baseUserPri && baseIthreadPri == o.baseIthreadPri && pinned == o.pinned
                && bound == o.bound && sliceEnd == o.sliceEnd && pickCpu == o.pickCpu && astPending == o.astPending
                && owePreempt == o.owePreempt;
    }

    @Override
    public int hashCode() {
        int h = 0;
        h = 31 * h + Integer.hashCode(tid);
        h = 31 * h + Integer.hashCode(parent);
        h = 31 * h + Objects.hashCode(priClass);
        h = 31 * h + Boolean.hashCode(fifo);
        h = 31 * h + Integer.hashCode(nice);
        h = 31 * h + Objects.hashCode(cpuset);
        h = 31 * h + Objects.hashCode(state);
        h = 31 * h + Integer.hashCode(cpu);
        h = 31 * h + Objects.hashCode(queue);
        h = 31 * h + Integer.hashCode(rqIndex);
        h = 31 * h + Boolean.hashCode(xferable);
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
        h = 31 * h + Boolean.hashCode(bound);
        h = 31 * h + Boolean.hashCode(sliceEnd);
        h = 31 * h + Boolean.hashCode(pickCpu);
        h = 31 * h + Boolean.hashCode(astPending);
        h = 31 * h + Boolean.hashCode(owePreempt);
        return h;
    }

    @Override
    public String toString() {
        return "ThreadState[tid=" + tid + ", parent=" + parent + ", priClass=" + priClass + ", fifo=" + fifo
                + ", nice=" + nice + ", cpuset=" + cpuset + ", state=" + state + ", cpu=" + cpu + ", queue=" + queue
                + ", rqIndex=" + rqIndex + ", xferable=" + xferable + ", runtime=" + runtime
                + ", slptime=" + slptime + ", tsTicks=" + tsTicks + ", ftick=" + ftick + ", ltick=" + ltick
                + ", slice=" + slice + ", rltick=" + rltick + ", slptick=" + slptick + ", priority=" + priority
                + ", basePri=" + basePri + ", userPri=" + userPri + ", baseUserPri=" + baseUserPri
                + ", baseIthreadPri=" + baseIthreadPri + ", pinned=" + pinned + ", bound=" + bound
                + ", sliceEnd=" + sliceEnd + ", pickCpu=" + pickCpu + ", astPending=" + astPending
                + ", owePreempt=" + owePreempt + "]";
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
            priClass = t.priClass;
            fifo = t.fifo;
            nice = t.nice;
            cpuset = t.cpuset;
            state = t.state;
            cpu = t.cpu;
            queue = t.queue;
            rqIndex = t.rqIndex;
            xferable = t.xferable;
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
            bound = t.bound;
            sliceEnd = t.sliceEnd;
            pickCpu = t.pickCpu;
            astPending = t.astPending;
            owePreempt = t.owePreempt;
        }

        public ThreadState build() {
            return new ThreadState(tid, parent, priClass, fifo, nice, cpuset, state, cpu, queue, rqIndex, xferable,
                    runtime, slptime, tsTicks, ftick, ltick, slice, rltick, slptick,
                    priority, basePri, userPri, baseUserPri, baseIthreadPri,
                    pinned, bound, sliceEnd, pickCpu, astPending, owePreempt);
        }
    }
}
