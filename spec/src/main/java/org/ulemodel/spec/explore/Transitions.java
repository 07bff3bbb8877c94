// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import java.util.ArrayList;
import java.util.List;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.spec.EventText;
import org.ulemodel.spec.Violation;
import org.ulemodel.spec.WaitMonitor;

/**
 * The explorer's transition relation on one configuration, as every search engine takes it (the
 * {@link Explorer}, and a distributed engine such as explore-spark's): the start state (boot, then
 * the setup events, checked), the checked transitions out of a state in their fixed order (the
 * configuration's {@link Move}s in order, each move's enabled events in the model's order, a
 * {@link Move#STAT} macro stepping its tick until the scheduler clock advances; refused events
 * skipped), one such transition named by its {@code (move, index)} pair, and the state
 * {@link Fingerprint}. A transition's {@code (move, index)} pair is its position in that order, so
 * a path of pairs from the start state names a state reproducibly and paths compare in the order the
 * explorer meets them. Under an adversary ({@link ModelSpec#branching()}) one transition may reach
 * several states, each given to the visitor with the same pair; a path of pairs then does not name
 * one state, so engines that rebuild states from paths refuse such specs. Not thread-safe (the
 * fingerprint's scratch arrays, the event list a state's expansion walks, the checker's reused
 * outcome): one per thread, and a visitor does not call back into the instance that calls it.
 *
 * @param <S> the model's state type
 */
public final class Transitions<S extends SchedulerState> {
    private final ExploreConfig config;
    private final ModelSpec<S> spec;
    private final Checker<S> checker;
    private final Fingerprint<S> fingerprint;
    private final List<Event> events = new ArrayList<>();
    private final Checker.Stepped<S> stepped = new Checker.Stepped<>();

    /**
     * What one transition produced, given to a {@link Visitor}.
     *
     * @param <S> the model's state type
     */
    @FunctionalInterface
    public interface Visitor<S extends SchedulerState> {
        /**
         * The transition {@code (move, index)} took {@code event} {@code repeats} times (more than
         * once only for a {@link Move#STAT} macro, which stops at its first violation) and reached
         * {@code state} with {@code monitor}; {@code violation} is the first broken check, or null.
         * Returns false to stop the enumeration.
         */
        boolean transition(int move, int index, Event event, int repeats, S state, WaitMonitor monitor, Violation violation);
    }

    /**
     * The start state of a search: after boot and the setup events.
     *
     * @param <S>       the model's state type
     * @param state     the state after the setup
     * @param monitor   its monitor
     * @param setup     the setup events applied (up to and including a violating one)
     * @param violation the violation a setup event caused, or null
     */
    public record Start<S extends SchedulerState>(S state, WaitMonitor monitor, List<Event> setup, Violation violation) {
    }

    private Transitions(ExploreConfig config, ModelSpec<S> spec) {
        this.config = config;
        this.spec = spec;
        this.checker = new Checker<>(spec, config.waitBound());
        this.fingerprint = new Fingerprint<>(spec.model(), config.symmetry());
    }

    /** The transitions of {@code config}'s checked model ({@link ExploreConfig#checked()}: its model or its bug variant). */
    public static Transitions<?> of(ExploreConfig config) {
        return new Transitions<>(config, config.checked());
    }

    /** A fresh instance on the same configuration and spec, for another thread. */
    Transitions<S> copy() {
        return new Transitions<>(config, spec);
    }

    /** The spec checked. */
    public ModelSpec<S> spec() {
        return spec;
    }

    /**
     * Boots the configuration's topology and applies its setup events with every check.
     *
     * @throws IllegalArgumentException when the topology is invalid or the model refuses a setup event
     */
    public Start<S> start() {
        S m = spec.model().boot(Topology.parse(config.topology()));
        WaitMonitor mon = spec.initialMonitor(m);
        List<Event> done = new ArrayList<>();
        for (Event e : config.setup()) {
            Checker.Outcome<S> o;
            try {
                o = checker.step(m, mon, e, Checker.stepName(done.size() + 1, e));
            } catch (IllegalEventException ex) {
                throw new IllegalArgumentException("setup event " + (done.size() + 1) + " (" + EventText.format(e)
                        + ") is refused: " + ex.getMessage());
            }
            done.add(e);
            if (o.violation() != null) {
                return new Start<>(o.result().state(), o.monitor(), List.copyOf(done), o.violation());
            }
            m = o.result().state();
            mon = o.monitor();
        }
        return new Start<>(m, mon, List.copyOf(done), null);
    }

