// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.AsString;
import org.quicktheories.core.Gen;
import org.quicktheories.core.Reporter;

/**
 * Runs a QuickTheories property from the fixed seeds ({@link Examples}) and returns the shrunk
 * counterexample instead of throwing, so that a test can both require a property to hold on the
 * model and require it to fail, for the right reason, on a planted bug.
 */
public final class PropertyRunner {
    private PropertyRunner() {
    }

    /** Checks {@code property} (which throws to fail) on {@code examples} values per seed; empty when it held. */
    public static <T> Optional<Falsified<T>> falsify(Gen<T> gen, int examples, Consumer<T> property) {
        for (long seed : Examples.seeds()) {
            Capture<T> capture = new Capture<>();
            QuickTheory.qt().withFixedSeed(seed).withExamples(examples).withShrinkCycles(2000).withReporter(capture)
                    .forAll(gen).checkAssert(property);
            if (capture.found != null) {
                return Optional.of(capture.found);
            }
        }
        return Optional.empty();
    }

    /** Requires {@code property} to hold; fails with the shrunk counterexample otherwise. */
    public static <T> void check(Gen<T> gen, int examples, Consumer<T> property) {
        Optional<Falsified<T>> f = falsify(gen, examples, property);
        if (f.isPresent()) {
            AssertionError e = new AssertionError(f.get().report());
            if (f.get().cause() != null) {
                e.initCause(f.get().cause());
            }
            throw e;
        }
    }

    /** A reporter that keeps the falsification instead of throwing. */
    private static final class Capture<T> implements Reporter {
        Falsified<T> found;

        @Override
        @SuppressWarnings("unchecked")
        public void falisification(long seed, int examplesUsed, Object smallest, Throwable cause, List<Object> examples,
                AsString<Object> asString) {
            found = new Falsified<>((T) smallest, cause, seed, examplesUsed);
        }

        @Override
        public void falisification(long seed, int examplesUsed, Object smallest, List<Object> examples,
                AsString<Object> asString) {
            falisification(seed, examplesUsed, smallest, null, examples, asString);
        }

        @Override
        public void valuesExhausted(int examplesUsed) {
            throw new AssertionError("QuickTheories could not generate enough values (" + examplesUsed + " used)");
        }
    }
}
