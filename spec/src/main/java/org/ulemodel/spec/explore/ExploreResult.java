// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import java.util.List;
import java.util.Locale;
import org.ulemodel.core.machine.Event;
import org.ulemodel.spec.EventText;
import org.ulemodel.spec.Violation;

/**
 * What an exploration found and what it cost.
 *
 * @param outcome      how it ended
 * @param states       distinct states visited (fingerprints in the visited set)
 * @param transitions  steps taken (accepted events; a {@link Move#STAT} macro counts once)
 * @param maxDepth     deepest level reached
 * @param seconds      wall time
 * @param visitedBytes bytes held by the visited set
 * @param peakFrontier largest BFS level held in memory (states)
 * @param violation    the violation found, or null
 * @param counterexample the shortest event list from boot reaching it (setup included), or empty
 * @param topology     the topology spec, for the counterexample text
 * @param model        the explored model's id, for the counterexample text (its {@code model} line is left out for
 *                     {@link ModelSpecs#DEFAULT_ID})
 * @param levels       distinct states first met at each depth (index 0: the start state; the last entry is partial
 *                     when the search stopped inside that level)
 */
public record ExploreResult(Outcome outcome, long states, long transitions, int maxDepth, double seconds, long visitedBytes,
        long peakFrontier, Violation violation, List<Event> counterexample, String topology,
        String model, List<Long> levels) {

    public ExploreResult {
        counterexample = List.copyOf(counterexample);
        levels = List.copyOf(levels);
    }

    /** How an exploration ended. */
    public enum Outcome {
        /** Every state within the depth bound was visited; no violation. */
        COMPLETE,
        /** A violation was found (the counterexample is the shortest). */
        VIOLATION,
        /** Stopped at --max-states: partial. */
        STOPPED_STATES,
        /** Stopped at --max-seconds: partial. */
        STOPPED_TIME,
        /** Stopped before running out of memory: partial. */
        STOPPED_MEMORY
    }

    /** Distinct states per second of wall time. */
    public double statesPerSecond() {
        return seconds > 0 ? states / seconds : 0;
    }

    /** Visited-set bytes per distinct state. */
    public double bytesPerState() {
        return states > 0 ? (double) visitedBytes / states : 0;
    }

    /** The counterexample in {@link EventText} form, ready for {@code ulemodel replay}. */
    public String counterexampleText() {
        return EventText.formatAll(ModelSpecs.DEFAULT_ID.equals(model) ? null : model, topology, counterexample);
    }

    /** A few lines of statistics. */
    public String statistics() {
        return String.format(Locale.ROOT,
                "outcome: %s%nstates: %d%ntransitions: %d%nmax depth: %d%ntime: %.2f s%nstates/s: %.0f%nvisited set: %d bytes (%.1f bytes/state)%n"
                        + "peak frontier: %d states%n",
                outcome, states, transitions, maxDepth, seconds, statesPerSecond(), visitedBytes, bytesPerState(), peakFrontier);
    }
}
