// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import org.ulemodel.core.machine.CalendarSimulation;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.ThreadState;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.prio.Priorities;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.core.ule.History;
import org.ulemodel.core.ule.Interactivity;
import org.ulemodel.core.ule.SchedParams;
import org.ulemodel.properties.gen.EventMix;
import org.ulemodel.properties.gen.InvalidEvent;
import org.ulemodel.properties.gen.Scenario;
import org.ulemodel.properties.gen.Threads;
import org.ulemodel.properties.gen.Topologies;
import org.ulemodel.spec.explore.ModelSpecs;

/**
 * Properties of ULE 14 itself, which read its own state, formulas or messages and so do not apply
 * to another model: bounded history decay ({@code sched_interact_update}), calendar fairness,
 * and refusal of invalid creations with ULE 14's documented message. Each property is also run
 * against a planted bug (a wrong formula or adapter) and must catch it. The properties every model
 * must have are in {@link GenericPropertySuite} ({@link Ule14GenericPropertiesTest} for ULE 14).
 */
class UlePropertiesTest {
    static final int EXAMPLES = Examples.count(30);
    static final int SLP_RUN_MAX = SchedParams.defaults().slpRunMax();

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

    static String historyBounded(Machine before, Event e, ModelStep<? extends Machine> r) {
        for (int t = 0; t < r.state().threadCount(); t++) {
            ThreadState td = r.state().thread(t);
            long sum = Integer.toUnsignedLong(td.runtime()) + Integer.toUnsignedLong(td.slptime());
            if (td.alive() && sum > SLP_RUN_MAX + 1L) {
                return "thread " + t + " has runtime+slptime " + sum + " > SLP_RUN_MAX+1";
            }
        }
        return null;
    }

    static final CheckedRun.StepCheck<Machine> HISTORY_BOUNDED = UlePropertiesTest::historyBounded;

    /** Along any event list every live thread's runtime+slptime stays at most SLP_RUN_MAX+1. */
    @Test
    void historyStaysBoundedAlongRuns() {
        PropertyRunner.check(Scenario.of(Topologies.specs(8), EventMix.MIXED, 40), EXAMPLES,
                s -> CheckedRun.run(ModelSpecs.ule14(), s, HISTORY_BOUNDED));
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
        PropertyRunner.check(BATCH_PRIORITIES, EXAMPLES, pri -> sharesOrderedByPriority(pri, UlePropertiesTest::calendarShares));
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

    // ---------------------------------------------------------------- refusals

    /** Every creation that breaks one documented rule is refused with IllegalEventException and ULE 14's documented message. */
    @Test
    void invalidCreationsAreRefusedWithTheDocumentedMessage() {
        PropertyRunner.check(Topologies.specs().flatMap(spec -> Threads.invalidCreates(Topology.parse(spec).cpuCount())
                .map(bad -> new Object[] {spec, bad})), EXAMPLES * 10, o -> {
                    Machine m = Ule14Model.DEFAULT.boot(Topology.parse((String) o[0]));
                    InvalidEvent bad = (InvalidEvent) o[1];
                    try {
                        Ule14Model.DEFAULT.step(m, bad.event());
                    } catch (IllegalEventException refused) {
                        assertThat(refused.getMessage()).contains(bad.expectedMessage());
                        return;
                    }
                    throw new AssertionError("accepted " + bad.event() + "; expected refusal: " + bad.expectedMessage());
                });
    }
}
