// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.ftrace;

/** Fuzzes the ftrace reader told {@link FtraceFormat#TRACE_CMD} (trace-cmd report (with or without -R)); corpus {@code TraceCmdReaderFuzzTestInputs/fuzz/}. */
class TraceCmdReaderFuzzTest extends FtraceFuzzing {
    @Override
    FtraceFormat format() {
        return FtraceFormat.TRACE_CMD;
    }
}
