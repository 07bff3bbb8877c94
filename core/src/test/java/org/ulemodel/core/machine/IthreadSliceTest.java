// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.core.ule.UleVersion;

/**
 * FreeBSD {@code sched_clock}: an interrupt thread that uses up a whole {@code sched_slice} owes a
 * preemption and, while {@code td_base_pri + RQ_PPQ < PRI_MAX_ITHD}, is demoted by one run queue
 * ({@code RQ_PPQ}: 4 priorities in FreeBSD 14, 1 in 15); a SCHED_FIFO realtime thread is never
 * sliced.
 */
class IthreadSliceTest {

    /** Ticks {@code m} until thread 0's slice ends; returns the state after that tick. */
    static Machine untilSliceEnd(Machine m) {
        for (int i = 0; i < 10_000; i++) {
            StepResult r = Scheduler.step(m, new Event.Tick());
            m = r.state();
            if (r.decisions().contains(new Decision.SliceEnd(0, 0))) {
                return m;
            }
        }
        throw new AssertionError("no slice end in 10000 ticks");
    }

    @Test
    void anIthreadIsDemotedOneQueuePerSliceUpToItsBand() {
        for (UleVersion v : UleVersion.values()) {
            int ppq = v.rqPpq();
            int max = v.maxPri(PriClass.ITHD);
            Machine m = Machine.boot(MachineConfig.of(Topology.parse("1"), v));
            m = Scheduler.step(m, new Event.Create(PriClass.ITHD, 0, PriClass.ITHD.maxPri() - 8, false, null, 0)).state();
            int base = m.thread(0).basePri();
            assertThat(base + 2 * ppq).as("%s: two demotions would leave the band", v).isGreaterThanOrEqualTo(max);
            assertThat(base + ppq).as("%s: one demotion fits", v).isLessThan(max);
            m = untilSliceEnd(m);
            assertThat(m.thread(0).basePri()).as("%s after one slice", v).isEqualTo(base + ppq);
            assertThat(m.thread(0).priority()).isEqualTo(base + ppq);
            m = untilSliceEnd(m);
            assertThat(m.thread(0).basePri()).as("%s after two slices", v).isEqualTo(base + ppq);
            assertThat(m.running(0)).isZero();
        }
    }

    @Test
    void aFifoThreadIsNeverSliced() {
        Machine m = Machine.boot(MachineConfig.singleCpu());
        m = Scheduler.step(m, new Event.Create(PriClass.REALTIME, 0, 60, true, null, 0)).state();
        for (int i = 0; i < 2000; i++) {
            StepResult r = Scheduler.step(m, new Event.Tick());
            assertThat(r.decisions()).noneMatch(d -> d instanceof Decision.SliceEnd);
            m = r.state();
        }
        assertThat(m.thread(0).slice()).isZero();
    }
}
