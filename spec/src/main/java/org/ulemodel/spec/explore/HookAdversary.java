// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MigrationHook;
import org.ulemodel.core.machine.StepResult;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerModel;

/**
 * The {@link MigrationHook} as an adversary ({@link ModelSpec.Branching}): every answer at every
 * question of a step. A step is run under a {@link MigrationHook.Script}; the questions it asked
 * ({@link org.ulemodel.core.machine.Cost#hookCalls}) say where the answer tree branches, and each
 * leaf of that tree — each distinct sequence of answers the step can meet — is run once, with the
 * unanswered rest of a script answered yes. Every outcome's state gets back the hook the state
 * had, so states reached under different answers compare as states of one machine.
 *
 * <p>Invariant: with a step that asks no question the only outcome is the model's own step; the
 * outcomes are in a fixed order (all-yes first). A step that asks more than 63 questions is refused
 * with an {@link IllegalStateException} (a script holds 63 answers): far beyond the explorer's
 * small configurations.
 */
public final class HookAdversary implements ModelSpec.Branching<Machine> {
    /** The adversary. */
    public static final HookAdversary INSTANCE = new HookAdversary();

    private HookAdversary() {
    }

    /**
     * {@code spec} with the migration hook as an adversary, judged on its invariants only: a hook
     * may refuse a migration, so liveness properties are for a given hook (explore the hook as a
     * bug variant, e.g. {@link PlantedBugs#MIGRATION_HOOK_NEVER}), not for every one.
     */
    public static ModelSpec<Machine> safetyOnly(ModelSpec<Machine> spec) {
        return spec.withoutPathProperties().withBranching(INSTANCE);
    }

    @Override
    public List<ModelStep<Machine>> outcomes(SchedulerModel<Machine> model, Machine state, Event event) {
        MigrationHook own = state.config().tunables().migrationHook();
        List<ModelStep<Machine>> out = new ArrayList<>();
        Deque<MigrationHook.Script> todo = new ArrayDeque<>();
        todo.push(new MigrationHook.Script(0, 0));
        while (!todo.isEmpty()) {
            MigrationHook.Script s = todo.pop();
            ModelStep<Machine> r = model.step(state.withMigrationHook(s), event);
            int asked = r.cost().hookCalls();
            if (asked > 63) {
                throw new IllegalStateException(event + " asked the migration hook " + asked + " questions; the adversary answers at most 63");
            }
            // the run answered questions length..asked-1 yes; branch on a no at each of them, latest first on the stack
            long yes = s.answers();
            for (int i = s.length(); i < asked; i++) {
                todo.push(new MigrationHook.Script(yes, i + 1));
                yes |= 1L << i;
            }
            out.add(new StepResult(r.state().withMigrationHook(own), r.decisions(), r.cost()));
        }
        return out;
    }

    @Override
    public String toString() {
        return "migration hook as an adversary";
    }
}
