// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.tck;

/** Thrown inside a conformance property so that the shrunk counterexample keeps its {@link Mismatch}. */
public final class ConformanceFailure extends AssertionError {
    private static final long serialVersionUID = 1L;
    private final transient Mismatch mismatch;

    public ConformanceFailure(Mismatch mismatch) {
        super(mismatch.report());
        this.mismatch = mismatch;
    }

    /** The first disagreement of the failing event list. */
    public Mismatch mismatch() {
        return mismatch;
    }
}
