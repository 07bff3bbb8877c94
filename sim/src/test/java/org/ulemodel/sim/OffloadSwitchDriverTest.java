// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.sim.rtapp.RtAppReader;
import org.ulemodel.sim.rtapp.RtAppWriter;
import org.ulemodel.sim.rtapp.Workload;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.explore.ModelSpecs;
import org.ulemodel.trace.timeline.Timeline;

/**
 * Our rt-app extensions under the driver: {@code ulemodel_offload} offloads a CPU to a service for
 * a while and {@code ulemodel_switch} replaces the policy; the run is checked against every
 * invariant after every step, nothing scheduled runs on the offloaded CPU meanwhile, and the
 * timeline carries the offload interval and the switch instants.
 */
class OffloadSwitchDriverTest {
    static final String WORKLOAD = "{\"tasks\":{\"hog\":{\"instance\":3,\"run\":1000000},\"io\":{\"run\":1000,\"sleep\":4000}},"
            + "\"global\":{\"duration\":2,\"ulemodel_offload\":[{\"cpu\":1,\"service\":\"nic-poll\",\"from\":300000,\"to\":1200000}],"
            + "\"ulemodel_switch\":[{\"at\":600000,\"model\":\"o1\"},{\"at\":1500000,\"model\":\"ule15\"}]}}";

    @Test
    void theExtensionsAreReadAndWrittenBack() {
        Workload w = RtAppReader.read("w.json", WORKLOAD);
        assertThat(w.offloads()).extracting(Workload.Offload::cpu, Workload.Offload::service, Workload.Offload::fromUs,
                Workload.Offload::toUs).containsExactly(org.assertj.core.groups.Tuple.tuple(1, "nic-poll", 300_000L, 1_200_000L));
        assertThat(w.switches()).extracting(Workload.PolicySwitch::model).containsExactly("o1", "ule15");
        Workload back = RtAppReader.read("w2.json", RtAppWriter.write(w));
        assertThat(back.offloads()).extracting(Workload.Offload::service, Workload.Offload::toUs).containsExactly(
                org.assertj.core.groups.Tuple.tuple("nic-poll", 1_200_000L));
        assertThat(back.switches()).extracting(Workload.PolicySwitch::atUs).containsExactly(600_000L, 1_500_000L);
    }

    @Test
    void badExtensionsAreRefusedAtTheirPlace() {
        assertThatThrownBy(() -> RtAppReader.read("t.json", "{\"tasks\":{\"a\":{\"run\":1}},\"global\":{\"ulemodel_offload\":"
                + "[{\"cpu\":1,\"service\":\"a b\",\"from\":0}]}}"))
                .hasMessageStartingWith("t.json:1:75: \"service\": expected 1 to 64 letters");
        assertThatThrownBy(() -> RtAppReader.read("t.json", "{\"tasks\":{\"a\":{\"run\":1}},\"global\":{\"ulemodel_switch\":[{\"at\":5}]}}"))
                .hasMessage("t.json:1:55: a policy switch needs \"model\"");
        assertThatThrownBy(() -> RtAppReader.read("t.json", "{\"tasks\":{\"a\":{\"run\":1}},\"global\":{\"ulemodel_offload\":"
                + "[{\"cpu\":0,\"service\":\"s\",\"from\":0}]}}"))
                .hasMessage("t.json:1:63: \"cpu\": expected an integer in 1..4095, found 0");
        Workload w = RtAppReader.read("t.json", "{\"tasks\":{\"a\":{\"run\":1}},\"global\":{\"ulemodel_switch\":[{\"at\":5,\"model\":\"nope\"}]}}");
        assertThatThrownBy(() -> Engine.specFor(ModelSpecs.ule14(), w)).isInstanceOf(WorkloadError.class)
                .hasMessageContaining("unknown model 'nope'");
    }

    @Test
    void theSpecIsComposedOnlyWhenTheWorkloadAsks() {
        Workload w = RtAppReader.read("w.json", WORKLOAD);
        assertThat(Engine.specFor(ModelSpecs.ule14(), w).model().id()).isEqualTo("offload:switch:ule14,o1,ule15");
        Workload plain = RtAppReader.read("p.json", "{\"tasks\":{\"a\":{\"run\":1}}}");
        assertThat(Engine.specFor(ModelSpecs.ule14(), plain)).isSameAs(ModelSpecs.ule14());
    }

    @Test
    void aCheckedRunKeepsTheOffloadedCpuFreeAndMarksTheTimeline() {
        Workload w = RtAppReader.read("w.json", WORKLOAD);
        ModelSpec<?> spec = Engine.specFor(ModelSpecs.ule14(), w);
        List<String> seen = new ArrayList<>();
        Engine.Result<?> r = run(spec, w, seen);
        assertThat(r.invariantChecks()).isPositive();
        assertThat(seen).containsExactly("offload 1 at 300000", "switch o1 at 600000", "return 1 at 1200000", "switch ule15 at 1500000");
        List<Timeline.Mark> marks = r.timeline().marks();
        assertThat(marks).extracting(Timeline.Mark::kind).containsExactly(Timeline.MarkKind.SWITCH, Timeline.MarkKind.OFFLOADED,
                Timeline.MarkKind.SWITCH);
        Timeline.Mark off = marks.get(1);
        assertThat(List.of(off.cpu(), off.startNs(), off.endNs())).containsExactly(1, 300_000_000L, 1_200_000_000L);
        assertThat(off.label()).isEqualTo("offloaded to nic-poll");
        // CPU 1 was busy only outside the offload: at most 2 s − 0.9 s
        assertThat(r.cpuBusyUs()[1]).isLessThanOrEqualTo(1_100_000L).isPositive();
    }

    private static <S extends SchedulerState> Engine.Result<S> run(ModelSpec<S> spec, Workload w, List<String> seen) {
        Engine<S> e = Engine.of(spec, Topology.parse("2"), w, new Engine.Options(w.durationUs(), 0, true));
        e.listen((n, t, ev, before, step) -> {
            long us = t / 1000;
            if (ev instanceof Event.Offload) {
                seen.add("offload " + ((Event.Offload) ev).cpu() + " at " + us);
            } else if (ev instanceof Event.Return) {
                seen.add("return " + ((Event.Return) ev).cpu() + " at " + us);
            } else if (ev instanceof Event.SwitchPolicy) {
                seen.add("switch " + ((Event.SwitchPolicy) ev).model() + " at " + us);
            }
            if (step.state().service(1) != null) {
                assertThat(step.state().running(1)).as("CPU 1 while offloaded").isEqualTo(SchedulerState.IDLE);
            }
        });
        return e.run();
    }
}
