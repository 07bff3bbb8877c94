// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.CpuState;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.spec.EventText;

/**
 * The migration hook as an adversary: the explorer tries every answer at every question, the
 * safety invariants hold whatever the hook says, a bug only a refusal shows is caught, and the
 * deliberately bad hook (never migrate) breaks WORK_CONSERVING with a shortest, replayable
 * counterexample.
 */
class HookAdversaryTest {
    private static final List<ThreadSpec> ON_CPU0 = List.of(ThreadSpec.parse("timeshare:0:0"), ThreadSpec.parse("timeshare:0:0"),
            ThreadSpec.parse("timeshare:0:0"));
    /** Threads created confined to CPU 0, then two cpusets widened: two stealable threads queued on CPU 0, CPU 1 idle. */
    private static final List<Event> WIDEN = EventText.parseAll("cpuset tid=1 cpus=0-1 on=0\ncpuset tid=2 cpus=0-1 on=0\n", "setup").events();

    private static Machine widened() {
        Machine m = Ule14Model.DEFAULT.boot(Topology.parse("2"));
        for (ThreadSpec t : ON_CPU0) {
            m = Ule14Model.DEFAULT.step(m, t.create()).state();
        }
        for (Event e : WIDEN) {
            m = Ule14Model.DEFAULT.step(m, e).state();
        }
        return m;
    }

    /**
     * An idle CPU's steal attempt with two stealable threads: yes to the first question steals it;
     * no then yes steals the second; no twice leaves the CPU idle. Three outcomes, the first the
     * model's own step, and each keeps the state's own hook.
     */
    @Test
    void everyAnswerAtEveryQuestionIsAnOutcome() {
        Machine m = widened();
        Event idle = new Event.IdleLoop(1);
        List<ModelStep<Machine>> out = HookAdversary.INSTANCE.outcomes(Ule14Model.DEFAULT, m, idle);
        assertThat(out).hasSize(3);
        assertThat(out.get(0).state()).isEqualTo(Ule14Model.DEFAULT.step(m, idle).state());
        assertThat(out).extracting(r -> r.state().cpu(1).curthread()).containsExactlyInAnyOrder(1, 2, CpuState.IDLE);
        assertThat(out).allMatch(r -> r.state().config().equals(m.config()));
        // without a question there is exactly one outcome, the model's step
        Event tick = new Event.Tick();
        assertThat(HookAdversary.INSTANCE.outcomes(Ule14Model.DEFAULT, m, tick)).hasSize(1);
    }

    /** Two CPUs, three threads, the default moves plus cpuset-binding and offlining: no invariant breaks, whatever the hook answers. */
    @Test
    void safetyInvariantsHoldForEveryAnswer() {
        ModelSpec<Machine> adversarial = HookAdversary.safetyOnly(ModelSpecs.ule14());
        ExploreConfig cfg = ExploreConfig.defaults().withSpec(adversarial).withDepth(6)
                .withMoves(List.of(Move.STAT, Move.BLOCK, Move.WAKE, Move.YIELD, Move.IDLE, Move.IPI, Move.BIND, Move.OFFLINE, Move.ONLINE));
        ExploreResult r = new Explorer(cfg, null).run();
        assertThat(r.outcome()).as(String.valueOf(r.violation())).isEqualTo(ExploreResult.Outcome.COMPLETE);
        ExploreResult plain = new Explorer(cfg.withSpec(ModelSpecs.ule14().withoutPathProperties()), null).run();
        assertThat(plain.outcome()).isEqualTo(ExploreResult.Outcome.COMPLETE);
        // the adversary reaches states ULE alone never does (threads left where a steal or balance would have moved them)
        assertThat(r.states()).isGreaterThan(plain.states());
        ExploreResult stolen = new Explorer(cfg.withThreads(ON_CPU0).withPrefix(WIDEN).withDepth(5), null).run();
        assertThat(stolen.outcome()).as(String.valueOf(stolen.violation())).isEqualTo(ExploreResult.Outcome.COMPLETE);
    }

    /**
     * {@link PlantedBugs#REFUSED_STEAL_DROPS_LOAD}, a bug only a refused migration shows, passes the
     * explorer with ULE's own answers and is caught (COUNTERS) as soon as the hook is an
     * adversary: the adversarial exploration bites.
     */
    @Test
    void aBugOnlyARefusalShowsIsCaughtByTheAdversary() {
        PlantedBug bug = PlantedBugs.REFUSED_STEAL_DROPS_LOAD;
        ModelSpec<Machine> spec = ModelSpecs.ule14().withoutPathProperties().withBugs(List.of(bug));
        ExploreConfig cfg = ExploreConfig.defaults().withSpec(spec).withThreads(ON_CPU0).withPrefix(WIDEN).withDepth(4).withBug(bug);
        assertThat(new Explorer(cfg, null).run().outcome()).isEqualTo(ExploreResult.Outcome.COMPLETE);
        ExploreResult r = new Explorer(cfg.withSpec(spec.withBranching(HookAdversary.INSTANCE)), null).run();
        assertThat(r.outcome()).isEqualTo(ExploreResult.Outcome.VIOLATION);
        assertThat(r.violation().invariant()).isEqualTo("COUNTERS");
        assertThat(PlantedBugs.all()).doesNotContain(bug);
    }

    /**
     * The deliberately bad model: a hook that never lets a thread move. Its shortest counterexample
     * (printed, as {@code ulemodel explore --bug MIGRATION_HOOK_NEVER} prints it) breaks
     * WORK_CONSERVING at the first idle loop, and replays to the same violation.
     */
    @Test
    void neverMigrateBreaksWorkConservingWithAShortestCounterexample() {
        ExploreConfig cfg = ExploreConfig.defaults().withThreads(ON_CPU0).withPrefix(WIDEN).withDepth(4)
                .withBug(PlantedBugs.MIGRATION_HOOK_NEVER);
        ExploreResult r = new Explorer(cfg, null).run();
        System.out.println(r.counterexampleText());
        System.out.println(r.violation());
        assertThat(r.violation().invariant()).isEqualTo("WORK_CONSERVING");
        assertThat(r.counterexampleText()).endsWith("idle cpu=1\n");
        Replayer.Result replay = Replayer.replay(EventText.parseAll(r.counterexampleText(), "cx"), PlantedBugs.MIGRATION_HOOK_NEVER,
                -1, null);
        assertThat(replay.violation()).isEqualTo(r.violation());
    }
}
