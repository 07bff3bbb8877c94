// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec;

import org.ulemodel.core.model.SchedulerState;

/** An invariant's id and statement, shared by the catalogues; subclasses supply the check. */
abstract class NamedInvariant<S extends SchedulerState> implements Invariant<S> {
    private final String id;
    private final String statement;

    NamedInvariant(String id, String statement) {
        this.id = id;
        this.statement = statement;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String statement() {
        return statement;
    }

    @Override
    public String toString() {
        return id + ": " + statement;
    }
}
