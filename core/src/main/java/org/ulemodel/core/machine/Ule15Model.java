// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.ule.UleVersion;

/**
 * FreeBSD 15's ULE scheduler (the 2025 rework of sys/kern/sched_ule.c and kern_switch.c) as a
 * {@link SchedulerModel}: the same {@link Machine} states and {@link Scheduler#step} as
 * {@link Ule14Model}, on machines whose {@link MachineConfig#version} is
 * {@link UleVersion#V15}, so that they differ exactly where FreeBSD 15 does — one run queue of
 * 256 queues with four status words per CPU ({@code tdq_runq}), the 109-queue calendar driven by
 * {@code tdq_ts_off}/{@code tdq_ts_deq_off}/{@code tdq_ts_ticks}, the priority layout (timeshare
 * 56..223, batch from 115), nice scaled by 5/4, the 11 s %CPU window, {@code pri <
 * preempt_thresh}, the unsigned affinity test and a steal that takes the first eligible thread.
 * Topology, CPU searches, balancing, stealing walks and the interactivity score are shared.
 * Events keep FreeBSD 14's priority layout ({@link UleVersion#fromV14Layout}); states and
 * decisions show FreeBSD 15's priorities. Booted machines run at hz 1000, stathz 127 with FreeBSD
 * 15's default tunables ({@link MachineConfig#of(org.ulemodel.core.topo.Topology, UleVersion)}).
 * Immutable.
 */
public final class Ule15Model extends UleModel {
    /** The model with FreeBSD 15's defaults. */
    public static final Ule15Model DEFAULT = new Ule15Model(null);

    /** The id used on the command line and in trace headers. */
    public static final String ID = "ule15";

    private Ule15Model(MachineConfig template) {
        super(template, UleVersion.V15);
    }

    /**
     * A model booting V15 machines with {@code config}'s parameters (take them from
     * {@link UleVersion#params V15.params}), tunables and return-to-user rule; the topology still
     * comes from {@link #boot}.
     */
    public static Ule15Model withConfig(MachineConfig config) {
        return new Ule15Model(config);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "FreeBSD 15 ULE (sched_ule.c, 2025): one 256-queue run queue per CPU, the 109-queue calendar, "
                + "new priority layout, nice and %CPU window; CPU selection, idle stealing and balancing as in 14";
    }
}
