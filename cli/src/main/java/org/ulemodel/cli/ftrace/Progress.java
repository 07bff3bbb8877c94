// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli.ftrace;

import java.io.PrintWriter;

/**
 * A one-line progress bar on a terminal's stderr ({@code \r}-rewritten), for work whose size is
 * known in advance. Invariant: it prints only when it was started for a terminal and the work is
 * at least {@link #MIN_TOTAL} units, and then at most once per percent; otherwise it is silent.
 */
public final class Progress {
    /** Below this many units (bytes) a bar would only flicker: stay quiet. */
    public static final long MIN_TOTAL = 4L << 20;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private int shownPercent = -1;

    private Progress(PrintWriter err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = total;
    }

    /**
     * A bar for {@code total} units on {@code err}, or a silent one when {@code terminal} is false
     * (stderr is not a terminal: {@code System.console() == null}) or the work is small.
     */
    public static Progress start(PrintWriter err, String label, long total, boolean terminal) {
        return start(err, label, total, terminal, MIN_TOTAL);
    }

    /** As {@link #start(PrintWriter, String, long, boolean)} with another size below which it stays quiet. */
    static Progress start(PrintWriter err, String label, long total, boolean terminal, long minTotal) {
        return new Progress(terminal && total >= Math.max(1, minTotal) ? err : null, label, total);
    }

    /** True when this bar prints. */
    public boolean visible() {
        return err != null;
    }

    /** Reports that {@code done} of the total units are done. */
    public void update(long done) {
        if (err == null) {
            return;
        }
        int percent = (int) Math.min(100, done * 100 / total);
        if (percent == shownPercent) {
            return;
        }
        shownPercent = percent;
        int filled = percent * WIDTH / 100;
        err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "]"
                + String.format(" %3d%% %.1f/%.1f MB", percent, done / 1e6, total / 1e6));
        err.flush();
    }

    /** Completes the line so that what follows starts on a fresh one. */
    public void finish() {
        if (err == null) {
            return;
        }
        update(total);
        err.println();
        err.flush();
    }
}
