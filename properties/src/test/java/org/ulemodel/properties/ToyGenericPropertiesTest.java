// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.MigrateReason;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.properties.gen.EventMix;
import org.ulemodel.properties.gen.Scenario;
import org.ulemodel.properties.gen.Topologies;
import org.ulemodel.properties.gen.WorkloadCase;
import org.ulemodel.spec.InvariantViolationException;
import org.ulemodel.spec.explore.BugVariant;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.toy.RoundRobinModel;
import org.ulemodel.spec.toy.RoundRobinProvider;

/**
 * The generic properties for a model that is not ULE — the toy round robin of
 * {@link org.ulemodel.spec.toy}, judged by the generic invariants only — inherited from
 * {@link GenericPropertySuite}, and each one shown catching a bug planted in the toy. The toy is
 * reached only through the model interface; its bugs are {@link BugVariant}s.
 */
class ToyGenericPropertiesTest extends GenericPropertySuite<RoundRobinModel.State> {
    static final RoundRobinModel CORRECT = RoundRobinModel.correct();

    /** Switching a thread in at a context switch leaves it in its FIFO too (the toy's built-in variant). */
    static final BugVariant<RoundRobinModel.State> FORGET_DEQUEUE = RoundRobinProvider.FORGET_DEQUEUE;

    /** A new cpuset is recorded but the thread is not moved. */
    static final BugVariant<RoundRobinModel.State> LAZY_AFFINITY = BugVariant.decorating("LAZY_AFFINITY",
            "a new cpuset is recorded without moving the thread", CORRECT, (m, e, r) -> {
                if (!(e instanceof Event.SetCpuset)) {
                    return r;
                }
                Event.SetCpuset sc = (Event.SetCpuset) e;
                ModelStep<RoundRobinModel.State> wide = CORRECT.step(m, new Event.SetCpuset(sc.tid(), CpuSet.firstN(m.cpuCount()), sc.onCpu()));
                return ModelStep.of(wide.state().withCpuset(sc.tid(), sc.cpuset()), wide.decisions(), wide.cost());
            });

    /**
     * When a CPU goes offline, a thread it moved that runs at once on its new CPU is put to sleep
     * there (a lost thread). Consistently: it leaves its CPU and is recorded as sleeping, so no
     * "one place" check can see it; only what the events say must be runnable can.
     */
    static final BugVariant<RoundRobinModel.State> LOST_ON_OFFLINE = BugVariant.decorating("LOST_ON_OFFLINE",
            "when a CPU goes offline, a thread it moved that runs at once is put to sleep", CORRECT, (m, e, r) -> {
                if (!(e instanceof Event.CpuOffline)) {
                    return r;
                }
                for (Decision d : r.decisions()) {
                    if (d instanceof Decision.Migrate && ((Decision.Migrate) d).why() == MigrateReason.OFFLINE) {
                        Decision.Migrate mg = (Decision.Migrate) d;
                        if (r.state().threadState(mg.tid()) == RunState.RUNNING) {
                            RoundRobinModel.State lost = CORRECT.step(r.state(), new Event.Block(r.state().threadCpu(mg.tid()), 0)).state();
                            return ModelStep.of(lost, r.decisions(), r.cost());
                        }
                    }
                }
                return r;
            });

    /** Refuses to renice a thread to a positive nice, which every generated event list may ask for. */
    static final BugVariant<RoundRobinModel.State> REFUSES_POSITIVE_NICE = BugVariant.decorating("REFUSES_POSITIVE_NICE",
            "refuses a positive nice", CORRECT, (m, e, r) -> {
                if (e instanceof Event.SetNice && ((Event.SetNice) e).nice() > 0) {
                    throw new IllegalEventException("nice: positive nice not supported");
                }
                return r;
            });

    /** Refuses to create realtime threads, which the thread generator makes. */
    static final BugVariant<RoundRobinModel.State> REFUSES_REALTIME = BugVariant.decorating("REFUSES_REALTIME",
            "refuses to create a realtime thread", CORRECT, (m, e, r) -> {
                if (e instanceof Event.Create && ((Event.Create) e).priClass() == PriClass.REALTIME) {
                    throw new IllegalEventException("create: realtime threads not supported");
                }
                return r;
            });

    static final ModelSpec<RoundRobinModel.State> TOY = ModelSpec.generic(CORRECT)
            .withBugs(List.of(FORGET_DEQUEUE, LAZY_AFFINITY, LOST_ON_OFFLINE, REFUSES_POSITIVE_NICE, REFUSES_REALTIME));

    /**
     * Hidden mutable state: a call counter that takes one extra hz tick on the third step the
     * variant ever takes. A fresh one per scenario, so the first run of a scenario differs from the
     * second.
     */
    static BugVariant<RoundRobinModel.State> hiddenClock() {
        int[] calls = {0};
        return BugVariant.decorating("HIDDEN_CLOCK", "takes an extra tick on its third step", CORRECT, (m, e, r) -> {
            if (++calls[0] == 3) {
                return ModelStep.of(CORRECT.step(r.state(), new Event.Tick()).state(), r.decisions(), r.cost());
            }
            return r;
        });
    }

    @Override
    protected ModelSpec<RoundRobinModel.State> spec() {
        return TOY;
    }

    /** The generic invariants only: the toy has no invariants of its own. */
    @Test
    void theToyIsJudgedByTheGenericInvariantsOnly() {
        assertThat(TOY.invariants()).extracting(i -> i.id()).containsExactly("CONSERVE", "AFFINITY", "PICK_COST");
    }

