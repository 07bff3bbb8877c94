// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.quicktheories.core.Gen;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.properties.gen.EventInterpreter;
import org.ulemodel.properties.gen.Scenario;
import org.ulemodel.properties.gen.ThreadSpec;
import org.ulemodel.properties.gen.Threads;
import org.ulemodel.properties.gen.Topologies;
import org.ulemodel.properties.gen.WorkloadCase;
import org.ulemodel.sim.Engine;
import org.ulemodel.spec.explore.ModelSpec;

/**
 * The properties every scheduler model must have, stated over the model interface only: a model
 * is driven through {@link SchedulerModel} and read through {@link SchedulerState}, so any model
 * can be put through them. Each is a {@code Consumer<Scenario>} that throws an
 * {@link AssertionError} when the property fails, ready for {@link PropertyRunner#check} (hold) or
 * {@link PropertyRunner#falsify} (must fail on a planted bug); {@link GenericPropertySuite} runs
 * them all as a JUnit suite. Stateless; a property that keeps per-run state makes it fresh for
 * every scenario.
 */
public final class GenericProperties {
    private GenericProperties() {
    }

    // ---------------------------------------------------------------- workloads through the driver

    /**
     * A generated workload runs through the one workload driver ({@link Engine}, as {@code simulate}
     * and {@code demo} run it) with every invariant of {@code spec} judged after every step, the
     * driver never producing an event the model refuses; and its figures are consistent: no CPU
     * busy longer than the run, no thread given more CPU time than the run, every thread's waits
     * recorded in order.
     */
    public static <S extends SchedulerState> Consumer<WorkloadCase> driverRunsWorkloads(ModelSpec<S> spec) {
        return c -> {
            Engine.Result<S> r = Engine.of(spec, Topology.parse(c.topology()), c.workload(), c.options()).run();
            if (r.steps() == 0 || r.invariantChecks() != r.steps() * spec.invariants().size()) {
                throw new AssertionError("expected every one of the " + r.steps() + " steps checked against " + spec.invariants().size()
                        + " invariants, counted " + r.invariantChecks() + " checks");
            }
            for (int cpu = 0; cpu < r.cpuBusyUs().length; cpu++) {
                if (r.cpuBusyUs()[cpu] < 0 || r.cpuBusyUs()[cpu] > r.durationUs()) {
                    throw new AssertionError("CPU " + cpu + " busy " + r.cpuBusyUs()[cpu] + " us in a " + r.durationUs() + " us run");
                }
            }
            for (Engine.ThreadStats t : r.threads()) {
                if (t.cpuUs() < 0 || t.cpuUs() > r.durationUs()) {
                    throw new AssertionError("thread " + t.tid() + " ran " + t.cpuUs() + " us in a " + r.durationUs() + " us run");
                }
                for (int k = 1; k < t.waitsUs().length; k++) {
                    if (t.waitsUs()[k - 1] > t.waitsUs()[k] || t.waitsUs()[k - 1] < 0) {
                        throw new AssertionError("thread " + t.tid() + ": waits not sorted and non-negative: " + Arrays.toString(t.waitsUs()));
                    }
                }
            }
        };
    }

    // ---------------------------------------------------------------- every invariant after every step

    /** Every invariant of {@code spec} holds after every step (and at boot). */
    public static <S extends SchedulerState> Consumer<Scenario> invariantsHold(ModelSpec<S> spec) {
        return s -> CheckedRun.run(spec, s);
    }

    // ---------------------------------------------------------------- determinism

