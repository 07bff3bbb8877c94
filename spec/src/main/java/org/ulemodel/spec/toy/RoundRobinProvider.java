// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.toy;

import java.util.List;
import org.ulemodel.spec.explore.BugVariant;
import org.ulemodel.spec.explore.ModelProvider;
import org.ulemodel.spec.explore.ModelSpec;

/**
 * Registers the toy round robin with the tools ({@code --model toy-rr} on every command): the
 * {@link ModelProvider} service this package adds to the class path, which is all a model needs
 * besides itself. The toy is judged by the generic invariants only — none of ULE's — and carries
 * one planted bug, {@link #FORGET_DEQUEUE}.
 *
 * <p>Invariant: {@link #spec()} is always {@link #SPEC}.
 */
public final class RoundRobinProvider implements ModelProvider {
    /** Switching a thread in at a context switch leaves it in its FIFO too ({@link RoundRobinModel#forgetDequeue()}). */
    public static final BugVariant<RoundRobinModel.State> FORGET_DEQUEUE = BugVariant.of("FORGET_DEQUEUE",
            "switching a thread in at a context switch leaves it in its FIFO too", RoundRobinModel.forgetDequeue());

    /** The toy checked against the {@linkplain org.ulemodel.spec.Invariants#generic generic invariants}, with {@link #FORGET_DEQUEUE}. */
    public static final ModelSpec<RoundRobinModel.State> SPEC = ModelSpec.generic(RoundRobinModel.correct())
            .withBugs(List.of(FORGET_DEQUEUE));

    /** The service's constructor. */
    public RoundRobinProvider() {
    }

    @Override
    public ModelSpec<?> spec() {
        return SPEC;
    }
}
