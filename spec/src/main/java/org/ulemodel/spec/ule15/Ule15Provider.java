// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.ule15;

import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.Scheduler;
import org.ulemodel.core.machine.Ule15Model;
import org.ulemodel.core.ule.UleVersion;
import org.ulemodel.spec.PathProperties;
import org.ulemodel.spec.UleInvariants;
import org.ulemodel.spec.explore.ModelProvider;
import org.ulemodel.spec.explore.ModelSpec;

/**
 * Registers FreeBSD 15's ULE with the tools ({@code --model ule15}, {@code --ule 15}):
 * {@link Ule15Model#DEFAULT} judged by {@link UleInvariants#all(UleVersion) all(V15)} (the generic
 * invariants, then ULE's with FreeBSD 15's run queue and calendar), in stathz ticks, with
 * {@code BOUNDED_WAIT} and {@code WORK_CONSERVING} over V15's batch band
 * ({@link PathProperties#batchWaits}) and the {@link Ule15Bugs}.
 *
 * <p>Invariant: {@link #spec()} is always {@link #SPEC}.
 */
public final class Ule15Provider implements ModelProvider {
    /** FreeBSD 15's ULE and its checks. */
    public static final ModelSpec<Machine> SPEC = ModelSpec.of(Ule15Model.DEFAULT, UleInvariants.all(UleVersion.V15))
            .withClock(Scheduler::statTicks)
            .withPathProperties(PathProperties.batchWaits(UleVersion.V15), PathProperties::all)
            .withBugs(Ule15Bugs.all());

    /** The service's constructor. */
    public Ule15Provider() {
    }

    @Override
    public ModelSpec<?> spec() {
        return SPEC;
    }
}
