// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.CpuState;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.machine.Scheduler;
import org.ulemodel.core.machine.StepResult;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.properties.Examples;
import org.ulemodel.properties.Falsified;
import org.ulemodel.properties.PropertyRunner;
import org.ulemodel.properties.gen.EventMix;
import org.ulemodel.properties.gen.Scenario;
import org.ulemodel.properties.gen.Topologies;
import org.ulemodel.trace.Oracle;

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
        private final ModelScheduler<Machine> model = ModelScheduler.ule14();

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
            if (!observe(new ReseededModel(), s).equals(observe(ModelScheduler.ule14(), s))) {
                differing[0]++;
            }
        });
        // the tolerance for random choices was really exercised, not vacuously passed
        assertThat(differing[0]).isGreaterThan(0);
    }

    /**
     * A fixed event list comes from the implementation's own run, so it may follow a choice the
     * observations hide. Four threads each run alone on one of four CPUs; when CPU 0's tick runs
     * the balancer, cpu_search_highest breaks the tie between the equally loaded CPUs with its
     * jitter and asks that CPU's thread to re-pick, with an AST IPI that moves no thread. A ULE
     * booted with other random states asks another CPU than the kit's first kept state did, and
     * the list goes on with the delivery of its IPI: an event that state cannot take, but another
     * state the kit keeps (same observations, another random choice) can. The run
     * conforms. (Before the kit shared {@code check}'s oracle it stepped only its first state here
     * and threw the model's IllegalEventException.)
     */
    @Test
    void aFixedListMayFollowAHiddenChoice() {
        for (int seed = 1; seed < 64; seed++) {
            Machine sut = Machine.boot(MachineConfig.of(Topology.parse("4")));
            for (int c = 0; c < 4; c++) {
                CpuState.Builder b = sut.cpu(c).edit();
                b.randomval = seed * 0x9E37_79B9 + c;
                sut = sut.withCpu(b.build());
            }
            Machine booted = sut;
            List<Event> events = new ArrayList<>();
            int asked = -1;
            for (int i = 0; i < 4; i++) {
                Event create = new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.firstN(4), 0);
                events.add(create);
                sut = Scheduler.step(sut, create).state();
                for (int c = 0; c < 4; c++) {
                    if (sut.cpu(c).ipiPending()) {
                        events.add(new Event.DeliverIpi(c));
                        sut = Scheduler.step(sut, new Event.DeliverIpi(c)).state();
                    }
                }
            }
            while (asked < 0 && events.size() < 5000) {
                StepResult r = Scheduler.step(sut, new Event.Tick());
                events.add(new Event.Tick());
                sut = r.state();
                for (Decision d : r.decisions()) {
                    if (d instanceof Decision.RepickRequest && ((Decision.RepickRequest) d).cpu() != 0) {
                        asked = ((Decision.RepickRequest) d).cpu();
                    }
                }
            }
            assertThat(asked).as("the balancer ran (first after 1,000 hz ticks) and asked a CPU other than 0").isPositive();
            events.add(new Event.DeliverIpi(asked));
            // what the kit's oracle keeps just before the delivery: is the asked CPU's IPI hidden?
            Oracle<Machine> oracle = new Oracle<>(Ule14Model.DEFAULT, Machine.boot(MachineConfig.of(Topology.parse("4"))));
            Machine replay = booted;
            for (Event e : events.subList(0, events.size() - 1)) {
                StepResult r = Scheduler.step(replay, e);
                replay = r.state();
                assertThat(oracle.judge(e, Observation.PROJECTION, Observation.of(r)).conforms()).isTrue();
            }
            int cpu = asked;
            if (oracle.state().cpu(asked).ipiPending()) {
                continue; // the first kept state made the same choice
            }
            assertThat(oracle.states()).anyMatch(m -> m.cpu(cpu).ipiPending());
            Machine start = booted;
            SchedulerUnderTest reseeded = new SchedulerUnderTest() {
                private Machine state;

                @Override
                public String name() {
                    return "reseeded model";
                }

                @Override
                public void boot(Topology topology) {
                    state = start;
                }

                @Override
                public Observation apply(Event event) {
                    StepResult r = Scheduler.step(state, event);
                    state = r.state();
                    return Observation.of(r);
                }
            };
            assertThat(Conformance.firstMismatch(reseeded, "4", events)).isNull();
            return;
        }
        throw new AssertionError("no seed made the balancer ask another CPU than the kit's first kept state");
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
