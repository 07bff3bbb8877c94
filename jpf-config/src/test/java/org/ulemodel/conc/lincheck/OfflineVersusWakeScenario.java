// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.conc.lincheck;

import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.ulemodel.conc.Choices;
import org.ulemodel.conc.Fault;
import org.ulemodel.conc.harness.OfflineVersusWake;

/** {@link OfflineVersusWake} as a Lincheck test class: a fresh harness per invocation, configured through the static fields. */
public class OfflineVersusWakeScenario {
    static volatile Fault fault = Fault.NONE;
    static volatile int[] choices = {0};

    private final OfflineVersusWake h;

    public OfflineVersusWakeScenario() {
        Scenarios.INSTANCES.incrementAndGet();
        h = new OfflineVersusWake(new Choices(choices), fault);
    }

    @Operation
    public void cpu0() {
        h.cpu0();
    }

    @Operation
    public void cpu1() {
        h.cpu1();
    }

    @Operation
    public void cpu2() {
        h.cpu2();
    }

    @Validate
    public void check() {
        h.check();
    }
}
