// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.CpuState;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.StepResult;
import org.ulemodel.properties.gen.EventMix;
import org.ulemodel.properties.gen.Scenario;
import org.ulemodel.properties.gen.Topologies;

/**
 * Stateful properties: generated event lists, valid by construction, applied step by step with
 * every invariant of the spec checked after every step; a failure prints the shrunk event list
 * in the replayable EventText format.
 */
class InvariantPropertiesTest {
    static final int EXAMPLES = Examples.count(40);

    /** Every invariant holds after every step of any generated event list on any topology up to 64 CPUs. */
    @Test
    void invariantsHoldAfterEveryStep() {
        PropertyRunner.check(Scenario.of(Topologies.specs(), EventMix.MIXED, 40), EXAMPLES,
                s -> CheckedRun.run(s, StepFunction.MODEL));
    }

    /** Every invariant holds on single-CPU machines, where no random choice is ever made. */
    @Test
    void invariantsHoldOnOneCpu() {
        PropertyRunner.check(Scenario.of(Topologies.specs(1), EventMix.UNIPROCESSOR, 60), EXAMPLES,
                s -> CheckedRun.run(s, StepFunction.MODEL));
    }

    /** Planted bug: a step that counts one unit of load too many on CPU 0 after a wakeup is caught, and the report is a short replayable list. */
    @Test
    void aCorruptedLoadCountIsCaughtAndShrunk() {
        StepFunction miscountsLoad = (m, e) -> {
            StepResult r = StepFunction.MODEL.step(m, e);
            if (!(e instanceof Event.Wake)) {
                return r;
            }
            CpuState.Builder b = r.state().cpu(0).edit();
            b.load++;
            return new StepResult(r.state().withCpu(b.build()), r.decisions(), r.cost());
        };
        Optional<Falsified<Scenario>> f = PropertyRunner.falsify(Scenario.of(Topologies.specs(8), EventMix.MIXED, 40),
                EXAMPLES, s -> CheckedRun.run(s, miscountsLoad));
        assertThat(f).isPresent();
        String report = f.get().cause().getMessage();
        assertThat(report).contains("invariant COUNTERS").contains("replay:\ntopology ").contains("wake tid=");
        // shrinking leaves little more than a creation, a block and the wakeup
        assertThat(report.lines().filter(l -> !l.startsWith("tick")).count()).isLessThan(12);
    }
}
