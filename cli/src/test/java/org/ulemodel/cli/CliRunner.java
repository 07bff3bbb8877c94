// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import org.ulemodel.trace.Corpus;
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

    /**
     * A file of the repository's {@code golden/} folder (system property {@code ulemodel.golden},
     * which the build sets, else {@code ../golden} of the module); a missing file fails the test,
     * never skips it.
     */
    static Path golden(String name) {
        String prop = System.getProperty("ulemodel.golden");
        Path dir = prop != null && !prop.isBlank() ? Paths.get(prop) : Paths.get("..", "golden");
        Path f = dir.resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new IllegalStateException("golden table missing: " + f.toAbsolutePath());
        }
        return f;
    }

    /** A file of our own example workloads, {@code examples/workloads/} at the project root. */
    static Path workload(String name) {
        Path f = Corpus.projectRoot().resolve("examples").resolve("workloads").resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new IllegalStateException("example workload missing: " + f.toAbsolutePath());
        }
        return f;
    }

    /**
     * A file of our own example traces, {@code examples/traces/} at the project root (the trace
     * module's tests read the same files); a missing file fails the test, never skips it.
     */
    static Path exampleTrace(String name) {
        Path f = Corpus.projectRoot().resolve("examples").resolve("traces").resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new IllegalStateException("example trace missing: " + f);
        }
        return f;
    }

    private CliRunner() {
    }
}
