// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.ftrace;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the ftrace reader and the audit behind it: any input either reads (and audits) or is
 * refused with a one-line {@code SOURCE:LINE:COLUMN: expected …}; nothing else may escape. Without
 * {@code JAZZER_FUZZ=1} this replays the committed corpus in
 * {@code src/test/resources/org/ulemodel/trace/ftrace/FtraceReaderFuzzTestInputs/fuzz/} as a normal test.
 */
class FtraceReaderFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void fuzz(byte[] data) throws IOException {
        String text = new String(data, StandardCharsets.UTF_8);
        FtraceReader reader = new FtraceReader(new StringReader(text), "fuzz", 512, 1 << 16);
        TraceAudit audit = new TraceAudit(1_000_000L);
        try {
            for (FtraceEvent e = reader.next(); e != null; e = reader.next()) {
                assertThat(e.line()).isBetween(1, reader.lineNumber());
                assertThat(e.cpu()).isNotNegative();
                audit.accept(e);
            }
            audit.finish();
        } catch (FtraceSyntaxException e) {
            assertThat(e.getMessage()).matches("fuzz:\\d+:\\d+: expected [^\\n]*").doesNotContain("\n");
            assertThat(e.line()).isPositive();
            assertThat(e.column()).isBetween(1, 513);
        }
    }
}
