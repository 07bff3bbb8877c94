// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.tck;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.properties.gen.EventInterpreter;
import org.ulemodel.properties.gen.Scenario;
import org.ulemodel.trace.Oracle;

/**
 * Drives a {@link SchedulerUnderTest} and a model ({@link SchedulerModel}: the scenario's, ULE 14
 * by default) with the same events and finds the first decision the model could not have made. The judging is the trace module's {@link Oracle} — the
 * same judge {@code ulemodel check} uses for JSONL decision traces — at the granularity of
 * {@link Observation}s ({@link Observation#PROJECTION}: placements and migrations); this class
 * generates the events, feeds the implementation and explains a disagreement ({@link Mismatch})
 * from the policy-neutral view ({@link SchedulerState}), so it judges against any model. A model
 * without random choices is judged exactly at every event; what follows is how ULE 14's are.
 *
 * <p><b>Where ULE is deterministic</b> (every event on one CPU, and on SMP machines every event
 * whose handling draws no {@code sched_random()} number) the implementation's observation must
 * equal the model's exactly.
 *
 * <p><b>Where ULE draws random numbers</b> ({@code sched_pickcpu}'s {@code cpu_search_lowest},
 * the idle steal's and the balancer's {@code cpu_search_highest}, the balancer's interval) the
 * per-CPU {@code randomval} decides. It is kernel-internal and unobservable, and the LCG has full
 * period 2<sup>32</sup>, so every value is one the kernel can hold: the model's possible decisions
 * are those it makes for <em>some</em> assignment of {@code randomval}s. Because the jitter
 * ({@code % 128} or {@code % 256}) is smaller than one thread of load (256), it only ever breaks
 * ties between equally loaded candidates, so the alternatives are few. The oracle replays the event
 * from the same state with {@link #ALTERNATIVES} seeded random assignments (all CPUs at once; more,
 * up to {@link Oracle#MAX_ALTERNATIVES}, while observations never met before keep turning up) and
 * accepts the implementation's decision if any of them produces it. A tie among n candidates is
 * missed with probability (1 − 1/n)<sup>{@value #ALTERNATIVES}</sup>, below 10<sup>−13</sup> for
 * n = 64; a miss would show as a reported disagreement on a random event, never as a silent pass.
 *
 * <p>Random choices can also differ in what an observation does not show (which running thread
 * the balancer asked to re-pick a CPU, which CPU got an IPI), so the oracle keeps every model
 * state, up to {@link #MAX_CANDIDATES} distinct ones apart from {@code randomval}, that agrees
 * with everything observed so far, and the next event must match one of them. Events are
 * generated from the first of them.
 */
public final class Conformance {
    /** Alternative random states tried before an observation on a random event is rejected: the oracle's. */
    public static final int ALTERNATIVES = Oracle.ALTERNATIVES;
    /** Most model states kept that agree with the observations so far: the oracle's. */
    public static final int MAX_CANDIDATES = Oracle.MAX_STATES;
    private Conformance() {
    }

    /**
     * Runs {@code scenario} on {@code sut} and on the scenario's model ({@link Scenario#model()});
     * null when every decision is one the model could make.
     */
    public static Mismatch firstMismatch(SchedulerUnderTest sut, Scenario scenario) {
        return firstMismatch(sut, scenario.model(), scenario);
    }

    private static <S extends SchedulerState> Mismatch firstMismatch(SchedulerUnderTest sut, SchedulerModel<S> model, Scenario scenario) {
        Topology topo = Topology.parse(scenario.topology());
        sut.boot(topo);
        Oracle<S> oracle = new Oracle<>(model, model.boot(topo));
        EventInterpreter in = new EventInterpreter(scenario.mix());
        List<Event> done = new ArrayList<>();
        for (long choice : scenario.choices()) {
            for (Event e : in.next(model, oracle.state(), choice)) {
                Mismatch m = judge(sut, model, oracle, e, done, scenario.topology());
                if (m != null) {
                    return m;
                }
            }
        }
        return null;
    }

    /** Runs a fixed event list (e.g. parsed from {@link org.ulemodel.spec.EventText}) on {@code sut} and ULE 14. */
    public static Mismatch firstMismatch(SchedulerUnderTest sut, String topology, List<Event> events) {
        return firstMismatch(sut, Ule14Model.DEFAULT, topology, events);
    }

