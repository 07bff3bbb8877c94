// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.model;

import java.util.Objects;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.prio.Priorities;

/**
 * A thread's scheduling policy in the policy-neutral terms of
 * {@link org.ulemodel.core.machine.Event.Create}: what a model needs to take a thread over from
 * another ({@link SchedulerModel#adopt}). FreeBSD's {@code td_pri_class}, nice and fixed priority
 * ({@code rtp_prio} mapped onto FreeBSD 14's layout); Linux's {@code policy}, {@code static_prio}
 * and {@code rt_priority} map onto them.
 *
 * <p>Invariant: nice in −20..20; {@code priority} is −1 for a timeshare thread (each model derives
 * it) and within the class's FreeBSD 14 band otherwise; {@code fifo} only for the realtime class.
 *
 * @param priClass scheduling class
 * @param nice     nice value
 * @param priority fixed priority on FreeBSD 14's layout, or −1 for timeshare
 * @param fifo     POSIX {@code SCHED_FIFO}
 */
public record ThreadPolicy(PriClass priClass, int nice, int priority, boolean fifo) {
    /** Checks the invariant. */
    public ThreadPolicy {
        Objects.requireNonNull(priClass, "priClass");
        if (nice < Priorities.PRIO_MIN || nice > Priorities.PRIO_MAX) {
            throw new IllegalArgumentException("nice " + nice + " outside " + Priorities.PRIO_MIN + ".." + Priorities.PRIO_MAX);
        }
        if (priClass == PriClass.TIMESHARE ? priority != -1 : priority < priClass.minPri() || priority > priClass.maxPri()) {
            throw new IllegalArgumentException(priClass + " priority " + priority + ": expected "
                    + (priClass == PriClass.TIMESHARE ? "-1" : priClass.minPri() + ".." + priClass.maxPri()));
        }
        if (fifo && priClass != PriClass.REALTIME) {
            throw new IllegalArgumentException("SCHED_FIFO needs the REALTIME class, got " + priClass);
        }
    }
}
