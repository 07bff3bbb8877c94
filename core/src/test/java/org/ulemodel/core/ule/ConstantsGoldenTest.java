// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.golden.GoldenTable;
import org.ulemodel.core.prio.Priorities;

/** Every V14 row of golden/constants.csv against {@link Priorities} and {@link SchedParams}. */
class ConstantsGoldenTest {

    /** The model's value for each golden constant name; hz-dependent names use SchedParams at hz 1000. */
    private static Map<String, Integer> modelConstants() {
        SchedParams p = SchedParams.initticks(1000, 127);
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("PRI_MIN_ITHD", Priorities.PRI_MIN_ITHD);
        m.put("PRI_MAX_ITHD", Priorities.PRI_MAX_ITHD);
        m.put("PRI_MIN_REALTIME", Priorities.PRI_MIN_REALTIME);
        m.put("PRI_MAX_REALTIME", Priorities.PRI_MAX_REALTIME);
        m.put("PRI_MIN_KERN", Priorities.PRI_MIN_KERN);
        m.put("PRI_MAX_KERN", Priorities.PRI_MAX_KERN);
        m.put("PRI_MIN_TIMESHARE", Priorities.PRI_MIN_TIMESHARE);
        m.put("PRI_MAX_TIMESHARE", Priorities.PRI_MAX_TIMESHARE);
        m.put("PRI_MIN_IDLE", Priorities.PRI_MIN_IDLE);
        m.put("PRI_MAX_IDLE", Priorities.PRI_MAX_IDLE);
        m.put("PRI_TIMESHARE_RANGE", Priorities.PRI_TIMESHARE_RANGE);
        m.put("SCHED_PRI_NRESV", Priorities.SCHED_PRI_NRESV);
        m.put("SCHED_PRI_NHALF", Priorities.SCHED_PRI_NHALF);
        m.put("PRI_INTERACT_RANGE", Priorities.PRI_INTERACT_RANGE);
        m.put("PRI_BATCH_RANGE", Priorities.PRI_BATCH_RANGE);
        m.put("PRI_MIN_INTERACT", Priorities.PRI_MIN_INTERACT);
        m.put("PRI_MAX_INTERACT", Priorities.PRI_MAX_INTERACT);
        m.put("PRI_MIN_BATCH", Priorities.PRI_MIN_BATCH);
        m.put("PRI_MAX_BATCH", Priorities.PRI_MAX_BATCH);
        m.put("SCHED_PRI_MIN", Priorities.SCHED_PRI_MIN);
        m.put("SCHED_PRI_MAX", Priorities.SCHED_PRI_MAX);
        m.put("SCHED_PRI_RANGE", Priorities.SCHED_PRI_RANGE);
        m.put("RQ_NQS", Priorities.RQ_NQS);
        m.put("RQ_PPQ", Priorities.RQ_PPQ);
        m.put("RQB_LEN(amd64)", Priorities.RQB_LEN);
        m.put("RQB_BPW(amd64)", Priorities.RQB_BPW);
        m.put("SCHED_TICK_SECS", Priorities.SCHED_TICK_SECS);
        m.put("SCHED_TICK_TARG(hz=1000)", p.tickTarg());
        m.put("SCHED_TICK_MAX(hz=1000)", p.tickMax());
        m.put("SCHED_TICK_SHIFT", Priorities.SCHED_TICK_SHIFT);
        m.put("SCHED_SLP_RUN_MAX(hz=1000)", p.slpRunMax());
        m.put("SCHED_SLP_RUN_FORK(hz=1000)", p.slpRunFork());
        m.put("SCHED_INTERACT_MAX", Priorities.SCHED_INTERACT_MAX);
        m.put("SCHED_INTERACT_HALF", Priorities.SCHED_INTERACT_HALF);
        m.put("SCHED_INTERACT_THRESH", p.interactThresh());
        m.put("SCHED_SLICE_DEFAULT_DIVISOR", Priorities.SCHED_SLICE_DEFAULT_DIVISOR);
        m.put("SCHED_SLICE_MIN_DIVISOR", Priorities.SCHED_SLICE_MIN_DIVISOR);
        m.put("preempt_thresh_default", p.preemptThresh());
        m.put("static_boost_default", p.staticBoost());
        m.put("sched_idlespins", Priorities.SCHED_IDLESPINS);
        m.put("steal_thresh", Priorities.STEAL_THRESH);
        m.put("trysteal_limit", Priorities.TRYSTEAL_LIMIT);
        m.put("steal_idle", Priorities.STEAL_IDLE_DEFAULT);
        m.put("always_steal", Priorities.ALWAYS_STEAL_DEFAULT);
        m.put("rebalance", Priorities.REBALANCE_DEFAULT);
        return m;
    }

    @Test
    void everyV14ConstantMatches() {
        assertEveryConstantMatches("constants.csv", UleVersion.V14, modelConstants(), 45);
    }

    /**
     * Checks every row of {@code file} whose version is {@code ule}'s against {@code model} (name →
     * value); a name the model lacks is a mismatch, and the rows must number {@code rows}.
     */
    static void assertEveryConstantMatches(String file, UleVersion ule, Map<String, Integer> model, int rows) {
        GoldenTable.Verdict v = new GoldenTable.Verdict(file);
        for (GoldenTable.Row row : GoldenTable.load(file).rows(r -> r.get("version").equals(ule.goldenName()))) {
            Object value = model.containsKey(row.get("name")) ? model.get(row.get("name")) : "<no model constant>";
            v.add(row.check().col("value", value));
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(rows);
    }

    @Test
    void constantsAgreeWithTheirParamsOnDefaults() {
        assertThat(Priorities.PREEMPT_THRESH_DEFAULT).isEqualTo(80);
        assertThat(Priorities.STATIC_BOOST_DEFAULT).isEqualTo(152);
        assertThat(SchedParams.defaults().staticBoost()).isEqualTo(Priorities.PRI_MIN_BATCH);
    }
}
