// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.o1;

import java.util.ArrayList;
import java.util.List;
import org.ulemodel.core.o1.O1Model;
import org.ulemodel.core.o1.O1State;
import org.ulemodel.spec.O1Invariants;
import org.ulemodel.spec.O1PathProperties;
import org.ulemodel.spec.explore.BugVariant;
import org.ulemodel.spec.explore.ModelProvider;
import org.ulemodel.spec.explore.ModelSpec;

/**
 * Registers the O(1) model with the tools ({@code --model o1}): {@link O1Model#DEFAULT} judged by
 * {@link O1Invariants#all()} (the generic invariants, then O(1)'s own) and O(1)'s bounded wait
 * ({@link O1PathProperties}, over {@code SCHED_NORMAL} waits) in hz ticks (jiffies), with one
 * planted-bug variant per {@link O1Model.Bug} (named as the enum constant).
 *
 * <p>Invariant: {@link #spec()} is always {@link #SPEC}.
 */
public final class O1Provider implements ModelProvider {
    /** The planted bugs, one per {@link O1Model.Bug} other than {@code NONE}. */
    public static final List<BugVariant<O1State>> BUGS = bugs();

    /** The O(1) model and its checks. */
    public static final ModelSpec<O1State> SPEC = ModelSpec.of(O1Model.DEFAULT, O1Invariants.all())
            .withPathProperties(O1PathProperties.NORMAL_WAITS, O1PathProperties::all).withBugs(BUGS);

    private static List<BugVariant<O1State>> bugs() {
        List<BugVariant<O1State>> out = new ArrayList<>();
        for (O1Model.Bug b : O1Model.Bug.values()) {
            if (b != O1Model.Bug.NONE) {
                out.add(BugVariant.of(b.name(), describe(b), O1Model.withBug(b)));
            }
        }
        return List.copyOf(out);
    }

    private static String describe(O1Model.Bug b) {
        switch (b) {
            case BITMAP_CLEARED_EARLY:
                return "dequeue_task clears the bitmap bit even when the list keeps other tasks";
            case SWAP_KEEPS_TIMESTAMP:
                return "the array swap keeps expired_timestamp and best_expired_prio";
            case SLICE_NOT_REFILLED:
                return "a slice that runs out is not refilled";
            case NR_RUNNING_NOT_DECREMENTED:
                return "deactivate_task forgets nr_running--";
            case PULLS_RUNNING_TASK:
                return "the balancer also pulls the running task of the busiest CPU";
            case EXPIRED_STAYS_ACTIVE:
                return "a task whose slice runs out always goes back to the active array (no array swap ever comes)";
            default:
                throw new AssertionError(b);
        }
    }

    /** The service's constructor. */
    public O1Provider() {
    }

    /** The bug variant named {@code bug}. */
    public static BugVariant<O1State> bug(O1Model.Bug bug) {
        return SPEC.bug(bug.name());
    }

    @Override
    public ModelSpec<?> spec() {
        return SPEC;
    }
}
