// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.ulemodel.core.machine.Cost;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.model.EventKind;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.RandomChoices;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.model.StateSink;
import org.ulemodel.core.topo.Topology;

/**
 * A machine whose scheduling policy can be replaced while it runs (Kerrighed's run-time
 * configurable scheduler): it boots under its first member model and, on
 * {@link Event.SwitchPolicy}, hands its whole state to another member through
 * {@link SchedulerModel#adopt} — one method per model, no pairwise conversions: every thread
 * crosses with its id, policy, cpuset, binding and run state, the running ones keep running and
 * the queued ones are re-queued by the new model's rules. Every other event goes to the current
 * model. The switch step takes no scheduling decision (its decision list is empty).
 *
 * <p>Invariants: members have distinct ids; the state's model is one of the members; a switch
 * keeps every thread's run state and CPU (checked by {@code spec.SwitchInvariants}).
 */
public final class SwitchingModel implements SchedulerModel<SwitchingModel.State> {
    /** The id prefix: {@code switch:ule14,o1} boots ULE 14 and may switch to O(1) and back. */
    public static final String PREFIX = "switch:";

    private final List<SchedulerModel<?>> members;

    private SwitchingModel(List<? extends SchedulerModel<?>> members) {
        this.members = List.copyOf(members);
        if (this.members.size() < 2) {
            throw new IllegalArgumentException("a switching model needs at least two models, got " + this.members.size());
        }
        List<String> ids = new ArrayList<>();
        for (SchedulerModel<?> m : this.members) {
            if (ids.contains(m.id())) {
                throw new IllegalArgumentException("model " + m.id() + " named twice");
            }
            ids.add(m.id());
        }
    }

    /** A machine booting under {@code members.get(0)} that can switch to any of {@code members}. */
    public static SwitchingModel of(List<? extends SchedulerModel<?>> members) {
        return new SwitchingModel(members);
    }

    /** The models a machine can switch between, the boot model first. */
    public List<SchedulerModel<?>> members() {
        return members;
    }

