// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.ulemodel.trace.Corpus;

/**
 * What the protocol tests run as child processes: this JVM's class path as {@code ulemodel}
 * (the model behind {@code serve}), a C compiler and Python 3 from the {@code PATH}. Without the
 * compiler or interpreter a test that needs it is skipped, with the reason printed, so that a
 * machine with only a JDK and Maven passes {@code mvn verify} — except when the environment
 * variable {@code CI} is {@code true}: there it fails ({@code .ci/run} installs both), as the
 * browser test does ({@link HtmlChromiumTest#missing}).
 */
final class ExternalTools {
    private ExternalTools() {
    }

    /** A shell command running {@code ulemodel ARGS} on this JVM's class path. */
    static String ulemodel(String args) {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        return quote(java.toString()) + " -cp " + quote(cp) + " org.ulemodel.cli.Main " + args;
    }

    /** {@code s} quoted for {@code sh}. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** The first of {@code names} on the PATH; when none is there, skips the test, or fails it under {@code CI=true}. */
    static Path require(String what, String... names) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String n : names) {
                Path p = Paths.get(dir.isEmpty() ? "." : dir, n);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return missing("this test", what + " is needed by this test but none of " + List.of(names) + " is on the PATH "
                + "(.ci/run installs it; on Debian: apt-get install " + (what.startsWith("a C") ? "gcc" : "python3") + ")",
                System.getenv("CI"));
    }

    /**
     * What to do without a tool {@code test} needs: fail when {@code ci} is "true", else skip,
     * printing {@code message} (Surefire's console counts skips without their reasons). Never returns.
     */
    static <T> T missing(String test, String message, String ci) {
        if ("true".equals(ci)) {
            throw new AssertionError("CI=true, so " + test + " may not be skipped: " + message);
        }
        System.err.println("[skipped] " + message);
        return Assumptions.abort(message);
    }

    /** Compiles examples/c-fifo/fifo.c with the C compiler into cli/target/c-fifo/fifo and returns the binary. */
    static Path cFifo() throws IOException, InterruptedException {
        Path cc = require("a C compiler", "cc", "gcc");
        Path src = Corpus.projectRoot().resolve("examples/c-fifo/fifo.c");
        Path out = Paths.get("target", "c-fifo").toAbsolutePath();
        Files.createDirectories(out);
        Path bin = out.resolve("fifo");
        List<String> cmd = new ArrayList<>(List.of(cc.toString(), "-std=c11", "-D_POSIX_C_SOURCE=200809L", "-O2", "-Wall", "-Wextra",
                "-Werror", "-o", bin.toString(), src.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("cc failed on " + src + ":\n" + log);
        }
        return bin;
    }
}
