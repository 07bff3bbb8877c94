// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.smp;

import java.util.Objects;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.ule.UleVersion;

/**
 * The inputs of one {@code sched_pickcpu(td, flags)} call (sys/kern/sched_ule.c, V14), apart
 * from the per-CPU loads ({@link LoadView}) and the calling CPU's {@code randomval} ({@link Lcg}).
 *
 * <p>Invariant: {@code curcpu} and {@code tsCpu} are CPU ids of the topology the request is run
 * against; {@code cpuset} is non-null (it may contain CPUs beyond the machine, as CPU_FILL does).
 *
 * @param curcpu     the CPU running the call, PCPU_GET(cpuid) ("self")
 * @param ticks      the hz tick counter (int32, wraps)
 * @param affinity   the kern.sched.affinity tunable, in ticks per cache level (1 at hz 1000)
 * @param tdPriority td_priority of the thread being placed
 * @param tsCpu      ts_cpu: the CPU the thread last ran on or was assigned to
 * @param rltick     ts_rltick: the tick at which the thread last left a CPU
 * @param cpuset     td_cpuset's mask: the CPUs the thread may run on (THREAD_CAN_SCHED)
 * @param pinned     td_pinned; non-zero means the thread cannot migrate
 * @param srqOurself flags contain SRQ_OURSELF
 * @param running    TD_IS_RUNNING(td): the thread is running on ts_cpu now (sched_switch)
 * @param inIntr     curthread's td_intr_nesting_level is non-zero
 * @param version    whose sched_pickcpu: FreeBSD 14's (ithreads up to priority 47, signed affinity
 *                   test) or FreeBSD 15's (ithreads up to 7, unsigned affinity test)
 */
public record PickRequest(int curcpu, int ticks, int affinity, int tdPriority, int tsCpu, int rltick, CpuSet cpuset,
        int pinned, boolean srqOurself, boolean running, boolean inIntr, UleVersion version) {
    /** Checks that the cpuset and the version are present. */
    public PickRequest {
        Objects.requireNonNull(cpuset, "cpuset");
        Objects.requireNonNull(version, "version");
    }

    /** A FreeBSD 14 request. */
    public PickRequest(int curcpu, int ticks, int affinity, int tdPriority, int tsCpu, int rltick, CpuSet cpuset,
            int pinned, boolean srqOurself, boolean running, boolean inIntr) {
        this(curcpu, ticks, affinity, tdPriority, tsCpu, rltick, cpuset, pinned, srqOurself, running, inIntr, UleVersion.V14);
    }
}
