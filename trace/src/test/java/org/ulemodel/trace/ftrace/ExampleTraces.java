// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.ftrace;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ulemodel.trace.Corpus;

/**
 * Our own example traces, {@code examples/traces/} at the project root, written by hand for this
 * project (BSD-2-Clause, a {@code #} comment line says so): {@link #TRACE_CMD} in the layout of
 * {@code trace-cmd report}, {@link #KERNEL} in that of the kernel's tracefs {@code trace} file. A
 * missing file fails the test, never skips it.
 */
final class ExampleTraces {
    /** {@code trace-cmd report} text: header, trace-cmd's sched plugin bodies, comms cut at a space. */
    static final String TRACE_CMD = "trace-cmd-report.txt";
    /** The kernel's own format: {@code #} header, latency flags, key=value bodies, no cpus= line. */
    static final String KERNEL = "kernel-trace.txt";

    private ExampleTraces() {
    }

    static Path file(String name) {
        Path f = Corpus.projectRoot().resolve("examples").resolve("traces").resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new IllegalStateException("example trace missing: " + f);
        }
        return f;
    }
}
