// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.runq.RunQueue15;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.core.ule.Priorities15;

/**
 * FreeBSD 15's {@code tdq_choose} and {@code tdq_steal} walk the single run queue's ranges in
 * order (realtime 0..114, the calendar from {@code tdq_ts_deq_off}, the idle range 224..255):
 * a pick reads each of the four 64-queue status words ({@code rq_sw[RQSW_NB]}) at most once, every
 * word from 0 up to the one holding the queue it takes; a steal skips threads that may not move,
 * within a queue and across queues.
 */
class Ule15ScanTest {
    static final Ule15Model M = Ule15Model.DEFAULT;

    static StepResult step(Machine m, Event e) {
        return (StepResult) M.step(m, e);
    }

    /** The status words a lone thread's pick reads: words 0 .. q / 64 (the scan starts at queue 0). */
    @Test
    void aPickReadsEveryStatusWordUpToItsQueueOnce() {
        Event[] lone = {new Event.Create(PriClass.ITHD, 0, 0, false, null, 0), new Event.Create(PriClass.REALTIME, 0, 79, false, null, 0),
            Event.Create.timeshare(-20), Event.Create.timeshare(20), new Event.Create(PriClass.IDLE, 0, PriClass.IDLE.maxPri(), false, null, 0)};
        int[] words = new int[lone.length];
        for (int i = 0; i < lone.length; i++) {
            StepResult r = step(M.boot(Topology.parse("1")), lone[i]);
            int q = r.state().thread(0).rqIndex();
            assertThat(r.state().running(0)).isZero();
            assertThat(r.cost().picks()).isEqualTo(1);
            words[i] = r.cost().statusWords();
            assertThat(words[i]).as("thread at queue %d", q).isEqualTo(q / 64 + 1);
            assertThat(r.cost().maxWordsPerPick()).isEqualTo(words[i]);
        }
        assertThat(words[0]).isEqualTo(1);
        assertThat(words[lone.length - 1]).isEqualTo(RunQueue15.WORDS);
        assertThat(Priorities15.RQ_TS_POL_MIN).isEqualTo(115);
    }

    /**
     * Idle CPU 1 steals from CPU 0, whose queued threads 1 (may run on CPU 0 only) and 2 sit in
     * different calendar queues, thread 1's first in the scan: the steal passes over it and takes
     * thread 2. With both confined, nothing is stolen.
     */
    @Test
    void aStealSkipsThreadsThatMayNotMove() {
        Machine m = M.boot(Topology.parse("2"));
        m = step(m, new Event.Create(PriClass.TIMESHARE, -20, -1, false, CpuSet.of(0), 0)).state();
        m = step(m, new Event.Create(PriClass.TIMESHARE, -10, -1, false, CpuSet.of(0), 0)).state();
        m = step(m, new Event.Create(PriClass.TIMESHARE, 20, -1, false, CpuSet.of(0), 0)).state();
        assertThat(m.running(0)).isZero();
        Machine confined = m;
        m = step(m, new Event.SetCpuset(2, CpuSet.of(0, 1), 0)).state();
        assertThat(m.thread(1).rqIndex()).isLessThan(m.thread(2).rqIndex());
        StepResult r = step(m, new Event.IdleLoop(1));
        assertThat(migrations(r)).containsExactly(new Decision.Migrate(2, 0, 1, MigrateReason.STEAL));
        assertThat(r.state().running(1)).isEqualTo(2);
        StepResult none = step(confined, new Event.IdleLoop(1));
        assertThat(migrations(none)).isEmpty();
        assertThat(none.state().running(1)).isEqualTo(-1);
    }

    static List<Decision.Migrate> migrations(StepResult r) {
        return r.decisions().stream().filter(d -> d instanceof Decision.Migrate).map(d -> (Decision.Migrate) d).collect(Collectors.toList());
    }
}
