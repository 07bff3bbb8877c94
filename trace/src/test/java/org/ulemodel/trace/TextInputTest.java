// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link TextInput}: well-formed UTF-8 reads as the JDK decodes it; the first bad byte is named by line, column and offset. */
class TextInputTest {
    static String read(byte[] bytes, int chunk) throws IOException {
        StringBuilder b = new StringBuilder();
        char[] buf = new char[chunk];
        try (Reader r = TextInput.reader(new ByteArrayInputStream(bytes), "in")) {
            for (int n = r.read(buf); n >= 0; n = r.read(buf)) {
                b.append(buf, 0, n);
            }
        }
        return b.toString();
    }

    @Test
    void wellFormedTextReadsAsTheJdkDecodesItWhateverTheChunkSize() throws IOException {
        String text = "a\u00e9\u20ac\ud83d\ude00 line\nnext \u0800\uffff\ud800\udc00\udbff\udfff\n".repeat(3000);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int chunk : new int[] {1, 2, 3, 7, 8192}) {
            assertThat(read(bytes, chunk)).isEqualTo(text);
        }
    }

    @Test
    void randomValidTextAgreesWithTheJdk() throws IOException {
        Random r = new Random(15);
        for (int i = 0; i < 200; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = r.nextInt(200); k > 0; k--) {
                int cp;
                do {
                    cp = r.nextInt(4) == 0 ? r.nextInt(0x110000) : r.nextInt(0x80);
                } while (cp >= 0xd800 && cp <= 0xdfff);
                b.appendCodePoint(cp);
            }
            String s = b.toString();
            assertThat(read(s.getBytes(StandardCharsets.UTF_8), 1 + r.nextInt(5))).isEqualTo(s);
        }
    }

    static InputError refusal(byte[] bytes) {
        try {
            read(bytes, 4096);
        } catch (InputError e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("accepted " + java.util.Arrays.toString(bytes));
    }

    @Test
    void theFirstBadByteIsNamedByLineColumnAndOffset() {
        byte[] bytes = "ab\ncd\u00e9f\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = java.util.Arrays.copyOf(bytes, bytes.length + 3);
        bad[bytes.length] = 'x';
        bad[bytes.length + 1] = (byte) 0xff;
        InputError e = refusal(bad);
        assertThat(e.getMessage()).isEqualTo("in:3:2: expected UTF-8 text, found byte 0xFF (a byte that never occurs in UTF-8)"
                + " (byte offset " + (bytes.length + 1) + ")");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(2);
        assertThat(e.byteOffset()).isEqualTo(bytes.length + 1);
    }

    @Test
    void illFormedSequencesAreRefused() {
        byte[][] cases = {
            {(byte) 0x80},                                    // continuation without lead
            {(byte) 0xc0, (byte) 0xaf},                       // overlong '/'
            {(byte) 0xc1, (byte) 0xbf},                       // overlong
            {(byte) 0xe0, (byte) 0x80, (byte) 0xaf},          // overlong 3-byte
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80},          // a surrogate
            {(byte) 0xf0, (byte) 0x80, (byte) 0x80, (byte) 0xaf}, // overlong 4-byte
            {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
            {(byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xc3},                                    // cut short
            {(byte) 0xe2, (byte) 0x82},                       // cut short
            {(byte) 0xc3, (byte) 0x41},                       // bad second byte
            {(byte) 0xe2, (byte) 0x82, (byte) 0x41},          // bad third byte
        };
        for (byte[] c : cases) {
            byte[] in = new byte[c.length + 2];
            in[0] = 'o';
            in[1] = 'k';
            System.arraycopy(c, 0, in, 2, c.length);
            InputError e = refusal(in);
            assertThat(e.byteOffset()).as(java.util.Arrays.toString(c)).isEqualTo(2);
            assertThat(e.column()).isEqualTo(3);
            assertThat(e.getMessage()).startsWith("in:1:3: expected UTF-8 text, found byte 0x");
            // the JDK's decoder agrees that the input is not UTF-8
            assertThatThrownBy(() -> StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(in)))
                    .isInstanceOf(java.nio.charset.CharacterCodingException.class);
        }
    }

    @Test
    void randomBytesAreRefusedWithAPlaceNeverAStackTrace() {
        Random r = new Random(3000);
        byte[] noise = new byte[3000];
        r.nextBytes(noise);
        InputError e = refusal(noise);
        assertThat(e.getMessage()).matches("in:\\d+:\\d+: expected UTF-8 text, found byte 0x[0-9A-F]{2} \\(.*\\) \\(byte offset \\d+\\)");
        assertThat(e.byteOffset()).isBetween(0L, 2999L);
    }
}
