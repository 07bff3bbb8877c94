// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Runs the command line in-process and captures its exit status, stdout and stderr. */
final class CliRunner {
    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** A file of ../shared/golden; a missing shared folder fails the test (never skips it). */
    static Path golden(String name) {
        String prop = System.getProperty("ulemodel.shared");
        Path shared = prop != null ? Paths.get(prop) : Paths.get("..", "..", "shared");
        Path f = shared.resolve("golden").resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new IllegalStateException("golden table missing: " + f.toAbsolutePath());
        }
        return f;
    }

    private CliRunner() {
    }
}
