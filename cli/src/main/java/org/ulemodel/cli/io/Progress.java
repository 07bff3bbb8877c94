// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli.io;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on stderr for long runs: shown only when stderr is a terminal
 * ({@link System#console()} is not null) and only once the run has taken more than a second of
 * wall time; quiet otherwise. Wall time here only decides whether to draw, never what is computed.
 */
public final class Progress {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final long total;
    private final String unit;
    private final boolean enabled;
    private final long startNanos = System.nanoTime();
    private boolean drawn;

    /** A bar over {@code total} units (shown as {@code unit}), drawn on {@code err} when enabled. */
    public Progress(PrintWriter err, long total, String unit, boolean enabled) {
        this.err = err;
        this.total = Math.max(1, total);
        this.unit = unit;
        this.enabled = enabled;
    }

    /** Enabled exactly when stderr is an interactive terminal. */
    public static boolean terminal() {
        return System.console() != null;
    }

    /** Reports that {@code done} of the total units are done. */
    public void update(long done) {
        if (!enabled || System.nanoTime() - startNanos < 1_000_000_000L) {
            return;
        }
        int filled = (int) Math.min(WIDTH, done * WIDTH / total);
        err.print(String.format(Locale.ROOT, "\r[%s%s] %3d%% %s", "#".repeat(filled), " ".repeat(WIDTH - filled),
                Math.min(100, done * 100 / total), unit));
        err.flush();
        drawn = true;
    }

    /** Clears the bar if one was drawn. */
    public void finish() {
        if (drawn) {
            err.print("\r" + " ".repeat(WIDTH + 20) + "\r");
            err.flush();
        }
    }
}
