// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.Scheduler;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.model.EventKind;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.spec.Invariant;
import org.ulemodel.spec.PathProperties;
import org.ulemodel.spec.PathProperty;
import org.ulemodel.spec.UleInvariants;
import org.ulemodel.spec.WaitMonitor;

/** ULE 14's spec is today's checking, and planted bugs are models that differ from ULE 14 only in their steps. */
class ModelSpecsTest {
    private static List<String> ids(List<? extends Invariant<?>> invariants) {
        List<String> out = new ArrayList<>();
        invariants.forEach(i -> out.add(i.id()));
        return out;
    }

    @Test
    void ule14IsTheModelWithEveryUleCheckInOrder() {
        ModelSpec<Machine> spec = ModelSpecs.ule14();
        assertThat(spec.model()).isSameAs(Ule14Model.DEFAULT);
        assertThat(spec.invariants()).containsExactlyElementsOf(UleInvariants.all());
        assertThat(ids(spec.invariants())).containsExactly("CONSERVE", "RUNQ", "COUNTERS", "CALENDAR", "AFFINITY", "RANGES",
                "PICK_COST", "PREEMPT");
        assertThat(spec.pathProperties(-1)).containsExactly(PathProperties.BOUNDED_WAIT, PathProperties.WORK_CONSERVING);
        List<PathProperty<? super Machine>> bounded = spec.pathProperties(40);
        assertThat(bounded.get(0).id()).isEqualTo("BOUNDED_WAIT");
        assertThat(bounded.get(0).statement()).contains("within 40 stathz ticks");
        assertThat(spec.waits()).isSameAs(PathProperties.BATCH_WAITS);
        assertThat(spec.bugs()).containsExactlyElementsOf(PlantedBugs.all());
        assertThat(spec.bug("stale_lowpri")).isSameAs(PlantedBugs.STALE_LOWPRI);
        assertThat(spec.bug("NO_SUCH_BUG")).isNull();
    }

    @Test
    void ule14sClockIsStathz() {
        Machine m = ModelSpecs.ule14().model().boot(Topology.parse("1"));
        for (int i = 0; i < 40; i++) {
            assertThat(ModelSpecs.ule14().clock(m)).isEqualTo(Scheduler.statTicks(m));
            m = Scheduler.step(m, new Event.Tick()).state();
        }
        assertThat(ModelSpecs.ule14().clock(m)).isPositive();
    }

    /** A bug variant boots, enumerates and encodes as ULE 14 does; only its steps differ, and only where the bug shows. */
    @Test
    void aPlantedBugIsUle14DecoratedOnlyInItsSteps() {
        PlantedBug bug = PlantedBugs.LOAD_NOT_DECREMENTED_ON_SLEEP;
        assertThat(bug.id()).isEqualTo("ule14+LOAD_NOT_DECREMENTED_ON_SLEEP");
        Topology topo = Topology.parse("2");
        Machine m = bug.boot(topo);
        assertThat(m).isEqualTo(Ule14Model.DEFAULT.boot(topo));
        m = bug.step(m, Event.Create.timeshare(0)).state();
        assertThat(m).isEqualTo(Ule14Model.DEFAULT.step(Ule14Model.DEFAULT.boot(topo), Event.Create.timeshare(0)).state());
        List<Event> a = new ArrayList<>();
        List<Event> b = new ArrayList<>();
        for (EventKind k : EventKind.values()) {
            bug.enabledEvents(m, k, a);
            Ule14Model.DEFAULT.enabledEvents(m, k, b);
        }
        assertThat(a).isEqualTo(b);
        assertThat(bug.threadSymmetric(m)).isEqualTo(Ule14Model.DEFAULT.threadSymmetric(m));
        Event block = new Event.Block(0, 0);
        assertThat(bug.step(m, block).state().cpu(0).load()).isEqualTo(Ule14Model.DEFAULT.step(m, block).state().cpu(0).load() + 1);
    }

    @Test
    void aConfigurationOnlyTakesItsOwnSpecsBugs() {
        BugVariant<Machine> foreign = BugVariant.decorating("FOREIGN", "not in the catalogue", Ule14Model.DEFAULT, (b, e, r) -> r);
        assertThatThrownBy(() -> ExploreConfig.defaults().withBug(foreign)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FOREIGN is not a variant of model ule14");
        ModelSpec<Machine> withForeign = ModelSpecs.ule14().withBugs(List.of(foreign));
        assertThat(ExploreConfig.defaults().withSpec(withForeign).withBug(foreign).checked().model()).isSameAs(foreign);
        assertThat(ExploreConfig.defaults().checked()).isSameAs(ModelSpecs.ule14());
    }

    /** A spec without a monitor rule keeps the one empty monitor, which never changes. */
    @Test
    void aSpecWithoutPathPropertiesKeepsTheEmptyMonitor() {
        ModelSpec<Machine> plain = ModelSpec.generic(Ule14Model.DEFAULT);
        Machine m = plain.model().boot(Topology.parse("1"));
        WaitMonitor mon = plain.initialMonitor(m);
        assertThat(mon).isSameAs(WaitMonitor.empty());
        assertThat(plain.nextMonitor(mon, m, plain.model().step(m, Event.Create.timeshare(0)))).isSameAs(mon);
        assertThat(plain.clock(m)).isEqualTo(m.elapsed());
        assertThat(plain.pathProperties(-1)).isEmpty();
    }
}
