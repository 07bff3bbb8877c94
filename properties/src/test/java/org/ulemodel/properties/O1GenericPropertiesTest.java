// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.o1.O1Model;
import org.ulemodel.core.o1.O1State;
import org.ulemodel.properties.gen.EventMix;
import org.ulemodel.properties.gen.Scenario;
import org.ulemodel.properties.gen.Topologies;
import org.ulemodel.properties.gen.WorkloadCase;
import org.ulemodel.spec.InvariantViolationException;
import org.ulemodel.spec.explore.BugVariant;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.o1.O1Provider;

/**
 * The generic properties for Linux 2.6's O(1) model ({@link O1Provider#SPEC}: the generic
 * invariants and O(1)'s own), inherited from {@link GenericPropertySuite}, and planted O(1) bugs
 * shown caught by them.
 */
class O1GenericPropertiesTest extends GenericPropertySuite<O1State> {
    static final ModelSpec<O1State> O1 = O1Provider.SPEC;

    @Override
    protected ModelSpec<O1State> spec() {
        return O1;
    }

    /**
     * Planted bug: a forgotten {@code nr_running--} is caught by every-invariant-after-every-step,
     * shrunk to one CPU, one thread and its block: {@code schedule()} believes the CPU still has
     * work, finds an empty bitmap and switches nothing, so CONSERVE (judged first) sees the
     * sleeping thread still on the CPU.
     */
    @Test
    void aForgottenNrRunningDecrementIsCaughtAndShrunk() {
        BugVariant<O1State> bug = O1Provider.bug(O1Model.Bug.NR_RUNNING_NOT_DECREMENTED);
        Optional<Falsified<Scenario>> f = PropertyRunner.falsify(Scenario.of(bug, Topologies.specs(8), EventMix.MIXED, 40),
                INVARIANT_EXAMPLES, GenericProperties.invariantsHold(O1.variant(bug)));
        assertThat(f).isPresent();
        assertThat(f.get().cause().getMessage()).contains("invariant CONSERVE violated after block cpu=0")
                .contains("runs thread 0 whose state is SLEEPING").contains("replay:\ntopology 1x1x1\n");
    }

    /** Planted bug: the balancer pulling a running task is caught when generated workloads run through the driver. */
    @Test
    void pullingARunningTaskIsCaughtUnderAGeneratedWorkload() {
        BugVariant<O1State> bug = O1Provider.bug(O1Model.Bug.PULLS_RUNNING_TASK);
        Optional<Falsified<WorkloadCase>> f = PropertyRunner.falsify(WorkloadCase.of(Topologies.specs(8)), EXAMPLES,
                GenericProperties.driverRunsWorkloads(O1.variant(bug)));
        assertThat(f).isPresent();
        assertThat(f.get().cause()).isInstanceOf(InvariantViolationException.class);
        assertThat(f.get().cause().getMessage()).startsWith("O1_RUNQ violated after t=");
    }
}
