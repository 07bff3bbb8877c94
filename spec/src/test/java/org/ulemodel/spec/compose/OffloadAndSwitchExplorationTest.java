// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.model.EventKind;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.spec.EventText;
import org.ulemodel.spec.Invariant;
import org.ulemodel.spec.explore.BugVariant;
import org.ulemodel.spec.explore.ExploreConfig;
import org.ulemodel.spec.explore.ExploreResult;
import org.ulemodel.spec.explore.Explorer;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.explore.ModelSpecs;
import org.ulemodel.spec.explore.Move;
import org.ulemodel.spec.explore.Replayer;
import org.ulemodel.spec.explore.ThreadSpec;

/**
 * Offloaded CPUs and run-time policy replacement under the explorer: offload and return race
 * wakeups, idle steals, IPIs and stathz ticks (balancing), switches happen at every point of small
 * runs, every invariant holds on the correct models, and each planted bug is caught by the
 * invariant meant for it with a counterexample that replays.
 */
class OffloadAndSwitchExplorationTest {
    /** Wakeups, idle steals, IPIs and stathz ticks (CPU 0 balances on them), racing offload, return and switch. */
    static final List<Move> RACING = List.of(Move.STAT, Move.BLOCK, Move.WAKE, Move.IDLE, Move.IPI, Move.OFFLOAD, Move.RETURN, Move.SWITCH);

    static ExploreResult explore(ModelSpec<?> spec, int depth, List<Move> moves, BugVariant<?> bug) {
        return new Explorer(ExploreConfig.defaults().withSpec(spec).withDepth(depth).withMoves(moves).withBug(bug), null).run();
    }

    @Test
    void composedIdsNameComposedSpecs() {
        ModelSpec<?> off = ModelSpecs.named("offload:ule14");
        assertThat(off.model().id()).isEqualTo("offload:ule14");
        assertThat(off.invariants()).extracting(Invariant::id).endsWith("OFFLOAD_EXCLUSIVE", "SERVICE_HOLDS", "RETURN_RESTORES")
                .contains("CONSERVE", "RUNQ", "PREEMPT");
        assertThat(off.pathProperties(-1)).hasSameSizeAs(ModelSpecs.ule14().pathProperties(-1));
        ModelSpec<?> sw = ModelSpecs.named("switch:ule14,ule15,o1");
        assertThat(sw.invariants()).extracting(Invariant::id).startsWith("CONSERVE", "AFFINITY", "PICK_COST").contains("SWITCH_CARRIES",
                "RUNQ", "O1_BITMAP");
        assertThat(ModelSpecs.named("offload:switch:ule14,o1").model().id()).isEqualTo("offload:switch:ule14,o1");
        assertThatThrownBy(() -> ModelSpecs.named("switch:ule14,nope")).hasMessageContaining("unknown model 'nope'");
    }

    /** Plain models list no offload, return or switch events, so every existing exploration is unchanged. */
    @Test
    void plainModelsOfferNoNewEvents() {
        var m = Ule14Model.DEFAULT.step(Ule14Model.DEFAULT.boot(Topology.parse("2")), Event.Create.timeshare(0)).state();
        for (EventKind k : List.of(EventKind.OFFLOAD, EventKind.RETURN, EventKind.SWITCH)) {
            List<Event> out = new ArrayList<>();
            Ule14Model.DEFAULT.enabledEvents(m, k, out);
            assertThat(out).as(k.name()).isEmpty();
        }
        assertThatThrownBy(() -> Ule14Model.DEFAULT.step(m, new Event.Offload(1, 0, "nic"))).isInstanceOf(IllegalEventException.class);
        assertThatThrownBy(() -> Ule14Model.DEFAULT.step(m, new Event.SwitchPolicy("o1"))).isInstanceOf(IllegalEventException.class);
    }

    /**
     * ULE 14 with offloaded CPUs, 2 CPUs, 3 threads, depth 6: the offload and return moves add
     * states to the plain exploration (6,845 states and 8,380 transitions against 3,898 and 4,809
     * without them), and every invariant holds on all of them.
     */
    @Test
    void offloadRacingWakeupsAndBalancingExploresCleanly() {
        ExploreResult with = explore(ModelSpecs.named("offload:ule14"), 6, RACING, null);
        assertThat(with.outcome()).as(String.valueOf(with.violation())).isEqualTo(ExploreResult.Outcome.COMPLETE);
        ExploreResult without = explore(ModelSpecs.ule14(), 6, RACING, null);
        assertThat(without.outcome()).isEqualTo(ExploreResult.Outcome.COMPLETE);
        assertThat(List.of(with.states(), with.transitions(), without.states(), without.transitions()))
                .containsExactly(6_845L, 8_380L, 3_898L, 4_809L);
        ExploreResult o1 = explore(ModelSpecs.named("offload:o1"), 6, RACING, null);
        assertThat(o1.outcome()).isEqualTo(ExploreResult.Outcome.COMPLETE);
        assertThat(List.of(o1.states(), o1.transitions())).containsExactly(1_112L, 1_799L);
    }

    /** Every move, a realtime thread among timeshare ones, 2 and 3 CPUs: offload beside offline, binding, exits. */
    @Test
    void everyMoveWithOffloadExploresCleanly() {
        for (String id : List.of("offload:ule14", "offload:o1", "switch:ule14,ule15,o1", "offload:switch:ule14,o1")) {
            for (String topo : List.of("2", "3")) {
                ExploreConfig cfg = ExploreConfig.defaults().withSpec(ModelSpecs.named(id)).withTopology(topo)
                        .withDepth(topo.equals("2") ? 5 : 4).withMoves(List.of(Move.values()))
                        .withThreads(List.of(ThreadSpec.parse("timeshare:5"), ThreadSpec.parse("realtime:60"), ThreadSpec.timeshare()));
                ExploreResult r = new Explorer(cfg, null).run();
                assertThat(r.outcome()).as(id + " on " + topo + ": " + r.violation()).isEqualTo(ExploreResult.Outcome.COMPLETE);
            }
        }
    }

