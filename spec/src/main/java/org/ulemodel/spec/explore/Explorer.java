// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.spec.Violation;
import org.ulemodel.spec.WaitMonitor;

/**
 * The exhaustive explorer (docs/architecture.md, "How the model is checked"): breadth-first
 * enumeration of every sequence of enabled {@link Move}s from a configuration's start state, up
 * to the depth bound, checking every invariant and path property on every transition. It knows a
 * model only through the configuration's {@link ModelSpec}: it boots, steps, enumerates and
 * encodes through {@link org.ulemodel.core.model.SchedulerModel} (a planted bug is just another
 * model) and judges with the spec's checks, so any model can be explored; the search itself is
 * generic in the model's state type, captured from the spec when {@link #run} starts. States
 * are deduplicated by their 64-bit {@link Fingerprint} (canonical under thread symmetry) in a
 * {@link LongHashSet}; only the current and next BFS levels are held as states, each with its
 * event path (a shared-tail list), so the first violation met is one with a shortest path.
 *
 * <p>Sharding ({@code shardCount > 1}): every shard explores the levels above
 * {@code shardDepth} in full; at {@code shardDepth} a state is kept only by the shard numbered
 * {@code mix(fingerprint) mod shardCount}, and each shard explores below its own states. The
 * union of the shards' visited sets is the unsharded one: a state's shortest path crosses
 * level {@code shardDepth} at a state some shard keeps, and that shard's BFS reaches it within
 * the same depth.
 *
 * <p>Budgets are checked every 1,024 transitions: distinct states, wall time, and used heap
 * against a fraction of the maximum heap (the frontier is the part that grows); the report is
 * then partial. Single-threaded; deterministic apart from where a time or memory stop falls.
 */
public final class Explorer {
    private final ExploreConfig config;
    private final PrintStream progress;
    private final LongHashSet visited = new LongHashSet(1 << 12);
    private final List<Long> levels = new ArrayList<>();

    /** An explorer for {@code config}; {@code progress} gets a line at least every 2 s (null: silent). */
    public Explorer(ExploreConfig config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
    }

    /** The visited fingerprints (after {@link #run}). */
    LongHashSet visited() {
        return visited;
    }

    /** A node of the BFS: a state, its monitor and the events from boot that reach it (newest first). */
    private record Node<S extends SchedulerState>(S state, WaitMonitor monitor, Path path) {
    }

    /** A persistent event list, newest first. */
    private record Path(Event event, Path prev, int length) {
        static Path of(Path prev, Event e) {
            return new Path(e, prev, prev == null ? 1 : prev.length + 1);
        }

        List<Event> toList() {
            Event[] a = new Event[length];
            Path p = this;
            for (int i = length - 1; i >= 0; i--) {
                a[i] = p.event;
                p = p.prev;
            }
            return List.of(a);
        }
    }

    /**
     * Runs the exploration.
     *
     * @throws IllegalArgumentException when the topology or the setup events are invalid
     */
    public ExploreResult run() {
        return run(Transitions.of(config));
    }

    /** The search on {@code t}'s model (the configuration's model, or its bug variant). */
    private <S extends SchedulerState> ExploreResult run(Transitions<S> t) {
        long start = System.nanoTime();
        Transitions.Start<S> s0 = t.start();
        Path path = null;
        for (Event e : s0.setup()) {
            path = Path.of(path, e);
        }
        if (s0.violation() != null) {
            return finish(ExploreResult.Outcome.VIOLATION, start, 0, 0, 1, s0.violation(), path);
        }
        visited.add(t.fingerprint(s0.state(), s0.monitor()));
        levels.add(1L);
        Level<S> lv = new Level<>(this, t, start);
        lv.level.add(new Node<>(s0.state(), s0.monitor(), path));
        int depth = 0;
        while (!lv.level.isEmpty() && depth < config.depth()) {
            lv.next = new ArrayList<>();
            lv.split = config.shardCount() > 1 && depth + 1 == config.shardDepth();
            lv.keep = depth + 1 < config.depth();
            lv.depth = depth + 1;
            long before = visited.size();
            for (int ni = 0; ni < lv.level.size(); ni++) {
                Node<S> node = lv.level.get(ni);
                lv.level.set(ni, null);
                lv.node = node;
                if (!t.expand(node.state(), node.monitor(), node.path() == null ? 0 : node.path().length(), lv)) {
                    levels.add(visited.size() - before);
                    long peak = lv.stop == ExploreResult.Outcome.VIOLATION ? lv.peak : Math.max(lv.peak, lv.next.size());
                    return finish(lv.stop, start, lv.transitions, depth + 1, peak, lv.violation, lv.violationPath);
                }
            }
            levels.add(visited.size() - before);
            lv.peak = Math.max(lv.peak, lv.next.size());
            lv.level = lv.next;
            depth++;
        }
        return finish(ExploreResult.Outcome.COMPLETE, start, lv.transitions, depth, lv.peak, null, null);
    }

