// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.o1;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.model.EventKind;
import org.ulemodel.core.o1.O1State;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.spec.WaitMonitor;
import org.ulemodel.spec.explore.Checker;
import org.ulemodel.spec.explore.ModelSpec;

/** Seeded random walks over the O(1) model's enabled events, judged by a spec's invariants and path properties. */
final class O1Walks {
    private O1Walks() {
    }

    /**
     * From {@code setup} on {@code topology}, {@code steps} events: a tick with probability
     * {@code (tickOdds - 1) / tickOdds} (and whenever nothing else is enabled), else one of the
     * enabled events of {@code kinds}, drawn by a generator seeded with {@code seed}; refused
     * events are skipped. Returns the first violation of the spec's checks, or null.
     */
    static String walk(ModelSpec<O1State> spec, String topology, List<Event> setup, List<EventKind> kinds, int tickOdds, long seed,
            int steps) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Checker<O1State> checker = new Checker<>(spec, -1);
        O1State s = spec.model().boot(Topology.parse(topology));
        WaitMonitor monitor = spec.initialMonitor(s);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            Event e;
            if (i < setup.size()) {
                e = setup.get(i);
            } else {
                events.clear();
                for (EventKind k : kinds) {
                    spec.model().enabledEvents(s, k, events);
                }
                e = events.isEmpty() || rnd.nextInt(tickOdds) != 0 ? new Event.Tick() : events.get(rnd.nextInt(events.size()));
            }
            Checker.Outcome<O1State> o;
            try {
                o = checker.step(s, monitor, e, Checker.stepName(i + 1, e));
            } catch (IllegalEventException refused) {
                continue;
            }
            if (o.violation() != null) {
                return o.violation().toString();
            }
            s = o.result().state();
            monitor = o.monitor();
        }
        return null;
    }
}
