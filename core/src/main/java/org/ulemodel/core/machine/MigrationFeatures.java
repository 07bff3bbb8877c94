// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

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
}
