// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.sim;

import org.ulemodel.core.machine.Event;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.CpuSet;

/**
 * How one simulated thread behaves: created at time 0, it runs for {@code runMs} of CPU time,
 * then sleeps {@code sleepMs}, and again; {@code runMs} &lt; 0 makes it a CPU hog that never sleeps.
 *
 * @param name     label for reports
 * @param priClass scheduling class
 * @param nice     nice value (timeshare)
 * @param priority fixed priority for non-timeshare classes, -1 for timeshare
 * @param cpuset   allowed CPUs, null for all
 * @param runMs    CPU time per burst in ms, negative for a hog
 * @param sleepMs  sleep after each burst in ms
 */
public record Behavior(String name, PriClass priClass, int nice, int priority, CpuSet cpuset, int runMs, int sleepMs) {

    /** A timeshare CPU hog. */
    public static Behavior hog(String name, int nice) {
        return new Behavior(name, PriClass.TIMESHARE, nice, -1, null, -1, 0);
    }

    /** A timeshare thread that runs {@code runMs}, sleeps {@code sleepMs}, and again. */
    public static Behavior periodic(String name, int nice, int runMs, int sleepMs) {
        return new Behavior(name, PriClass.TIMESHARE, nice, -1, null, runMs, sleepMs);
    }

    /** This behaviour restricted to the given CPUs. */
    public Behavior on(CpuSet set) {
        return new Behavior(name, priClass, nice, priority, set, runMs, sleepMs);
    }

    public boolean hog() {
        return runMs < 0;
    }

    Event.Create create() {
        return new Event.Create(priClass, nice, priority, false, cpuset, 0);
    }

    /** A short description such as "CPU hog, nice 0" or "runs 1 ms, sleeps 9 ms". */
    public String describe() {
        String who = priClass == PriClass.TIMESHARE ? (nice == 0 ? "" : ", nice " + (nice > 0 ? "+" : "") + nice)
                : ", " + priClass.name().toLowerCase(java.util.Locale.ROOT) + " " + priority;
        String what = hog() ? "CPU hog" : "runs " + runMs + " ms, sleeps " + sleepMs + " ms";
        return what + who + (cpuset == null ? "" : ", CPUs " + cpuset);
    }
}
