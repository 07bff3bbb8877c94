// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.tck;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.ulemodel.core.machine.CpuState;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.Scheduler;
import org.ulemodel.core.machine.StepResult;
import org.ulemodel.core.machine.ThreadState;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.properties.gen.EventInterpreter;
import org.ulemodel.properties.gen.Scenario;

/**
 * Drives a {@link SchedulerUnderTest} and the ULE model with the same events and finds the first
 * decision the model could not have made.
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
 * ties between equally loaded candidates, so the alternatives are few. The kit replays the event
 * from the same state with {@link #ALTERNATIVES} seeded random assignments (all CPUs at once) and
 * accepts the implementation's decision if any of them produces it. A tie among n candidates is
 * missed with probability (1 − 1/n)<sup>{@value #ALTERNATIVES}</sup>, below 10<sup>−13</sup> for
 * n = 64; a miss would show as a reported disagreement on a random event, never as a silent pass.
 *
 * <p>Random choices can also differ in what an observation does not show (which running thread
 * the balancer asked to re-pick a CPU, which CPU got an IPI), so the kit keeps every model
 * state, up to {@link #MAX_CANDIDATES} distinct ones apart from {@code randomval}, that agrees
 * with everything observed so far, and the next event must match one of them.
 */
public final class Conformance {
    /** Alternative random states tried before an observation on a random event is rejected. */
    public static final int ALTERNATIVES = 2048;
    /** Extra alternatives tried after a match, to find other hidden states with the same observation. */
    static final int VARIANTS = 48;
    /** Most model states kept that agree with the observations so far. */
    public static final int MAX_CANDIDATES = 8;

    private Conformance() {
    }

    /** Runs {@code scenario} on {@code sut} and the model; null when every decision is one the model could make. */
    public static Mismatch firstMismatch(SchedulerUnderTest sut, Scenario scenario) {
        Topology topo = Topology.parse(scenario.topology());
        sut.boot(topo);
        List<Machine> candidates = new ArrayList<>(List.of(scenario.boot()));
        EventInterpreter in = new EventInterpreter(scenario.mix());
        List<Event> done = new ArrayList<>();
        for (long choice : scenario.choices()) {
            for (Event e : in.next(candidates.get(0), choice)) {
                done.add(e);
                StepResult reference = Scheduler.step(candidates.get(0), e);
                Observation actual;
                try {
                    actual = sut.apply(e);
                } catch (RuntimeException refused) {
                    return new Mismatch(sut.name(), done.size(), Mismatch.Kind.REFUSED, "it threw " + refused,
                            Observation.of(reference), null, false, reference.decisions(), scenario.topology(), List.copyOf(done));
                }
                List<Machine> next = successors(candidates, e, actual, done.size());
                if (next.isEmpty()) {
                    return explain(sut.name(), done, scenario.topology(), candidates.get(0), reference, actual);
                }
                candidates = next;
            }
        }
        return null;
    }

    /** Runs a fixed event list (e.g. parsed from {@link org.ulemodel.spec.EventText}) on {@code sut} and the model. */
    public static Mismatch firstMismatch(SchedulerUnderTest sut, String topology, List<Event> events) {
        sut.boot(Topology.parse(topology));
        List<Machine> candidates = new ArrayList<>(List.of(new Scenario(topology, null, List.of()).boot()));
        List<Event> done = new ArrayList<>();
        for (Event e : events) {
            done.add(e);
            StepResult reference = Scheduler.step(candidates.get(0), e);
            Observation actual;
            try {
                actual = sut.apply(e);
            } catch (RuntimeException refused) {
                return new Mismatch(sut.name(), done.size(), Mismatch.Kind.REFUSED, "it threw " + refused,
                        Observation.of(reference), null, false, reference.decisions(), topology, List.copyOf(done));
            }
            List<Machine> next = successors(candidates, e, actual, done.size());
            if (next.isEmpty()) {
                return explain(sut.name(), done, topology, candidates.get(0), reference, actual);
            }
            candidates = next;
        }
        return null;
    }

