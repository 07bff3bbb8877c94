// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import java.util.List;
import org.ulemodel.core.prio.Priorities;

/**
 * What the {@link MigrationHook} is told about one candidate migration: the feature vector of a
 * {@code can_migrate_task}-style decision (Linux's {@code can_migrate_task}; sched_ext schedulers
 * that learn it feed the same kind of vector). Every field is read from the machine as the step
 * sees it at the moment of the question. Invariant: {@code from != to}; loads are
 * {@code tdq_load} values (≥ 0); {@code call} counts the questions of one step from 0.
 *
 * @param point          where the question is asked (steal, balance, wakeup placement)
 * @param call           the question's index within the step (0 for the first): what a scripted
 *                       adversary ({@link MigrationHook.Script}) keys on; a model of the workload ignores it
 * @param tid            the thread that would move
 * @param from           its CPU now ({@code ts_cpu} / the victim's {@code tdq})
 * @param to             the CPU it would move to
 * @param fromLoad       {@code tdq_load} of {@code from}
 * @param toLoad         {@code tdq_load} of {@code to}
 * @param runtime        the thread's run history, {@code ts_runtime} (ticks &lt;&lt; {@code SCHED_TICK_SHIFT})
 * @param slptime        the thread's sleep history, {@code ts_slptime} (same unit)
 * @param ticksSinceRan  hz ticks since it last ran ({@code ticks - ts_rltick}): small means a hot cache on {@code from}
 * @param priority       {@code td_priority}
 * @param allowedCpus    how many online CPUs its cpuset allows (affinity; 1 would mean nowhere else to go)
 * @param sharedCache    whether {@code from} and {@code to} share the same last-level topology group
 *                       (the leaf {@code cpu_group}: SMT siblings or a shared cache)
 */
public record MigrationFeatures(MigrationPoint point, int call, int tid, int from, int to, int fromLoad, int toLoad, int runtime,
        int slptime, int ticksSinceRan, int priority, int allowedCpus, boolean sharedCache) {
    /** Cache hotness is capped here (hz ticks): past a second a thread's cache is taken to be cold whatever the count. */
    public static final int HOT_CAP = 1000;

    /**
     * The names of {@link #vector}'s entries, in order: the documented feature vector of a
     * learned model (docs/migration-hook.md). {@code tid}, {@code from}, {@code to} and
     * {@code call} are identities, not features: a model of them would not carry over to another run.
     */
    public static final List<String> NAMES = List.of("from_load", "to_load", "load_diff", "run_ticks",
            "sleep_ticks", "ticks_since_ran", "priority", "allowed_cpus", "shared_cache", "at_steal", "at_balance", "at_wakeup");

    /**
     * The numeric feature vector ({@link #NAMES}): loads and their difference, {@code ts_runtime}
     * and {@code ts_slptime} in ticks (shifted down by {@code SCHED_TICK_SHIFT}), ticks since it
     * ran capped at {@link #HOT_CAP}, priority, allowed CPUs, 1/0 for a shared cache group, and a
     * one-hot code of the point.
     */
    public double[] vector() {
        return new double[] {fromLoad, toLoad, fromLoad - toLoad, runtime >> Priorities.SCHED_TICK_SHIFT,
            slptime >> Priorities.SCHED_TICK_SHIFT, Math.max(0, Math.min(HOT_CAP, ticksSinceRan)), priority, allowedCpus,
            sharedCache ? 1 : 0, point == MigrationPoint.STEAL ? 1 : 0, point == MigrationPoint.BALANCE ? 1 : 0,
            point == MigrationPoint.WAKEUP ? 1 : 0};
    }

    /**
     * The features of moving thread {@code tid} from {@code from} to {@code to} read off a whole
     * machine {@code m} (e.g. the state before a step that moved it): what a trainer that watches
     * steps sees. The scheduler asks its hook with the same fields read inside the step.
     */
    public static MigrationFeatures of(Machine m, MigrationPoint point, int tid, int from, int to) {
        ThreadState td = m.thread(tid);
        int allowed = 0;
        for (int c = 0; c < m.cpuCount(); c++) {
            allowed += m.cpu(c).online() && td.cpuset().contains(c) ? 1 : 0;
        }
        return new MigrationFeatures(point, 0, tid, from, to, m.cpu(from).load(), m.cpu(to).load(), td.runtime(), td.slptime(),
                m.ticks() - td.rltick(), td.priority(), allowed,
                m.topology().leafOf(from).index() == m.topology().leafOf(to).index());
    }
}
