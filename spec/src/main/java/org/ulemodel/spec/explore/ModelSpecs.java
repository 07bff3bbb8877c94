// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.Scheduler;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.spec.PathProperties;
import org.ulemodel.spec.UleInvariants;

/** The {@link ModelSpec}s of the models this project ships: today FreeBSD 14's ULE. Immutable constants. */
public final class ModelSpecs {
    private ModelSpecs() {
    }

    private static final ModelSpec<Machine> ULE14 = ModelSpec.of(Ule14Model.DEFAULT, UleInvariants.all())
            .withClock(Scheduler::statTicks)
            .withPathProperties(PathProperties.BATCH_WAITS, PathProperties::all)
            .withBugs(PlantedBugs.all());

    /**
     * FreeBSD 14's ULE as the explorer and {@code ulemodel replay} check it: {@link Ule14Model}
     * with FreeBSD's defaults, {@link UleInvariants#all()} (generic and ULE's own, in that
     * order), the stathz clock, {@link PathProperties#all(int) BOUNDED_WAIT and WORK_CONSERVING}
     * over batch-priority waits, and the {@link PlantedBugs}.
     */
    public static ModelSpec<Machine> ule14() {
        return ULE14;
    }
}