    /** Runs a fixed event list on {@code sut} and {@code model}; null when every decision is one the model could make. */
    public static <S extends SchedulerState> Mismatch firstMismatch(SchedulerUnderTest sut, SchedulerModel<S> model, String topology,
            List<Event> events) {
        Topology topo = Topology.parse(topology);
        sut.boot(topo);
        Oracle<S> oracle = new Oracle<>(model, model.boot(topo));
        List<Event> done = new ArrayList<>();
        for (Event e : events) {
            Mismatch m = judge(sut, model, oracle, e, done, topology);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    /**
     * Feeds {@code e} to {@code sut} and has the oracle judge its observation; null when the model
     * could have made it. Some state the model could be in must accept {@code e} (else the model's
     * {@link org.ulemodel.core.machine.IllegalEventException} is thrown before the implementation
     * sees the event): generated events always are, a fixed list's may follow a hidden choice
     * (an IPI pending on another CPU than the first kept state has it).
     */
    private static <S extends SchedulerState> Mismatch judge(SchedulerUnderTest sut, SchedulerModel<S> model, Oracle<S> oracle, Event e,
            List<Event> done, String topology) {
        done.add(e);
        ModelStep<S> reference = oracle.reference(e);
        Observation actual;
        try {
            actual = sut.apply(e);
        } catch (RuntimeException refused) {
            return new Mismatch(sut.name(), model.id(), done.size(), Mismatch.Kind.REFUSED, "it threw " + refused,
                    Observation.of(reference), null, false, reference.decisions(), topology, List.copyOf(done));
        }
        Oracle.Verdict<S, Observation> v = oracle.judge(e, Observation.PROJECTION, actual);
        if (v.conforms()) {
            return null;
        }
        return explain(sut.name(), model, done, topology, v.before(), v.step(), actual);
    }

    /** Builds the report for an observation no candidate could produce, naming the most telling difference. */
    static <S extends SchedulerState> Mismatch explain(String name, SchedulerModel<S> model, List<Event> done, String topology, S before,
            ModelStep<S> step, Observation actual) {
        S m = step.state();
        Observation expected = Observation.of(step);
        boolean random = model.randomChoices().drew(before, m);
        Mismatch.Kind kind;
        String why;
        Observation.Placement bad = null;
        for (Observation.Placement p : actual.placements()) {
            if (p.tid() < m.threadCount() && p.cpu() >= 0 && p.cpu() < m.cpuCount()) {
                // as the AFFINITY invariant allows: a bound thread, or a running one whose CPU has an IPI pending
                if (!m.threadCpuset(p.tid()).contains(p.cpu()) && !m.threadBound(p.tid()) && !(p.running() && m.ipiPending(p.cpu()))) {
                    bad = p;
                    break;
                }
            }
        }
        Set<Integer> modelTids = new HashSet<>();
        expected.placements().forEach(p -> modelTids.add(p.tid()));
        Set<Integer> actualTids = new HashSet<>();
        actual.placements().forEach(p -> actualTids.add(p.tid()));
        if (bad != null) {
            kind = Mismatch.Kind.AFFINITY;
            why = "it " + (bad.running() ? "runs" : "queues") + " thread " + bad.tid() + " on CPU " + bad.cpu()
                    + ", outside the thread's cpuset " + m.threadCpuset(bad.tid()) + "; the model places a thread only on a CPU of its cpuset";
        } else if ((bad = offline(actual, m)) != null) {
            kind = Mismatch.Kind.OFFLINE;
            why = "it places thread " + bad.tid() + " on CPU " + bad.cpu() + ", which is offline";
        } else if (!modelTids.equals(actualTids)) {
            kind = Mismatch.Kind.RUNNABLE;
            why = "the runnable threads differ: the model has " + modelTids + ", it has " + actualTids;
        } else {
            why = runningDifference(m, expected, actual);
            if (why != null) {
                kind = Mismatch.Kind.RUNNING;
            } else {
                why = placementDifference(expected, actual);
                kind = why != null ? Mismatch.Kind.PLACEMENT : Mismatch.Kind.MIGRATION;
                if (why == null) {
                    why = "the model migrated " + expected.migrations() + ", it reports " + actual.migrations();
                } else if (random) {
                    why += " (no random state of the model makes that choice)";
                }
            }
        }
        return new Mismatch(name, model.id(), done.size(), kind, why, expected, actual, random, step.decisions(), topology,
                List.copyOf(done));
    }

    private static Observation.Placement offline(Observation actual, SchedulerState m) {
        for (Observation.Placement p : actual.placements()) {
            if (p.cpu() < 0 || p.cpu() >= m.cpuCount() || !m.online(p.cpu())) {
                return p;
            }
        }
        return null;
    }

    /**
     * The first CPU whose running thread differs, with what the view tells about the two threads
     * (their priorities, where the model has the implementation's thread), or null.
     */
    private static String runningDifference(SchedulerState m, Observation expected, Observation actual) {
        for (int c = 0; c < m.cpuCount(); c++) {
            int want = runningOn(expected, c);
            int got = runningOn(actual, c);
            if (want == got) {
                continue;
            }
            String s = "on CPU " + c + " the model runs " + who(m, want) + " but it runs " + who(m, got);
            if (want >= 0 && got >= 0 && m.threadPriority(want) < m.threadPriority(got)) {
                s += "; the model's thread has the better (numerically lower) priority";
            } else if (want >= 0 && got >= 0 && m.threadPriority(want) == m.threadPriority(got)) {
                s += "; at equal priority the model's order decides (which thread keeps running, which queued one comes first)";
            } else if (want >= 0 && got >= 0) {
                s += "; the model has not switched to the better-priority thread yet (no slice end, no owed preemption, "
                        + "or its IPI is still pending)";
            } else if (want >= 0) {
                s += "; the model does not leave this CPU idle while it has a runnable thread there";
            } else {
                Observation.Placement there = expected.of(got);
                if (there == null) {
                    s += "; in the model thread " + got + " is not runnable";
                } else if (there.cpu() == c) {
                    s += "; the model queued thread " + got + " here and CPU " + c + " switches to it only when its IPI is delivered"
                            + " or its idle loop runs";
                } else {
                    s += "; the model put thread " + got + " on CPU " + there.cpu();
                }
            }
            return s;
        }
        return null;
    }

    private static String who(SchedulerState m, int tid) {
        return tid < 0 ? "nothing (idle)" : "thread " + tid + " (priority " + m.threadPriority(tid) + ")";
    }

    private static int runningOn(Observation o, int cpu) {
        for (Observation.Placement p : o.placements()) {
            if (p.running() && p.cpu() == cpu) {
                return p.tid();
            }
        }
        return -1;
    }

    private static String placementDifference(Observation expected, Observation actual) {
        for (Observation.Placement p : expected.placements()) {
            Observation.Placement q = actual.of(p.tid());
            if (q != null && !q.equals(p)) {
                return "the model has " + p + " but it has " + q;
            }
        }
        return null;
    }
}
