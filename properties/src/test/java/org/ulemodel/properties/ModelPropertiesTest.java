// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import org.ulemodel.core.machine.CalendarSimulation;
import org.ulemodel.core.machine.CpuState;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.machine.Scheduler;
import org.ulemodel.core.machine.StepResult;
import org.ulemodel.core.machine.ThreadState;
import org.ulemodel.core.prio.Priorities;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.core.ule.History;
import org.ulemodel.core.ule.Interactivity;
import org.ulemodel.core.ule.SchedParams;
import org.ulemodel.properties.gen.EventInterpreter;
import org.ulemodel.properties.gen.EventMix;
import org.ulemodel.properties.gen.InvalidEvent;
import org.ulemodel.properties.gen.Scenario;
import org.ulemodel.properties.gen.Threads;
import org.ulemodel.properties.gen.Topologies;

/**
 * Properties of the model beyond the per-step invariants: determinism, bounded history decay,
 * calendar fairness, affinity under cpuset churn, conservation under CPU churn, and refusal of
 * invalid input with the documented message. Each property is also run against a planted bug
 * (a wrong step function or formula) and must catch it.
 */
class ModelPropertiesTest {
    static final int EXAMPLES = Examples.count(30);
    static final int SLP_RUN_MAX = SchedParams.defaults().slpRunMax();

    // ---------------------------------------------------------------- determinism

    static List<Object> trace(Scenario s, StepFunction f) {
        List<Object> out = new ArrayList<>();
        Machine m = s.boot();
        EventInterpreter in = new EventInterpreter(s.mix());
        for (long c : s.choices()) {
            for (Event e : in.next(m, c)) {
                StepResult r = f.step(m, e);
                out.add(r.decisions());
                m = r.state();
                out.add(m);
            }
        }
        return out;
    }

    static void deterministic(Scenario s, Function<Scenario, StepFunction> fresh) {
        List<Object> first = trace(s, fresh.apply(s));
        List<Object> second = trace(s, fresh.apply(s));
        for (int i = 0; i < Math.min(first.size(), second.size()); i++) {
            if (!first.get(i).equals(second.get(i))) {
                throw new AssertionError("the same events gave different " + (i % 2 == 0 ? "decisions" : "states") + " at event #"
                        + (i / 2 + 1) + ":\n" + first.get(i) + "\n" + second.get(i));
            }
        }
        assertThat(first).hasSameSizeAs(second);
    }

    /** The same event list from the same boot state always gives the same decisions and the same states. */
    @Test
    void sameInputSameDecisions() {
        PropertyRunner.check(Scenario.of(Topologies.specs(16), EventMix.MIXED, 40), EXAMPLES,
                s -> deterministic(s, x -> StepFunction.MODEL));
    }

    /** Planted bug: a step function with hidden mutable state (a call counter that perturbs one CPU's random value on the third call it ever sees) is caught. */
    @Test
    void hiddenStateIsCaughtByDeterminism() {
        Optional<Falsified<Scenario>> f = PropertyRunner.falsify(Scenario.of(Topologies.smpSpecs(8), EventMix.MIXED, 40), EXAMPLES,
                s -> {
                    int[] calls = {0};
                    StepFunction stateful = (m, e) -> {
                        StepResult r = StepFunction.MODEL.step(m, e);
                        if (++calls[0] == 3) {
                            CpuState.Builder b = r.state().cpu(0).edit();
                            b.randomval ^= 1;
                            return new StepResult(r.state().withCpu(b.build()), r.decisions(), r.cost());
                        }
                        return r;
                    };
                    deterministic(s, x -> stateful);
                });
        assertThat(f).isPresent();
        assertThat(f.get().cause().getMessage()).contains("the same events gave different states at event #");
    }

    // ---------------------------------------------------------------- history decay

    interface HistoryUpdate {
        History update(int runtime, int slptime);
    }

    static void decays(int runtime, int slptime, HistoryUpdate u) {
        History h = u.update(runtime, slptime);
        long before = (long) runtime + slptime;
        long after = (long) h.runtime() + h.slptime();
        if (after > SLP_RUN_MAX + 1L && after > before) {
            throw new AssertionError("update(" + runtime + ", " + slptime + ") = " + h + ": sum " + after + " grew past SLP_RUN_MAX+1");
        }
        if (before > SLP_RUN_MAX && after > before) {
            throw new AssertionError("update(" + runtime + ", " + slptime + ") = " + h + " increased an over-full history");
        }
        if (before >= SLP_RUN_MAX && after > SLP_RUN_MAX + 1L) {
            throw new AssertionError("update(" + runtime + ", " + slptime + ") = " + h + " left sum " + after + " > SLP_RUN_MAX+1");
        }
    }

