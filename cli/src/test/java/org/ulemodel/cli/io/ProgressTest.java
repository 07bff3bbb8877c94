// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The one progress bar: its gates (terminal, size, delay), one draw per percent, one finish. */
class ProgressTest {
    private static final Progress.Amount SECONDS = (d, t) -> d + "/" + t + " s";

    @Test
    void drawsOncePerPercentAndFinishesTheLineOnce() {
        StringWriter err = new StringWriter();
        Progress p = Progress.start(new PrintWriter(err), "simulate", 200, true, 1, 0, SECONDS);
        p.update(1);
        p.update(2);
        p.update(3);
        p.finish();
        p.finish();
        p.update(50);
        assertThat(err.toString()).isEqualTo("\rsimulate [                              ]   0% 1/200 s"
                + "\rsimulate [                              ]   1% 2/200 s"
                + "\rsimulate [##############################] 100% 200/200 s" + System.lineSeparator());
    }

    @Test
    void silentOffATerminalBelowTheMinimumAndBeforeTheDelay() {
        StringWriter err = new StringWriter();
        PrintWriter w = new PrintWriter(err);
        Progress off = Progress.start(w, "x", 100, false, 1, 0, SECONDS);
        Progress small = Progress.start(w, "x", 100, true, 101, 0, SECONDS);
        Progress early = Progress.start(w, "x", 100, true, 1, 3_600_000_000_000L, SECONDS);
        for (Progress p : new Progress[] {off, small, early}) {
            p.update(50);
            p.finish();
        }
        assertThat(off.visible()).isFalse();
        assertThat(small.visible()).isFalse();
        assertThat(early.visible()).isTrue();
        assertThat(err.toString()).isEmpty();
    }
}
