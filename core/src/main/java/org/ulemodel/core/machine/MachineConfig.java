// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import org.ulemodel.core.ule.SchedParams;

/**
 * The fixed parameters of a modelled machine.
 *
 * @param params              clock-derived constants and tunables ({@code sched_initticks}, sysctls)
 * @param cpus                number of CPUs (this version models one)
 * @param userretPriority     apply {@code sched_userret}'s update ({@code td_priority = td_user_pri})
 *                            when a thread is switched in; false keeps each thread's run-queue
 *                            priority fixed, as in the golden {@code fixed_*} simulations
 */
public record MachineConfig(SchedParams params, int cpus, boolean userretPriority) {
    public MachineConfig {
        if (params == null) {
            throw new IllegalArgumentException("params must not be null");
        }
        if (cpus != 1) {
            throw new IllegalArgumentException("this model version has exactly 1 CPU, got " + cpus);
        }
    }

    /** One CPU at hz 1000, stathz 127, default tunables, return-to-user priority updates on. */
    public static MachineConfig singleCpu() {
        return new MachineConfig(SchedParams.defaults(), 1, true);
    }

    public MachineConfig withParams(SchedParams p) {
        return new MachineConfig(p, cpus, userretPriority);
    }

    public MachineConfig withUserretPriority(boolean on) {
        return new MachineConfig(params, cpus, on);
    }
}
