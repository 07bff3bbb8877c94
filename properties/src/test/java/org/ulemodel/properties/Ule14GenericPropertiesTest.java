// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.CpuState;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.machine.StepResult;
import org.ulemodel.core.machine.ThreadState;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.properties.gen.EventMix;
import org.ulemodel.properties.gen.Scenario;
import org.ulemodel.properties.gen.Topologies;
import org.ulemodel.properties.gen.WorkloadCase;
import org.ulemodel.spec.InvariantViolationException;
import org.ulemodel.spec.explore.BugVariant;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.explore.ModelSpecs;

/**
 * The generic properties for ULE 14 ({@link ModelSpecs#ule14()}: every generic and ULE invariant),
 * inherited from {@link GenericPropertySuite}, and each one shown catching a bug planted in ULE 14
 * as a {@link BugVariant} decorator of {@link Ule14Model}.
 */
class Ule14GenericPropertiesTest extends GenericPropertySuite<Machine> {
    static final ModelSpec<Machine> ULE14 = ModelSpecs.ule14();

    @Override
    protected ModelSpec<Machine> spec() {
        return ULE14;
    }

    /** A wakeup counts one unit of load too many on CPU 0. */
    static final BugVariant<Machine> MISCOUNTED_LOAD = BugVariant.decorating("MISCOUNTED_LOAD",
            "a wakeup counts one unit of load too many on CPU 0", Ule14Model.DEFAULT, (m, e, r) -> {
                if (!(e instanceof Event.Wake)) {
                    return r;
                }
                CpuState.Builder b = r.state().cpu(0).edit();
                b.load++;
                return new StepResult(r.state().withCpu(b.build()), r.decisions(), r.cost());
            });

    /** A new cpuset is recorded but the thread is not moved ({@code sched_affinity} skipped). */
    static final BugVariant<Machine> LAZY_AFFINITY = BugVariant.decorating("LAZY_AFFINITY",
            "a new cpuset is recorded without moving the thread (sched_affinity skipped)", Ule14Model.DEFAULT, (m, e, r) -> {
                if (!(e instanceof Event.SetCpuset)) {
                    return r;
                }
                Event.SetCpuset sc = (Event.SetCpuset) e;
                StepResult wide = Ule14Model.DEFAULT.step(m, new Event.SetCpuset(sc.tid(), CpuSet.firstN(m.cpuCount()), sc.onCpu()));
                ThreadState.Builder b = wide.state().thread(sc.tid()).edit();
                b.cpuset = sc.cpuset();
                return new StepResult(wide.state().withThread(b.build()), wide.decisions(), wide.cost());
            });

    /** When a CPU goes offline, one thread it moved is marked sleeping while it stays queued (a lost thread). */
    static final BugVariant<Machine> LOST_ON_OFFLINE = BugVariant.decorating("LOST_ON_OFFLINE",
            "when a CPU goes offline, one queued thread it moved is marked sleeping", Ule14Model.DEFAULT, (m, e, r) -> {
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
            });

    /**
     * Hidden mutable state: a call counter that perturbs CPU 0's random value on the third step the
     * variant ever takes. A fresh one per scenario, so the first run of a scenario differs from the
     * second.
     */
    static BugVariant<Machine> hiddenState() {
        int[] calls = {0};
        return BugVariant.decorating("HIDDEN_STATE", "perturbs CPU 0's randomval on its third step", Ule14Model.DEFAULT, (m, e, r) -> {
            if (++calls[0] == 3) {
                CpuState.Builder b = r.state().cpu(0).edit();
                b.randomval ^= 1;
                return new StepResult(r.state().withCpu(b.build()), r.decisions(), r.cost());
            }
            return r;
        });
    }

    /** Planted bug: a miscounted load after a wakeup is caught by every-invariant-after-every-step (COUNTERS), and the report is a short replayable list. */
    @Test
    void aCorruptedLoadCountIsCaughtAndShrunk() {
        Optional<Falsified<Scenario>> f = PropertyRunner.falsify(Scenario.of(MISCOUNTED_LOAD, Topologies.specs(8), EventMix.MIXED, 40),
                INVARIANT_EXAMPLES, GenericProperties.invariantsHold(ULE14.withModel(MISCOUNTED_LOAD)));
        assertThat(f).isPresent();
        String report = f.get().cause().getMessage();
        assertThat(report).contains("invariant COUNTERS").contains("replay:\ntopology ").contains("wake tid=");
        // shrinking leaves little more than a creation, a block and the wakeup
        assertThat(report.lines().filter(l -> !l.startsWith("tick")).count()).isLessThan(12);
    }

    /**
     * Planted bug: the miscounted load is caught by the driver property too — the workload that
     * shows it (a thread that sleeps and wakes) is printed as rt-app JSON with the command that
     * reruns it.
     */
    @Test
    void aCorruptedLoadCountIsCaughtUnderAGeneratedWorkload() {
        Optional<Falsified<WorkloadCase>> f = PropertyRunner.falsify(WorkloadCase.of(Topologies.specs(8)), EXAMPLES,
                GenericProperties.driverRunsWorkloads(ULE14.withModel(MISCOUNTED_LOAD)));
        assertThat(f).isPresent();
        assertThat(f.get().cause()).isInstanceOf(InvariantViolationException.class);
        assertThat(f.get().cause().getMessage()).startsWith("COUNTERS violated after t=");
        assertThat(f.get().smallest().toString()).contains("\"tasks\"").contains("rerun: ulemodel simulate FILE.json --topology ");
        assertThat(f.get().smallest().behaviors()).anyMatch(b -> b.sleepUs() > 0);
    }

    /** Planted bug: a step function with hidden mutable state is caught by determinism. */
    @Test
    void hiddenStateIsCaughtByDeterminism() {
        Optional<Falsified<Scenario>> f = PropertyRunner.falsify(Scenario.of(Ule14Model.DEFAULT, Topologies.smpSpecs(8), EventMix.MIXED, 40),
                EXAMPLES, GenericProperties.deterministic(Ule14GenericPropertiesTest::hiddenState));
        assertThat(f).isPresent();
        assertThat(f.get().cause().getMessage()).contains("the same events gave different states at event #");
    }

    /** Planted bug: a cpuset recorded without moving the thread is caught by affinity under cpuset churn. */
    @Test
    void skippedAffinityMoveIsCaught() {
        Optional<Falsified<Scenario>> f = PropertyRunner.falsify(Scenario.of(LAZY_AFFINITY, Topologies.smpSpecs(8), EventMix.CPUSET_CHURN, 40),
                EXAMPLES, GenericProperties.affinitySettles(ULE14.withModel(LAZY_AFFINITY)));
        assertThat(f).isPresent();
        assertThat(f.get().cause().getMessage()).contains("cpuset tid=").contains("outside its cpuset");
    }

    /** Planted bug: a thread lost when its CPU goes offline is caught by conservation under CPU churn. */
    @Test
    void aThreadLostOnOfflineIsCaught() {
        Optional<Falsified<Scenario>> f = PropertyRunner.falsify(Scenario.of(LOST_ON_OFFLINE, Topologies.smpSpecs(8), EventMix.OFFLINE_CHURN, 40),
                EXAMPLES, GenericProperties.conserved(ULE14.withModel(LOST_ON_OFFLINE)));
        assertThat(f).isPresent();
        assertThat(f.get().cause().getMessage()).contains("offline cpu=");
    }
}
