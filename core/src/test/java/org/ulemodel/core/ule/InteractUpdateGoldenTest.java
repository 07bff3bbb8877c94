// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.golden.GoldenTable;

/**
 * Every row of golden/interact_update.csv: single sched_interact_update steps, sched_interact_fork
 * scaling, and the named sequences. Ops: {@code update} = sched_interact_update;
 * {@code fork} = sched_interact_fork; {@code run_tick} = one stathz tick of a timeshare thread
 * (runtime += tickincr, then update; sched_clock); {@code sleepN} = a wakeup after N hz ticks of
 * sleep (slptime += N &lt;&lt; 10, then update; sched_wakeup); {@code add_child_runtime} = the
 * parent absorbing an exiting child's runtime (runtime += child, then update; sched_exit_thread).
 */
class InteractUpdateGoldenTest {

    /**
     * The exiting child's ts_runtime per exit_absorb_child seq. The CSV does not carry it; these
     * are 2000, 5000 and 10000 hz ticks (&lt;&lt; 10). Rows 186 and 189 determine the value to
     * within rounding; row 192 only needs more than 6,140,000 (sum above 2·SLP_RUN_MAX).
     */
    private static final Map<Integer, Integer> CHILD_RUNTIME = Map.of(
            186, 2000 << 10,
            189, 5000 << 10,
            192, 10000 << 10);

    @Test
    void everyStepMatches() {
        List<GoldenTable.Row> rows = GoldenTable.load("interact_update.csv").rows();
        GoldenTable.Verdict v = new GoldenTable.Verdict("interact_update.csv");
        Map<String, History> lastAfterBySeq = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (GoldenTable.Row row : rows) {
            SchedParams p = SchedParams.initticks(row.i("hz"), 127);
            int rb = Integer.parseUnsignedInt(row.get("runtime_before"));
            int sb = Integer.parseUnsignedInt(row.get("slptime_before"));
            String op = row.get("op");
            History after;
            if (op.equals("update")) {
                after = Interactivity.update(rb, sb, p.slpRunMax());
            } else if (op.equals("fork")) {
                after = Interactivity.fork(rb, sb, p.slpRunFork());
            } else if (op.equals("run_tick")) {
                after = Interactivity.addRuntime(rb, sb, p.tickincr(), p.slpRunMax());
            } else if (op.startsWith("sleep")) {
                after = Interactivity.addSleep(rb, sb, Integer.parseInt(op.substring("sleep".length())), p.slpRunMax());
            } else if (op.equals("add_child_runtime")) {
                Integer child = CHILD_RUNTIME.get(row.i("seq"));
                assertThat(child).as("child runtime known for %s", row.where()).isNotNull();
                after = Interactivity.addRuntime(rb, sb, child, p.slpRunMax());
            } else {
                throw new AssertionError(row.where() + ": unknown op " + op);
            }
            GoldenTable.Check check = row.check()
                    .col("runtime_after", Integer.toUnsignedString(after.runtime()))
                    .col("slptime_after", Integer.toUnsignedString(after.slptime()))
                    .col("score_after", Interactivity.score(after.runtime(), after.slptime(), p.interactThresh()));
            // A sequence step must start where the previous step of the same seq ended.
            String seqKey = row.get("kind") + "/" + row.get("seq");
            History previous = lastAfterBySeq.get(seqKey);
            if (previous != null) {
                check.col("runtime_before", Integer.toUnsignedString(previous.runtime()))
                        .col("slptime_before", Integer.toUnsignedString(previous.slptime()));
            }
            lastAfterBySeq.put(seqKey, after);
            counts.merge(op.startsWith("sleep") ? "sleep" : op, 1, Integer::sum);
            v.add(check);
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(1564);
        assertThat(counts).containsEntry("update", 45).containsEntry("fork", 15).containsEntry("run_tick", 1500)
                .containsEntry("sleep", 1).containsEntry("add_child_runtime", 3);
    }
}
