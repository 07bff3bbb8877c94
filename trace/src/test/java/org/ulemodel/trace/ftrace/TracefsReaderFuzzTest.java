// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.ftrace;

/** Fuzzes the ftrace reader told {@link FtraceFormat#TRACEFS} (the kernel's tracefs trace and trace_pipe); corpus {@code TracefsReaderFuzzTestInputs/fuzz/}. */
class TracefsReaderFuzzTest extends FtraceFuzzing {
    @Override
    FtraceFormat format() {
        return FtraceFormat.TRACEFS;
    }
}
