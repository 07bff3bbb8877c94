// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.model.EventKind;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.Stepper;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.core.ule.UleVersion;

/**
 * {@link Scheduler#stepper}, the single-owner stepper that reuses one transaction: every step it
 * takes equals {@link Scheduler#step}'s — state, decisions and cost — whatever the steps before it
 * touched, on which machine, and whether they were refused halfway.
 */
class StepperTest {
    /** The walks share one stepper; each walk is one machine's own run. */
    private static final class Walk {
        final SplittableRandom rng;
        Machine m;

        /** A walk from boot with the periodic balancer's countdown ({@code balance_ticks}) at {@code balanceTicks}. */
        Walk(String topo, UleVersion version, long seed, int balanceTicks) {
            Machine boot = Machine.boot(MachineConfig.of(Topology.parse(topo), version));
            List<CpuState> cpus = new ArrayList<>();
            for (int c = 0; c < boot.cpuCount(); c++) {
                cpus.add(boot.cpu(c));
            }
            m = Machine.of(boot.config(), 0, cpus, List.of(), balanceTicks);
            rng = new SplittableRandom(seed);
        }

        /** Creates first, then any event the machine allows, now and then one it refuses. */
        Event next(int step) {
            if (step < 8 || rng.nextInt(40) == 0) {
                CpuSet set = rng.nextInt(3) == 0 ? CpuSet.of(rng.nextInt(m.cpuCount())) : null;
                return new Event.Create(PriClass.TIMESHARE, rng.nextInt(-20, 20), -1, false, set, rng.nextInt(m.cpuCount()));
            }
            if (rng.nextInt(25) == 0) {
                return new Event.Wake(rng.nextInt(m.threadCount() + 2), rng.nextInt(m.cpuCount())); // often refused
            }
            List<Event> out = new ArrayList<>();
            for (EventKind k : EventKind.values()) {
                k.candidates(m, out);
            }
            return out.get(rng.nextInt(out.size()));
        }
    }

    @Test
    void everyStepEqualsTheFreshTransactionsStep() {
        Stepper<Machine> stepper = Ule14Model.DEFAULT.stepper();
        List<Walk> walks = List.of(new Walk("1", UleVersion.V14, 1, 0), new Walk("2x2", UleVersion.V14, 2, 40),
                new Walk("2x4", UleVersion.V15, 3, 0), new Walk("2x2", UleVersion.V15, 4, 25), new Walk("16", UleVersion.V14, 5, 0));
        SplittableRandom order = new SplittableRandom(9);
        int refused = 0;
        int stepped = 0;
        int[] steps = new int[walks.size()];
        for (int i = 0; i < 20_000; i++) {
            int w = order.nextInt(walks.size());
            Walk walk = walks.get(w);
            Event e = walk.next(steps[w]++);
            StepResult fresh;
            try {
                fresh = Scheduler.step(walk.m, e);
            } catch (IllegalEventException ex) {
                refused++;
                Machine before = walk.m;
                assertThatThrownBy(() -> stepper.step(before, e)).isInstanceOf(IllegalEventException.class)
                        .hasMessage(ex.getMessage());
                continue;
            }
            ModelStep<Machine> reused = stepper.step(walk.m, e);
            String at = "walk " + w + " step " + steps[w] + " " + e;
            assertThat(reused.state()).as(at).isEqualTo(fresh.state());
            assertThat(reused.decisions()).as(at).isEqualTo(fresh.decisions());
            assertThat(reused.cost()).as(at).isEqualTo(fresh.cost());
            walk.m = reused.state();
            stepped++;
        }
        assertThat(refused).isGreaterThan(100);
        assertThat(stepped).isGreaterThan(15_000);
        assertThat(walks.get(1).m.balanceTicks()).as("the balancer's countdown ran").isNotIn(0, 40);
    }

    /** A step's decision list is its own: the next step on the same stepper does not change it. */
    @Test
    void aStepsDecisionsOutliveTheNextStep() {
        Stepper<Machine> stepper = Ule14Model.DEFAULT.stepper();
        Machine m = Machine.boot(MachineConfig.of(Topology.parse("2"), UleVersion.V14));
        ModelStep<Machine> created = stepper.step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, null, 0));
        List<Decision> kept = List.copyOf(created.decisions());
        assertThat(kept).isNotEmpty();
        ModelStep<Machine> second = stepper.step(created.state(), new Event.Create(PriClass.TIMESHARE, 0, -1, false, null, 1));
        assertThat(created.decisions()).isEqualTo(kept);
        assertThat(second.state().threadCount()).isEqualTo(2);
        assertThat(created.state().threadCount()).isEqualTo(1);
    }
}