    /**
     * The same event list from the same boot state gives the same decisions and the same states,
     * twice over, on the model {@code models} gives for the scenario (one model per scenario, so a
     * model with hidden mutable state shows it). States are compared by the model's canonical
     * encoding ({@link SchedulerModel#encode} with every thread labelled by its id), which covers
     * everything that can influence a future step; models need not implement {@code equals}.
     */
    public static <S extends SchedulerState> Consumer<Scenario> deterministic(Supplier<? extends SchedulerModel<S>> models) {
        return s -> {
            SchedulerModel<S> model = models.get();
            List<Object> first = trace(s, model);
            List<Object> second = trace(s, model);
            for (int i = 0; i < Math.min(first.size(), second.size()); i++) {
                if (!first.get(i).equals(second.get(i))) {
                    throw new AssertionError("the same events gave different " + (i % 2 == 0 ? "decisions" : "states") + " at event #"
                            + (i / 2 + 1) + (i % 2 == 0 ? "" : " (the model's encodings)") + ":\n" + first.get(i) + "\n" + second.get(i));
                }
            }
            if (first.size() != second.size()) {
                throw new AssertionError("the same choices gave " + first.size() / 2 + " events, then " + second.size() / 2);
            }
        };
    }

    /** {@link #deterministic(Supplier)} on one model for every scenario. */
    public static <S extends SchedulerState> Consumer<Scenario> deterministic(SchedulerModel<S> model) {
        return deterministic(() -> model);
    }

    /** Per event: its decisions, then the encoding of the state after it. */
    static <S extends SchedulerState> List<Object> trace(Scenario s, SchedulerModel<S> model) {
        List<Object> out = new ArrayList<>();
        S m = s.boot(model);
        EventInterpreter in = new EventInterpreter(s.mix());
        for (long c : s.choices()) {
            for (Event e : in.next(model, m, c)) {
                ModelStep<S> r = model.step(m, e);
                out.add(r.decisions());
                m = r.state();
                out.add(encoding(model, m));
            }
        }
        return out;
    }

    /** The values of {@code model}'s canonical encoding of {@code state}, threads labelled by their ids. */
    public static <S extends SchedulerState> List<Long> encoding(SchedulerModel<S> model, S state) {
        int[] label = new int[state.threadCount()];
        for (int t = 0; t < label.length; t++) {
            label[t] = t;
        }
        List<Long> out = new ArrayList<>();
        model.encode(state, label, out::add);
        return out;
    }

    // ---------------------------------------------------------------- affinity under cpuset churn

    /**
     * Every invariant of {@code spec} after every step, and once the pending IPIs are delivered
     * ({@link #settledInsideCpusets}) no thread runs or waits outside its cpuset or on an offline
     * CPU. Meant for cpuset churn and binding ({@link org.ulemodel.properties.gen.EventMix#CPUSET_CHURN}).
     */
    public static <S extends SchedulerState> Consumer<Scenario> affinitySettles(ModelSpec<S> spec) {
        return s -> CheckedRun.run(spec, s, settledInsideCpusets(spec.model()));
    }

    /**
     * After delivering the IPI pending on every online CPU (in CPU order, through {@code model}),
     * every running or queued thread is on an online CPU of its cpuset. The generic
     * {@code AFFINITY} invariant lets a running thread finish its time outside a cpuset that just
     * changed while an IPI is pending on its CPU; this check requires that IPI to move it.
     */
    public static <S extends SchedulerState> CheckedRun.StepCheck<S> settledInsideCpusets(SchedulerModel<S> model) {
        return (before, e, r) -> {
            S m = r.state();
            for (int c = 0; c < m.cpuCount(); c++) {
                if (m.online(c) && m.ipiPending(c)) {
                    m = model.step(m, new Event.DeliverIpi(c)).state();
                }
            }
            for (int t = 0; t < m.threadCount(); t++) {
                RunState st = m.threadState(t);
                boolean runnable = st == RunState.RUNNING || st == RunState.QUEUED;
                if (runnable && (!m.threadCpuset(t).contains(m.threadCpu(t)) || !m.online(m.threadCpu(t)))) {
                    return "after delivering pending IPIs thread " + t + " is " + st + " on CPU " + m.threadCpu(t)
                            + " outside its cpuset " + m.threadCpuset(t) + " or offline";
                }
            }
            return null;
        };
    }

    // ---------------------------------------------------------------- conservation under CPU churn

