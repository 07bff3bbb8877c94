// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.Ule15Model;
import org.ulemodel.spec.EventText;
import org.ulemodel.spec.PathProperties;
import org.ulemodel.spec.ule15.Ule15Provider;

/** Each planted bug is caught by the explorer, by the check named here, and the same configuration without the bug passes. */
class PlantedBugsTest {
    private static final List<ThreadSpec> THREE = List.of(ThreadSpec.timeshare(), ThreadSpec.timeshare(), ThreadSpec.timeshare());

    static ExploreConfig base(int depth) {
        return ExploreConfig.defaults().withDepth(depth);
    }

    /** The configuration that exposes each bug and the check expected to catch it. */
    static Map<PlantedBug, Object[]> cases() {
        List<Move> withBind = List.of(Move.STAT, Move.BLOCK, Move.WAKE, Move.YIELD, Move.IDLE, Move.IPI, Move.BIND);
        // threads start confined to CPU 0; widening two cpusets leaves them queued there, stealable by idle CPU 1
        List<ThreadSpec> onCpu0 = List.of(ThreadSpec.parse("timeshare:0:0"), ThreadSpec.parse("timeshare:0:0"), ThreadSpec.parse("timeshare:0:0"));
        List<Event> widen = EventText.parseAll("cpuset tid=1 cpus=0-1 on=0\ncpuset tid=2 cpus=0-1 on=0\n", "setup").events();
        List<Event> sliceSetup = EventText.parseAll("block cpu=0\ntick 16\nwake tid=0 on=0\n", "setup").events();
        return Map.ofEntries(
                Map.entry(PlantedBugs.LOAD_NOT_DECREMENTED_ON_SLEEP, new Object[] {base(4), "COUNTERS"}),
                Map.entry(PlantedBugs.DEQUEUE_FORGOTTEN, new Object[] {base(4), "CONSERVE"}),
                Map.entry(PlantedBugs.PINNED_THREAD_STOLEN, new Object[] {base(6).withMoves(withBind), "AFFINITY"}),
                Map.entry(PlantedBugs.CPUSET_IGNORED_BY_STEAL, new Object[] {base(5).withThreads(onCpu0), "AFFINITY"}),
                Map.entry(PlantedBugs.CALENDAR_OFF_BY_ONE, new Object[] {base(4), "CALENDAR"}),
                Map.entry(PlantedBugs.PREEMPTED_AT_TAIL, new Object[] {base(6).withTopology("1").withThreads(List.of(ThreadSpec.timeshare(),
                        ThreadSpec.timeshare(), ThreadSpec.parse("realtime"))), "PREEMPT"}),
                Map.entry(PlantedBugs.HISTORY_NEVER_DECAYED, new Object[] {base(700).withTopology("1").withThreads(List.of(ThreadSpec.timeshare()))
                        .withMoves(List.of(Move.STAT)), "RANGES"}),
                Map.entry(PlantedBugs.STALE_LOWPRI, new Object[] {base(4), "COUNTERS"}),
                Map.entry(PlantedBugs.OFFLINE_CPU_PICKED, new Object[] {base(6).withMoves(List.of(Move.STAT, Move.BLOCK, Move.WAKE, Move.IDLE,
                        Move.IPI, Move.OFFLINE)), "AFFINITY"}),
                Map.entry(PlantedBugs.TRANSFERABLE_COUNTS_PINNED, new Object[] {base(6).withMoves(withBind), "COUNTERS"}),
                Map.entry(PlantedBugs.IDLE_NEVER_STEALS, new Object[] {base(4).withThreads(onCpu0).withPrefix(widen), "WORK_CONSERVING"}),
                Map.entry(PlantedBugs.MIGRATION_HOOK_NEVER, new Object[] {base(4).withThreads(onCpu0).withPrefix(widen), "WORK_CONSERVING"}),
                Map.entry(PlantedBugs.PREEMPT_IPI_LOST, new Object[] {base(5), "PREEMPT"}),
                Map.entry(PlantedBugs.SLICE_NEVER_ENDS, new Object[] {base(120).withTopology("1").withThreads(List.of(ThreadSpec.timeshare(),
                        ThreadSpec.timeshare())).withPrefix(sliceSetup).withMoves(List.of(Move.STAT)), "BOUNDED_WAIT"}));
    }