    static final Gen<Integer> HISTORY_SIDE = SourceDSL.integers().between(0, 4 * SLP_RUN_MAX);

    /** sched_interact_update never lets runtime+slptime exceed SLP_RUN_MAX+1 and never increases an over-full history. */
    @Test
    void historyUpdateDecaysMonotonically() {
        PropertyRunner.check(HISTORY_SIDE.zip(HISTORY_SIDE, (a, b) -> new int[] {a, b}), EXAMPLES * 30,
                rs -> decays(rs[0], rs[1], (r, s) -> Interactivity.update(r, s, SLP_RUN_MAX)));
    }

    /** Planted bug: an update that only halves (forgetting the clamp above 2·SLP_RUN_MAX) is caught. */
    @Test
    void aMissingClampIsCaught() {
        HistoryUpdate halvesOnly = (r, s) -> r + s < SLP_RUN_MAX ? new History(r, s) : new History(r / 2, s / 2);
        Optional<Falsified<int[]>> f = PropertyRunner.falsify(HISTORY_SIDE.zip(HISTORY_SIDE, (a, b) -> new int[] {a, b}),
                EXAMPLES * 30, rs -> decays(rs[0], rs[1], halvesOnly));
        assertThat(f).isPresent();
        assertThat(f.get().cause().getMessage()).contains("> SLP_RUN_MAX+1");
    }

    static String historyBounded(Machine before, Event e, StepResult r) {
        for (int t = 0; t < r.state().threadCount(); t++) {
            ThreadState td = r.state().thread(t);
            long sum = Integer.toUnsignedLong(td.runtime()) + Integer.toUnsignedLong(td.slptime());
            if (td.alive() && sum > SLP_RUN_MAX + 1L) {
                return "thread " + t + " has runtime+slptime " + sum + " > SLP_RUN_MAX+1";
            }
        }
        return null;
    }

    /** Along any event list every live thread's runtime+slptime stays at most SLP_RUN_MAX+1. */
    @Test
    void historyStaysBoundedAlongRuns() {
        PropertyRunner.check(Scenario.of(Topologies.specs(8), EventMix.MIXED, 40), EXAMPLES,
                s -> CheckedRun.run(s, StepFunction.MODEL, ModelPropertiesTest::historyBounded));
    }

    // ---------------------------------------------------------------- calendar fairness

    static final Gen<int[]> BATCH_PRIORITIES = SourceDSL.lists()
            .of(SourceDSL.integers().between(Priorities.PRI_MIN_BATCH, Priorities.PRI_MAX_BATCH)).ofSizeBetween(2, 5)
            .map(l -> l.stream().mapToInt(Integer::intValue).toArray());

    static void sharesOrderedByPriority(int[] pri, Function<int[], double[]> shares) {
        double[] share = shares.apply(pri);
        for (int i = 0; i < pri.length; i++) {
            for (int j = 0; j < pri.length; j++) {
                // a better (lower) priority by at least one queue (4 levels) never gets less CPU
                if (pri[i] + 4 <= pri[j] && share[i] < share[j]) {
                    throw new AssertionError("priority " + pri[i] + " got share " + share[i] + " < " + share[j] + " of priority " + pri[j]
                            + " (priorities " + java.util.Arrays.toString(pri) + ", shares " + java.util.Arrays.toString(share) + ")");
                }
            }
        }
    }

    static double[] calendarShares(int[] pri) {
        CalendarSimulation.Result r = CalendarSimulation.run(CalendarSimulation.Spec.fixed("prop", pri, 127 * 20));
        return r.summary().stream().mapToDouble(CalendarSimulation.ThreadSummary::cpuShare).toArray();
    }

    /** Batch threads at fixed priorities on one CPU get CPU shares ordered by priority (calendar fairness). */
    @Test
    void calendarSharesFollowPriority() {
        PropertyRunner.check(BATCH_PRIORITIES, EXAMPLES, pri -> sharesOrderedByPriority(pri, ModelPropertiesTest::calendarShares));
    }

