// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ulemodel.cli.CliRunner.Outcome;

/**
 * Bytes that are not UTF-8, given to every command that reads a file: each says
 * {@code FILE:LINE:COLUMN: expected UTF-8 text, found byte 0xNN … (byte offset N)}, exits 2, and
 * prints nothing else (no stack trace, no partial output).
 */
class UndecodableInputTest {
    @TempDir
    Path dir;

    /** 3,000 random bytes (the issue's reproduction). */
    Path noise() throws IOException {
        byte[] b = new byte[3000];
        new Random(15).nextBytes(b);
        return Files.write(dir.resolve("noise.bin"), b);
    }

    /** Two good lines, then a Latin-1 'é' (0xE9 followed by an ASCII letter) at line 3, column 4, byte offset 15. */
    Path latin1() throws IOException {
        byte[] good = "{\n  \"x\": 1,\n  \"".getBytes(StandardCharsets.US_ASCII);
        byte[] b = java.util.Arrays.copyOf(good, good.length + 4);
        b[good.length] = (byte) 0xe9;
        b[good.length + 1] = 't';
        b[good.length + 2] = '"';
        b[good.length + 3] = '}';
        return Files.write(dir.resolve("latin1.json"), b);
    }

    static void assertRefused(Outcome o, String file) {
        assertThat(o.code()).as(o.err()).isEqualTo(2);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).matches("ulemodel: (--topology: )?" + java.util.regex.Pattern.quote(file)
                + ":\\d+:\\d+: expected UTF-8 text, found byte 0x[0-9A-F]{2} \\([^)]*\\) \\(byte offset \\d+\\)"
                + "( \\(expected kern.sched.topology_spec XML\\))?\\R");
        assertThat(o.err()).doesNotContain("Exception", "\tat ", "Input length");
    }

    @Test
    void simulateNamesTheLineColumnAndByteOfRandomBytes() throws IOException {
        String f = noise().toString();
        assertRefused(CliRunner.run("simulate", f, "--topology", "2"), f);
    }

    @Test
    void simulateNamesTheExactPlaceOfALatin1Byte() throws IOException {
        String f = latin1().toString();
        Outcome o = CliRunner.run("simulate", f, "--topology", "2");
        assertRefused(o, f);
        assertThat(o.err()).isEqualTo("ulemodel: " + f + ":3:4: expected UTF-8 text, found byte 0xE9 "
                + "(a sequence whose byte 2 is 0x74) (byte offset 15)" + System.lineSeparator());
    }

    @Test
    void everyOtherCommandThatReadsAFileDoesTheSame() throws IOException {
        String f = noise().toString();
        assertRefused(CliRunner.run("audit", f), f);
        assertRefused(CliRunner.run("check", f, "--topology", "2"), f);
        assertRefused(CliRunner.run("replay", f), f);
        assertRefused(CliRunner.run("explore", "--prefix", f), f);
        assertRefused(CliRunner.run("eval", "pctcpu", f), f);
        assertRefused(CliRunner.run("simulate", CliRunner.workload("ui-pipeline.json").toString(), "--topology", f), f);
    }
}
