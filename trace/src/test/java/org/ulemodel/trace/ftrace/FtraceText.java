// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.ftrace;

import java.io.StringWriter;
import java.util.function.Consumer;

/** Trace text for tests (the trace and cli modules share it): what {@link FtraceWriter} writes for some events. */
public final class FtraceText {
    private FtraceText() {
    }

    /** The {@code trace-cmd report} text {@link FtraceWriter} writes for {@code events} on {@code cpus} CPUs. */
    public static String trace(int cpus, Consumer<FtraceWriter> events) {
        StringWriter out = new StringWriter();
        events.accept(new FtraceWriter(out, cpus));
        return out.toString();
    }
}
