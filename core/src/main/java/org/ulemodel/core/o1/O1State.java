// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.o1;

import java.util.function.IntConsumer;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.model.ThreadPolicy;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;

/**
 * One state of the O(1) model ({@link O1Model}): per CPU a {@code runqueue} with two
 * {@code prio_array}s (active, expired) of {@link O1Math#MAX_PRIO} FIFO lists and a bitmap each,
 * {@code nr_running}, {@code expired_timestamp}, {@code best_expired_prio} and a pending
 * reschedule IPI; per task its {@code task_struct} fields ({@code static_prio}, {@code prio},
 * {@code sleep_avg}, {@code timestamp}, {@code time_slice}, {@code first_time_slice},
 * {@code activated}, {@code array}, {@code cpus_allowed}). As in Linux, the running task stays in
 * its list of the active array; {@link #forEachQueued} lists the others. Immutable: a step copies
 * what it changes, and no array is exposed.
 *
 * <p>Invariants the model keeps (checked by {@code spec.O1Invariants}): a bitmap bit is set iff its
 * list is non-empty; {@code nr_active} is the size of an array and {@code nr_running} the size of
 * both; every runnable task sits in exactly one list of its CPU, at index {@code prio}, and a
 * running task in the active array.
 */
public final class O1State implements SchedulerState {
    /** {@code policy}: {@code SCHED_NORMAL}, {@code SCHED_FIFO}, {@code SCHED_RR}. */
    public enum Policy {
        /** {@code SCHED_NORMAL}: dynamic priority 100..139, time slices, the expired array. */
        NORMAL,
        /** {@code SCHED_FIFO}: fixed realtime priority, no time slice. */
        FIFO,
        /** {@code SCHED_RR}: fixed realtime priority, round robin on {@code task_timeslice}. */
        RR
    }

    /** The bitmap's 64-bit words per array: ⌈140 / 64⌉. */
    public static final int BITMAP_WORDS = (O1Math.MAX_PRIO + 63) / 64;

    final Topology topology;
    final long jiffies;
    final Rq[] rqs;
    final Task[] tasks;

    O1State(Topology topology, long jiffies, Rq[] rqs, Task[] tasks) {
        this.topology = topology;
        this.jiffies = jiffies;
        this.rqs = rqs;
        this.tasks = tasks;
    }

    /** One CPU's {@code runqueue}. Mutable only inside a step, on a private copy. */
    static final class Rq {
        boolean online = true;
        int curr = SchedulerState.IDLE;
        int active;
        final int[][][] queue = new int[2][O1Math.MAX_PRIO][];
        final long[][] bitmap = new long[2][BITMAP_WORDS];
        final int[] nrActive = new int[2];
        int nrRunning;
        long expiredTimestamp;
        int bestExpiredPrio = O1Math.MAX_PRIO;
        boolean ipiPending;

        Rq() {
            for (int a = 0; a < 2; a++) {
                java.util.Arrays.fill(queue[a], EMPTY);
            }
        }

        Rq copy() {
            Rq r = new Rq();
            r.online = online;
            r.curr = curr;
            r.active = active;
            for (int a = 0; a < 2; a++) {
                System.arraycopy(queue[a], 0, r.queue[a], 0, O1Math.MAX_PRIO);
                System.arraycopy(bitmap[a], 0, r.bitmap[a], 0, BITMAP_WORDS);
            }
            r.nrActive[0] = nrActive[0];
            r.nrActive[1] = nrActive[1];
            r.nrRunning = nrRunning;
            r.expiredTimestamp = expiredTimestamp;
            r.bestExpiredPrio = bestExpiredPrio;
            r.ipiPending = ipiPending;
            return r;
        }
    }

    static final int[] EMPTY = new int[0];

    /** One {@code task_struct}'s scheduling fields. Mutable only inside a step, on a private copy. */
    static final class Task {
        RunState state;
        int cpu;
        Policy policy;
        int staticPrio;
        int prio;
        long sleepAvg;
        long timestamp;
        int timeSlice;
        boolean firstTimeSlice;
        int activated;
        int array = -1;
        CpuSet cpuset;
        boolean bound;
        int parent;
        boolean mm;
        boolean uninterruptible;

        Task copy() {
            Task t = new Task();
            t.state = state;
            t.cpu = cpu;
            t.policy = policy;
            t.staticPrio = staticPrio;
            t.prio = prio;
            t.sleepAvg = sleepAvg;
            t.timestamp = timestamp;
            t.timeSlice = timeSlice;
            t.firstTimeSlice = firstTimeSlice;
            t.activated = activated;
            t.array = array;
            t.cpuset = cpuset;
            t.bound = bound;
            t.parent = parent;
            t.mm = mm;
            t.uninterruptible = uninterruptible;
            return t;
        }
    }

    @Override
    public Topology topology() {
        return topology;
    }

    /** {@code jiffies}: hz ticks since boot. */
    @Override
    public long elapsed() {
        return jiffies;
    }

    @Override
    public int hz() {
        return O1Math.HZ;
    }

    @Override
    public int cpuCount() {
        return rqs.length;
    }

    @Override
    public boolean online(int cpu) {
        return rqs[cpu].online;
    }

    @Override
    public int running(int cpu) {
        return rqs[cpu].curr;
    }

    /** Whether a reschedule IPI ({@code smp_send_reschedule} from {@code resched_task}) waits on {@code cpu}. */
    @Override
    public boolean ipiPending(int cpu) {
        return rqs[cpu].ipiPending;
    }

