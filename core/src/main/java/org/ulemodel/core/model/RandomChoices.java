// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.model;

import java.util.SplittableRandom;

/**
 * How a model's randomness can be varied: the hook a random-tolerant judge (the trace module's
 * {@code Oracle}) uses to ask "could the model have decided this with another random state?".
 * A model keeps its randomness in its state ({@link SchedulerModel}'s contract), so the
 * alternatives of a state are the states that differ from it only in that random part — states
 * an outside observer cannot tell apart. A model without randomness gives {@link #none()} (the
 * default of {@link SchedulerModel#randomChoices()}) and is judged exactly.
 *
 * <p>Invariants: {@link #reseed} and {@link #erase} change only the random part, so
 * {@code erase(reseed(s, r)).equals(erase(s))}; {@link #drew} is false only for a step whose
 * outcome no random state could change (a step that read no random number).
 *
 * @param <S> the model's state type
 */
public interface RandomChoices<S extends SchedulerState> {
    /**
     * Whether the step from {@code before} to {@code after} read the random state, so that another
     * random state might have given another outcome. When false the judge tries no alternative.
     */
    boolean drew(S before, S after);

    /** {@code state} with its whole random state replaced by values drawn from {@code rnd}: one equally possible alternative. */
    S reseed(S state, SplittableRandom rnd);

    /** {@code state} with its random state set to a fixed value: states with equal erasures differ only in randomness. */
    S erase(S state);

    /**
     * The random state of {@code state} as 32-bit words, as a decision trace's header records the
     * boot random state (ULE: each CPU's {@code randomval}, CPU 0 first); empty for a model that
     * draws no random numbers. Inverse of {@link #withRandomWords}.
     */
    int[] randomWords(S state);

    /**
     * {@code state} with its random state set from {@code words} (the form {@link #randomWords}
     * gives); everything else unchanged.
     *
     * @throws IllegalArgumentException when the model's random state is not {@code words.length} words, saying how many it is
     */
    S withRandomWords(S state, int[] words);

    /**
     * Whether every random choice shows in a step's decisions: two steps from one state (whatever
     * their random states) that took equal decision lists reach states equal apart from their
     * random state. A judge comparing whole decision lists then has nothing hidden to look for
     * after a match. False unless the model guarantees it.
     */
    default boolean decisionsShowChoices() {
        return false;
    }

    /** The choices of a model that draws no random numbers: nothing to vary, so every step is judged exactly. */
    @SuppressWarnings("unchecked")
    static <S extends SchedulerState> RandomChoices<S> none() {
        return (RandomChoices<S>) None.INSTANCE;
    }

    /** The deterministic model's choices behind {@link #none()}. */
    final class None implements RandomChoices<SchedulerState> {
        static final None INSTANCE = new None();

        private None() {
        }

        @Override
        public boolean drew(SchedulerState before, SchedulerState after) {
            return false;
        }

        @Override
        public SchedulerState reseed(SchedulerState state, SplittableRandom rnd) {
            return state;
        }

        @Override
        public SchedulerState erase(SchedulerState state) {
            return state;
        }

        @Override
        public int[] randomWords(SchedulerState state) {
            return new int[0];
        }

        /** {@code state} itself; {@code words} must be empty. */
        @Override
        public SchedulerState withRandomWords(SchedulerState state, int[] words) {
            if (words.length != 0) {
                throw new IllegalArgumentException("the model draws no random numbers: expected no random state, got " + words.length
                        + " values");
            }
            return state;
        }

        /** Vacuously: there are no random choices. */
        @Override
        public boolean decisionsShowChoices() {
            return true;
        }
    }
}
