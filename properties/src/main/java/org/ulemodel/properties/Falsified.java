// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties;

/**
 * A property's smallest counterexample after QuickTheories' shrinking: the value, the failure it
 * caused (null when a predicate simply returned false), the seed and how many examples ran.
 */
public record Falsified<T>(T smallest, Throwable cause, long seed, int examplesRun) {
    /** The counterexample and its failure, for a test report. */
    public String report() {
        return "falsified (seed " + seed + ", after " + examplesRun + " examples); smallest counterexample:\n"
                + smallest + "\nfailure: " + (cause == null ? "predicate returned false" : cause.getMessage());
    }
}
