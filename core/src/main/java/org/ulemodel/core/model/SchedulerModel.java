// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.model;

import java.util.List;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.topo.Topology;

/**
 * A scheduler model: an immutable-state transition system over the shared {@link Event}s. Every
 * consumer — the explorer, the workload driver, the oracle, the property suites, the benchmarks —
 * drives a model only through this interface and reads its states through
 * {@link SchedulerState}. FreeBSD 14's ULE ({@link org.ulemodel.core.machine.Ule14Model}) is the
 * first implementation.
 *
 * <p>Contract: {@link #step} is a pure function — the same state and event always give an equal
 * result, the input state is never changed, and randomness lives in the state (seeded, explicit);
 * an event that cannot happen in a state is refused with an
 * {@link org.ulemodel.core.machine.IllegalEventException} that says what was expected. A model is
 * stateless and may be shared between threads.
 *
 * @param <S> the model's state type
 */
public interface SchedulerModel<S extends SchedulerState> {
    /** A short stable id, used on the command line and in trace headers (e.g. {@code ule14}). */
    String id();

    /** One line saying what the model is. */
    String description();

    /** A machine of this shape at boot: every CPU online and idle, no threads, clock at 0. */
    S boot(Topology topology);

    /** Applies one event to {@code state}. */
    ModelStep<S> step(S state, Event event);

    /**
     * Appends the events of kind {@code kind} possible in {@code state}; by default
     * {@link EventKind#candidates}, and no {@link EventKind#CPU_TICK} unless {@link #perCpuClocks}.
     */
    default void enabledEvents(S state, EventKind kind, List<Event> out) {
        if (kind == EventKind.CPU_TICK && !perCpuClocks()) {
            return;
        }
        kind.candidates(state, out);
    }

    /**
     * Whether this model takes {@link Event.CpuTick}, one CPU's own clock tick; false by default,
     * so that a model written before per-CPU clocks is never offered one (explorer, property
     * suites) and a driver asked for them refuses it up front. A wrapper answers for what it wraps.
     */
    default boolean perCpuClocks() {
        return false;
    }

    /**
     * Feeds the whole of {@code state} to {@code sink} in a canonical order, naming each thread
     * {@code t} by {@code label[t]} instead of its id, so that equal encodings mean equal states up
     * to that relabelling (the explorer hashes the encoding). Must cover every field that can
     * influence a future step.
     */
    void encode(S state, int[] label, StateSink sink);

    /**
     * Feeds thread {@code tid}'s own state (no thread ids) to {@code sink}: the key by which the
     * explorer orders threads when {@link #threadSymmetric} allows relabelling.
     */
    void encodeThread(S state, int tid, StateSink sink);

    /**
     * How this model's random state can be varied, for judges that accept any decision the model
     * makes for some random state (the trace module's {@code Oracle}). By default
     * {@link RandomChoices#none()}: a model that draws no random numbers is judged exactly.
     */
    default RandomChoices<S> randomChoices() {
        return RandomChoices.none();
    }

    /**
     * Whether relabelling threads (each keeping its whole state) gives a state with the same
     * future up to the same relabelling. False unless the model guarantees it.
     */
    default boolean threadSymmetric(S state) {
        return false;
    }

    /**
     * A state of this model holding the same machine as {@code from}, a state of any model (the
     * policy replacement of {@code core.compose.SwitchingModel}): the same topology, clock and
     * online CPUs, and every thread with the same id, {@link SchedulerState#threadPolicy policy},
     * cpuset, binding, parent and run state; the thread running on a CPU keeps running there,
     * the queued ones are queued again on the same CPU by this model's own rules, in the order
     * {@code from} lists them. What only the old policy knew (slices, history, %CPU) starts afresh.
     *
     * @throws IllegalEventException when this model cannot take a machine over (the default)
     */
    default S adopt(SchedulerState from) {
        throw new IllegalEventException("model " + id() + " cannot take over a running machine");
    }
}
