// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import java.util.List;
import java.util.Objects;
import org.ulemodel.core.machine.Event;

/**
 * What to explore: the model and how it is checked (a {@link ModelSpec}, ULE 14 by default), a
 * topology, threads created up front (on CPU 0, in order), optional prefix events applied after
 * them (e.g. to give threads a history), the enabled {@link Move}s and the depth bound (a
 * {@link Move#STAT} macro counts one), plus the budgets, the shard, the checking options and
 * optionally one of the spec's planted-bug variants to explore instead of its model. Invariant:
 * {@code bug} is null or one of {@code spec.bugs()}.
 *
 * @param spec         the model and its checks ({@link ModelSpecs#ule14()} by default)
 * @param topology     topology spec, e.g. {@code 2} or {@code 2x2}
 * @param threads      threads created up front
 * @param prefix       events after the creations (part of every counterexample)
 * @param moves        enabled moves
 * @param depth        maximum number of moves from the start state
 * @param maxStates    stop (partial report) after this many distinct states
 * @param maxSeconds   stop after this many seconds of wall time (0 = no limit)
 * @param memoryFraction stop when used heap exceeds this fraction of the maximum heap
 * @param shardIndex   this shard, 0-based
 * @param shardCount   number of shards (1 = no sharding)
 * @param shardDepth   the BFS depth at which the frontier is split by fingerprint
 * @param waitBound    bounded-wait bound in the spec's clock ticks (ULE 14: BOUNDED_WAIT, stathz ticks), -1 for the
 *                     derived bound; ignored by specs without a bounded wait
 * @param symmetry     relabel interchangeable threads ({@link Fingerprint})
 * @param bug          one of {@code spec}'s planted-bug variants to explore instead of its model, or null
 */
public record ExploreConfig(ModelSpec<?> spec, String topology, List<ThreadSpec> threads, List<Event> prefix, List<Move> moves,
        int depth, long maxStates, double maxSeconds, double memoryFraction, int shardIndex, int shardCount, int shardDepth,
        int waitBound, boolean symmetry, BugVariant<?> bug) {

    public ExploreConfig {
        Objects.requireNonNull(spec, "spec");
        threads = List.copyOf(threads);
        prefix = List.copyOf(prefix);
        moves = List.copyOf(moves);
        if (depth < 0) {
            throw new IllegalArgumentException("depth must be >= 0, got " + depth);
        }
        if (shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount) {
            throw new IllegalArgumentException("shard must be i/n with 0 <= i < n, got " + shardIndex + "/" + shardCount);
        }
        if (shardDepth < 1) {
            throw new IllegalArgumentException("shard depth must be >= 1, got " + shardDepth);
        }
        if (memoryFraction <= 0 || memoryFraction > 1) {
            throw new IllegalArgumentException("memory fraction must be in (0, 1], got " + memoryFraction);
        }
        spec.variant(bug); // refuses a bug that is not one of the spec's variants
    }

    /** A configuration of ULE 14 ({@link ModelSpecs#ule14()}); {@code bug} is one of its {@link PlantedBugs} or null. */
    public ExploreConfig(String topology, List<ThreadSpec> threads, List<Event> prefix, List<Move> moves, int depth, long maxStates,
            double maxSeconds, double memoryFraction, int shardIndex, int shardCount, int shardDepth, int waitBound, boolean symmetry,
            BugVariant<?> bug) {
        this(ModelSpecs.ule14(), topology, threads, prefix, moves, depth, maxStates, maxSeconds, memoryFraction, shardIndex, shardCount,
                shardDepth, waitBound, symmetry, bug);
    }

    /** The default exploration: ULE 14, 2 CPUs, 3 timeshare threads, the default moves, depth 10. */
    public static ExploreConfig defaults() {
        return new ExploreConfig(ModelSpecs.ule14(), "2", List.of(ThreadSpec.timeshare(), ThreadSpec.timeshare(), ThreadSpec.timeshare()),
                List.of(), Move.DEFAULTS, 10, 50_000_000L, 0, 0.85, 0, 1, 3, -1, true, null);
    }

    /** The spec whose model is explored: {@link #spec}, or its variant {@link #bug}. */
    public ModelSpec<?> checked() {
        return spec.variant(bug);
    }

    /** This configuration on another model; the bug, if any, must be one of the new spec's variants. */
    public ExploreConfig withSpec(ModelSpec<?> s) {
        return new ExploreConfig(s, topology, threads, prefix, moves, depth, maxStates, maxSeconds, memoryFraction, shardIndex,
                shardCount, shardDepth, waitBound, symmetry, bug);
    }

    public ExploreConfig withTopology(String t) {
        return new ExploreConfig(spec, t, threads, prefix, moves, depth, maxStates, maxSeconds, memoryFraction, shardIndex, shardCount,
                shardDepth, waitBound, symmetry, bug);
    }

    public ExploreConfig withThreads(List<ThreadSpec> t) {
        return new ExploreConfig(spec, topology, t, prefix, moves, depth, maxStates, maxSeconds, memoryFraction, shardIndex, shardCount,
                shardDepth, waitBound, symmetry, bug);
    }

    public ExploreConfig withPrefix(List<Event> p) {
        return new ExploreConfig(spec, topology, threads, p, moves, depth, maxStates, maxSeconds, memoryFraction, shardIndex, shardCount,
                shardDepth, waitBound, symmetry, bug);
    }

    public ExploreConfig withMoves(List<Move> m) {
        return new ExploreConfig(spec, topology, threads, prefix, m, depth, maxStates, maxSeconds, memoryFraction, shardIndex, shardCount,
                shardDepth, waitBound, symmetry, bug);
    }

    public ExploreConfig withDepth(int d) {
        return new ExploreConfig(spec, topology, threads, prefix, moves, d, maxStates, maxSeconds, memoryFraction, shardIndex, shardCount,
                shardDepth, waitBound, symmetry, bug);
    }

    public ExploreConfig withBudget(long states, double seconds, double memory) {
        return new ExploreConfig(spec, topology, threads, prefix, moves, depth, states, seconds, memory, shardIndex, shardCount,
                shardDepth, waitBound, symmetry, bug);
    }

    public ExploreConfig withShard(int index, int count, int atDepth) {
        return new ExploreConfig(spec, topology, threads, prefix, moves, depth, maxStates, maxSeconds, memoryFraction, index, count,
                atDepth, waitBound, symmetry, bug);
    }

    public ExploreConfig withWaitBound(int b) {
        return new ExploreConfig(spec, topology, threads, prefix, moves, depth, maxStates, maxSeconds, memoryFraction, shardIndex,
                shardCount, shardDepth, b, symmetry, bug);
    }

    public ExploreConfig withSymmetry(boolean on) {
        return new ExploreConfig(spec, topology, threads, prefix, moves, depth, maxStates, maxSeconds, memoryFraction, shardIndex,
                shardCount, shardDepth, waitBound, on, bug);
    }

    /** This configuration exploring {@code b}, one of the spec's bug variants (null: the model itself). */
    public ExploreConfig withBug(BugVariant<?> b) {
        return new ExploreConfig(spec, topology, threads, prefix, moves, depth, maxStates, maxSeconds, memoryFraction, shardIndex,
                shardCount, shardDepth, waitBound, symmetry, b);
    }

    /** The setup events: the creations, then the prefix. */
    public List<Event> setup() {
        java.util.ArrayList<Event> s = new java.util.ArrayList<>();
        for (ThreadSpec t : threads) {
            s.add(t.create());
        }
        s.addAll(prefix);
        return s;
    }
}