    /** Planted bug: an adapter that hands the calendar the priorities in reverse order is caught. */
    @Test
    void reversedPrioritiesAreCaught() {
        Function<int[], double[]> reversed = pri -> {
            int[] rev = new int[pri.length];
            for (int i = 0; i < pri.length; i++) {
                rev[i] = Priorities.PRI_MIN_BATCH + Priorities.PRI_MAX_BATCH - pri[i];
            }
            return calendarShares(rev);
        };
        Optional<Falsified<int[]>> f = PropertyRunner.falsify(BATCH_PRIORITIES, EXAMPLES, pri -> sharesOrderedByPriority(pri, reversed));
        assertThat(f).isPresent();
        assertThat(f.get().cause().getMessage()).contains("got share");
    }

    // ---------------------------------------------------------------- affinity under cpuset churn

    /** After the pending IPIs are delivered, no thread runs or waits outside its cpuset or on an offline CPU. */
    static String settledInsideCpusets(Machine before, Event e, StepResult r) {
        Machine m = r.state();
        for (int c = 0; c < m.cpuCount(); c++) {
            if (m.cpu(c).online() && (m.cpu(c).owepreempt() || m.cpu(c).astIpi())) {
                m = Scheduler.step(m, new Event.DeliverIpi(c)).state();
            }
        }
        for (int t = 0; t < m.threadCount(); t++) {
            ThreadState td = m.thread(t);
            boolean runnable = td.state() == RunState.RUNNING || td.state() == RunState.QUEUED;
            if (runnable && (!td.cpuset().contains(td.cpu()) || !m.cpu(td.cpu()).online())) {
                return "after delivering pending IPIs thread " + t + " is " + td.state() + " on CPU " + td.cpu()
                        + " outside its cpuset " + td.cpuset() + " or offline";
            }
        }
        return null;
    }

    /** Under cpuset churn and binding, once IPIs are delivered every thread is on an online CPU of its cpuset. */
    @Test
    void affinityHoldsUnderCpusetChurn() {
        PropertyRunner.check(Scenario.of(Topologies.smpSpecs(16), EventMix.CPUSET_CHURN, 40), EXAMPLES,
                s -> CheckedRun.run(s, StepFunction.MODEL, ModelPropertiesTest::settledInsideCpusets));
    }

    /** Planted bug: a step that records a new cpuset without moving the thread (sched_affinity skipped) is caught. */
    @Test
    void skippedAffinityMoveIsCaught() {
        StepFunction lazyAffinity = (m, e) -> {
            if (!(e instanceof Event.SetCpuset)) {
                return StepFunction.MODEL.step(m, e);
            }
            Event.SetCpuset sc = (Event.SetCpuset) e;
            StepResult r = StepFunction.MODEL.step(m, new Event.SetCpuset(sc.tid(), CpuSet.firstN(m.cpuCount()), sc.onCpu()));
            ThreadState.Builder b = r.state().thread(sc.tid()).edit();
            b.cpuset = sc.cpuset();
            return new StepResult(r.state().withThread(b.build()), r.decisions(), r.cost());
        };
        Optional<Falsified<Scenario>> f = PropertyRunner.falsify(Scenario.of(Topologies.smpSpecs(8), EventMix.CPUSET_CHURN, 40),
                EXAMPLES, s -> CheckedRun.run(s, lazyAffinity, ModelPropertiesTest::settledInsideCpusets));
        assertThat(f).isPresent();
        assertThat(f.get().cause().getMessage()).contains("cpuset tid=").contains("outside its cpuset");
    }

    // ---------------------------------------------------------------- conservation under CPU churn

    /** Tracks, from the events alone, which threads must be runnable; the model must agree and place each exactly once. */
    static final class Conservation implements CheckedRun.StepCheck {
        final Set<Integer> runnable = new HashSet<>();
        int created;

