// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.ftrace;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ulemodel.trace.FuzzCampaign;
import org.ulemodel.trace.timeline.Timeline;
import org.ulemodel.trace.timeline.TimelinePage;

/**
 * The ftrace fuzz target, for the form a subclass forces (or none): any input either reads —
 * every event on a CPU in range, at a time that is not negative, in line order, in the forced
 * form — and audits and draws without an exception, or is refused with one line
 * {@code SOURCE:LINE:COLUMN: expected …}. Nothing else may escape. One subclass per form, so that
 * each has its own corpus ({@code <Subclass>Inputs/fuzz/}) and campaign (Jazzer fuzzes one
 * target per JVM).
 */
@ExtendWith(FuzzCampaign.class)
abstract class FtraceFuzzing {

    /** The form the reader is told, or null to let it detect one. */
    abstract FtraceFormat format();

    @FuzzTest(maxDuration = "60s")
    void fuzz(byte[] data) throws IOException {
        readAuditAndDraw(data, format());
    }

    static void readAuditAndDraw(byte[] data, FtraceFormat format) throws IOException {
        String text = new String(data, StandardCharsets.UTF_8);
        FtraceReader reader = new FtraceReader(new StringReader(text), "fuzz", 512, 1 << 16, format);
        Timeline timeline = new Timeline();
        TraceAudit audit = new TraceAudit(1_000_000L).drawing(timeline);
        int lastLine = 0;
        try {
            for (FtraceEvent e = reader.next(); e != null; e = reader.next()) {
                // plain checks: this loop runs for every event of every input
                int cpuLimit = reader.cpus() > 0 ? reader.cpus() : FtraceReader.MAX_CPUS;
                if (e.line() <= lastLine || e.line() > reader.lineNumber() || e.cpu() < 0 || e.cpu() >= cpuLimit
                        || e.timeNs() < 0 || format != null && reader.format() != format) {
                    throw new AssertionError("event out of bounds after line " + lastLine + " (CPU limit " + cpuLimit
                            + ", format " + reader.format() + "): " + e);
                }
                lastLine = e.line();
                audit.accept(e);
            }
            audit.finish();
            new TimelinePage("fuzz").summary(audit.violationCount() + " violations").write(Writer.nullWriter(), timeline);
        } catch (FtraceSyntaxException e) {
            assertThat(e.getMessage()).matches("fuzz:\\d+:\\d+: expected [^\\n]*").doesNotContain("\n");
            assertThat(e.line()).isPositive();
            assertThat(e.column()).isBetween(1, 513);
        }
    }
}
