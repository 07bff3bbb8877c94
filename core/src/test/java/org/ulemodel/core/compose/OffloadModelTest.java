// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.model.EventKind;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.model.StateSink;
import org.ulemodel.core.topo.Topology;

/**
 * Offloaded CPUs (OFFSCHED) over ULE 14: an offload takes the CPU out of the inner model's
 * scheduling and gives it to a named service, every hz tick is charged to the services holding
 * CPUs, a return gives the CPU back; what cannot be done is refused with the reason, and the
 * encoding, equality and the events offered see the services.
 */
class OffloadModelTest {
    static final OffloadModel<Machine> M = OffloadModel.of(Ule14Model.DEFAULT);

    static OffloadModel.State<Machine> apply(OffloadModel.State<Machine> s, Event... events) {
        for (Event e : events) {
            s = M.step(s, e).state();
            for (int c = 0; c < s.cpuCount(); c++) {
                while (s.ipiPending(c)) {
                    s = M.step(s, new Event.DeliverIpi(c)).state();
                }
            }
        }
        return s;
    }

    static OffloadModel.State<Machine> twoThreads() {
        return apply(M.boot(Topology.parse("2")), Event.Create.timeshare(0), Event.Create.timeshare(0));
    }

    @Test
    void namesAndServices() {
        assertThat(M.id()).isEqualTo("offload:ule14");
        assertThat(M.inner()).isSameAs(Ule14Model.DEFAULT);
        assertThat(M.description()).startsWith(Ule14Model.DEFAULT.description()).endsWith("with CPUs offloaded to dedicated services");
        assertThat(M.toString()).isEqualTo("offload:ule14");
        assertThat(OffloadModel.validService("nic-poll_1.x")).isTrue();
        assertThat(OffloadModel.validService("a".repeat(64))).isTrue();
        assertThat(OffloadModel.validService("a".repeat(65))).isFalse();
        assertThat(OffloadModel.validService("")).isFalse();
        assertThat(OffloadModel.validService("a b")).isFalse();
        assertThat(OffloadModel.validService(null)).isFalse();
    }

    @Test
    void anOffloadTakesTheCpuOutOfSchedulingAndTicksAreChargedToTheService() {
        OffloadModel.State<Machine> s = twoThreads();
        assertThat(s.service(1)).isNull();
        s = apply(s, new Event.Tick(), new Event.Tick());
        long at = s.elapsed();
        s = apply(s, new Event.Offload(1, 0, "nic"));
        assertThat(s.service(1)).isEqualTo("nic");
        assertThat(s.service(0)).isNull();
        assertThat(s.online(1)).isFalse();
        assertThat(s.running(1)).isEqualTo(SchedulerState.IDLE);
        assertThat(s.serviceSince(1)).isEqualTo(at);
        assertThat(s.serviceTicks(1)).isZero();
        for (int t = 0; t < s.threadCount(); t++) {
            assertThat(s.threadCpu(t)).as("thread %d", t).isZero();
        }
        s = apply(s, new Event.Tick(), new Event.Tick(), new Event.Tick());
        assertThat(s.serviceTicks(1)).isEqualTo(3);
        assertThat(s.serviceTicks(0)).isZero();
        assertThat(s.inner().cpuCount()).isEqualTo(2);

        OffloadModel.State<Machine> back = apply(s, new Event.Return(1));
        assertThat(back.service(1)).isNull();
        assertThat(back.online(1)).isTrue();
        assertThat(back.serviceTicks(1)).isZero();
        assertThat(back.serviceSince(1)).isZero();
        assertThat(back.threadCount()).isEqualTo(2);
        for (int t = 0; t < back.threadCount(); t++) {
            assertThat(back.threadState(t)).isNotEqualTo(RunState.EXITED);
        }
    }

    @Test
    void whatCannotBeDoneIsRefusedWithTheReason() {
        OffloadModel.State<Machine> s = twoThreads();
        assertThatThrownBy(() -> M.step(s, new Event.Offload(2, 0, "nic"))).isInstanceOf(IllegalEventException.class)
                .hasMessage("offload: CPU 2 does not exist: expected 0..1");
        assertThatThrownBy(() -> M.step(s, new Event.Offload(-1, 0, "nic"))).isInstanceOf(IllegalEventException.class)
                .hasMessageContaining("CPU -1 does not exist");
        assertThatThrownBy(() -> M.step(s, new Event.Offload(1, 0, "a b"))).isInstanceOf(IllegalEventException.class)
                .hasMessageContaining("service name 'a b'");
        assertThatThrownBy(() -> M.step(s, new Event.Return(1))).isInstanceOf(IllegalEventException.class)
                .hasMessage("return: CPU 1 is not offloaded");
        assertThatThrownBy(() -> M.step(s, new Event.Return(5))).isInstanceOf(IllegalEventException.class)
                .hasMessageContaining("return: CPU 5 does not exist");
        OffloadModel.State<Machine> off = apply(s, new Event.Offload(1, 0, "nic"));
        assertThatThrownBy(() -> M.step(off, new Event.Offload(1, 0, "other"))).isInstanceOf(IllegalEventException.class)
                .hasMessage("offload: CPU 1 is already offloaded to nic");
        assertThatThrownBy(() -> M.step(off, new Event.CpuOnline(1))).isInstanceOf(IllegalEventException.class)
                .hasMessage("online: CPU 1 is offloaded to nic; return it instead");
    }

