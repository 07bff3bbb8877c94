// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.ulemodel.spec.EventText;
import org.ulemodel.spec.explore.BugVariant;
import org.ulemodel.spec.explore.ExploreConfig;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.explore.ModelSpecs;
import org.ulemodel.spec.explore.Move;

/**
 * What every executor needs to rebuild the search's {@link ExploreConfig}, in a serialisable form:
 * the model's registry id ({@link ModelSpecs#named}), the planted bug's name, the topology, the
 * setup events as {@link EventText}, the moves and the checking options. Invariant: {@link #config()}
 * takes the same transitions as the configuration it was made {@link #of} (its creations become
 * setup events, which is what the explorer applies).
 */
record Job(String model, String bug, String topology, String setup, String moves, int depth, int waitBound, boolean symmetry)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * The job of {@code config}.
     *
     * @throws IllegalArgumentException when the model is not in the registry (an executor finds a model only by its id)
     *                                  or the configuration is a shard ({@code --shard} belongs to the local engine)
     */
    static Job of(ExploreConfig config) {
        ModelSpec<?> spec = config.spec();
        String id = spec.model().id();
        if (spec.branching()) {
            throw new IllegalArgumentException("an adversary's outcomes (--hook-adversary) are not named by a path of transitions, which "
                    + "the Spark engine rebuilds states from; explore them with the local engine");
        }
        if (ModelSpecs.available().stream().noneMatch(s -> s == spec)) {
            throw new IllegalArgumentException("the Spark engine explores registered models only (ModelSpecs.available()); model " + id
                    + " is not one of them");
        }
        if (config.shardCount() != 1) {
            throw new IllegalArgumentException("--shard splits the local explorer's search; the Spark engine partitions the whole search itself");
        }
        List<String> mv = new ArrayList<>();
        for (Move m : config.moves()) {
            mv.add(m.cliName());
        }
        return new Job(id, config.bug() == null ? null : config.bug().name(), config.topology(),
                EventText.formatAll(config.topology(), config.setup()), String.join(",", mv), config.depth(), config.waitBound(),
                config.symmetry());
    }

    /** The configuration on this machine: no budgets (the driver keeps them), the setup as a prefix. */
    ExploreConfig config() {
        ModelSpec<?> spec = ModelSpecs.named(model);
        BugVariant<?> b = bug == null ? null : spec.bug(bug);
        List<Move> mv = Move.parseList(moves);
        return new ExploreConfig(spec, topology, List.of(), EventText.parseAll(setup, "setup").events(), mv, depth, Long.MAX_VALUE, 0, 1.0,
                0, 1, 1, waitBound, symmetry, b);
    }
}
