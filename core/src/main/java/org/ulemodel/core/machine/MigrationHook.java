// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

/**
 * A decision point on migrations, consulted wherever ULE may move a thread of its own accord:
 * idle stealing ({@code tdq_steal}, for {@code tdq_idled} and {@code tdq_trysteal}), periodic
 * balancing ({@code sched_balance_pair}, and a balancer-requested re-pick) and CPU selection at
 * wakeup ({@code sched_pickcpu} choosing another CPU than the last). It is asked only about
 * moves ULE's own rules already allow — the thread is unpinned, its cpuset allows the target,
 * the target is online — and can only refuse them; forced moves (affinity change, binding, a
 * CPU going offline) are never asked. So whatever a hook answers, the scheduler's safety rules
 * hold; it may only make the scheduler lazier (docs/migration-hook.md).
 *
 * <p>A hook is part of the machine's configuration ({@link SmpTunables#migrationHook}), so it
 * must be an immutable value: a pure, deterministic function of its features, with value
 * equality. {@link #ULE} (answer yes) is FreeBSD's behaviour.
 */
@FunctionalInterface
public interface MigrationHook {
    /** Whether the move described by {@code f} may happen. */
    boolean mayMigrate(MigrationFeatures f);

    /** FreeBSD's ULE: every move its own rules allow may happen. */
    MigrationHook ULE = Named.ULE;

    /** A deliberately bad hook: no thread ever moves of the scheduler's own accord. */
    MigrationHook NEVER = Named.NEVER;

    /** The two fixed hooks, as values with a name. */
    enum Named implements MigrationHook {
        /** Always yes: FreeBSD's behaviour. */
        ULE,
        /** Always no. */
        NEVER;

        @Override
        public boolean mayMigrate(MigrationFeatures f) {
            return this == ULE;
        }
    }

    /**
     * A scripted adversary: question {@code i} of a step ({@link MigrationFeatures#call}) is
     * answered by bit {@code i} of {@code answers} (1 = yes) for {@code i < length}, and yes after
     * that. The explorer installs one script per branch to try every answer at every question.
     *
     * @param answers the answers, bit {@code i} for question {@code i}
     * @param length  how many questions the script answers (0..63)
     */
    record Script(long answers, int length) implements MigrationHook {
        public Script {
            if (length < 0 || length > 63) {
                throw new IllegalArgumentException("a script answers 0..63 questions, got " + length);
            }
        }

        @Override
        public boolean mayMigrate(MigrationFeatures f) {
            return f.call() >= length || (answers >>> f.call() & 1) != 0;
        }
    }
}
