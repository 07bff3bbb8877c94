// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;

/**
 * {@code tdq_lowpri} follows FreeBSD's bookkeeping at the places that refresh it
 * ({@code tdq_setlowpri} after {@code sched_rem}, {@code tdq_thrprichange} on a running thread's
 * priority change). Each expected value is derived by hand in the test's Javadoc.
 */
class LowpriBookkeepingTest {

    static Machine step(Machine m, Event e) {
        return Scheduler.step(m, e).state();
    }

    /**
     * A lone CPU hog is re-picked at every slice end; on return to user mode its priority becomes
     * its (worse) user priority and {@code tdq_thrprichange(old, new)} finds old == lowpri, so
     * {@code tdq_setlowpri} sets lowpri to the only thread's new priority. Without that refresh
     * lowpri would keep the old, better value.
     */
    @Test
    void aLoneHogsLowpriFollowsItsPriorityAcrossSliceEnds() {
        Machine m = step(Machine.boot(MachineConfig.singleCpu()), Event.Create.timeshare(0));
        int changes = 0;
        for (int i = 0; i < 3000; i++) {
            StepResult r = Scheduler.step(m, new Event.Tick());
            m = r.state();
            for (Decision d : r.decisions()) {
                if (d instanceof Decision.PriorityChange && !((Decision.PriorityChange) d).user()) {
                    changes++;
                    assertThat(m.cpu(0).lowpri()).as("lowpri after %s", d).isEqualTo(m.thread(0).priority());
                }
            }
        }
        assertThat(changes).isGreaterThan(5);
    }

    /**
     * CPU 0 runs hog A (user priority worsened to about 190 after 2 s). Thread B, created from
     * CPU 1 but allowed only on CPU 0, gets priority 172 < A's: a remote add, and
     * {@code shouldpreempt(172, A, remote)} is false (172 is neither ≤ preempt_thresh 80 nor
     * interactive), so B waits and {@code tdq_add} lowers lowpri to 172. When idle CPU 1 steals B,
     * {@code sched_rem} sees B's priority equal lowpri and {@code tdq_setlowpri} raises it back to
     * A's priority.
     */
    @Test
    void stealingTheLowpriHolderRefreshesTheVictimsLowpri() {
        Machine m = Machine.boot(MachineConfig.of(Topology.parse("2")));
        m = step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(0), 0));
        for (int i = 0; i < 2000; i++) {
            m = step(m, new Event.Tick());
        }
        int a = m.thread(0).priority();
        assertThat(a).isGreaterThan(172);
        m = step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(0), 1));
        assertThat(m.thread(1).state()).isEqualTo(RunState.QUEUED);
        assertThat(m.cpu(0).owepreempt()).isFalse();
        assertThat(m.cpu(0).lowpri()).isEqualTo(172);
        m = step(m, new Event.SetCpuset(1, CpuSet.firstN(2), 0));
        StepResult r = Scheduler.step(m, new Event.IdleLoop(1));
        assertThat(r.decisions()).contains(new Decision.Migrate(1, 0, 1, MigrateReason.STEAL));
        assertThat(r.state().cpu(0).lowpri()).isEqualTo(a);
        assertThat(r.state().cpu(1).lowpri()).isEqualTo(172);
    }
}
