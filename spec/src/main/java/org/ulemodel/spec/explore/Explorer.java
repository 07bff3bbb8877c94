// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
 * then partial.
 *
 * <p>Parallel search ({@code workers > 1}): each level is expanded by that many threads and the
 * successors are merged into the visited set and the next level in the order the
 * single-threaded search meets them (see {@code Workers}). Invariant: whatever the number of
 * workers and the threads' timing, the result — outcome, distinct states, states per level,
 * transitions, maximum depth, visited-set size, peak frontier, violation and counterexample — is
 * the single-threaded search's, apart from the time and from where a time or memory stop falls.
 */
public final class Explorer {
    private final ExploreConfig config;
    private final PrintStream progress;
    private final int workers;
    private final LongHashSet visited = new LongHashSet(1 << 12);
    private final List<Long> levels = new ArrayList<>();

    /** A single-threaded explorer for {@code config}; {@code progress} gets a line at least every 2 s (null: silent). */
    public Explorer(ExploreConfig config, PrintStream progress) {
        this(config, progress, 1);
    }

    /**
     * An explorer for {@code config} that expands each level on {@code workers} threads (1: this
     * thread alone), with the same result as the single-threaded one apart from the time.
     *
     * @throws IllegalArgumentException when {@code workers < 1}
     */
    public Explorer(ExploreConfig config, PrintStream progress, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        this.config = config;
        this.progress = progress;
        this.workers = workers;
    }

