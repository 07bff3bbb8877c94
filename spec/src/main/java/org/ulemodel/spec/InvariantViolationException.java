// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec;

/** Thrown by {@link org.ulemodel.spec.explore.Checker} (and the workload driver) when a step breaks an invariant; carries the {@link Violation}. */
public final class InvariantViolationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Violation violation;

    public InvariantViolationException(Violation violation) {
        super(violation.toString());
        this.violation = violation;
    }

    public Violation violation() {
        return violation;
    }
}
