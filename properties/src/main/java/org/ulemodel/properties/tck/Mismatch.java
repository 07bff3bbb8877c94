// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.tck;

import java.util.List;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.spec.EventText;
import org.ulemodel.spec.explore.ModelSpecs;

/**
 * The first event where a scheduler under test decided something the model could not have
 * decided, with both decisions and the model's reason; {@link #report()} reads as a sentence
 * followed by the replayable events up to this one.
 *
 * @param scheduler      the implementation's name
 * @param model          the id of the model it is judged against ({@code ule14} unless the kit was given another)
 * @param eventNumber    1-based number of the event in the list
 * @param kind           what differs
 * @param why            why the model disagrees, in words
 * @param expected       the model's decision (with its own random state)
 * @param actual         the implementation's decision (null when it refused the event)
 * @param randomChoice   whether the model drew random numbers for this event, so that alternatives were tried
 * @param modelDecisions everything the model decided for this event, for reference
 * @param topology       the topology spec
 * @param events         the events up to and including this one
 */
public record Mismatch(String scheduler, String model, int eventNumber, Kind kind, String why, Observation expected, Observation actual,
        boolean randomChoice, List<Decision> modelDecisions, String topology, List<Event> events) {

    /** What differs between the implementation and the model, most telling first. */
    public enum Kind {
        /** The implementation refused or crashed on an event the model accepts. */
        REFUSED,
        /** A thread is placed on a CPU outside its cpuset. */
        AFFINITY,
        /** A thread is placed on an offline CPU. */
        OFFLINE,
        /** The set of runnable threads differs (a thread lost, duplicated or woken wrongly). */
        RUNNABLE,
        /** A CPU runs a different thread than the model's. */
        RUNNING,
        /** A waiting thread waits on a different CPU than the model's. */
        PLACEMENT,
        /** Same placements, different migrations. */
        MIGRATION
    }

    /** The event the disagreement is about. */
    public Event event() {
        return events.get(events.size() - 1);
    }

    /** The full report: event number, both decisions, the model's reason and the replayable prefix. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(scheduler).append(" disagrees with model ").append(model).append(" at event #").append(eventNumber).append(" (")
                .append(EventText.format(event())).append("): ").append(kind).append(": ").append(why).append('\n');
        sb.append("  model:       ").append(expected).append('\n');
        sb.append("  ").append(String.format("%-13s", scheduler + ":")).append(actual == null ? "(refused)" : actual).append('\n');
        if (randomChoice) {
            sb.append("  (the model drew random numbers here; no alternative random state gives ").append(scheduler)
                    .append("'s decision)\n");
        }
        sb.append("  model decisions: ").append(modelDecisions).append('\n');
        sb.append("replay:\n").append(EventText.formatAll(ModelSpecs.DEFAULT_ID.equals(model) ? null : model, topology, events));
        return sb.toString();
    }

    @Override
    public String toString() {
        return report();
    }
}