    /** Nodes per batch of the parallel search (a level wider than this is merged in several batches). */
    static int batchSize() {
        return Workers.BATCH;
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

        /** {@code p} followed by {@code e} {@code repeats} times. */
        static Path extend(Path p, Event e, int repeats) {
            for (int i = 0; i < repeats; i++) {
                p = of(p, e);
            }
            return p;
        }

        /** The number of events in {@code p} (null: the empty path). */
        static int length(Path p) {
            return p == null ? 0 : p.length;
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
        Workers<S> pool = workers > 1 ? new Workers<>(this, t, workers) : null;
        try {
            int depth = 0;
            while (!lv.level.isEmpty() && depth < config.depth()) {
                lv.next = new ArrayList<>();
                lv.split = config.shardCount() > 1 && depth + 1 == config.shardDepth();
                lv.keep = depth + 1 < config.depth();
                lv.depth = depth + 1;
                long before = visited.size();
                if (!(pool == null ? lv.expandAll() : pool.expandAll(lv))) {
                    levels.add(visited.size() - before);
                    long peak = lv.stop == ExploreResult.Outcome.VIOLATION ? lv.peak : Math.max(lv.peak, lv.next.size());
                    return finish(lv.stop, start, lv.transitions, depth + 1, peak, lv.violation, lv.violationPath);
                }
                levels.add(visited.size() - before);
                lv.peak = Math.max(lv.peak, lv.next.size());
                lv.level = lv.next;
                depth++;
            }
            return finish(ExploreResult.Outcome.COMPLETE, start, lv.transitions, depth, lv.peak, null, null);
        } finally {
            if (pool != null) {
                pool.close();
            }
        }
    }

    /**
     * One BFS level being expanded, and the sequential order in which its transitions are
     * counted, checked against the budgets and added to the visited set (the merge of the
     * parallel search goes through the same methods): {@link #skip}, {@link #add},
     * {@link #violated}. As a {@link Transitions.Visitor} it is the single-threaded search.
     */
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

        /** Expands every node of {@link #level} in order on this thread; false when the search stops. */
        boolean expandAll() {
            for (int ni = 0; ni < level.size(); ni++) {
                node = level.get(ni);
                level.set(ni, null);
                if (!t.expand(node.state(), node.monitor(), Path.length(node.path()), this)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean transition(int move, int index, Event e, int repeats, S s, WaitMonitor w, Violation v) {
            if (v != null) {
                return violated(v, Path.extend(node.path(), e, repeats));
            }
            long fp = t.fingerprint(s, w);
            // the path is kept only with a state of the next level: none is made for the last level's states
            return !split || ex.owns(fp) ? add(fp, s, w, keep ? Path.extend(node.path(), e, repeats) : null) : skip(1);
        }

        /** The next transition broke {@code v} on reaching path {@code p}: the search stops (returns false). */
        boolean violated(Violation v, Path p) {
            transitions++;
            stop = ExploreResult.Outcome.VIOLATION;
            violation = v;
            violationPath = p;
            return false;
        }

        /**
         * The next transition reached a state of fingerprint {@code fp} this shard keeps, by path
         * {@code p} (null when the level's states are not kept); false when a budget stops the search.
         */
        boolean add(long fp, S s, WaitMonitor w, Path p) {
            transitions++;
            if (ex.visited.add(fp) && keep) {
                next.add(new Node<>(s, w, p));
            }
            return transitions < nextCheck || check();
        }

        /**
         * The next {@code k} transitions reached no new state of this shard (known ones, or
         * another shard's); false when a budget stops the search, at the transition the
         * single-threaded search would stop at.
         */
        boolean skip(long k) {
            long target = transitions + k;
            while (nextCheck <= target) {
                transitions = nextCheck;
                if (!check()) {
                    return false;
                }
            }
            transitions = target;
            return true;
        }

        /** The budget check and progress line, every 1,024 transitions; false when a budget stops the search. */
        private boolean check() {
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
            return true;
        }
    }

    /**
     * The parallel expansion of a level ({@code workers > 1}): the level is taken in batches of
     * {@link #BATCH} nodes; the threads (this one and {@code workers - 1} pool threads, each
     * with its own {@link Transitions}) take chunks of {@link #CHUNK} consecutive nodes of a batch
     * in turn and expand them, fingerprinting every successor and dropping those in the visited
     * set (which nobody writes meanwhile) or another shard's; then this thread merges the chunks
     * in node order through {@link Level#skip}, {@link Level#add} and {@link Level#violated},
     * exactly as the single-threaded search meets the transitions. Hence the same states,
     * levels, transitions, budget stops at the same transition, and the same first violation and
     * counterexample, whatever the threads' timing.
     */
    private static final class Workers<S extends SchedulerState> {
        static final int BATCH = 2048;
        static final int CHUNK = 16;

        private final Explorer ex;
        private final List<Expander<S>> expanders = new ArrayList<>();
        private final ExecutorService pool;
        private final AtomicInteger nextChunk = new AtomicInteger();
        private final AtomicInteger lastChunk = new AtomicInteger();
        private List<Node<S>> batch;
        private Chunk<S>[] chunks;
        private boolean split;
        private boolean keep;

        Workers(Explorer ex, Transitions<S> t, int workers) {
            this.ex = ex;
            expanders.add(new Expander<>(this, t));
            for (int i = 1; i < workers; i++) {
                expanders.add(new Expander<>(this, t.copy()));
            }
            AtomicInteger n = new AtomicInteger();
            pool = Executors.newFixedThreadPool(workers - 1, r -> {
                Thread th = new Thread(r, "explore-worker-" + n.incrementAndGet());
                th.setDaemon(true);
                return th;
            });
        }

        void close() {
            pool.shutdownNow();
        }

        /** Expands {@code lv}'s level batch by batch; false when the search stops. */
        @SuppressWarnings("unchecked")
        boolean expandAll(Level<S> lv) {
            split = lv.split;
            keep = lv.keep;
            for (int from = 0; from < lv.level.size(); from += BATCH) {
                List<Node<S>> b = lv.level.subList(from, Math.min(lv.level.size(), from + BATCH));
                batch = b;
                chunks = new Chunk[(b.size() + CHUNK - 1) / CHUNK];
                nextChunk.set(0);
                lastChunk.set(chunks.length - 1);
                List<Future<?>> running = new ArrayList<>();
                for (int i = 1; i < expanders.size(); i++) {
                    running.add(pool.submit(expanders.get(i)));
                }
                expanders.get(0).run();
                for (Future<?> f : running) {
                    join(f);
                }
                for (Chunk<S> c : chunks) {
                    if (!merge(c, lv)) {
                        return false;
                    }
                }
                b.replaceAll(n -> null);
            }
            return true;
        }

        private static void join(Future<?> f) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while exploring", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /** Merges one chunk into {@code lv} in order; false when the search stops. */
        private static <S extends SchedulerState> boolean merge(Chunk<S> c, Level<S> lv) {
            for (int i = 0; i < c.size; i++) {
                if (!lv.skip(c.gaps[i]) || !lv.add(c.fps[i], c.states.get(i), c.monitors.get(i), c.paths.get(i))) {
                    return false;
                }
            }
            if (!lv.skip(c.gap)) {
                return false;
            }
            if (c.failure != null) {
                throw c.failure;
            }
            return c.violation == null || lv.violated(c.violation, c.violationPath);
        }
    }

    /** What one chunk's expansion left for the merge: the successors not known before the batch, in order, and how it ended. */
    private static final class Chunk<S extends SchedulerState> {
        long[] fps = new long[64];
        int[] gaps = new int[64];
        final List<S> states = new ArrayList<>();
        final List<WaitMonitor> monitors = new ArrayList<>();
        final List<Path> paths = new ArrayList<>();
        int size;
        /** Transitions after the last successor kept, that added nothing. */
        int gap;
        Violation violation;
        Path violationPath;
        RuntimeException failure;

        void add(long fp, S s, WaitMonitor w, Path p) {
            if (size == fps.length) {
                fps = Arrays.copyOf(fps, size * 2);
                gaps = Arrays.copyOf(gaps, size * 2);
            }
            fps[size] = fp;
            gaps[size] = gap;
            states.add(s);
            monitors.add(w);
            paths.add(p);
            size++;
            gap = 0;
        }
    }

    /** One thread's share of a batch: takes chunks in turn and expands their nodes with its own {@link Transitions}. */
    private static final class Expander<S extends SchedulerState> implements Runnable, Transitions.Visitor<S> {
        private final Workers<S> w;
        private final Transitions<S> t;
        private Node<S> node;
        private Chunk<S> chunk;

        Expander(Workers<S> w, Transitions<S> t) {
            this.w = w;
            this.t = t;
        }

        @Override
        public void run() {
            for (int c = w.nextChunk.getAndIncrement(); c <= w.lastChunk.get(); c = w.nextChunk.getAndIncrement()) {
                chunk = new Chunk<>();
                w.chunks[c] = chunk;
                int to = Math.min(w.batch.size(), (c + 1) * Workers.CHUNK);
                try {
                    for (int ni = c * Workers.CHUNK; ni < to; ni++) {
                        node = w.batch.get(ni);
                        if (!t.expand(node.state(), node.monitor(), Path.length(node.path()), this)) {
                            break;
                        }
                    }
                } catch (RuntimeException e) {
                    chunk.failure = e;
                }
                if (chunk.violation != null || chunk.failure != null) {
                    w.lastChunk.accumulateAndGet(c, Math::min); // later chunks cannot matter
                }
            }
        }

        @Override
        public boolean transition(int move, int index, Event e, int repeats, S s, WaitMonitor mon, Violation v) {
            if (v != null) {
                chunk.violation = v;
                chunk.violationPath = Path.extend(node.path(), e, repeats);
                return false;
            }
            long fp = t.fingerprint(s, mon);
            if ((w.split && !w.ex.owns(fp)) || w.ex.visited.contains(fp)) {
                chunk.gap++;
            } else if (w.keep) {
                chunk.add(fp, s, mon, Path.extend(node.path(), e, repeats));
            } else {
                chunk.add(fp, null, null, null);
            }
            return true;
        }
    }

    /** Whether this shard keeps a state of fingerprint {@code fp} met at the shard depth. */
    private boolean owns(long fp) {
        return Long.remainderUnsigned(Fingerprint.mix(fp ^ 0x5DEECE66DL), config.shardCount()) == config.shardIndex();
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
