// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.toy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.MigrateReason;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.spec.Invariant;
import org.ulemodel.spec.Invariants;

/**
 * The toy's handling of the events beyond the basic life cycle — fork, cpuset changes, binding,
 * CPUs going offline and online — worked by hand on two CPUs, every generic invariant checked
 * after every step.
 */
class RoundRobinModelTest {
    static final RoundRobinModel TOY = RoundRobinModel.correct();

    /** Applies {@code events} from boot on 2 CPUs, checking the generic invariants after each. */
    static RoundRobinModel.State run(Event... events) {
        RoundRobinModel.State s = TOY.boot(Topology.parse("2"));
        for (Event e : events) {
            ModelStep<RoundRobinModel.State> r = TOY.step(s, e);
            for (Invariant<SchedulerState> inv : Invariants.generic()) {
                assertThat(inv.check(s, r)).as(inv.id() + " after " + e).isNull();
            }
            s = r.state();
        }
        return s;
    }

    /** Two threads: thread 0 runs on CPU 0, thread 1 on CPU 1 (the least-loaded CPU, lowest id first). */
    static final Event[] TWO = {Event.Create.timeshare(0), Event.Create.timeshare(0)};

    @Test
    void aForkedThreadHasItsParentAndItsCpuset() {
        RoundRobinModel.State s = run(new Event.Create(null, 0, -1, false, CpuSet.of(1), 0), new Event.Fork(1));
        assertThat(s.threadParent(1)).isEqualTo(0);
        assertThat(s.threadCpuset(1)).isEqualTo(CpuSet.of(1));
        assertThat(s.threadState(1)).isEqualTo(RunState.QUEUED);
        assertThat(s.threadCpu(1)).isEqualTo(1);
    }

    @Test
    void aCpusetExcludingItsCpuMovesARunningThreadAtOnce() {
        RoundRobinModel.State s = run(TWO[0], TWO[1], Event.Create.timeshare(0));
        // thread 2 waits behind thread 0 on CPU 0; moving thread 0 to CPU 1 lets thread 2 run
        ModelStep<RoundRobinModel.State> r = TOY.step(s, new Event.SetCpuset(0, CpuSet.of(1), 1));
        assertThat(r.state().running(0)).isEqualTo(2);
        assertThat(r.state().threadState(0)).isEqualTo(RunState.QUEUED);
        assertThat(r.state().threadCpu(0)).isEqualTo(1);
        assertThat(r.decisions()).contains(new Decision.Migrate(0, 0, 1, MigrateReason.AFFINITY));
        assertThat(r.state().ipiPending(0)).isFalse();
    }

    @Test
    void bindingMovesTheThreadAndPinsItThroughWakeups() {
        RoundRobinModel.State s = run(TWO[0], new Event.Bind(0, 1), new Event.Block(1, 0), TWO[0], TWO[1], new Event.Wake(0, 0));
        // threads 1 and 2 run on CPUs 0 and 1; unbound, thread 0 would wake on CPU 0 (equal load, lower id), bound it waits on CPU 1
        assertThat(s.threadBound(0)).isTrue();
        assertThat(s.threadState(0)).isEqualTo(RunState.QUEUED);
        assertThat(s.threadCpu(0)).isEqualTo(1);
        assertThat(s.running(1)).isEqualTo(2);
        s = run(TWO[0], new Event.Bind(0, 1), new Event.Unbind(1));
        assertThat(s.threadBound(0)).isFalse();
    }

    @Test
    void anOfflineCpuHandsItsThreadsOnAndComesBackEmpty() {
        RoundRobinModel.State s = run(TWO[0], TWO[1], Event.Create.timeshare(0), Event.Create.timeshare(0), new Event.CpuOffline(1, 0));
        // CPU 1 ran thread 1 with thread 3 queued: both join CPU 0's FIFO (queued threads first, then the running one)
        assertThat(s.online(1)).isFalse();
        assertThat(s.running(1)).isEqualTo(SchedulerState.IDLE);
        assertThat(List.of(s.running(0), s.threadCpu(1), s.threadCpu(3))).containsExactly(0, 0, 0);
        int[] order = new int[3];
        int[] n = {0};
        s.forEachQueued(0, t -> order[n[0]++] = t);
        assertThat(order).containsExactly(2, 3, 1);
        s = TOY.step(s, new Event.CpuOnline(1)).state();
        assertThat(s.online(1)).isTrue();
        assertThat(s.running(1)).isEqualTo(SchedulerState.IDLE);
    }

    @Test
    void whatWouldStrandAThreadIsRefused() {
        RoundRobinModel.State bound = run(TWO[0], new Event.Bind(0, 1));
        assertThatThrownBy(() -> TOY.step(bound, new Event.CpuOffline(1, 0))).isInstanceOf(IllegalEventException.class)
                .hasMessageContaining("bound to CPU 1");
        RoundRobinModel.State pinnedBySet = run(new Event.Create(null, 0, -1, false, CpuSet.of(1), 0));
        assertThatThrownBy(() -> TOY.step(pinnedBySet, new Event.CpuOffline(1, 0))).isInstanceOf(IllegalEventException.class)
                .hasMessageContaining("no other online CPU");
        assertThatThrownBy(() -> TOY.step(bound, new Event.SetCpuset(0, CpuSet.of(0), 0))).isInstanceOf(IllegalEventException.class)
                .hasMessageContaining("bound to CPU 1");
        assertThatThrownBy(() -> TOY.step(bound, new Event.DeliverIpi(0))).isInstanceOf(IllegalEventException.class)
                .hasMessageContaining("never has an IPI pending");
    }
}
