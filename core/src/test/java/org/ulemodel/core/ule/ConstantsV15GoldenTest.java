// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.prio.Priorities;

/** Every row of golden/v15/constants_v15.csv against {@link Priorities15} and V15's {@link SchedParams}. */
class ConstantsV15GoldenTest {

    /** The model's value for each golden constant name; hz-dependent names use V15's SchedParams at hz 1000. */
    private static Map<String, Integer> modelConstants() {
        SchedParams p = UleVersion.V15.params(1000, 127);
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("PRI_MIN_ITHD", Priorities15.PRI_MIN_ITHD);
        m.put("PRI_MAX_ITHD", Priorities15.PRI_MAX_ITHD);
        m.put("PRI_MIN_REALTIME", Priorities15.PRI_MIN_REALTIME);
        m.put("PRI_MAX_REALTIME", Priorities15.PRI_MAX_REALTIME);
        m.put("PRI_MIN_KERN", Priorities15.PRI_MIN_KERN);
        m.put("PRI_MAX_KERN", Priorities15.PRI_MAX_KERN);
        m.put("PRI_MIN_TIMESHARE", Priorities15.PRI_MIN_TIMESHARE);
        m.put("PRI_MAX_TIMESHARE", Priorities15.PRI_MAX_TIMESHARE);
        m.put("PRI_MIN_IDLE", Priorities15.PRI_MIN_IDLE);
        m.put("PRI_MAX_IDLE", Priorities15.PRI_MAX_IDLE);
        m.put("PRI_TIMESHARE_RANGE", Priorities15.PRI_TIMESHARE_RANGE);
        m.put("SCHED_PRI_NRESV", Priorities15.SCHED_PRI_NRESV);
        m.put("PRI_INTERACT_RANGE", Priorities15.PRI_INTERACT_RANGE);
        m.put("PRI_BATCH_RANGE", Priorities15.PRI_BATCH_RANGE);
        m.put("PRI_MIN_INTERACT", Priorities15.PRI_MIN_INTERACT);
        m.put("PRI_MAX_INTERACT", Priorities15.PRI_MAX_INTERACT);
        m.put("PRI_MIN_BATCH", Priorities15.PRI_MIN_BATCH);
        m.put("PRI_MAX_BATCH", Priorities15.PRI_MAX_BATCH);
        m.put("SCHED_PRI_CPU_RANGE", Priorities15.SCHED_PRI_CPU_RANGE);
        m.put("RQ_NQS", Priorities15.RQ_NQS);
        m.put("RQ_PPQ", Priorities15.RQ_PPQ);
        m.put("RQSW_NB", Priorities15.RQSW_NB);
        m.put("RQ_RT_POL_MIN", Priorities15.RQ_RT_POL_MIN);
        m.put("RQ_RT_POL_MAX", Priorities15.RQ_RT_POL_MAX);
        m.put("RQ_TS_POL_MIN", Priorities15.RQ_TS_POL_MIN);
        m.put("RQ_TS_POL_MAX", Priorities15.RQ_TS_POL_MAX);
        m.put("RQ_TS_POL_MODULO", Priorities15.RQ_TS_POL_MODULO);
        m.put("RQ_ID_POL_MIN", Priorities15.RQ_ID_POL_MIN);
        m.put("RQ_ID_POL_MAX", Priorities15.RQ_ID_POL_MAX);
        m.put("SCHED_TICK_SECS", Priorities15.SCHED_TICK_SECS);
        m.put("SCHED_TICK_MAX(hz=1000)", p.tickMax());
        m.put("t_tgt(hz=1000)", p.tickTarg());
        m.put("SCHED_SLP_RUN_MAX(hz=1000)", p.slpRunMax());
        m.put("SCHED_SLP_RUN_FORK(hz=1000)", p.slpRunFork());
        m.put("preempt_thresh_default", p.preemptThresh());
        m.put("static_boost_default", p.staticBoost());
        return m;
    }

    @Test
    void everyV15ConstantMatches() {
        Map<String, Integer> model = modelConstants();
        ConstantsGoldenTest.assertEveryConstantMatches("v15/constants_v15.csv", UleVersion.V15, model, 36);
        assertThat(model).hasSize(36);
    }

    @Test
    void fullPreemptionAndTheRunQueueRangesFitTogether() {
        assertThat(Priorities15.PREEMPT_THRESH_FULL).isEqualTo(256);
        assertThat(Priorities15.RQSW_BPW * Priorities15.RQSW_NB).isEqualTo(Priorities15.RQ_NQS);
        assertThat(Priorities15.RQ_RT_POL_MAX + 1).isEqualTo(Priorities15.RQ_TS_POL_MIN);
        assertThat(Priorities15.RQ_TS_POL_MAX + 1).isEqualTo(Priorities15.RQ_ID_POL_MIN);
        assertThat(Priorities15.RQ_TS_POL_MODULO).isEqualTo(Priorities15.PRI_BATCH_RANGE);
        assertThat(Priorities15.PRI_MIN_REALTIME).isEqualTo(8);
        // nice is unchanged: the same PRIO_MIN..PRIO_MAX, mapped 0..50 by SCHED_PRI_NICE
        assertThat(Priorities15.schedPriNice(Priorities.PRIO_MIN)).isZero();
        assertThat(Priorities15.schedPriNice(0)).isEqualTo(25);
        assertThat(Priorities15.schedPriNice(-19)).isEqualTo(1);
        assertThat(Priorities15.schedPriNice(-17)).isEqualTo(3);
    }
}
