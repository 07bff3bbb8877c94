// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.runq.RunQueue15;
import org.ulemodel.core.runq.RunqKind;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.core.ule.Priorities15;
import org.ulemodel.core.ule.UleVersion;

/**
 * The FreeBSD 15 machine ({@link Ule15Model}) where it differs from FreeBSD 14's on the same
 * events: its run queue and calendar, its steal, its affinity test, and the mapping of the event
 * vocabulary's priorities into its layout.
 */
class Ule15MachineTest {
    static Machine step(SchedulerModel<Machine> model, Machine m, Event e) {
        return model.step(m, e).state();
    }

    /**
     * Thread 0 runs on CPU 0 with threads 1 and 2 queued behind it in one calendar queue (created
     * confined to CPU 0, then allowed on CPU 1); idle CPU 1 steals. FreeBSD 14's
     * {@code runq_steal_from} skips the first thread it meets (the victim runs it next) and takes
     * thread 2; FreeBSD 15's {@code runq_steal_timeshare} takes the first eligible one, thread 1.
     */
    @Test
    void theStealTakesTheFirstEligibleThreadInFreeBsd15() {
        assertThat(stolenBy(Ule14Model.DEFAULT)).isEqualTo(2);
        assertThat(stolenBy(Ule15Model.DEFAULT)).isEqualTo(1);
    }

    static int stolenBy(SchedulerModel<Machine> model) {
        Machine m = model.boot(Topology.parse("2"));
        for (int i = 0; i < 3; i++) {
            m = step(model, m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(0), 0));
        }
        for (int t = 1; t < 3; t++) {
            m = step(model, m, new Event.SetCpuset(t, CpuSet.of(0, 1), 0));
        }
        assertThat(m.cpu(0).curthread()).isZero();
        ThreadState t1 = m.thread(1);
        ThreadState t2 = m.thread(2);
        assertThat(t1.queue()).isEqualTo(RunqKind.TIMESHARE);
        assertThat(t2.rqIndex()).isEqualTo(t1.rqIndex());
        StepResult r = Scheduler.step(m, new Event.IdleLoop(1));
        for (Decision d : r.decisions()) {
            if (d instanceof Decision.Migrate && ((Decision.Migrate) d).why() == MigrateReason.STEAL) {
                return ((Decision.Migrate) d).tid();
            }
        }
        throw new AssertionError("nothing stolen: " + r.decisions());
    }

    /** A V15 CPU keeps its threads in the single run queue, at absolute queue indices, with V15 priorities. */
    @Test
    void queuedThreadsSitInTheSingleRunQueue() {
        Machine m = Ule15Model.DEFAULT.boot(Topology.parse("1"));
        m = step(Ule15Model.DEFAULT, m, new Event.Create(PriClass.REALTIME, 0, 60, false, null, 0));
        m = step(Ule15Model.DEFAULT, m, Event.Create.timeshare(0));
        m = step(Ule15Model.DEFAULT, m, new Event.Create(PriClass.IDLE, 0, 224, false, null, 0));
        CpuState cpu = m.cpu(0);
        assertThat(cpu.v15()).isTrue();
        assertThat(m.thread(0).priority()).as("rtprio 12 in V15's realtime band").isEqualTo(Priorities15.PRI_MIN_REALTIME + 12);
        assertThat(cpu.curthread()).isZero();
        RunQueue15 rq = cpu.runq15();
        assertThat(rq.size()).isEqualTo(2);
        ThreadState ts = m.thread(1);
        assertThat(ts.priority()).isBetween(Priorities15.PRI_MIN_BATCH, Priorities15.PRI_MAX_BATCH);
        assertThat(ts.rqIndex()).isEqualTo(ts.priority()).as("offset p − 115 from tdq_ts_off 0");
        assertThat(rq.status(ts.rqIndex() >>> 6) & (1L << (ts.rqIndex() & 63))).isNotZero();
        assertThat(m.thread(2).rqIndex()).isEqualTo(224);
        assertThat(rq.status(3)).isEqualTo(1L << (224 - 192));
        assertThat(cpu.realtime().size() + cpu.timeshare().size() + cpu.idleQueue().size()).isZero();
    }

    /** The event vocabulary's FreeBSD 14 priorities keep their band and order in V15's layout. */
    @Test
    void eventPrioritiesMapBandToBand() {
        UleVersion v = UleVersion.V15;
        assertThat(new int[] {v.fromV14Layout(0), v.fromV14Layout(47), v.fromV14Layout(48), v.fromV14Layout(79), v.fromV14Layout(80),
            v.fromV14Layout(119), v.fromV14Layout(120), v.fromV14Layout(151), v.fromV14Layout(152), v.fromV14Layout(223), v.fromV14Layout(224),
            v.fromV14Layout(255)}).containsExactly(0, 7, 8, 39, 40, 55, 56, 114, 115, 223, 224, 255);
        int previous = -1;
        for (int p = 0; p <= 255; p++) {
            assertThat(v.fromV14Layout(p)).isGreaterThanOrEqualTo(previous);
            previous = v.fromV14Layout(p);
            assertThat(UleVersion.V14.fromV14Layout(p)).isEqualTo(p);
        }
    }

    /** SCHED_AFFINITY near the wrap of the int tick counter: V14's signed form says no, V15's unsigned form yes. */
    @Test
    void theAffinityTestSurvivesTheTickWrapInFreeBsd15() {
        // the thread left its CPU at the most negative tick, one tick ago
        int rltick = Integer.MIN_VALUE;
        int ticks = Integer.MIN_VALUE + 1;
        assertThat(UleVersion.V14.affinity(rltick, ticks, 2, 1)).isFalse();
        assertThat(UleVersion.V15.affinity(rltick, ticks, 2, 1)).isTrue();
        assertThat(UleVersion.V15.affinity(rltick, ticks, 1, 1)).isFalse();
        assertThat(UleVersion.V14.affinity(100, 101, 2, 1)).isTrue();
        assertThat(UleVersion.V15.affinity(100, 101, 2, 1)).isTrue();
    }
}
