// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.CpuSet;

/**
 * One transition that edits many threads (taking a CPU with 40 threads offline moves every one)
 * keeps every edit: the transition's table of edited threads grows several times on the way.
 */
class ManyThreadEditsTest {

    @Test
    void offliningACpuMovesEveryThreadItHeld() {
        Machine m = SmpSchedulerTest.boot("2");
        int n = 40;
        for (int i = 0; i < n; i++) {
            m = SmpSchedulerTest.step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(1), 1));
        }
        for (int i = 0; i < n; i++) {
            m = SmpSchedulerTest.step(m, new Event.SetCpuset(i, CpuSet.firstN(2), 1));
        }
        for (int i = 0; i < n; i++) {
            assertThat(m.thread(i).cpu()).as("thread %d before", i).isEqualTo(1);
        }
        StepResult off = Scheduler.step(m, new Event.CpuOffline(1, 0));
        Machine after = off.state();
        assertThat(after.cpu(1).load()).isZero();
        assertThat(after.cpu(0).load()).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            ThreadState t = after.thread(i);
            assertThat(t.cpu()).as("thread %d after", i).isZero();
            assertThat(t.state()).as("thread %d after", i).isIn(RunState.QUEUED, RunState.RUNNING);
        }
        assertThat(off.decisions()).filteredOn(d -> d instanceof Decision.Migrate).hasSize(n);
    }

    /**
     * Every edit of a transaction that writes many threads stays in it while its table of edited
     * threads grows, and reaches the committed machine: each thread's copy is the one later reads
     * and writes see. (The offlining run above re-derives what it writes, so it would not notice
     * a thread dropped while the table grows.)
     */
    @Test
    void everyEditSurvivesTheTableGrowing() {
        Machine m = SmpSchedulerTest.boot("2");
        int n = 70; // the table grows at 5, 9, 17, 33 and 65 edited threads
        for (int i = 0; i < n; i++) {
            m = SmpSchedulerTest.step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, null, i % 2));
        }
        Transition tx = new Transition(m);
        for (int i = 0; i < n; i++) {
            tx.td(i).slice = 1000 + i;
        }
        for (int i = 0; i < n; i++) {
            assertThat(tx.threadNow(i).slice).as("thread %d in the transaction", i).isEqualTo(1000 + i);
            assertThat(tx.td(i)).as("thread %d's copy", i).isSameAs(tx.threadNow(i));
        }
        Machine after = tx.commit();
        for (int i = 0; i < n; i++) {
            assertThat(after.thread(i).slice).as("thread %d committed", i).isEqualTo(1000 + i);
            assertThat(m.thread(i).slice).as("thread %d before", i).isNotEqualTo(1000 + i);
        }
    }
}
