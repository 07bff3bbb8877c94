// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.util.LongAccumulator;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.spec.Violation;
import org.ulemodel.spec.WaitMonitor;
import org.ulemodel.spec.explore.Transitions;
import scala.Tuple2;

/**
 * One partition's share of a level, on an executor: rebuilds each frontier state by following its
 * path from the start state ({@link Transitions#follow}, with the prefix it shares with the path
 * before it in sorted order taken once), takes every transition out of it ({@link Transitions#expand},
 * every check judged) and yields each successor as (fingerprint, path); a violating transition's
 * path goes to the {@link LeastPath} accumulator instead. Lazy: one state's successors are held at a
 * time, so Spark's shuffle can spill the rest.
 *
 * @param <S> the model's state type
 */
final class Expansion<S extends SchedulerState> implements Iterator<Tuple2<Long, String>>, Transitions.Visitor<S> {
    private final Transitions<S> t;
    private final String[] paths;
    private final boolean keep;
    private final LeastPath violations;
    private final LongAccumulator transitions;
    private final List<S> states = new ArrayList<>();
    private final List<WaitMonitor> monitors = new ArrayList<>();
    private final List<Integer> lengths = new ArrayList<>();
    private final List<Tuple2<Long, String>> buffer = new ArrayList<>();
    private int next;
    private int taken;
    private String prev = "";
    private String path;
    private long count;

    Expansion(Transitions<S> t, String[] frontier, boolean keep, LeastPath violations, LongAccumulator transitions) {
        this.t = t;
        this.paths = frontier.clone();
        Arrays.sort(this.paths);
        this.keep = keep;
        this.violations = violations;
        this.transitions = transitions;
        Transitions.Start<S> s0 = t.start();
        states.add(s0.state());
        monitors.add(s0.monitor());
        lengths.add(s0.setup().size());
    }

    /** {@code path} extended by the transition {@code (move, index)}: two characters a step. */
    static String extend(String path, int move, int index) {
        if (move > Character.MAX_VALUE || index > Character.MAX_VALUE) {
            throw new IllegalStateException("more than 65535 events of one move in a state");
        }
        return path + (char) move + (char) index;
    }

    @Override
    public boolean hasNext() {
        while (taken == buffer.size()) {
            buffer.clear();
            taken = 0;
            if (next == paths.length) {
                transitions.add(count);
                count = 0;
                return false;
            }
            expandOne(paths[next++]);
        }
        return true;
    }

    @Override
    public Tuple2<Long, String> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return buffer.get(taken++);
    }

    private void expandOne(String p) {
        int common = 0;
        while (common + 1 < Math.min(p.length(), prev.length()) && p.charAt(common) == prev.charAt(common)
                && p.charAt(common + 1) == prev.charAt(common + 1)) {
            common += 2;
        }
        int depth = common / 2;
        while (states.size() > depth + 1) {
            states.remove(states.size() - 1);
            monitors.remove(monitors.size() - 1);
            lengths.remove(lengths.size() - 1);
        }
        for (int j = depth; j < p.length() / 2; j++) {
            boolean ok = t.follow(states.get(j), monitors.get(j), lengths.get(j), p.charAt(2 * j), p.charAt(2 * j + 1),
                    (move, index, e, repeats, s, w, v) -> {
                        states.add(s);
                        monitors.add(w);
                        lengths.add(lengths.get(lengths.size() - 1) + repeats);
                        return true;
                    });
            if (!ok) {
                throw new IllegalStateException("a frontier path does not replay at step " + (j + 1));
            }
        }
        prev = p;
        path = p;
        int last = states.size() - 1;
        t.expand(states.get(last), monitors.get(last), lengths.get(last), this);
    }

    @Override
    public boolean transition(int move, int index, Event event, int repeats, S state, WaitMonitor monitor, Violation violation) {
        count++;
        if (violation != null) {
            violations.add(extend(path, move, index));
        } else {
            buffer.add(new Tuple2<>(t.fingerprint(state, monitor), keep ? extend(path, move, index) : ""));
        }
        return true;
    }
}
