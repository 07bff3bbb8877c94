// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.tck;

import org.ulemodel.core.machine.Event;
import org.ulemodel.core.topo.Topology;

/**
 * The adapter another scheduler implementation provides to be checked against a model (ULE 14
 * unless the suite's {@link SchedulerConformanceSuite#model()} names another).
 * The kit boots it on a topology, feeds it the same events as the model (only events the model
 * accepts; {@link org.ulemodel.spec.EventText#format} gives each one as a text line for
 * implementations outside the JVM) and compares its answers. One instance serves one event list
 * at a time; {@link #boot} starts a new one.
 */
public interface SchedulerUnderTest {
    /** A short name for reports. */
    String name();

    /** Starts from an idle machine of this shape: every CPU online, no threads, clock at 0. */
    void boot(Topology topology);

    /** Handles one event and reports where every runnable thread is afterwards and which threads migrated. */
    Observation apply(Event event);
}