    /**
     * Every invariant of {@code spec} after every step, and the runnable threads are exactly the
     * ones the events make runnable ({@link Conservation}). Meant for CPUs going offline and online
     * ({@link org.ulemodel.properties.gen.EventMix#OFFLINE_CHURN}).
     */
    public static <S extends SchedulerState> Consumer<Scenario> conserved(ModelSpec<S> spec) {
        return s -> CheckedRun.run(spec, s, new Conservation());
    }

    /**
     * Tracks, from the events alone, which threads must be runnable (created, forked and woken
     * ones, until they block or exit); the model must agree, place each exactly once, and leave
     * nothing on an offline CPU. A check that a thread is in one place ({@code CONSERVE}) cannot
     * see a thread that is consistently put to sleep or dropped; this can. One instance per run.
     */
    public static final class Conservation implements CheckedRun.StepCheck<SchedulerState> {
        private final Set<Integer> runnable = new HashSet<>();
        private int created;

        @Override
        public String check(SchedulerState before, Event e, ModelStep<? extends SchedulerState> r) {
            if (e instanceof Event.Create || e instanceof Event.Fork) {
                runnable.add(created++);
            } else if (e instanceof Event.Wake) {
                runnable.add(((Event.Wake) e).tid());
            } else if (e instanceof Event.Block) {
                runnable.remove(before.running(((Event.Block) e).cpu()));
            } else if (e instanceof Event.Exit) {
                runnable.remove(before.running(((Event.Exit) e).cpu()));
            }
            SchedulerState m = r.state();
            if (m.threadCount() != created) {
                return "the model has " + m.threadCount() + " threads but " + created + " were created";
            }
            int load = 0;
            for (int c = 0; c < m.cpuCount(); c++) {
                int[] here = {m.running(c) == SchedulerState.IDLE ? 0 : 1};
                m.forEachQueued(c, t -> here[0]++);
                load += here[0];
                if (!m.online(c) && here[0] > 0) {
                    return "offline CPU " + c + " still has load " + here[0];
                }
            }
            Set<Integer> seen = new HashSet<>();
            for (int t = 0; t < m.threadCount(); t++) {
                RunState st = m.threadState(t);
                if (st == RunState.RUNNING || st == RunState.QUEUED) {
                    seen.add(t);
                }
            }
            if (!seen.equals(runnable)) {
                return "runnable threads " + seen + " but the events leave " + runnable + " runnable";
            }
            if (load != runnable.size()) {
                return "total load " + load + " but " + runnable.size() + " runnable threads";
            }
            return null;
        }
    }

    // ---------------------------------------------------------------- the generators fit the model

    /** Interpreted choice lists are valid by construction: {@code model} never refuses a generated event. */
    public static <S extends SchedulerState> Consumer<Scenario> eventsAccepted(SchedulerModel<S> model) {
        return s -> s.events(model);
    }

    /**
     * A generated topology and a thread valid for it ({@link Threads#valid}), as {@code {spec, ThreadSpec}}
     * pairs for {@link #threadAccepted}.
     */
    public static Gen<Object[]> topologiesAndThreads() {
        return Topologies.specs().flatMap(spec -> Threads.valid(Topology.parse(spec).cpuCount()).map(t -> new Object[] {spec, t}));
    }

    /** The topology has 1–{@value Topologies#MAX_CPUS} CPUs and {@code model}, booted on it, accepts the thread's creation on its last CPU. */
    public static <S extends SchedulerState> Consumer<Object[]> threadAccepted(SchedulerModel<S> model) {
        return o -> {
            Topology topo = Topology.parse((String) o[0]);
            if (topo.cpuCount() < 1 || topo.cpuCount() > Topologies.MAX_CPUS) {
                throw new AssertionError("topology " + o[0] + " has " + topo.cpuCount() + " CPUs");
            }
            model.step(model.boot(topo), ((ThreadSpec) o[1]).create(topo.cpuCount() - 1));
        };
    }
}
