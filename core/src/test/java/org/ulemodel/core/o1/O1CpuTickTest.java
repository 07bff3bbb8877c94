// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.o1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.model.EventKind;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.Topology;

/**
 * The O(1) model's per-CPU clock event ({@link Event.CpuTick}): each CPU's local timer runs
 * {@code scheduler_tick} on that CPU alone, and {@code jiffies} advances only with CPU 0's (the
 * CPU taking the global timer interrupt, {@code do_timer}).
 */
class O1CpuTickTest {
    private static final O1Model M = O1Model.DEFAULT;
    private static final List<EventKind> KINDS = List.of(EventKind.BLOCK, EventKind.WAKE, EventKind.YIELD, EventKind.IDLE,
            EventKind.IPI);

    /** Everything that can influence a future step ({@link O1Model#encode}), threads under their own ids. */
    private static List<Long> encoding(O1State s) {
        int[] label = new int[s.threadCount()];
        for (int t = 0; t < label.length; t++) {
            label[t] = t;
        }
        List<Long> out = new ArrayList<>();
        M.encode(s, label, out::add);
        return out;
    }

    @Test
    void jiffiesAdvanceWithCpuZerosTickOnly() {
        O1State s = M.boot(Topology.parse("2"));
        s = M.step(s, new Event.CpuTick(1)).state();
        assertThat(s.elapsed()).isZero();
        s = M.step(s, new Event.CpuTick(0)).state();
        assertThat(s.elapsed()).isEqualTo(1);
        O1State off = M.step(s, new Event.CpuOffline(1, 0)).state();
        assertThatThrownBy(() -> M.step(off, new Event.CpuTick(1))).isInstanceOf(IllegalEventException.class)
                .hasMessage("tick: expected an online CPU, but CPU 1 is offline");
    }

    /**
     * One CPU tick on each CPU in id order is a lock-step {@link Event.Tick} when the tick switched
     * no thread (the returns to user mode did nothing, so only their order differs); it always
     * advances {@code jiffies} by one.
     */
    @Test
    void aRoundOfCpuTicksIsATickWhenNoCpuSwitches() {
        SplittableRandom rng = new SplittableRandom(11);
        O1State s = M.boot(Topology.parse("2x2"));
        int compared = 0;
        int rounds = 0;
        for (int i = 0; i < 3_000; i++) {
            Event e;
            if (i < 6) {
                e = new Event.Create(PriClass.TIMESHARE, rng.nextInt(-5, 6), -1, false, null, rng.nextInt(4));
            } else {
                List<Event> out = new ArrayList<>();
                for (EventKind k : KINDS) {
                    k.candidates(s, out);
                }
                e = out.isEmpty() || rng.nextInt(4) == 0 ? new Event.Tick() : out.get(rng.nextInt(out.size()));
            }
            ModelStep<O1State> step;
            try {
                step = M.step(s, e);
            } catch (IllegalEventException refused) {
                continue;
            }
            if (e instanceof Event.Tick) {
                O1State round = s;
                List<Decision> decisions = new ArrayList<>();
                for (int c = 0; c < s.cpuCount(); c++) {
                    ModelStep<O1State> r = M.step(round, new Event.CpuTick(c));
                    decisions.addAll(r.decisions());
                    round = r.state();
                }
                rounds++;
                assertThat(round.elapsed()).isEqualTo(step.state().elapsed());
                if (step.decisions().stream().noneMatch(d -> d instanceof Decision.Switch)) {
                    compared++;
                    assertThat(decisions).as("step %d", i).isEqualTo(step.decisions());
                    // O1State has identity equals: compare the model's encodings, which the explorer dedupes by
                    assertThat(encoding(round)).as("step %d", i).isEqualTo(encoding(step.state()));
                }
            }
            s = step.state();
        }
        assertThat(compared).isGreaterThan(rounds / 2);
    }
}
