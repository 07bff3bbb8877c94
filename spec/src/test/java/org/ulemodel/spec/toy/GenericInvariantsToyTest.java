// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.toy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.model.EventKind;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.spec.Invariant;
import org.ulemodel.spec.Invariants;

/**
 * The generic invariants judge a model that is not ULE — the toy round robin, plugged in only
 * through {@link SchedulerModel} — and catch the bug planted in its variant; the ULE-specific
 * invariants are typed on ULE's state and cannot be applied to it.
 */
class GenericInvariantsToyTest {
    /** Random walk over the model's enabled events; returns the first violation, or null. */
    static <S extends SchedulerState> String walk(SchedulerModel<S> model, long seed, int steps) {
        SplittableRandom rnd = new SplittableRandom(seed);
        S s = model.boot(Topology.parse("2x2"));
        List<Event> setup = List.of(Event.Create.timeshare(0), Event.Create.timeshare(0), Event.Create.timeshare(0),
                Event.Create.timeshare(0), Event.Create.timeshare(0), Event.Create.timeshare(0));
        List<Event> events = new ArrayList<>(setup);
        for (int i = 0; i < steps; i++) {
            if (i >= setup.size()) {
                events.clear();
                for (EventKind k : EventKind.values()) {
                    model.enabledEvents(s, k, events);
                }
            }
            Event e = i < setup.size() ? setup.get(i) : events.get(rnd.nextInt(events.size()));
            ModelStep<S> r;
            try {
                r = model.step(s, e);
            } catch (IllegalEventException refused) {
                continue;
            }
            for (Invariant<SchedulerState> inv : Invariants.generic()) {
                String problem = inv.check(s, r);
                if (problem != null) {
                    return inv.id() + " after " + e + ": " + problem;
                }
            }
            s = r.state();
        }
        return null;
    }

    @Test
    void theGenericInvariantsHoldForTheToy() {
        for (long seed = 1; seed <= 20; seed++) {
            assertThat(walk(RoundRobinModel.correct(), seed, 2_000)).as("seed " + seed).isNull();
        }
    }

    @Test
    void conserveCatchesTheToysForgottenDequeue() {
        String v = walk(RoundRobinModel.forgetDequeue(), 1, 2_000);
        // the walk takes every kind of event (the toy refuses only IPIs, and none is ever pending): here a bind moves CPU 0's running thread to CPU 1 and thread 4, switched in on CPU 0, stays in its FIFO
        assertThat(v).isEqualTo("CONSERVE after Bind[cpu=0, target=1]: thread 4 is queued on CPU 0 but records RUNNING on CPU 0");
    }
}
