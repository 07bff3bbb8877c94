// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import org.ulemodel.core.topo.Topology;
import org.ulemodel.core.ule.SchedParams;
import org.ulemodel.core.ule.UleVersion;

/**
 * The fixed parameters of a modelled machine.
 *
 * @param params          clock-derived constants and tunables ({@code sched_initticks}, sysctls)
 * @param topology        the CPUs and their cache/SMT groups ({@code cpu_top})
 * @param tunables        stealing and balancing sysctls
 * @param userretPriority apply {@code sched_userret}'s update ({@code td_priority = td_user_pri})
 *                        when a thread is switched in; false keeps each thread's run-queue
 *                        priority fixed, as in the golden {@code fixed_*} simulations
 * @param version         which FreeBSD's ULE the machine runs: {@link UleVersion#V14} (three run
 *                        queues, the idx/ridx calendar) or {@link UleVersion#V15} (one 256-queue run
 *                        queue, the 109-queue calendar, V15's formulas); {@code params} should come
 *                        from the same version ({@link UleVersion#params})
 */
public record MachineConfig(SchedParams params, Topology topology, SmpTunables tunables, boolean userretPriority,
        UleVersion version) {
    public MachineConfig {
        if (params == null || topology == null || tunables == null || version == null) {
            throw new IllegalArgumentException("params, topology, smp tunables and the ULE version are required");
        }
    }

    /** A FreeBSD 14 machine ({@link UleVersion#V14}). */
    public MachineConfig(SchedParams params, Topology topology, SmpTunables tunables, boolean userretPriority) {
        this(params, topology, tunables, userretPriority, UleVersion.V14);
    }

    /** One CPU at hz 1000, stathz 127, default tunables, return-to-user priority updates on. */
    public static MachineConfig singleCpu() {
        return of(Topology.parse("1"));
    }

    /** The given topology at hz 1000, stathz 127, FreeBSD's default tunables. */
    public static MachineConfig of(Topology topology) {
        return new MachineConfig(SchedParams.defaults(), topology, SmpTunables.defaults(), true);
    }

    /** The given topology running {@code version}'s ULE at hz 1000, stathz 127, with that version's default tunables. */
    public static MachineConfig of(Topology topology, UleVersion version) {
        return new MachineConfig(version.params(SchedParams.DEFAULT_HZ, SchedParams.DEFAULT_STATHZ), topology,
                SmpTunables.defaults(), true, version);
    }

    /** Number of CPUs. */
    public int cpus() {
        return topology.cpuCount();
    }

    /** Whether the SMP paths run ({@code smp_started}): FreeBSD starts the APs only with more than one CPU. */
    public boolean smp() {
        return topology.cpuCount() > 1;
    }

    public MachineConfig withParams(SchedParams p) {
        return new MachineConfig(p, topology, tunables, userretPriority, version);
    }

    public MachineConfig withSmp(SmpTunables t) {
        return new MachineConfig(params, topology, t, userretPriority, version);
    }

    public MachineConfig withUserretPriority(boolean on) {
        return new MachineConfig(params, topology, tunables, on, version);
    }
}