    /** Planted bug: the forgotten dequeue is caught by every-invariant-after-every-step (CONSERVE), with a short replayable list. */
    @Test
    void aForgottenDequeueIsCaughtByConserveAndShrunk() {
        Optional<Falsified<Scenario>> f = PropertyRunner.falsify(Scenario.of(FORGET_DEQUEUE, Topologies.specs(8), EventMix.MIXED, 40),
                INVARIANT_EXAMPLES, GenericProperties.invariantsHold(TOY.variant(FORGET_DEQUEUE)));
        assertThat(f).isPresent();
        String report = f.get().cause().getMessage();
        assertThat(report).contains("invariant CONSERVE violated").contains("but records RUNNING").contains("replay:\ntopology ");
        // shrunk to a handful of events: two threads on one CPU, and the first one giving up its CPU
        assertThat(report.lines().filter(l -> !l.startsWith("tick")).count()).isLessThan(8);
    }

    /** Planted bug: the forgotten dequeue is caught when generated workloads run through the driver. */
    @Test
    void aForgottenDequeueIsCaughtUnderAGeneratedWorkload() {
        Optional<Falsified<WorkloadCase>> f = PropertyRunner.falsify(WorkloadCase.of(Topologies.specs(8)), EXAMPLES,
                GenericProperties.driverRunsWorkloads(TOY.variant(FORGET_DEQUEUE)));
        assertThat(f).isPresent();
        assertThat(f.get().cause()).isInstanceOf(InvariantViolationException.class);
        assertThat(f.get().cause().getMessage()).startsWith("CONSERVE violated after t=");
    }

    /** Planted bug: the forgotten dequeue is caught on one CPU as well. */
    @Test
    void aForgottenDequeueIsCaughtOnOneCpu() {
        Optional<Falsified<Scenario>> f = PropertyRunner.falsify(Scenario.of(FORGET_DEQUEUE, Topologies.specs(1), EventMix.UNIPROCESSOR, 60),
                INVARIANT_EXAMPLES, GenericProperties.invariantsHold(TOY.variant(FORGET_DEQUEUE)));
        assertThat(f).isPresent();
        assertThat(f.get().cause().getMessage()).contains("invariant CONSERVE violated").contains("replay:\ntopology 1x1x1");
    }

    /** Planted bug: hidden mutable state is caught by determinism. */
    @Test
    void hiddenStateIsCaughtByDeterminism() {
        Optional<Falsified<Scenario>> f = PropertyRunner.falsify(Scenario.of(CORRECT, Topologies.smpSpecs(8), EventMix.MIXED, 40), EXAMPLES,
                GenericProperties.deterministic(ToyGenericPropertiesTest::hiddenClock));
        assertThat(f).isPresent();
        assertThat(f.get().cause().getMessage()).contains("the same events gave different states at event #");
    }

    /** Planted bug: a cpuset recorded without moving the thread is caught by affinity under cpuset churn. */
    @Test
    void skippedAffinityMoveIsCaught() {
        Optional<Falsified<Scenario>> f = PropertyRunner.falsify(Scenario.of(LAZY_AFFINITY, Topologies.smpSpecs(8), EventMix.CPUSET_CHURN, 40),
                EXAMPLES, GenericProperties.affinitySettles(TOY.variant(LAZY_AFFINITY)));
        assertThat(f).isPresent();
        assertThat(f.get().cause().getMessage()).contains("cpuset tid=").contains("outside its cpuset");
    }

    /** Planted bug: a thread consistently lost when its CPU goes offline evades CONSERVE and is caught by conservation under CPU churn. */
    @Test
    void aThreadLostOnOfflineIsCaughtByConservation() {
        Optional<Falsified<Scenario>> f = PropertyRunner.falsify(Scenario.of(LOST_ON_OFFLINE, Topologies.smpSpecs(8), EventMix.OFFLINE_CHURN, 40),
                EXAMPLES, GenericProperties.conserved(TOY.variant(LOST_ON_OFFLINE)));
        assertThat(f).isPresent();
        assertThat(f.get().cause().getMessage()).contains("offline cpu=").contains("but the events leave").doesNotContain("invariant");
    }

    /** Planted bug: a model refusing events the generators make valid is caught by the generated-events property. */
    @Test
    void aRefusedNiceIsCaughtByTheGeneratedEventsProperty() {
        Optional<Falsified<Scenario>> f = PropertyRunner.falsify(Scenario.of(REFUSES_POSITIVE_NICE, Topologies.specs(), EventMix.MIXED, 60),
                EXAMPLES, GenericProperties.eventsAccepted(TOY.variant(REFUSES_POSITIVE_NICE).model()));
        assertThat(f).isPresent();
        assertThat(f.get().cause().getMessage()).contains("was refused: nice: positive nice not supported");
    }

    /** Planted bug: a model refusing generated valid threads is caught by the generated-threads property. */
    @Test
    void aRefusedRealtimeThreadIsCaughtByTheGeneratedThreadsProperty() {
        Optional<Falsified<Object[]>> f = PropertyRunner.falsify(GenericProperties.topologiesAndThreads(), EXAMPLES * 10,
                GenericProperties.threadAccepted(TOY.variant(REFUSES_REALTIME).model()));
        assertThat(f).isPresent();
        assertThat(f.get().cause().getMessage()).contains("realtime threads not supported");
    }
}
