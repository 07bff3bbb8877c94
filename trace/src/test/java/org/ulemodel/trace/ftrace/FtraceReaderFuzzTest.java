// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.ftrace;

/**
 * Fuzzes the ftrace reader with its form detection, and the audit and drawing behind it
 * ({@link FtraceFuzzing}). Without {@code JAZZER_FUZZ=1} this replays the committed corpus in
 * {@code src/test/resources/org/ulemodel/trace/ftrace/FtraceReaderFuzzTestInputs/fuzz/} as a
 * normal test; the forms forced one by one: {@link TraceCmdReaderFuzzTest},
 * {@link TracefsReaderFuzzTest}, {@link PerfScriptReaderFuzzTest}.
 */
class FtraceReaderFuzzTest extends FtraceFuzzing {
    @Override
    FtraceFormat format() {
        return null;
    }
}