    /**
     * Switches at every point of small runs: ULE 14, ULE 15 and O(1) on 2 CPUs with 3 threads, any
     * switch at any depth up to 6 among wakeups, blocks, steals, IPIs and stathz ticks.
     */
    @Test
    void switchesAtEveryPointExploreCleanly() {
        ExploreResult r = explore(ModelSpecs.named("switch:ule14,ule15,o1"), 6, RACING, null);
        assertThat(r.outcome()).as(String.valueOf(r.violation())).isEqualTo(ExploreResult.Outcome.COMPLETE);
        assertThat(List.of(r.states(), r.transitions())).containsExactly(8_443L, 15_190L);
        ExploreResult both = explore(ModelSpecs.named("offload:switch:ule14,o1"), 6, RACING, null);
        assertThat(both.outcome()).as(String.valueOf(both.violation())).isEqualTo(ExploreResult.Outcome.COMPLETE);
        assertThat(List.of(both.states(), both.transitions())).containsExactly(9_286L, 14_329L);
    }

    /** The first violation under each planted bug, and its counterexample replaying to the same violation. */
    static List<String> caught(ModelSpec<?> spec) {
        List<String> out = new ArrayList<>();
        for (BugVariant<?> bug : spec.bugs()) {
            ExploreResult r = explore(spec, 6, RACING, bug);
            assertThat(r.outcome()).as(bug.name()).isEqualTo(ExploreResult.Outcome.VIOLATION);
            EventText.Scenario cx = EventText.parseAll(r.counterexampleText(), "cx");
            assertThat(cx.model()).isEqualTo(spec.model().id());
            assertThat(Replayer.replay(cx, spec.variant(bug), -1, null).violation()).isEqualTo(r.violation());
            assertThat(Replayer.replay(cx, spec, -1, null).violation()).isNull();
            out.add(bug.name() + ": " + r.violation());
        }
        return out;
    }

    @Test
    void eachOffloadBugIsCaughtByItsInvariant() {
        assertThat(caught(ModelSpecs.named("offload:ule14"))).containsExactly(
                "OFFLOAD_KEEPS_SCHEDULING: OFFLOAD_EXCLUSIVE violated after step 4 (offload cpu=1 on=0 service=svc): "
                        + "CPU 1 is offloaded to svc but online to the scheduler",
                "SERVICE_CHARGED_LATE: SERVICE_HOLDS violated after step 5 (tick): CPU 1 (offloaded to svc at tick 0) has 0 service "
                        + "ticks at tick 1, expected 1",
                "RETURN_KEEPS_OFFLINE: RETURN_RESTORES violated after step 5 (return cpu=1): CPU 1 was returned by svc but is still "
                        + "offline to the scheduler");
    }

    @Test
    void eachSwitchBugIsCaughtByItsInvariant() {
        assertThat(caught(ModelSpecs.named("switch:ule14,ule15,o1"))).containsExactly(
                "SWITCH_REQUEUES_RUNNING: SWITCH_CARRIES violated after step 4 (switch model=ule15): the switch changed thread 0 from "
                        + "RUNNING on CPU 0, cpuset {0-1}, parent -1 to QUEUED on CPU 0, cpuset {0-1}, parent -1",
                "SWITCH_FORGETS_QUEUED: SWITCH_CARRIES violated after step 4 (switch model=ule15): the switch changed thread 1 from "
                        + "QUEUED on CPU 1, cpuset {0-1}, parent -1 to SLEEPING on CPU 1, cpuset {0-1}, parent -1");
    }

    @Test
    void theNewEventsHaveATextForm() {
        List<Event> events = List.of(new Event.Offload(3, 0, "nic-poll"), new Event.Return(3), new Event.SwitchPolicy("o1"));
        String text = EventText.formatAll("offload:switch:ule14,o1", "4", events);
        assertThat(text).isEqualTo("model offload:switch:ule14,o1\ntopology 4\noffload cpu=3 on=0 service=nic-poll\nreturn cpu=3\n"
                + "switch model=o1\n");
        assertThat(EventText.parseAll(text, "t").events()).isEqualTo(events);
    }

    @Test
    void offloadRefusals() {
        var spec = ModelSpecs.named("offload:ule14");
        @SuppressWarnings("unchecked")
        var model = (org.ulemodel.core.model.SchedulerModel<org.ulemodel.core.model.SchedulerState>) spec.model();
        var s = model.step(model.boot(Topology.parse("2")), new Event.Offload(1, 0, "nic")).state();
        assertThat(s.service(1)).isEqualTo("nic");
        assertThat(s.online(1)).isFalse();
        assertThatThrownBy(() -> model.step(s, new Event.CpuOnline(1))).hasMessage("online: CPU 1 is offloaded to nic; return it instead");
        assertThatThrownBy(() -> model.step(s, new Event.Offload(1, 0, "nic"))).hasMessage("offload: CPU 1 is already offloaded to nic");
        assertThatThrownBy(() -> model.step(s, new Event.Return(0))).hasMessage("return: CPU 0 is not offloaded");
        var t = model.step(model.step(s, new Event.Tick()).state(), new Event.Tick()).state();
        assertThat(t.serviceTicks(1)).isEqualTo(2);
        assertThat(model.step(t, new Event.Return(1)).state().online(1)).isTrue();
    }
}
