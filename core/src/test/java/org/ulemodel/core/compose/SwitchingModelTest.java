// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.machine.Ule15Model;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.model.ThreadPolicy;
import org.ulemodel.core.o1.O1Model;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;

/**
 * A policy switch carries the machine across, ULE 14 → O(1) → ULE 15 → ULE 14: after each switch
 * every thread has the run state, CPU, cpuset, binding, parent and policy it had, the running
 * ones still run, and a queued thread is queued on the same CPU (the spec's {@code SWITCH_CARRIES}
 * checks the same on every explored switch).
 */
class SwitchingModelTest {
    static final SwitchingModel M = SwitchingModel.of(List.of(Ule14Model.DEFAULT, O1Model.DEFAULT, Ule15Model.DEFAULT));

    /** Run state, CPU, cpuset, binding, parent and policy of every thread, and each CPU's running thread and online flag. */
    static List<String> view(SchedulerState s) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < s.cpuCount(); c++) {
            out.add("cpu " + c + (s.online(c) ? " online" : " offline") + " runs " + s.running(c));
        }
        for (int t = 0; t < s.threadCount(); t++) {
            out.add(t + " " + s.threadState(t) + " on " + s.threadCpu(t) + " " + s.threadCpuset(t) + (s.threadBound(t) ? " bound" : "")
                    + " parent " + s.threadParent(t) + " " + s.threadPolicy(t));
        }
        return out;
    }

    static SwitchingModel.State apply(SwitchingModel.State s, Event... events) {
        for (Event e : events) {
            s = M.step(s, e).state();
        }
        return s;
    }

    @Test
    void everyThreadCrossesEverySwitch() {
        SwitchingModel.State s = M.boot(Topology.parse("3"));
        s = apply(s, Event.Create.timeshare(0), Event.Create.timeshare(5), Event.Create.timeshare(-3),
                new Event.Create(PriClass.REALTIME, 0, 60, true, null, 0), new Event.Create(PriClass.TIMESHARE, 0, -1, false,
                        CpuSet.of(1, 2), 0), Event.Create.timeshare(0));
        for (int c = 0; c < 3; c++) {
            while (s.ipiPending(c)) {
                s = apply(s, new Event.DeliverIpi(c));
            }
        }
        s = apply(s, new Event.Fork(0), new Event.CpuOffline(2, 0));
        int sleeper = s.running(1);
        s = apply(s, new Event.Block(1, 0));
        if (s.running(0) != SchedulerState.IDLE) {
            s = apply(s, new Event.Bind(0, 0));
        }
        List<String> before = view(s);
        assertThat(before).anyMatch(l -> l.contains("QUEUED")).anyMatch(l -> l.contains("RUNNING")).anyMatch(l -> l.contains("bound"))
                .anyMatch(l -> l.contains("SLEEPING")).anyMatch(l -> l.contains(" offline"));
        for (String to : List.of("o1", "ule15", "ule14")) {
            s = apply(s, new Event.SwitchPolicy(to));
            assertThat(M.members().get(s.current()).id()).isEqualTo(to);
            assertThat(view(s)).as("after the switch to " + to).isEqualTo(before);
        }
        assertThat(s.threadState(sleeper)).isEqualTo(RunState.SLEEPING);
        assertThat(s.threadPolicy(3)).isEqualTo(new ThreadPolicy(PriClass.REALTIME, 0, 60, true));
    }

    @Test
    void aSwitchToTheCurrentOrAnUnknownModelIsRefused() {
        SwitchingModel.State s = M.boot(Topology.parse("2"));
        assertThatThrownBy(() -> M.step(s, new Event.SwitchPolicy("ule14"))).isInstanceOf(IllegalEventException.class)
                .hasMessage("switch: the machine already runs ule14");
        assertThatThrownBy(() -> M.step(s, new Event.SwitchPolicy("cfs"))).hasMessage("switch: model 'cfs' is not one of ule14,o1,ule15");
        assertThat(M.id()).isEqualTo("switch:ule14,o1,ule15");
    }
}
