// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties;

import org.junit.jupiter.api.Test;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.properties.gen.EventMix;
import org.ulemodel.properties.gen.Scenario;
import org.ulemodel.properties.gen.Topologies;
import org.ulemodel.properties.gen.WorkloadCase;
import org.ulemodel.spec.explore.ModelSpec;

/**
 * The {@linkplain GenericProperties generic properties} as a JUnit suite: subclass it once per
 * model and return its {@link ModelSpec} (the model and the invariants it is judged by) from
 * {@link #spec()}. Scenarios are generated for that model from the fixed seeds ({@link Examples})
 * and shrunk by QuickTheories; a failure reports the smallest event list, replayable. The model
 * must take every kind of event the mixes use ({@link EventMix#MIXED}, {@link EventMix#CLOCK_DRIFT},
 * {@link EventMix#CPUSET_CHURN}, {@link EventMix#OFFLINE_CHURN}, {@link EventMix#UNIPROCESSOR}).
 * For ULE 14 the generators, seeds and example counts are those the suites have always used, so
 * the model is fed the same events as before the suite was made generic.
 *
 * @param <S> the model's state type
 */
public abstract class GenericPropertySuite<S extends SchedulerState> {
    /** Generated scenarios per property and seed for the invariant properties; {@code -Dulemodel.examples=N} for more. */
    protected static final int INVARIANT_EXAMPLES = Examples.count(40);
    /** Generated scenarios per property and seed for the others. */
    protected static final int EXAMPLES = Examples.count(30);

    /** The model under test and the invariants it must keep. */
    protected abstract ModelSpec<S> spec();

    private SchedulerModel<S> model() {
        return spec().model();
    }

    /** Every invariant holds after every step of any generated event list on any topology up to 64 CPUs. */
    @Test
    public void invariantsHoldAfterEveryStep() {
        PropertyRunner.check(Scenario.of(model(), Topologies.specs(), EventMix.MIXED, 40), INVARIANT_EXAMPLES,
                GenericProperties.invariantsHold(spec()));
    }

    /** Every invariant holds when the CPUs' clocks drift apart (bursts of per-CPU ticks beside lock-step ones). */
    @Test
    public void invariantsHoldWithPerCpuClocks() {
        PropertyRunner.check(Scenario.of(model(), Topologies.specs(16), EventMix.CLOCK_DRIFT, 40), INVARIANT_EXAMPLES,
                GenericProperties.invariantsHold(spec()));
    }

    /** Every invariant holds on single-CPU machines (for ULE 14: where no random choice is ever made). */
    @Test
    public void invariantsHoldOnOneCpu() {
        PropertyRunner.check(Scenario.of(model(), Topologies.specs(1), EventMix.UNIPROCESSOR, 60), INVARIANT_EXAMPLES,
                GenericProperties.invariantsHold(spec()));
    }

    /** The same event list from the same boot state always gives the same decisions and the same states. */
    @Test
    public void sameInputSameDecisions() {
        PropertyRunner.check(Scenario.of(model(), Topologies.specs(16), EventMix.MIXED, 40), EXAMPLES,
                GenericProperties.deterministic(model()));
    }

    /** Under cpuset churn and binding, once IPIs are delivered every thread is on an online CPU of its cpuset. */
    @Test
    public void affinityHoldsUnderCpusetChurn() {
        PropertyRunner.check(Scenario.of(model(), Topologies.smpSpecs(16), EventMix.CPUSET_CHURN, 40), EXAMPLES,
                GenericProperties.affinitySettles(spec()));
    }

    /** Across CPUs going offline and online, no thread is lost or duplicated: the runnable set is what the events make it. */
    @Test
    public void threadsAreConservedAcrossCpuChurn() {
        PropertyRunner.check(Scenario.of(model(), Topologies.smpSpecs(16), EventMix.OFFLINE_CHURN, 40), EXAMPLES,
                GenericProperties.conserved(spec()));
    }

    /** Interpreted choice lists are valid by construction: the model never refuses a generated event. */
    @Test
    public void generatedEventListsAreAccepted() {
        PropertyRunner.check(Scenario.of(model(), Topologies.specs(), EventMix.MIXED, 60), EXAMPLES,
                GenericProperties.eventsAccepted(model()));
    }

    /** Every generated valid thread is accepted on every topology, and every generated topology has 1–64 CPUs. */
    @Test
    public void generatedThreadsAndTopologiesAreValid() {
        PropertyRunner.check(GenericProperties.topologiesAndThreads(), EXAMPLES * 10, GenericProperties.threadAccepted(model()));
    }

    /**
     * Generated workloads (hogs, periodic and realtime threads, some pinned, a CPU offline for a
     * while) run through the one workload driver with every invariant judged after every step.
     */
    @Test
    public void workloadsRunThroughTheDriverKeepEveryInvariant() {
        PropertyRunner.check(WorkloadCase.of(Topologies.specs(8)), EXAMPLES, GenericProperties.driverRunsWorkloads(spec()));
    }
}
