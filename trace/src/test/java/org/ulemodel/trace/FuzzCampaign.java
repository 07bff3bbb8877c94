// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The time box of a fuzz campaign ({@code mvn -P fuzz -Dulemodel.fuzz.minutes=N}, docs/fuzzing.md):
 * every fuzz test class is {@code @ExtendWith(FuzzCampaign.class)}, which before the class runs turns
 * {@code ulemodel.fuzz.minutes} into libFuzzer's {@code -max_total_time} (seconds) and
 * {@code ulemodel.fuzz.runs}, when given, into {@code -runs} (a target stops at whichever comes
 * first), and asks for libFuzzer's final statistics. Jazzer takes libFuzzer arguments from the JUnit configuration parameters
 * {@code jazzer.internal.arg.0, 1, …} (system properties count as such) and puts them after the
 * {@code @FuzzTest(maxDuration)} one, so they win, provided they are set before Jazzer prepares
 * the fuzz test (which happens before the test class is initialized, hence a before-all callback
 * rather than a static initializer); this is how Jazzer's own command line passes them, and it is
 * pinned with Jazzer's version. Without the property nothing changes: the fuzz
 * tests replay their corpora, or fuzz for their annotated time under {@code JAZZER_FUZZ=1}.
 */
public final class FuzzCampaign implements BeforeAllCallback {
    /** The system property: minutes per fuzz target (decimals allowed). */
    public static final String MINUTES = "ulemodel.fuzz.minutes";
    /** The system property: at most this many executions per fuzz target (blank: no limit). */
    public static final String RUNS = "ulemodel.fuzz.runs";

    @Override
    public void beforeAll(ExtensionContext context) {
        configure();
    }

    /** Sets the libFuzzer arguments of a campaign when {@link #MINUTES} is given (and nobody set them). */
    public static void configure() {
        String minutes = System.getProperty(MINUTES, "").trim();
        if (minutes.isEmpty() || System.getProperty("jazzer.internal.arg.0") != null) {
            return;
        }
        long seconds;
        try {
            seconds = Math.max(1, Math.round(Double.parseDouble(minutes) * 60));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + MINUTES + ": expected a number of minutes, found '" + minutes + "'", e);
        }
        String runs = System.getProperty(RUNS, "").trim();
        if (!runs.isEmpty() && !runs.matches("[1-9]\\d{0,17}")) {
            throw new IllegalArgumentException("-D" + RUNS + ": expected a positive number of executions, found '" + runs + "'");
        }
        System.setProperty("jazzer.internal.arg.0", "ulemodel-fuzz");
        System.setProperty("jazzer.internal.arg.1", "-max_total_time=" + seconds);
        System.setProperty("jazzer.internal.arg.2", "-print_final_stats=1");
        if (!runs.isEmpty()) {
            System.setProperty("jazzer.internal.arg.3", "-runs=" + runs);
        }
    }
}