    /** One BFS level being expanded: takes each transition of the current node (a {@link Transitions.Visitor}). */
    private static final class Level<S extends SchedulerState> implements Transitions.Visitor<S> {
        private final Explorer ex;
        private final long start;
        private final Runtime rt = Runtime.getRuntime();
        private final long memLimit;
        List<Node<S>> level = new ArrayList<>();
        List<Node<S>> next;
        Node<S> node;
        boolean split;
        boolean keep;
        int depth;
        long transitions;
        long peak = 1;
        long nextCheck = 1024;
        long lastProgress = System.nanoTime();
        ExploreResult.Outcome stop;
        Violation violation;
        Path violationPath;
        private final Transitions<S> t;

        Level(Explorer ex, Transitions<S> t, long start) {
            this.ex = ex;
            this.t = t;
            this.start = start;
            this.memLimit = (long) (rt.maxMemory() * ex.config.memoryFraction());
        }

        @Override
        public boolean transition(int move, int index, Event e, int repeats, S s, WaitMonitor w, Violation v) {
            Path p = node.path();
            for (int i = 0; i < repeats; i++) {
                p = Path.of(p, e);
            }
            transitions++;
            if (v != null) {
                stop = ExploreResult.Outcome.VIOLATION;
                violation = v;
                violationPath = p;
                return false;
            }
            ExploreConfig config = ex.config;
            long fp = t.fingerprint(s, w);
            if (split && Long.remainderUnsigned(Fingerprint.mix(fp ^ 0x5DEECE66DL), config.shardCount()) != config.shardIndex()) {
                return true;
            }
            if (ex.visited.add(fp) && keep) {
                next.add(new Node<>(s, w, p));
            }
            if (transitions >= nextCheck) {
                nextCheck = transitions + 1024;
                stop = ex.budget(start, rt, memLimit);
                if (stop != null) {
                    return false;
                }
                if (ex.progress != null && System.nanoTime() - lastProgress >= 2_000_000_000L) {
                    lastProgress = System.nanoTime();
                    ex.progress.printf(Locale.ROOT, "explore: depth %d, %d states, %d transitions, frontier %d, %.0f states/s%n",
                            depth, ex.visited.size(), transitions, next.size(), ex.visited.size() / ((System.nanoTime() - start) / 1e9));
                }
            }
            return true;
        }
    }

    private ExploreResult.Outcome budget(long start, Runtime rt, long memLimit) {
        if (visited.size() >= config.maxStates()) {
            return ExploreResult.Outcome.STOPPED_STATES;
        }
        if (config.maxSeconds() > 0 && (System.nanoTime() - start) / 1e9 >= config.maxSeconds()) {
            return ExploreResult.Outcome.STOPPED_TIME;
        }
        if (rt.totalMemory() - rt.freeMemory() > memLimit) {
            System.gc(); // only near the budget: tell garbage from live frontier before giving up
            if (rt.totalMemory() - rt.freeMemory() > memLimit) {
                return ExploreResult.Outcome.STOPPED_MEMORY;
            }
        }
        return null;
    }

    private ExploreResult finish(ExploreResult.Outcome outcome, long start, long transitions, int depth, long peak, Violation v,
            Path p) {
        double secs = (System.nanoTime() - start) / 1e9;
        return new ExploreResult(outcome, visited.size(), transitions, depth, secs, visited.tableBytes(), peak, v,
                p == null ? List.of() : p.toList(), config.topology(), config.spec().model().id(), levels);
    }
}
