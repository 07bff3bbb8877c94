// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.ftrace;

/** Fuzzes the ftrace reader told {@link FtraceFormat#PERF} (perf script of sched: tracepoints); corpus {@code PerfScriptReaderFuzzTestInputs/fuzz/}. */
class PerfScriptReaderFuzzTest extends FtraceFuzzing {
    @Override
    FtraceFormat format() {
        return FtraceFormat.PERF;
    }
}
