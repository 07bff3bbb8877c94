// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.gen;

import org.ulemodel.core.machine.Event;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.CpuSet;

/**
 * What a generated thread is: scheduling class, nice, fixed priority (-1: computed, timeshare
 * only), SCHED_FIFO and cpuset (null: every CPU). {@link #create(int)} turns it into the event
 * that makes it ({@code sched_add} from {@code onCpu}).
 */
public record ThreadSpec(PriClass priClass, int nice, int priority, boolean fifo, CpuSet cpuset) {
    /** The creation event run from {@code onCpu}. */
    public Event.Create create(int onCpu) {
        return new Event.Create(priClass, nice, priority, fifo, cpuset, onCpu);
    }
}
