// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes the one strict UTF-8 reading path ({@link TextInput}) against the JDK's decoder set to
 * refuse bad input: on any bytes, read through any pattern of short reads and any buffer size,
 * both decode the same text, or both refuse it at the same byte — and then the error names that
 * byte offset, and the line and column of the text before it. The corpus in
 * {@code TextInputFuzzTestInputs/decode/} replays as a normal test.
 */
@ExtendWith(FuzzCampaign.class)
class TextInputFuzzTest {

    /** An input stream that hands out at most {@code step} bytes per read. */
    private static InputStream trickle(byte[] data, int step) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    @FuzzTest(maxDuration = "60s")
    void decode(byte[] data) throws IOException {
        CharsetDecoder jdk = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(data);
        CharBuffer out = CharBuffer.allocate(data.length + 1);
        CoderResult r = jdk.decode(in, out, true);
        int refusedAt = r.isError() ? in.position() : -1;
        String prefix = out.flip().toString();
        // the shape of the reads comes from the first byte, so the fuzzer explores it too
        int step = data.length == 0 ? 1 : 1 + (data[0] & 0x0f);
        int chunk = data.length < 2 ? 8192 : 1 + (data[1] & 0x07);
        StringBuilder text = new StringBuilder();
        try (Reader reader = TextInput.reader(step > 15 ? new ByteArrayInputStream(data) : trickle(data, step), "fuzz")) {
            char[] buf = new char[chunk];
            for (int n = reader.read(buf); n >= 0; n = reader.read(buf)) {
                assertThat(n).isPositive();
                text.append(buf, 0, n);
            }
            assertThat(refusedAt).as("the JDK refuses the input at this byte").isEqualTo(-1);
            assertThat(text.toString()).isEqualTo(prefix);
        } catch (InputError e) {
            assertThat(refusedAt).as("the JDK accepts what TextInput refused: " + e.getMessage()).isNotNegative();
            assertThat(e.byteOffset()).isEqualTo(refusedAt);
            int lastNewline = prefix.lastIndexOf('\n');
            assertThat(e.line()).isEqualTo(1 + (int) prefix.chars().filter(c -> c == '\n').count());
            assertThat(e.column()).isEqualTo(prefix.length() - lastNewline);
            assertThat(e.getMessage()).startsWith("fuzz:" + e.line() + ":" + e.column() + ": expected UTF-8 text, found byte 0x")
                    .endsWith("(byte offset " + refusedAt + ")");
            // what was handed out before the error is a prefix of the text before the bad byte
            assertThat(prefix).startsWith(text.toString());
        }
    }
}