        @Override
        public String check(Machine before, Event e, StepResult r) {
            if (e instanceof Event.Create || e instanceof Event.Fork) {
                runnable.add(created++);
            } else if (e instanceof Event.Wake) {
                runnable.add(((Event.Wake) e).tid());
            } else if (e instanceof Event.Block) {
                runnable.remove(before.cpu(((Event.Block) e).cpu()).curthread());
            } else if (e instanceof Event.Exit) {
                runnable.remove(before.cpu(((Event.Exit) e).cpu()).curthread());
            }
            Machine m = r.state();
            if (m.threadCount() != created) {
                return "the model has " + m.threadCount() + " threads but " + created + " were created";
            }
            Set<Integer> seen = new HashSet<>();
            int load = 0;
            for (int c = 0; c < m.cpuCount(); c++) {
                load += m.cpu(c).load();
                if (!m.cpu(c).online() && m.cpu(c).load() > 0) {
                    return "offline CPU " + c + " still has load " + m.cpu(c).load();
                }
            }
            for (int t = 0; t < m.threadCount(); t++) {
                RunState st = m.thread(t).state();
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

    /** Across CPUs going offline and online, no thread is lost or duplicated: the runnable set is what the events make it. */
    @Test
    void threadsAreConservedAcrossCpuChurn() {
        PropertyRunner.check(Scenario.of(Topologies.smpSpecs(16), EventMix.OFFLINE_CHURN, 40), EXAMPLES,
                s -> CheckedRun.run(s, StepFunction.MODEL, new Conservation()));
    }

    /** Planted bug: a step that, when a CPU goes offline, marks one moved thread as sleeping (a lost thread) is caught. */
    @Test
    void aThreadLostOnOfflineIsCaught() {
        StepFunction losesThread = (m, e) -> {
            StepResult r = StepFunction.MODEL.step(m, e);
            if (!(e instanceof Event.CpuOffline)) {
                return r;
            }
            for (Decision d : r.decisions()) {
                if (d instanceof Decision.Migrate) {
                    ThreadState.Builder b = r.state().thread(((Decision.Migrate) d).tid()).edit();
                    if (b.state == RunState.QUEUED) {
                        b.state = RunState.SLEEPING;
                        return new StepResult(r.state().withThread(b.build()), r.decisions(), r.cost());
                    }
                }
            }
            return r;
        };
        Optional<Falsified<Scenario>> f = PropertyRunner.falsify(Scenario.of(Topologies.smpSpecs(8), EventMix.OFFLINE_CHURN, 40),
                EXAMPLES, s -> CheckedRun.run(s, losesThread, new Conservation()));
        assertThat(f).isPresent();
        assertThat(f.get().cause().getMessage()).contains("offline cpu=");
    }

    // ---------------------------------------------------------------- refusals and generators

    /** Every creation that breaks one documented rule is refused with IllegalEventException and the documented message. */
    @Test
    void invalidCreationsAreRefusedWithTheDocumentedMessage() {
        PropertyRunner.check(Topologies.specs().flatMap(spec -> Threads.invalidCreates(Topology.parse(spec).cpuCount())
                .map(bad -> new Object[] {spec, bad})), EXAMPLES * 10, o -> {
                    Machine m = Machine.boot(MachineConfig.of(Topology.parse((String) o[0])));
                    InvalidEvent bad = (InvalidEvent) o[1];
                    try {
                        Scheduler.step(m, bad.event());
                    } catch (IllegalEventException refused) {
                        assertThat(refused.getMessage()).contains(bad.expectedMessage());
                        return;
                    }
                    throw new AssertionError("accepted " + bad.event() + "; expected refusal: " + bad.expectedMessage());
                });
    }

    /** Every generated valid thread is accepted on every topology, and every generated topology has 1–64 CPUs. */
    @Test
    void generatedThreadsAndTopologiesAreValid() {
        PropertyRunner.check(Topologies.specs().flatMap(spec -> Threads.valid(Topology.parse(spec).cpuCount())
                .map(t -> new Object[] {spec, t})), EXAMPLES * 10, o -> {
                    Topology topo = Topology.parse((String) o[0]);
                    assertThat(topo.cpuCount()).isBetween(1, Topologies.MAX_CPUS);
                    Machine m = Machine.boot(MachineConfig.of(topo));
                    Scheduler.step(m, ((org.ulemodel.properties.gen.ThreadSpec) o[1]).create(topo.cpuCount() - 1));
                });
    }

    /** Interpreted choice lists are valid by construction: the model never refuses a generated event. */
    @Test
    void generatedEventListsAreAccepted() {
        PropertyRunner.check(Scenario.of(Topologies.specs(), EventMix.MIXED, 60), EXAMPLES, Scenario::events);
    }
}
