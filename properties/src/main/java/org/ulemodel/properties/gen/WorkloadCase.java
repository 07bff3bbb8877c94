// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.sim.Behavior;
import org.ulemodel.sim.Engine;
import org.ulemodel.sim.rtapp.RtAppWriter;
import org.ulemodel.sim.rtapp.Workload;

/**
 * A generated workload for the driver ({@link Engine}): a topology, threads with built-in
 * behaviours (CPU hogs at any nice, periodic threads, SCHED_RR threads, some pinned to a CPU), a
 * seed and a simulated duration, optionally with the last CPU offline for the middle of the run.
 * {@link #toString()} is the workload as rt-app JSON plus the {@code ulemodel simulate} command line
 * that reruns it, so a shrunk failure can be replayed as it is.
 *
 * <p>Invariant: every pinned CPU exists on the topology and is not the CPU that goes offline; the
 * offline window names a CPU above 0 and lies inside the run.
 *
 * @param topology   a {@code PxCxT} spec
 * @param behaviors  the threads, in creation order
 * @param seed       the driver's seed (boot random state, order of simultaneous wakeups)
 * @param durationUs simulated time, µs
 * @param offline    whether the last CPU (when there are two or more) is offline from 30 % to 60 % of the run
 */
public record WorkloadCase(String topology, List<Behavior> behaviors, long seed, long durationUs, boolean offline) {
    /** Copies the list and checks the invariant. */
    public WorkloadCase {
        Objects.requireNonNull(topology, "topology");
        behaviors = List.copyOf(behaviors);
        int cpus = Topology.parse(topology).cpuCount();
        int pinnable = offline && cpus > 1 ? cpus - 1 : cpus;
        for (Behavior b : behaviors) {
            if (b.cpus() != null && b.cpus().stream().anyMatch(c -> c >= pinnable)) {
                throw new IllegalArgumentException(b.name() + " pinned to " + b.cpus() + " on a " + cpus + "-CPU machine"
                        + (pinnable < cpus ? " whose CPU " + (cpus - 1) + " goes offline" : ""));
            }
        }
    }

    /** Cases on topologies from {@code topologies}: 1 to 8 threads, 100 to 400 ms of simulated time. */
    public static Gen<WorkloadCase> of(Gen<String> topologies) {
        Gen<List<Integer>> threadCodes = SourceDSL.lists().of(SourceDSL.integers().all()).ofSizeBetween(1, 8);
        Gen<Long> seeds = SourceDSL.longs().between(0, 1_000);
        Gen<Integer> millis = SourceDSL.integers().between(100, 400);
        Gen<Boolean> offline = SourceDSL.booleans().all();
        return topologies.zip(threadCodes, seeds, millis, (t, codes, seed, ms) -> new Object[] {t, codes, seed, ms})
                .zip(offline, (a, off) -> build((String) a[0], cast(a[1]), (Long) a[2], (Integer) a[3], off));
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> cast(Object o) {
        return (List<Integer>) o;
    }

    /** One thread per code: its low bits choose the kind, the rest its parameters and whether it is pinned. */
    static WorkloadCase build(String topology, List<Integer> codes, long seed, int ms, boolean offline) {
        int cpus = Topology.parse(topology).cpuCount();
        // a CPU that goes offline cannot hold a thread pinned to it alone (the model refuses that offline)
        int pinnable = offline && cpus > 1 ? cpus - 1 : cpus;
        List<Behavior> out = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            int c = codes.get(i) & Integer.MAX_VALUE;
            int a = (c >>> 2) % 40;
            int b = (c >>> 8) % 20;
            Behavior beh;
            switch (c & 3) {
                case 0:
                    beh = Behavior.hog("hog" + i, a - 20);
                    break;
                case 1:
                    beh = Behavior.periodic("periodic" + i, a - 20, 1 + b % 5, 1 + b);
                    break;
                case 2:
                    beh = Behavior.realtime("rt" + i, 1 + (c >>> 12) % 99, 1 + b % 3, 5 + b);
                    break;
                default:
                    beh = Behavior.periodic("bursty" + i, 0, 5 + b, 2);
                    break;
            }
            if (((c >>> 20) & 3) == 0) {
                beh = beh.on((c >>> 22) % pinnable);
            }
            out.add(beh);
        }
        return new WorkloadCase(topology, out, seed, ms * 1000L, offline);
    }

    /**
     * The workload the driver runs. rt-app's global duration is whole seconds, so the file says the
     * next whole second; the run itself is {@link #durationUs} long ({@link #options()}, and
     * {@code --duration} in the rerun line).
     */
    public Workload workload() {
        return Behavior.workload("generated", behaviors, (durationUs + 999_999) / 1_000_000 * 1_000_000);
    }

    /** The driver's options: every step checked, and the offline window when asked for and possible. */
    public Engine.Options options() {
        int cpus = Topology.parse(topology).cpuCount();
        List<Engine.CpuChange> changes = offline && cpus > 1
                ? Engine.CpuChange.offline(cpus - 1, durationUs * 3 / 10, durationUs * 6 / 10) : List.of();
        return new Engine.Options(durationUs, seed, true, changes);
    }

    @Override
    public String toString() {
        int cpus = Topology.parse(topology).cpuCount();
        String off = offline && cpus > 1 ? " --offline " + (cpus - 1) + "@" + durationUs * 3 / 10 + "us.." + durationUs * 6 / 10 + "us" : "";
        return "\n" + RtAppWriter.write(workload()) + "\nrerun: ulemodel simulate FILE.json --topology " + topology + " --seed " + seed
                + " --duration " + durationUs + "us --check" + off + "\n";
    }
}
