// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.model;

/** Receives the values that make up a state's canonical encoding (see {@link SchedulerModel#encode}); a hasher, typically. */
@FunctionalInterface
public interface StateSink {
    /** Takes one value of the encoding. */
    void put(long value);
}
