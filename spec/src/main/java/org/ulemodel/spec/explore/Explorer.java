// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.spec.EventText;
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
        return run(config.checked());
    }

    /** The search on {@code spec}'s model (the configuration's model, or its bug variant). */
    private <S extends SchedulerState> ExploreResult run(ModelSpec<S> spec) {
        long start = System.nanoTime();
        Checker<S> checker = new Checker<>(spec, config.waitBound());
        Fingerprint<S> fingerprint = new Fingerprint<>(spec.model(), config.symmetry());
        Topology topo = Topology.parse(config.topology());
        S m = spec.model().boot(topo);
        WaitMonitor mon = spec.initialMonitor(m);
        Path path = null;
        int number = 0;
        for (Event e : config.setup()) {
            number++;
            Checker.Outcome<S> o;
            try {
                o = checker.step(m, mon, e, Checker.stepName(number, e));
            } catch (IllegalEventException ex) {
                throw new IllegalArgumentException("setup event " + number + " (" + EventText.format(e)
                        + ") is refused: " + ex.getMessage());
            }
            path = Path.of(path, e);
            if (o.violation() != null) {
                return finish(ExploreResult.Outcome.VIOLATION, start, 0, 0, 1, o.violation(), path);
            }
            m = o.result().state();
            mon = o.monitor();
        }
        visited.add(fingerprint.of(m, mon));
        List<Node<S>> level = new ArrayList<>();
        level.add(new Node<>(m, mon, path));
        long transitions = 0;
        long peak = 1;
        int depth = 0;
        long nextCheck = 1024;
        long lastProgress = System.nanoTime();
        Runtime rt = Runtime.getRuntime();
        long memLimit = (long) (rt.maxMemory() * config.memoryFraction());
        List<Event> events = new ArrayList<>();
        List<Reached<S>> reached = new ArrayList<>();
        int setupLength = path == null ? 0 : path.length();
        while (!level.isEmpty() && depth < config.depth()) {
            List<Node<S>> next = new ArrayList<>();
            boolean split = config.shardCount() > 1 && depth + 1 == config.shardDepth();
            for (int ni = 0; ni < level.size(); ni++) {
                Node<S> node = level.get(ni);
                level.set(ni, null);
                for (Move mv : config.moves()) {
                    events.clear();
                    mv.events(spec.model(), node.state(), events);
                    for (Event e : events) {
                        reached.clear();
                        try {
                            advance(spec, checker, node.state(), node.monitor(), node.path(), e, mv == Move.STAT,
                                    mv == Move.STAT ? spec.clock(node.state()) : 0, reached);
                        } catch (IllegalEventException ex) {
                            continue;
                        }
                        for (Reached<S> out : reached) {
                            S s = out.state();
                            WaitMonitor w = out.monitor();
                            Path p = out.path();
                            Violation v = out.violation();
                            transitions++;
                            if (v != null) {
                                return finish(ExploreResult.Outcome.VIOLATION, start, transitions, depth + 1, peak, v, p);
                            }
                            long fp = fingerprint.of(s, w);
                            if (split && Long.remainderUnsigned(Fingerprint.mix(fp ^ 0x5DEECE66DL), config.shardCount())
                                    != config.shardIndex()) {
                                continue;
                            }
                            if (visited.add(fp) && depth + 1 < config.depth()) {
                                next.add(new Node<>(s, w, p));
                            }
                            if (transitions >= nextCheck) {
                                nextCheck = transitions + 1024;
                                ExploreResult.Outcome stop = budget(start, rt, memLimit);
                                if (stop != null) {
                                    return finish(stop, start, transitions, depth + 1, Math.max(peak, next.size()), null, null);
                                }
                                if (progress != null && System.nanoTime() - lastProgress >= 2_000_000_000L) {
                                    lastProgress = System.nanoTime();
                                    progress.printf(Locale.ROOT, "explore: depth %d, %d states, %d transitions, frontier %d, %.0f states/s%n",
                                            depth + 1, visited.size(), transitions, next.size(),
                                            visited.size() / ((System.nanoTime() - start) / 1e9));
                                }
                            }
                        }
                    }
                }
            }
            peak = Math.max(peak, next.size());
            level = next;
            depth++;
            if (level.isEmpty()) {
                break;
            }
        }
        assert setupLength >= 0;
        return finish(ExploreResult.Outcome.COMPLETE, start, transitions, depth, peak, null, null);
    }

    /** Where one outcome of an explored event ends: the state, its monitor, the path to it, and the first violation (or null). */
    private record Reached<S extends SchedulerState>(S state, WaitMonitor monitor, Path path, Violation violation) {
    }

    /**
     * Adds to {@code out} every outcome of {@code e} from {@code s} ({@link ModelSpec#outcomes}:
     * one, or one per adversary choice); a {@link Move#STAT} macro ({@code stat}) repeats the
     * event on each outcome until the spec's clock moves past {@code stat0} or a check breaks.
     */
    private static <S extends SchedulerState> void advance(ModelSpec<S> spec, Checker<S> checker, S s, WaitMonitor w, Path p, Event e,
            boolean stat, long stat0, List<Reached<S>> out) {
        String name = Checker.stepName((p == null ? 0 : p.length()) + 1, e);
        Path q = Path.of(p, e);
        for (ModelStep<S> r : spec.outcomes(s, e)) {
            Checker.Outcome<S> o = checker.check(s, w, e, r, name);
            S t = r.state();
            if (o.violation() == null && stat && spec.clock(t) == stat0) {
                advance(spec, checker, t, o.monitor(), q, e, true, stat0, out);
            } else {
                out.add(new Reached<>(t, o.monitor(), q, o.violation()));
            }
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
                p == null ? List.of() : p.toList(), config.topology(), config.spec().model().id());
    }
}
