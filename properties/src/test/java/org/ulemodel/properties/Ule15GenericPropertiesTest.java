// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.properties.gen.EventMix;
import org.ulemodel.properties.gen.Scenario;
import org.ulemodel.properties.gen.Topologies;
import org.ulemodel.properties.gen.WorkloadCase;
import org.ulemodel.spec.InvariantViolationException;
import org.ulemodel.spec.explore.BugVariant;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.ule15.Ule15Bugs;
import org.ulemodel.spec.ule15.Ule15Provider;

/**
 * The generic properties for FreeBSD 15's ULE ({@link Ule15Provider#SPEC}: the generic invariants
 * and V15's own), inherited from {@link GenericPropertySuite}, and planted V15 bugs
 * ({@link Ule15Bugs}) shown caught by them.
 */
class Ule15GenericPropertiesTest extends GenericPropertySuite<Machine> {
    static final ModelSpec<Machine> V15 = Ule15Provider.SPEC;

    @Override
    protected ModelSpec<Machine> spec() {
        return V15;
    }

    /** Planted bug: a calendar thread put in queue q % 64 is caught by every-invariant-after-every-step (RUNQ15) and shrunk. */
    @Test
    void aWordLocalQueueIndexIsCaughtAndShrunk() {
        BugVariant<Machine> bug = Ule15Bugs.QUEUE_INDEX_MOD_64;
        Optional<Falsified<Scenario>> f = PropertyRunner.falsify(Scenario.of(bug, Topologies.specs(8), EventMix.MIXED, 40),
                INVARIANT_EXAMPLES, GenericProperties.invariantsHold(V15.variant(bug)));
        assertThat(f).isPresent();
        assertThat(f.get().cause().getMessage()).contains("invariant RUNQ15 violated").contains("replay:\ntopology ");
    }

    /** Planted bug: a transferable count forgotten by the single run queue is caught when generated workloads run through the driver. */
    @Test
    void aForgottenTransferableCountIsCaughtUnderAGeneratedWorkload() {
        BugVariant<Machine> bug = Ule15Bugs.TRANSFERABLE_NOT_COUNTED;
        Optional<Falsified<WorkloadCase>> f = PropertyRunner.falsify(WorkloadCase.of(Topologies.specs(8)), EXAMPLES,
                GenericProperties.driverRunsWorkloads(V15.variant(bug)));
        assertThat(f).isPresent();
        assertThat(f.get().cause()).isInstanceOf(InvariantViolationException.class);
        assertThat(f.get().cause().getMessage()).startsWith("COUNTERS violated after t=");
    }
}
