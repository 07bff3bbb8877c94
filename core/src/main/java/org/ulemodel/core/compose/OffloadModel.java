// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.compose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
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
 * Offloaded CPUs (OFFSCHED, a CPU hot-unplugged from the scheduler and given to a dedicated
 * service) for any model, built on the model's own CPU offline and online: {@link Event.Offload}
 * is the inner model's {@link Event.CpuOffline} plus the service taking the CPU, and
 * {@link Event.Return} the service letting go plus {@link Event.CpuOnline}. Every other event goes
 * to the inner model unchanged; a {@link Event.CpuOnline} of an offloaded CPU is refused (the
 * service holds it: return it). The service's time is accounted tick by tick: every hz tick the
 * machine's clock advances ({@link SchedulerState#elapsed}: a {@link Event.Tick}, or the
 * {@link Event.CpuTick} of the furthest CPU) is charged to the service of every offloaded CPU
 * ({@link SchedulerState#serviceTicks}), which is what "the service holds it 100 %" means here.
 *
 * <p>Invariants (checked by {@code spec.OffloadInvariants}, not assumed): an offloaded CPU is
 * offline to the inner model, runs no thread and queues none; its service has been charged every
 * hz tick since the offload; a returned CPU is online again and no thread changed its run state.
 *
 * @param <S> the inner model's state type
 */
public final class OffloadModel<S extends SchedulerState> implements SchedulerModel<OffloadModel.State<S>> {
    /** The id prefix: {@code offload:ule14} is ULE 14 with offloaded CPUs. */
    public static final String PREFIX = "offload:";

    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final SchedulerModel<S> inner;

    private OffloadModel(SchedulerModel<S> inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    /** {@code inner} with offloaded CPUs. */
    public static <S extends SchedulerState> OffloadModel<S> of(SchedulerModel<S> inner) {
        return new OffloadModel<>(inner);
    }

    /** The model that schedules the CPUs that are not offloaded. */
    public SchedulerModel<S> inner() {
        return inner;
    }

    /** Whether {@code name} is a valid service name: 1 to 64 letters, digits, {@code _}, {@code .} or {@code -}. */
    public static boolean validService(String name) {
        return name != null && SERVICE.matcher(name).matches();
    }

    @Override
    public String id() {
        return PREFIX + inner.id();
    }

    @Override
    public String description() {
        return inner.description() + ", with CPUs offloaded to dedicated services";
    }

    @Override
    public State<S> boot(Topology topology) {
        return State.plain(inner.boot(topology));
    }

    @Override
    public ModelStep<State<S>> step(State<S> s, Event event) {
        if (event instanceof Event.Offload) {
            Event.Offload o = (Event.Offload) event;
            checkCpu(s, o.cpu(), "offload");
            if (s.service[o.cpu()] != null) {
                throw new IllegalEventException("offload: CPU " + o.cpu() + " is already offloaded to " + s.service[o.cpu()]);
            }
            if (!validService(o.service())) {
                throw new IllegalEventException("offload: service name '" + o.service()
                        + "': expected 1 to 64 letters, digits, '_', '.' or '-'");
            }
            ModelStep<S> in = inner.step(s.inner, new Event.CpuOffline(o.cpu(), o.onCpu()));
            return wrap(in, s.with(in.state(), o.cpu(), o.service()));
        }
        if (event instanceof Event.Return) {
            int c = ((Event.Return) event).cpu();
            checkCpu(s, c, "return");
            if (s.service[c] == null) {
                throw new IllegalEventException("return: CPU " + c + " is not offloaded");
            }
            ModelStep<S> in = inner.step(s.inner, new Event.CpuOnline(c));
            return wrap(in, s.with(in.state(), c, null));
        }
        if (event instanceof Event.CpuOnline) {
            int c = ((Event.CpuOnline) event).cpu();
            if (c >= 0 && c < s.service.length && s.service[c] != null) {
                throw new IllegalEventException("online: CPU " + c + " is offloaded to " + s.service[c] + "; return it instead");
            }
        }
        ModelStep<S> in = inner.step(s.inner, event);
        State<S> next = s.with(in.state());
        long advanced = in.state().elapsed() - s.inner.elapsed(); // a tick, or a CPU tick of the furthest CPU
        if (advanced > 0) {
            next = next.charged(advanced);
        }
        return wrap(in, next);
    }

    private static void checkCpu(State<?> s, int c, String what) {
        if (c < 0 || c >= s.service.length) {
            throw new IllegalEventException(what + ": CPU " + c + " does not exist: expected 0.." + (s.service.length - 1));
        }
    }

    private static <S extends SchedulerState> ModelStep<State<S>> wrap(ModelStep<S> in, State<S> next) {
        return ModelStep.of(next, in.decisions(), in.cost());
    }

    /**
     * The inner model's events, but no {@link Event.CpuOnline} of an offloaded CPU;
     * {@link EventKind#OFFLOAD}: an offload of each CPU {@link EventKind#OFFLINE} would take offline,
     * to {@link EventKind#EXPLORED_SERVICE}; {@link EventKind#RETURN} as {@link EventKind#candidates} reads this state.
     */
    @Override
    public void enabledEvents(State<S> s, EventKind kind, List<Event> out) {
        if (kind == EventKind.OFFLOAD) {
            List<Event> offline = new ArrayList<>();
            EventKind.OFFLINE.candidates(s, offline);
            for (Event e : offline) {
                Event.CpuOffline o = (Event.CpuOffline) e;
                out.add(new Event.Offload(o.cpu(), o.onCpu(), EventKind.EXPLORED_SERVICE));
            }
            return;
        }
        if (kind == EventKind.RETURN) {
            kind.candidates(s, out);
            return;
        }
        int from = out.size();
        inner.enabledEvents(s.inner, kind, out);
        for (int i = out.size() - 1; i >= from; i--) {
            Event e = out.get(i);
            if (e instanceof Event.CpuOnline && s.service[((Event.CpuOnline) e).cpu()] != null) {
                out.remove(i);
            }
        }
    }

    /** The inner state's encoding, then per offloaded CPU its id, service, offload tick and charged ticks. */
    @Override
    public void encode(State<S> s, int[] label, StateSink sink) {
        inner.encode(s.inner, label, sink);
        for (int c = 0; c < s.service.length; c++) {
            if (s.service[c] != null) {
                sink.put(c);
                sink.put(s.service[c].hashCode());
                sink.put(s.since[c]);
                sink.put(s.charged[c]);
            }
        }
    }

    @Override
    public void encodeThread(State<S> s, int tid, StateSink sink) {
        inner.encodeThread(s.inner, tid, sink);
    }

    /** The inner model's: offloaded CPUs are offline to it and take no ticks of their own. */
    @Override
    public boolean perCpuClocks() {
        return inner.perCpuClocks();
    }

    @Override
    public boolean threadSymmetric(State<S> s) {
        return inner.threadSymmetric(s.inner);
    }

    /** The inner model's choices, applied to the inner state. */
    @Override
    public RandomChoices<State<S>> randomChoices() {
        RandomChoices<S> r = inner.randomChoices();
        return new RandomChoices<>() {
            @Override
            public boolean drew(State<S> before, State<S> after) {
                return r.drew(before.inner, after.inner);
            }

            @Override
            public State<S> reseed(State<S> state, SplittableRandom rnd) {
                return state.with(r.reseed(state.inner, rnd));
            }

            @Override
            public State<S> erase(State<S> state) {
                return state.with(r.erase(state.inner));
            }

            @Override
            public int[] randomWords(State<S> state) {
                return r.randomWords(state.inner);
            }

            @Override
            public State<S> withRandomWords(State<S> state, int[] words) {
                return state.with(r.withRandomWords(state.inner, words));
            }

            @Override
            public boolean decisionsShowChoices() {
                return r.decisionsShowChoices();
            }
        };
    }

    /** The inner model adopts {@code from}'s threads; {@code from}'s offloaded CPUs stay offloaded to the same services. */
    @Override
    public State<S> adopt(SchedulerState from) {
        State<S> s = State.plain(inner.adopt(from));
        for (int c = 0; c < s.service.length; c++) {
            if (from.service(c) != null) {
                s.service[c] = from.service(c);
                s.since[c] = from.serviceSince(c);
                s.charged[c] = from.serviceTicks(c);
            }
        }
        return s;
    }

    @Override
    public String toString() {
        return id();
    }

    /**
     * A state: the inner model's state and, per CPU, the service holding it (null: not offloaded),
     * the hz tick it was offloaded at and the hz ticks charged to the service since. Immutable;
     * the view is the inner state's, with the services.
     *
     * @param <S> the inner model's state type
     */
    public static final class State<S extends SchedulerState> extends ForwardingState {
        private final S inner;
        private final String[] service;
        private final long[] since;
        private final long[] charged;

        private State(S inner, String[] service, long[] since, long[] charged) {
            this.inner = inner;
            this.service = service;
            this.since = since;
            this.charged = charged;
        }

        static <S extends SchedulerState> State<S> plain(S inner) {
            int n = inner.cpuCount();
            return new State<>(inner, new String[n], new long[n], new long[n]);
        }

        @Override
        protected SchedulerState view() {
            return inner;
        }

        /** The inner model's state: the CPUs that are not offloaded and every thread. */
        public S inner() {
            return inner;
        }

        /** This state with {@code in} as the inner state (services unchanged). */
        public State<S> with(S in) {
            return new State<>(in, service, since, charged);
        }

        State<S> with(S in, int cpu, String svc) {
            State<S> s = new State<>(in, service.clone(), since.clone(), charged.clone());
            s.service[cpu] = svc;
            s.since[cpu] = svc == null ? 0 : in.elapsed();
            s.charged[cpu] = 0;
            return s;
        }

        /** One hz tick charged to every service. */
        /** This state with every offloaded CPU's service charged {@code ticks} more hz ticks. */
        State<S> charged(long ticks) {
            long[] ch = charged.clone();
            for (int c = 0; c < ch.length; c++) {
                if (service[c] != null) {
                    ch[c] += ticks;
                }
            }
            return new State<>(inner, service, since, ch);
        }

        /** This state with CPU {@code cpu}'s service charged {@code ticks} hz ticks (for planted faults in the accounting). */
        public State<S> withCharged(int cpu, long ticks) {
            long[] ch = charged.clone();
            ch[cpu] = ticks;
            return new State<>(inner, service, since, ch);
        }

        /** This state with CPU {@code cpu} marked as held by {@code svc} since now, the inner state unchanged (for planted faults). */
        public State<S> withService(int cpu, String svc) {
            return with(inner, cpu, svc);
        }

        @Override
        public String service(int cpu) {
            return service[cpu];
        }

        @Override
        public long serviceTicks(int cpu) {
            return charged[cpu];
        }

        @Override
        public long serviceSince(int cpu) {
            return since[cpu];
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof State)) {
                return false;
            }
            State<?> s = (State<?>) o;
            return inner.equals(s.inner) && Arrays.equals(service, s.service) && Arrays.equals(since, s.since)
                    && Arrays.equals(charged, s.charged);
        }

        @Override
        public int hashCode() {
            return ((inner.hashCode() * 31 + Arrays.hashCode(service)) * 31 + Arrays.hashCode(since)) * 31 + Arrays.hashCode(charged);
        }

        @Override
        public String toString() {
            return "Offloaded{services=" + Arrays.toString(service) + ", since=" + Arrays.toString(since) + ", charged="
                    + Arrays.toString(charged) + ", " + inner + "}";
        }
    }
}