    /** Model states after {@code e} from any candidate and any random state whose observation is {@code actual}. */
    static List<Machine> successors(List<Machine> candidates, Event e, Observation actual, int eventNumber) {
        Map<Machine, Machine> found = new LinkedHashMap<>();
        for (Machine m : candidates) {
            StepResult own;
            try {
                own = Scheduler.step(m, e);
            } catch (IllegalEventException hiddenDifference) {
                continue; // e.g. an IPI this candidate does not have pending
            }
            boolean random = drewRandom(m, own.state());
            if (Observation.of(own).equals(actual)) {
                found.putIfAbsent(withoutRandom(own.state()), own.state());
            }
            if (!random) {
                continue;
            }
            SplittableRandom rnd = new SplittableRandom(eventNumber * 0x9E3779B97F4A7C15L + candidates.indexOf(m));
            int budget = found.isEmpty() ? ALTERNATIVES : VARIANTS;
            for (int k = 0; k < budget && found.size() < MAX_CANDIDATES; k++) {
                StepResult alt = Scheduler.step(withRandom(m, rnd), e);
                if (Observation.of(alt).equals(actual)) {
                    found.putIfAbsent(withoutRandom(alt.state()), alt.state());
                    if (budget == ALTERNATIVES) {
                        budget = Math.min(ALTERNATIVES, k + 1 + VARIANTS);
                    }
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    /** Whether the step made any {@code sched_random()} draw (a draw always changes the LCG state). */
    static boolean drewRandom(Machine before, Machine after) {
        for (int c = 0; c < before.cpuCount(); c++) {
            if (before.cpu(c).randomval() != after.cpu(c).randomval()) {
                return true;
            }
        }
        return false;
    }

    static Machine withRandom(Machine m, SplittableRandom rnd) {
        Machine out = m;
        for (int c = 0; c < m.cpuCount(); c++) {
            CpuState.Builder b = m.cpu(c).edit();
            b.randomval = rnd.nextInt();
            out = out.withCpu(b.build());
        }
        return out;
    }

    /** {@code m} with every {@code randomval} at 0: states equal apart from their random state map to the same key. */
    static Machine withoutRandom(Machine m) {
        Machine out = m;
        for (int c = 0; c < m.cpuCount(); c++) {
            CpuState.Builder b = m.cpu(c).edit();
            b.randomval = 0;
            out = out.withCpu(b.build());
        }
        return out;
    }

    /** Builds the report for an observation no candidate could produce, naming the most telling difference. */
    static Mismatch explain(String name, List<Event> done, String topology, Machine before, StepResult model, Observation actual) {
        Machine m = model.state();
        Observation expected = Observation.of(model);
        boolean random = drewRandom(before, m);
        Mismatch.Kind kind;
        String why;
        Observation.Placement bad = null;
        for (Observation.Placement p : actual.placements()) {
            if (p.tid() < m.threadCount() && p.cpu() >= 0 && p.cpu() < m.cpuCount()) {
                ThreadState td = m.thread(p.tid());
                if (!td.cpuset().contains(p.cpu()) && !(p.running() && td.astPending())) {
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
                    + ", outside the thread's cpuset " + m.thread(bad.tid()).cpuset() + "; ULE only places a thread on a CPU of its cpuset";
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
        return new Mismatch(name, done.size(), kind, why, expected, actual, random, model.decisions(), topology, List.copyOf(done));
    }

    private static Observation.Placement offline(Observation actual, Machine m) {
        for (Observation.Placement p : actual.placements()) {
            if (p.cpu() < 0 || p.cpu() >= m.cpuCount() || !m.cpu(p.cpu()).online()) {
                return p;
            }
        }
        return null;
    }

    private static String runningDifference(Machine m, Observation expected, Observation actual) {
        for (int c = 0; c < m.cpuCount(); c++) {
            int want = runningOn(expected, c);
            int got = runningOn(actual, c);
            if (want == got) {
                continue;
            }
            String s = "on CPU " + c + " the model runs " + who(m, want) + " but it runs " + who(m, got);
            if (want >= 0 && got >= 0 && m.thread(want).priority() < m.thread(got).priority()) {
                s += "; ULE runs the numerically lowest (best) priority first";
            } else if (want >= 0 && got >= 0 && m.thread(want).priority() == m.thread(got).priority()) {
                s += "; at equal priority ULE keeps the running thread until its slice ends, then takes the queue in FIFO order";
            } else if (want >= 0 && got >= 0) {
                s += "; the model has not switched yet (no slice end, no owed preemption, or its IPI is still pending)";
            } else if (want >= 0) {
                s += "; ULE does not leave a CPU idle while it has a runnable thread there";
            } else {
                Observation.Placement there = expected.of(got);
                if (there == null) {
                    s += "; in the model thread " + got + " is not runnable";
                } else if (there.cpu() == c) {
                    s += "; ULE queued thread " + got + " here and CPU " + c + " switches to it only when its IPI is delivered"
                            + " or its idle loop runs";
                } else {
                    s += "; ULE put thread " + got + " on CPU " + there.cpu() + " (sched_pickcpu: the CPU it was created or last ran on,"
                            + " when idle and allowed)";
                }
            }
            return s;
        }
        return null;
    }

    private static String who(Machine m, int tid) {
        return tid < 0 ? "nothing (idle)" : "thread " + tid + " (priority " + m.thread(tid).priority() + ")";
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
