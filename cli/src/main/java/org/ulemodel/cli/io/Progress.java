// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli.io;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The one progress bar of the commands: a line on a terminal's stderr, rewritten with {@code \r},
 * for work whose size is known in advance — {@code LABEL [#####     ]  NN% DONE/TOTAL UNIT}.
 * Invariant: it prints only when it was started for a terminal, the work is at least its minimum
 * size and its delay of wall time has passed since the start; then at most once per percent, and
 * {@link #finish()} completes the line. Otherwise it is silent. Wall time only decides whether to
 * draw, never what is computed.
 */
public final class Progress {
    /** Below this many bytes a bar would only flicker: {@link #start(PrintWriter, String, long, boolean)} stays quiet. */
    public static final long MIN_TOTAL = 4L << 20;
    private static final int WIDTH = 30;

    /** How a bar prints how much is done of the total. */
    @FunctionalInterface
    public interface Amount {
        /** The text after the percentage for {@code done} of {@code total} units. */
        String format(long done, long total);
    }

    /** Amounts in bytes, printed as {@code 4.2/41.9 MB}. */
    public static final Amount MEGABYTES = (done, total) -> String.format(Locale.ROOT, "%.1f/%.1f MB", done / 1e6, total / 1e6);

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final Amount amount;
    private final long delayNanos;
    private final long startNanos = System.nanoTime();
    private int shownPercent = -1;
    private boolean drawn;
    private boolean finished;

    private Progress(PrintWriter err, String label, long total, Amount amount, long delayNanos) {
        this.err = err;
        this.label = label;
        this.total = Math.max(1, total);
        this.amount = amount;
        this.delayNanos = delayNanos;
    }

    /**
     * A bar over {@code total} bytes on {@code err}, drawn at once, or a silent one when
     * {@code terminal} is false (stderr is not a terminal: {@code System.console() == null}) or the
     * work is below {@link #MIN_TOTAL}.
     */
    public static Progress start(PrintWriter err, String label, long total, boolean terminal) {
        return start(err, label, total, terminal, MIN_TOTAL, 0, MEGABYTES);
    }

    /**
     * A bar over {@code total} units on {@code err}, silent unless {@code terminal} and
     * {@code total >= minTotal}, and first drawn once {@code delayNanos} of wall time have passed
     * (so that short runs stay quiet); {@code amount} prints the units.
     */
    public static Progress start(PrintWriter err, String label, long total, boolean terminal, long minTotal, long delayNanos,
            Amount amount) {
        return new Progress(terminal && total >= Math.max(1, minTotal) ? err : null, label, total, amount, delayNanos);
    }

    /** Whether stderr is an interactive terminal, the only place a bar is drawn. */
    public static boolean terminal() {
        return System.console() != null;
    }

    /** True when this bar may print (it was started for a terminal and the work is large enough). */
    public boolean visible() {
        return err != null;
    }

    /** Reports that {@code done} of the total units are done. */
    public void update(long done) {
        if (err == null || finished || (!drawn && System.nanoTime() - startNanos < delayNanos)) {
            return;
        }
        int percent = (int) Math.max(0, Math.min(100, done * 100 / total));
        if (percent == shownPercent) {
            return;
        }
        shownPercent = percent;
        drawn = true;
        int filled = percent * WIDTH / 100;
        err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "]"
                + String.format(Locale.ROOT, " %3d%% ", percent) + amount.format(done, total));
        err.flush();
    }

    /**
     * Shows the work complete and ends the line, so that what follows starts on a fresh one; nothing
     * when no bar was due. Later calls, and updates after it, print nothing.
     */
    public void finish() {
        if (err == null || finished) {
            return;
        }
        update(total);
        finished = true;
        if (drawn) {
            err.println();
            err.flush();
        }
    }
}
