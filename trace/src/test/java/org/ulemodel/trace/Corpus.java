// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Third-party corpora (rt-app's example workloads, GPL-2.0; LISA's trace, Apache-2.0) are never
 * copied into this repository. Tests that run them read the folder named by the system property
 * {@code ulemodel.corpus} ({@code mvn verify -Dulemodel.corpus=DIR}; {@code .ci/run} passes
 * {@code ../shared/data}); a relative path is taken from the project root. Without the property
 * such a test is reported as skipped with the reason; with it, a missing file fails the test.
 *
 * <p>Layout expected under DIR: {@code rtapp/*.json} and {@code ftrace/lisa-trace_sched.txt}. The
 * one reader of the property: {@code cli}'s tests use it through trace's test-jar.
 */
public final class Corpus {
    /** The system property naming the corpus folder. */
    public static final String PROPERTY = "ulemodel.corpus";

    private Corpus() {
    }

    /** The project root: system property {@code ulemodel.root} (set by the build), else the module's parent. */
    public static Path projectRoot() {
        String prop = System.getProperty("ulemodel.root");
        Path root = prop != null && !prop.isBlank() ? Paths.get(prop) : Paths.get("..");
        return root.toAbsolutePath().normalize();
    }

    /** True when a corpus folder was given. */
    public static boolean given() {
        String prop = System.getProperty(PROPERTY);
        return prop != null && !prop.isBlank();
    }

    /** The corpus folder; skips the calling test (with the reason) when none was given. */
    public static Path dir() {
        String prop = System.getProperty(PROPERTY);
        if (prop == null || prop.isBlank()) {
            String reason = "third-party corpus not given: run with -D" + PROPERTY
                    + "=DIR (rtapp/, ftrace/; .ci/run passes ../shared/data)";
            // Surefire's console counts skips without their reasons: say it where the run is read.
            System.err.println("[skipped] " + reason);
            Assumptions.abort(reason);
        }
        Path p = Paths.get(prop);
        if (!p.isAbsolute()) {
            p = projectRoot().resolve(p);
        }
        p = p.normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("-D" + PROPERTY + "=" + prop + " is not a directory (resolved to " + p + ")");
        }
        return p;
    }

    /** {@code DIR/relative}; skips without a corpus, fails when the corpus lacks the file. */
    public static Path file(String relative) {
        Path f = dir().resolve(relative);
        if (!Files.isRegularFile(f)) {
            throw new IllegalStateException("corpus file missing: " + f + " (-D" + PROPERTY + "=" + System.getProperty(PROPERTY) + ")");
        }
        return f;
    }
}
