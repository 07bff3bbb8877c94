// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.CpuState;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.machine.Scheduler;
import org.ulemodel.core.machine.StepResult;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.properties.Examples;
import org.ulemodel.properties.Falsified;
import org.ulemodel.properties.PropertyRunner;
import org.ulemodel.properties.gen.EventMix;
import org.ulemodel.properties.gen.Scenario;
import org.ulemodel.properties.gen.Topologies;

/** The kit itself: it accepts every random choice ULE could make and rejects a decision ULE could not make. */
class ConformanceKitTest {
    static final int EXAMPLES = Examples.count(25);

    /** The model booted with other per-CPU random values: a legitimate ULE whose random choices differ. */
    static final class ReseededModel implements SchedulerUnderTest {
        private Machine machine;

        @Override
        public String name() {
            return "reseeded model";
        }

        @Override
        public void boot(Topology topology) {
            Machine m = Machine.boot(MachineConfig.of(topology));
            for (int c = 0; c < m.cpuCount(); c++) {
                CpuState.Builder b = m.cpu(c).edit();
                b.randomval = 0x7A3B_91C5 * (c + 7);
                m = m.withCpu(b.build());
            }
            machine = m;
        }

        @Override
        public Observation apply(Event event) {
            StepResult r = Scheduler.step(machine, event);
            machine = r.state();
            return Observation.of(r);
        }
    }

    /** The model, reporting no migrations: a wrong adapter. */
    static final class SilentMigrations implements SchedulerUnderTest {
        private final ModelScheduler model = new ModelScheduler();

        @Override
        public String name() {
            return "model without migrations";
        }

        @Override
        public void boot(Topology topology) {
            model.boot(topology);
        }

        @Override
        public Observation apply(Event event) {
            return new Observation(model.apply(event).placements(), List.of());
        }
    }

    static List<Observation> observe(SchedulerUnderTest sut, Scenario s) {
        List<Observation> out = new ArrayList<>();
        sut.boot(Topology.parse(s.topology()));
        for (Event e : s.events()) {
            try {
                out.add(sut.apply(e));
            } catch (IllegalEventException refused) {
                out.add(null); // its different random choices made a later event of the reference run impossible
                break;
            }
        }
        return out;
    }

    /** A ULE with different random values conforms, although its decisions really differ from the reference run's. */
    @Test
    void otherRandomChoicesOfUleAreAccepted() {
        int[] differing = {0};
        PropertyRunner.check(Scenario.of(Topologies.smpSpecs(16), EventMix.MIXED, 40), EXAMPLES, s -> {
            Mismatch m = Conformance.firstMismatch(new ReseededModel(), s);
            if (m != null) {
                throw new ConformanceFailure(m);
            }
            if (!observe(new ReseededModel(), s).equals(observe(new ModelScheduler(), s))) {
                differing[0]++;
            }
        });
        // the tolerance for random choices was really exercised, not vacuously passed
        assertThat(differing[0]).isGreaterThan(0);
    }

    /** Planted bug: an adapter that hides migrations is rejected with a MIGRATION disagreement. */
    @Test
    void hiddenMigrationsAreRejected() {
        Optional<Falsified<Scenario>> f = PropertyRunner.falsify(Scenario.of(Topologies.smpSpecs(8), EventMix.OFFLINE_CHURN, 40),
                EXAMPLES, s -> {
                    Mismatch m = Conformance.firstMismatch(new SilentMigrations(), s);
                    if (m != null) {
                        throw new ConformanceFailure(m);
                    }
                });
        assertThat(f).isPresent();
        Mismatch m = ((ConformanceFailure) f.get().cause()).mismatch();
        assertThat(m.kind()).isEqualTo(Mismatch.Kind.MIGRATION);
        assertThat(m.why()).contains("the model migrated [thread");
    }
}