    @Test
    void theEventsOfferedSeeTheServices() {
        OffloadModel.State<Machine> s = twoThreads();
        List<Event> offload = new ArrayList<>();
        M.enabledEvents(s, EventKind.OFFLOAD, offload);
        List<Event> offline = new ArrayList<>();
        EventKind.OFFLINE.candidates(s, offline);
        assertThat(offload).hasSameSizeAs(offline).isNotEmpty();
        for (int i = 0; i < offload.size(); i++) {
            Event.Offload o = (Event.Offload) offload.get(i);
            Event.CpuOffline f = (Event.CpuOffline) offline.get(i);
            assertThat(o).isEqualTo(new Event.Offload(f.cpu(), f.onCpu(), EventKind.EXPLORED_SERVICE));
        }
        List<Event> none = new ArrayList<>();
        M.enabledEvents(s, EventKind.RETURN, none);
        assertThat(none).isEmpty();

        OffloadModel.State<Machine> off = apply(s, new Event.Offload(1, 0, "nic"));
        List<Event> ret = new ArrayList<>();
        M.enabledEvents(off, EventKind.RETURN, ret);
        assertThat(ret).containsExactly(new Event.Return(1));
        List<Event> online = new ArrayList<>();
        M.enabledEvents(off, EventKind.ONLINE, online);
        assertThat(online).as("an offloaded CPU comes back by a return, not by online").isEmpty();
        List<Event> ticks = new ArrayList<>();
        M.enabledEvents(off, EventKind.TICK, ticks);
        assertThat(ticks).containsExactly(new Event.Tick());
    }

    @Test
    void encodingAndEqualitySeeTheServiceAndItsTicks() {
        OffloadModel.State<Machine> s = twoThreads();
        OffloadModel.State<Machine> off = apply(s, new Event.Offload(1, 0, "nic"));
        OffloadModel.State<Machine> other = apply(s, new Event.Offload(1, 0, "disk"));
        OffloadModel.State<Machine> ticked = apply(off, new Event.Tick());
        OffloadModel.State<Machine> offAgain = apply(twoThreads(), new Event.Offload(1, 0, "nic"));
        assertThat(off).isEqualTo(offAgain).hasSameHashCodeAs(offAgain).isNotEqualTo(other).isNotEqualTo(s);
        assertThat(off.toString()).contains("nic");
        assertThat(encoding(off)).isEqualTo(encoding(offAgain)).isNotEqualTo(encoding(other)).isNotEqualTo(encoding(s));
        assertThat(encoding(off.withCharged(1, 5))).isNotEqualTo(encoding(off));
        assertThat(ticked.serviceTicks(1)).isEqualTo(1);
        assertThat(off.withCharged(1, 7).serviceTicks(1)).isEqualTo(7);
        // the plain state encodes as the inner model's
        assertThat(encoding(s)).isEqualTo(innerEncoding(s.inner()));
        assertThat(M.threadSymmetric(s)).isEqualTo(Ule14Model.DEFAULT.threadSymmetric(s.inner()));
    }

    @Test
    void randomChoicesAndAdoptionWorkOnTheInnerStateAndKeepTheServices() {
        OffloadModel.State<Machine> off = apply(twoThreads(), new Event.Offload(1, 0, "nic"), new Event.Tick());
        var r = M.randomChoices();
        var ri = Ule14Model.DEFAULT.randomChoices();
        OffloadModel.State<Machine> reseeded = r.reseed(off, new SplittableRandom(3));
        assertThat(reseeded.service(1)).isEqualTo("nic");
        assertThat(reseeded.inner()).isEqualTo(ri.reseed(off.inner(), new SplittableRandom(3)));
        assertThat(r.erase(off).inner()).isEqualTo(ri.erase(off.inner()));
        assertThat(r.randomWords(off)).containsExactly(ri.randomWords(off.inner()));
        int[] words = new int[off.cpuCount()];
        words[0] = 12345;
        assertThat(r.withRandomWords(off, words).inner()).isEqualTo(ri.withRandomWords(off.inner(), words));
        assertThat(r.decisionsShowChoices()).isEqualTo(ri.decisionsShowChoices());
        assertThat(r.drew(off, off)).isEqualTo(ri.drew(off.inner(), off.inner()));

        OffloadModel.State<Machine> adopted = M.adopt(off);
        assertThat(adopted.service(1)).isEqualTo("nic");
        assertThat(adopted.serviceTicks(1)).isEqualTo(off.serviceTicks(1));
        assertThat(adopted.serviceSince(1)).isEqualTo(off.serviceSince(1));
        assertThat(adopted.service(0)).isNull();
        assertThat(adopted.threadCount()).isEqualTo(off.threadCount());
    }

    private static List<Long> encoding(OffloadModel.State<Machine> s) {
        List<Long> out = new ArrayList<>();
        M.encode(s, labels(s), sink(out));
        return out;
    }

    private static List<Long> innerEncoding(Machine m) {
        List<Long> out = new ArrayList<>();
        Ule14Model.DEFAULT.encode(m, labels(m), sink(out));
        return out;
    }

    private static int[] labels(SchedulerState s) {
        int[] label = new int[s.threadCount()];
        for (int i = 0; i < label.length; i++) {
            label[i] = i;
        }
        return label;
    }

    private static StateSink sink(List<Long> out) {
        return out::add;
    }
}