    /** The index of the member with id {@code id} (ignoring case), or -1. */
    public int indexOf(String id) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).id().equalsIgnoreCase(id)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String id() {
        List<String> ids = new ArrayList<>();
        for (SchedulerModel<?> m : members) {
            ids.add(m.id());
        }
        return PREFIX + String.join(",", ids);
    }

    @Override
    public String description() {
        return "a machine whose policy can be replaced at run time, booting as " + members.get(0).id();
    }

    @Override
    public State boot(Topology topology) {
        return new State(0, members.get(0).boot(topology));
    }

    @Override
    public ModelStep<State> step(State s, Event event) {
        if (event instanceof Event.SwitchPolicy) {
            String id = ((Event.SwitchPolicy) event).model();
            int j = indexOf(id);
            if (j < 0) {
                throw new IllegalEventException("switch: model '" + id + "' is not one of " + id().substring(PREFIX.length()));
            }
            if (j == s.current) {
                throw new IllegalEventException("switch: the machine already runs " + members.get(j).id());
            }
            return ModelStep.of(adoptedBy(j, s), List.of(), new Cost(0, 0, 0, 0));
        }
        ModelStep<? extends SchedulerState> in = stepAs(members.get(s.current), s.inner, event);
        return ModelStep.of(new State(s.current, in.state()), in.decisions(), in.cost());
    }

    /**
     * The state after member {@code j} takes the machine {@code from} shows over
     * ({@link SchedulerModel#adopt}): the switch's outcome, also how a planted fault hands a
     * distorted view to the new model.
     *
     * @throws IllegalEventException when the member cannot adopt the machine
     */
    public State adoptedBy(int j, SchedulerState from) {
        try {
            return new State(j, members.get(j).adopt(from));
        } catch (UnsupportedOperationException ex) {
            throw new IllegalEventException("switch to " + members.get(j).id() + ": " + ex.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends SchedulerState> ModelStep<T> stepAs(SchedulerModel<T> m, SchedulerState s, Event e) {
        return m.step((T) s, e);
    }

    /** The current model's events; {@link EventKind#SWITCH}: one switch to every other member. */
    @Override
    public void enabledEvents(State s, EventKind kind, List<Event> out) {
        if (kind == EventKind.SWITCH) {
            for (int i = 0; i < members.size(); i++) {
                if (i != s.current) {
                    out.add(new Event.SwitchPolicy(members.get(i).id()));
                }
            }
            return;
        }
        enabledAs(members.get(s.current), s.inner, kind, out);
    }

    @SuppressWarnings("unchecked")
    private static <T extends SchedulerState> void enabledAs(SchedulerModel<T> m, SchedulerState s, EventKind kind, List<Event> out) {
        m.enabledEvents((T) s, kind, out);
    }

    /** The current member's index, then its encoding of the state. */
    @Override
    public void encode(State s, int[] label, StateSink sink) {
        sink.put(s.current);
        encodeAs(members.get(s.current), s.inner, label, sink);
    }

    @SuppressWarnings("unchecked")
    private static <T extends SchedulerState> void encodeAs(SchedulerModel<T> m, SchedulerState s, int[] label, StateSink sink) {
        m.encode((T) s, label, sink);
    }

    @SuppressWarnings("unchecked")
    @Override
    public void encodeThread(State s, int tid, StateSink sink) {
        ((SchedulerModel<SchedulerState>) members.get(s.current)).encodeThread(s.inner, tid, sink);
    }

    @SuppressWarnings("unchecked")
    /** Whether every member takes per-CPU ticks (a switch may hand the machine to any of them). */
    @Override
    public boolean perCpuClocks() {
        return members.stream().allMatch(SchedulerModel::perCpuClocks);
    }

    @Override
    public boolean threadSymmetric(State s) {
        return ((SchedulerModel<SchedulerState>) members.get(s.current)).threadSymmetric(s.inner);
    }

    /** The current member's choices; a switch draws nothing. */
    @SuppressWarnings("unchecked")
    @Override
    public RandomChoices<State> randomChoices() {
        return new RandomChoices<>() {
            private RandomChoices<SchedulerState> of(State s) {
                return ((SchedulerModel<SchedulerState>) members.get(s.current)).randomChoices();
            }

            @Override
            public boolean drew(State before, State after) {
                return before.current == after.current && of(after).drew(before.inner, after.inner);
            }

            @Override
            public State reseed(State state, SplittableRandom rnd) {
                return new State(state.current, of(state).reseed(state.inner, rnd));
            }

            @Override
            public State erase(State state) {
                return new State(state.current, of(state).erase(state.inner));
            }

            @Override
            public int[] randomWords(State state) {
                return of(state).randomWords(state.inner);
            }

            @Override
            public State withRandomWords(State state, int[] words) {
                return new State(state.current, of(state).withRandomWords(state.inner, words));
            }
        };
    }

    @Override
    public String toString() {
        return id();
    }

    /**
     * A state: which member runs the machine and that member's state. Immutable; the view is the
     * member's.
     */
    public static final class State extends ForwardingState {
        private final int current;
        private final SchedulerState inner;

        State(int current, SchedulerState inner) {
            this.current = current;
            this.inner = Objects.requireNonNull(inner);
        }

        @Override
        protected SchedulerState view() {
            return inner;
        }

        /** The index, among the members, of the model running the machine. */
        public int current() {
            return current;
        }

        /** The current model's state. */
        public SchedulerState inner() {
            return inner;
        }

        /** This state with {@code in}, a state of the same member, as the inner state. */
        public State with(SchedulerState in) {
            return new State(current, in);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State && ((State) o).current == current && ((State) o).inner.equals(inner);
        }

        @Override
        public int hashCode() {
            return current * 31 + inner.hashCode();
        }

        @Override
        public String toString() {
            return "Switching{model=" + current + ", " + inner + "}";
        }
    }
}
