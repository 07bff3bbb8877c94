// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The one way input files become text: strict UTF-8 (RFC 3629: no overlong forms, no surrogates,
 * nothing above U+10FFFF) decoded by hand so that the first byte that is not UTF-8 stops reading
 * with an {@link InputError} {@code FILE:LINE:COLUMN: expected UTF-8 text, found byte 0xNN …
 * (byte offset N)}, instead of the JDK decoder's bare "Input length = 1" or a silent U+FFFD.
 *
 * <p>Invariant: every character a reader hands out was decoded from well-formed UTF-8; line and
 * column (1-based, columns counting UTF-16 chars as the text readers do) and the byte offset
 * (0-based) of an error name the first byte of the ill-formed sequence. Every command reads its
 * files through here (the rt-app, ftrace, JSONL, event-text and topology readers alike).
 */
public final class TextInput {
    private TextInput() {
    }

    /** A strict UTF-8 reader of {@code file}, naming it as given in errors. */
    public static Reader open(Path file) throws IOException {
        return reader(Files.newInputStream(file), file.toString());
    }

    /** A strict UTF-8 reader of {@code in}, naming it {@code source} in errors. */
    public static Reader reader(InputStream in, String source) {
        return new Utf8Reader(in, source);
    }

    /** The whole of {@code file} as text, decoded strictly. */
    public static String read(Path file) throws IOException {
        StringBuilder b = new StringBuilder();
        char[] buf = new char[8192];
        try (Reader in = open(file)) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                b.append(buf, 0, n);
            }
        }
        return b.toString();
    }

    /** Decodes UTF-8 byte by byte, keeping the line, column and byte offset of the next byte. */
    private static final class Utf8Reader extends Reader {
        private final InputStream in;
        private final String source;
        private final byte[] bytes = new byte[65536];
        private int len;
        private int pos;
        private boolean eof;
        private long offset;
        private int line = 1;
        private int column = 1;
        private char pendingLow;

        Utf8Reader(InputStream in, String source) {
            this.in = Objects.requireNonNull(in, "in");
            this.source = Objects.requireNonNull(source, "source");
        }

        /** Makes at least {@code n} bytes available from {@code pos} unless the input ends first. */
        private boolean fill(int n) throws IOException {
            while (len - pos < n && !eof) {
                if (pos > 0) {
                    System.arraycopy(bytes, pos, bytes, 0, len - pos);
                    len -= pos;
                    pos = 0;
                }
                int r = in.read(bytes, len, bytes.length - len);
                if (r < 0) {
                    eof = true;
                } else {
                    len += r;
                }
            }
            return len - pos >= n;
        }

        @Override
        public int read(char[] cbuf, int off, int max) throws IOException {
            Objects.checkFromIndexSize(off, max, cbuf.length);
            if (max == 0) {
                return 0;
            }
            int n = 0;
            if (pendingLow != 0) {
                cbuf[off + n++] = pendingLow;
                pendingLow = 0;
            }
            while (n < max) {
                if (pos == len && !fill(1)) {
                    break;
                }
                int b = bytes[pos] & 0xff;
                if (b < 0x80) {
                    // the common case, a run of ASCII, in three simple loops the JIT compiles well:
                    // find the run's end, copy it while counting line ends, find the last line end
                    int end = Math.min(len, pos + (max - n));
                    int from = pos;
                    int to = from + 1;
                    while (to < end && bytes[to] >= 0) {
                        to++;
                    }
                    int newlines = 0;
                    int k = off + n;
                    for (int i = from; i < to; i++) {
                        byte ch = bytes[i];
                        cbuf[k++] = (char) ch;
                        newlines += ch == '\n' ? 1 : 0;
                    }
                    n = k - off;
                    pos = to;
                    offset += to - from;
                    if (newlines == 0) {
                        column += to - from;
                    } else {
                        int lastNewline = to - 1;
                        while (bytes[lastNewline] != '\n') {
                            lastNewline--;
                        }
                        line += newlines;
                        column = to - lastNewline;
                    }
                    continue;
                }
                int cp = decode(b);
                if (cp >= 0x10000) {
                    cbuf[off + n++] = Character.highSurrogate(cp);
                    char low = Character.lowSurrogate(cp);
                    if (n < max) {
                        cbuf[off + n++] = low;
                    } else {
                        pendingLow = low;
                    }
                    column += 2;
                } else {
                    cbuf[off + n++] = (char) cp;
                    column++;
                }
            }
            return n == 0 ? -1 : n;
        }

        /** Decodes the sequence starting with lead byte {@code b} at {@code pos} and steps over it. */
        private int decode(int b) throws IOException {
            int need;
            int cp;
            int lo = 0x80;
            int hi = 0xbf;
            if (b >= 0xc2 && b <= 0xdf) {
                need = 1;
                cp = b & 0x1f;
            } else if (b >= 0xe0 && b <= 0xef) {
                need = 2;
                cp = b & 0x0f;
                lo = b == 0xe0 ? 0xa0 : 0x80; // no overlong forms
                hi = b == 0xed ? 0x9f : 0xbf; // no surrogates
            } else if (b >= 0xf0 && b <= 0xf4) {
                need = 3;
                cp = b & 0x07;
                lo = b == 0xf0 ? 0x90 : 0x80;
                hi = b == 0xf4 ? 0x8f : 0xbf; // nothing above U+10FFFF
            } else {
                throw error(b, b >= 0x80 && b <= 0xbf ? "a continuation byte without a lead byte"
                        : "a byte that never occurs in UTF-8");
            }
            fill(need + 1);
            for (int i = 1; i <= need; i++) {
                if (pos + i >= len) {
                    throw error(b, "a sequence cut short by the end of the input");
                }
                int c = bytes[pos + i] & 0xff;
                if (c < (i == 1 ? lo : 0x80) || c > (i == 1 ? hi : 0xbf)) {
                    throw error(b, "a sequence whose byte " + (i + 1) + " is " + hex(c));
                }
                cp = cp << 6 | c & 0x3f;
            }
            pos += need + 1;
            offset += need + 1;
            return cp;
        }

        private InputError error(int b, String what) {
            return new InputError(source, line, column, offset,
                    "expected UTF-8 text, found byte " + hex(b) + " (" + what + ")");
        }

        private static String hex(int b) {
            return String.format("0x%02X", b);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
