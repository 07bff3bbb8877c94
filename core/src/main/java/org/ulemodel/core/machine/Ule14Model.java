// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.ule.UleVersion;

/**
 * FreeBSD 14's ULE scheduler (sys/kern/sched_ule.c) as a {@link SchedulerModel}: states are
 * {@link Machine}s, steps are {@link Scheduler#step}. Booted machines run at hz 1000, stathz 127
 * with FreeBSD's default tunables ({@link MachineConfig#of}); {@link #withConfig} gives a model
 * booting another configuration. Stateless apart from that configuration template, immutable.
 */
public final class Ule14Model extends UleModel {
    /** The model with FreeBSD's defaults. */
    public static final Ule14Model DEFAULT = new Ule14Model(null);

    /** The id used on the command line and in trace headers. */
    public static final String ID = "ule14";

    private Ule14Model(MachineConfig template) {
        super(template, UleVersion.V14);
    }

    /**
     * A model booting machines with {@code config}'s parameters, tunables and return-to-user rule;
     * the topology still comes from {@link #boot}.
     */
    public static Ule14Model withConfig(MachineConfig config) {
        return new Ule14Model(config);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "FreeBSD 14 ULE (sched_ule.c): three run queues per CPU, the batch calendar, interactivity score, "
                + "CPU selection, idle stealing and periodic balancing";
    }
}