    static Stream<Arguments> bugs() {
        return PlantedBugs.all().stream().map(b -> Arguments.of(b.name(), b));
    }

    /** Exploring the variant finds a violation of the expected check, and its counterexample replays to the same violation. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("bugs")
    void eachPlantedBugIsCaughtByItsCheck(String name, PlantedBug bug) {
        Object[] c = cases().get(bug);
        assertThat(c).as("a test configuration for " + name).isNotNull();
        ExploreConfig cfg = ((ExploreConfig) c[0]).withBug(bug);
        ExploreResult r = new Explorer(cfg, null).run();
        assertThat(r.outcome()).as(name + ": " + r.statistics()).isEqualTo(ExploreResult.Outcome.VIOLATION);
        assertThat(r.violation().invariant()).as(r.violation().toString()).isEqualTo(c[1]);
        if (bug == PlantedBugs.SLICE_NEVER_ENDS) {
            assertThat(r.violation().detail()).contains("calendar failed to serve it").doesNotContain(PathProperties.STARVATION);
        }
        Replayer.Result replay = Replayer.replay(EventText.parseAll(r.counterexampleText(), "cx"), bug, cfg.waitBound(), null);
        assertThat(replay.violation()).isEqualTo(r.violation());
    }

    static Stream<Arguments> layoutFreeOnUle15() {
        return PlantedBugs.layoutFree(Ule15Model.DEFAULT).stream().map(b -> Arguments.of(b.name(), b));
    }

    /**
     * ULE 14's layout-free planted bugs, planted in FreeBSD 15's model: the same configuration
     * exposes each, the same check catches it, the counterexample replays, and the configuration
     * is clean without the bug.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("layoutFreeOnUle15")
    void eachLayoutFreeBugIsCaughtByItsCheckOnUle15Too(String name, BugVariant<Machine> bug) {
        Object[] c = cases().get(PlantedBugs.named(name));
        ExploreConfig cfg = ((ExploreConfig) c[0]).withSpec(Ule15Provider.SPEC);
        assertThat(Ule15Provider.SPEC.bug(name)).as("ule15 lists " + name).isNotNull();
        assertThat(bug.id()).isEqualTo("ule15+" + name);
        ExploreResult r = new Explorer(cfg.withBug(Ule15Provider.SPEC.bug(name)), null).run();
        assertThat(r.outcome()).as(name + ": " + r.statistics()).isEqualTo(ExploreResult.Outcome.VIOLATION);
        assertThat(r.violation().invariant()).as(r.violation().toString()).isEqualTo(c[1]);
        assertThat(r.counterexampleText()).startsWith("model ule15\n");
        Replayer.Result replay = Replayer.replay(EventText.parseAll(r.counterexampleText(), "cx"),
                Ule15Provider.SPEC.variant(Ule15Provider.SPEC.bug(name)), cfg.waitBound(), null);
        assertThat(replay.violation()).isEqualTo(r.violation());
        assertThat(new Explorer(cfg, null).run().outcome()).as(name + " without the bug").isEqualTo(ExploreResult.Outcome.COMPLETE);
    }

    /** The configurations that expose the bugs are clean on the correct model: each catch is the bug's, not the configuration's. */
    @Test
    void theSameConfigurationsPassWithoutTheBug() {
        for (Map.Entry<PlantedBug, Object[]> e : cases().entrySet()) {
            ExploreResult r = new Explorer(((ExploreConfig) e.getValue()[0]).withBug(null), null).run();
            assertThat(r.outcome()).as(e.getKey().name() + " without the bug: " + r.violation()).isEqualTo(ExploreResult.Outcome.COMPLETE);
        }
    }
}