    /** The fingerprint of {@code state} with {@code monitor} (canonical under thread symmetry when the configuration asks for it). */
    public long fingerprint(S state, WaitMonitor monitor) {
        return fingerprint.of(state, monitor);
    }

    /**
     * Every transition out of {@code state} in order, each checked, to {@code out} (refused events
     * are skipped); {@code pathLength} is the number of events from boot to {@code state}, for the
     * step names in violations. Stops early when {@code out} returns false; returns false then.
     */
    public boolean expand(S state, WaitMonitor monitor, int pathLength, Visitor<S> out) {
        List<Move> moves = config.moves();
        for (int mi = 0; mi < moves.size(); mi++) {
            events.clear();
            moves.get(mi).events(spec.model(), state, events);
            for (int ei = 0; ei < events.size(); ei++) {
                if (take(state, monitor, pathLength, mi, ei, events.get(ei), out) == STOP) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The one transition {@code (move, index)} out of {@code state}, checked, to {@code out}.
     * Returns false when there is no such transition (no such event, or the model refuses it) or
     * {@code out} returned false.
     */
    public boolean follow(S state, WaitMonitor monitor, int pathLength, int move, int index, Visitor<S> out) {
        if (move < 0 || move >= config.moves().size()) {
            return false;
        }
        events.clear();
        config.moves().get(move).events(spec.model(), state, events);
        if (index < 0 || index >= events.size()) {
            return false;
        }
        return take(state, monitor, pathLength, move, index, events.get(index), out) == GO;
    }

    private static final int REFUSED = -1;
    private static final int STOP = 0;
    private static final int GO = 1;

    /** Steps {@code e} (repeated for a STAT macro), checking each step: {@link #REFUSED}, or {@link #STOP}/{@link #GO} as {@code out} says. */
    private int take(S state, WaitMonitor monitor, int pathLength, int mi, int ei, Event e, Visitor<S> out) {
        boolean stat = config.moves().get(mi) == Move.STAT;
        long stat0 = stat ? spec.clock(state) : 0;
        if (spec.branching()) {
            List<Reached<S>> reached = new ArrayList<>(2);
            try {
                branch(state, monitor, pathLength, 0, e, stat, stat0, reached);
            } catch (IllegalEventException ex) {
                return REFUSED; // refused under some answer: the event is not a transition here (as without an adversary)
            }
            for (Reached<S> r : reached) {
                if (!out.transition(mi, ei, e, r.repeats(), r.state(), r.monitor(), r.violation())) {
                    return STOP;
                }
            }
            return GO;
        }
        S s = state;
        WaitMonitor w = monitor;
        Violation v = null;
        int repeats = 0;
        do {
            try {
                v = checker.step(s, w, e, pathLength + repeats + 1, stepped);
            } catch (IllegalEventException ex) {
                return REFUSED;
            }
            repeats++;
            s = stepped.result.state();
            w = stepped.monitor;
        } while (v == null && stat && spec.clock(s) == stat0);
        return out.transition(mi, ei, e, repeats, s, w, v) ? GO : STOP;
    }

    /** Where one outcome of a transition under an adversary ends. */
    private record Reached<S extends SchedulerState>(int repeats, S state, WaitMonitor monitor, Violation violation) {
    }

    /**
     * Adds to {@code out} every outcome of {@code e} from {@code s} that an adversary allows
     * ({@link ModelSpec#outcomes}), each checked; a STAT macro repeats the event on each outcome
     * until the clock moves past {@code stat0} or a check breaks.
     *
     * @throws IllegalEventException when the model refuses the event under some answer
     */
    private void branch(S s, WaitMonitor w, int pathLength, int repeats, Event e, boolean stat, long stat0, List<Reached<S>> out) {
        for (ModelStep<S> r : spec.outcomes(s, e)) {
            Checker.Outcome<S> o = checker.check(s, w, e, r, pathLength + repeats + 1);
            S t = r.state();
            if (o.violation() == null && stat && spec.clock(t) == stat0) {
                branch(t, o.monitor(), pathLength, repeats + 1, e, true, stat0, out);
            } else {
                out.add(new Reached<>(repeats + 1, t, o.monitor(), o.violation()));
            }
        }
    }
}