    /** The tasks of both arrays of {@code cpu} but its running one: active array first, each by priority, each list head first. */
    @Override
    public void forEachQueued(int cpu, IntConsumer action) {
        Rq r = rqs[cpu];
        for (int k = 0; k < 2; k++) {
            int[][] q = r.queue[k == 0 ? r.active : 1 - r.active];
            for (int p = 0; p < O1Math.MAX_PRIO; p++) {
                for (int t : q[p]) {
                    if (t != r.curr) {
                        action.accept(t);
                    }
                }
            }
        }
    }

    @Override
    public int threadCount() {
        return tasks.length;
    }

    @Override
    public RunState threadState(int tid) {
        return tasks[tid].state;
    }

    @Override
    public int threadCpu(int tid) {
        return tasks[tid].cpu;
    }

    /**
     * The task's {@code prio} on FreeBSD's 0..255 scale: realtime priorities 0..99 as they are
     * (the model creates FreeBSD's interrupt and realtime bands 0..79 at those very values), and
     * {@code SCHED_NORMAL}'s 100..139 shifted to 120..159, the start of FreeBSD's timeshare band.
     * Monotone, so "better" means the same on both scales.
     */
    @Override
    public int threadPriority(int tid) {
        return freebsdPriority(tasks[tid].prio);
    }

    /** {@link #threadPriority}'s mapping of a Linux {@code prio}. */
    public static int freebsdPriority(int linuxPrio) {
        return linuxPrio < O1Math.MAX_RT_PRIO ? linuxPrio : linuxPrio + 20;
    }

    /**
     * The policy back in FreeBSD's terms, as {@link O1Model}'s {@code create} maps it forwards:
     * {@code SCHED_FIFO} without an {@code mm} is the interrupt class, other {@code SCHED_FIFO}
     * and {@code SCHED_RR} the realtime class at {@code rt_priority} (the model keeps FreeBSD's
     * value), {@code SCHED_NORMAL} timeshare at {@code PRIO_TO_NICE(static_prio)} (FreeBSD's idle
     * class, created as nice 19, comes back as timeshare nice 19).
     */
    @Override
    public ThreadPolicy threadPolicy(int tid) {
        Task p = tasks[tid];
        int nice = p.staticPrio - O1Math.niceToPrio(0);
        if (p.policy == Policy.NORMAL) {
            return new ThreadPolicy(PriClass.TIMESHARE, nice, -1, false);
        }
        PriClass pc = p.policy == Policy.FIFO && !p.mm ? PriClass.ITHD : PriClass.REALTIME;
        int pri = Math.max(pc.minPri(), Math.min(pc.maxPri(), p.prio));
        return new ThreadPolicy(pc, nice, pri, p.policy == Policy.FIFO && pc == PriClass.REALTIME);
    }

    @Override
    public CpuSet threadCpuset(int tid) {
        return tasks[tid].cpuset;
    }

    @Override
    public boolean threadBound(int tid) {
        return tasks[tid].bound;
    }

    @Override
    public int threadParent(int tid) {
        return tasks[tid].parent;
    }

    /** The physical index (0 or 1) of {@code cpu}'s active array ({@code rq->active}); the other is {@code rq->expired}. */
    public int activeArray(int cpu) {
        return rqs[cpu].active;
    }

    /** A copy of list {@code prio} of array {@code array} (physical index) of {@code cpu}, head first. */
    public int[] queue(int cpu, int array, int prio) {
        return rqs[cpu].queue[array][prio].clone();
    }

    /** Word {@code word} of the bitmap of array {@code array} of {@code cpu}: bit {@code p % 64} of word {@code p / 64} is list {@code p}. */
    public long bitmapWord(int cpu, int array, int word) {
        return rqs[cpu].bitmap[array][word];
    }

    /** {@code nr_active} of array {@code array} of {@code cpu}. */
    public int nrActive(int cpu, int array) {
        return rqs[cpu].nrActive[array];
    }

    /** {@code rq->nr_running}: tasks in both arrays, the running one included. */
    public int nrRunning(int cpu) {
        return rqs[cpu].nrRunning;
    }

    /** {@code rq->expired_timestamp} in jiffies (0: unset). */
    public long expiredTimestamp(int cpu) {
        return rqs[cpu].expiredTimestamp;
    }

    /** {@code rq->best_expired_prio} ({@link O1Math#MAX_PRIO}: none). */
    public int bestExpiredPrio(int cpu) {
        return rqs[cpu].bestExpiredPrio;
    }

    /** The task's {@code policy}. */
    public Policy policy(int tid) {
        return tasks[tid].policy;
    }

    /** The task's Linux {@code prio} (0..139, smaller is better). */
    public int prio(int tid) {
        return tasks[tid].prio;
    }

    /** The task's {@code static_prio} ({@code NICE_TO_PRIO(nice)}). */
    public int staticPrio(int tid) {
        return tasks[tid].staticPrio;
    }

    /** The task's {@code sleep_avg} in ns. */
    public long sleepAvg(int tid) {
        return tasks[tid].sleepAvg;
    }

    /** The task's {@code timestamp} in ns (last enqueue or switch). */
    public long timestamp(int tid) {
        return tasks[tid].timestamp;
    }

    /** The task's {@code time_slice} in jiffies. */
    public int timeSlice(int tid) {
        return tasks[tid].timeSlice;
    }

    /** The task's {@code first_time_slice}. */
    public boolean firstTimeSlice(int tid) {
        return tasks[tid].firstTimeSlice;
    }

    /** The task's {@code activated} (−1 woken from uninterruptible sleep, 0, 1 woken, 2 woken by an interrupt). */
    public int activated(int tid) {
        return tasks[tid].activated;
    }

    /** The physical index of the array the task is in ({@code p->array}), or −1 when it is in none. */
    public int taskArray(int tid) {
        return tasks[tid].array;
    }
}
