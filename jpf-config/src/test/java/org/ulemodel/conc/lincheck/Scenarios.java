// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.conc.lincheck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.verifier.EpsilonVerifier;

/**
 * Runs a harness scenario under Lincheck's model checker from Java: one custom scenario whose
 * threads are the harness's CPU programs (one actor each) and whose validation function is the
 * harness's quiescent check. The model's own code (core, spec) is pure and works on immutable
 * values, so it is treated as atomic: the interleavings explored are those of the facade's shared
 * accesses (volatile cells, CPU locks). Results are not compared with a sequential specification
 * (racy CPU selection is not linearizable, nor is ULE); failures are deadlocks, hangs, exceptions,
 * failed assertions and failed invariants.
 */
public final class Scenarios {
    private Scenarios() {
    }

    /** Test instances created: one per explored interleaving (plus a few Lincheck makes for replay). */
    public static final AtomicInteger INSTANCES = new AtomicInteger();

    /** Model-checks {@code testClass}: {@code threads} name its CPU-program methods, {@code check} its validation. */
    public static int modelCheck(Class<?> testClass, int invocations, String... threads) {
        List<List<Actor>> parallel = new ArrayList<>();
        for (String t : threads) {
            parallel.add(List.of(actor(testClass, t)));
        }
        ExecutionScenario scenario = new ExecutionScenario(List.of(), parallel, List.of(), actor(testClass, "check"));
        INSTANCES.set(0);
        new ModelCheckingOptions()
                .iterations(0)
                .addCustomScenario(scenario)
                .invocationsPerIteration(invocations)
                .addGuarantee(ManagedStrategyGuaranteeKt
                        .forClasses(name -> name.startsWith("org.ulemodel.core.") || name.startsWith("org.ulemodel.spec."))
                        .allMethods().treatAsAtomic())
                .verifier(EpsilonVerifier.class)
                .minimizeFailedScenario(false)
                .check(testClass);
        return INSTANCES.get();
    }

    private static Actor actor(Class<?> c, String method) {
        try {
            return new Actor(c.getMethod(method), List.of(), false, false, false, false, false);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(c.getName() + " has no public method " + method + "()", e);
        }
    }
}
