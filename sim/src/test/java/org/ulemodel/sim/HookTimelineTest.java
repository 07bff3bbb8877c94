// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.MigrationHook;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.sim.rtapp.Workload;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.explore.ModelSpecs;
import org.ulemodel.trace.timeline.Timeline;

/**
 * The migration hook on the timeline: every step at which the hook refused moves that ULE allowed
 * is a mark on the CPU handling the event, and the HTML page draws those marks with their own
 * legend entry ({@link HtmlReport}, the page of {@code simulate --html}); under ULE's own hook there are none.
 */
class HookTimelineTest {
    /** Five hogs on 2x2 for 2 s: ULE's balancer and idle stealing want to move them. */
    private static Workload hogs() {
        List<Behavior> hogs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            hogs.add(Behavior.hog("hog" + i, 0));
        }
        return Behavior.workload("hogs", hogs, -1);
    }

    private static <S extends SchedulerState> Engine.Result<S> run(ModelSpec<S> spec) {
        return Engine.of(spec, Topology.parse("2x2"), hogs(), new Engine.Options(2_000_000, 1, true)).run();
    }

    private static List<Timeline.Mark> refusals(Engine.Result<?> r) {
        return r.timeline().marks().stream().filter(m -> m.kind() == Timeline.MarkKind.HOOK_REFUSED).toList();
    }

    @Test
    void refusedMovesAreMarkedAndDrawn() throws Exception {
        Engine.Result<?> never = run(HookedModel.of(ModelSpecs.ule14(), MigrationHook.NEVER, "never"));
        List<Timeline.Mark> marks = refusals(never);
        assertThat(marks).isNotEmpty();
        assertThat(marks).allSatisfy(m -> {
            assertThat(m.label()).startsWith("migration hook refused");
            assertThat(m.cpu()).isBetween(0, 3);
            assertThat(m.startNs()).isEqualTo(m.endNs());
        });
        StringWriter html = new StringWriter();
        HtmlReport.write(html, "hogs", "2x2", never);
        assertThat(html.toString()).contains("class=\"hook-refused\"", "the migration hook refused a move ULE allowed");

        Engine.Result<?> ule = run(ModelSpecs.ule14());
        assertThat(refusals(ule)).isEmpty();
        StringWriter plain = new StringWriter();
        HtmlReport.write(plain, "hogs", "2x2", ule);
        assertThat(plain.toString()).doesNotContain("the migration hook refused");
    }
}
