// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import java.util.List;

/**
 * What one step examined: the cost record behind the bounded pick-next invariant. A pick
 * ({@code tdq_choose}) scans the status word of the realtime queue, at most two words of the
 * calendar (one wrap-around rescan) and the idle queue's word, whatever the number of threads.
 *
 * @param picks              {@code tdq_choose} calls
 * @param statusWords        status words examined by all picks
 * @param maxWordsPerPick    the most status words one pick examined
 * @param threadsExamined    queued threads looked at one by one (steals; 0 for plain picks)
 * @param hookCalls          questions put to the {@link MigrationHook} (what the explorer's
 *                           adversary branches on; 0 for models without one)
 * @param hookRefusals       of those questions, the ones the hook answered "no": moves ULE allowed
 *                           and the hook refused (what the HTML timeline marks; 0 under ULE's own hook)
 */
public record Cost(int picks, int statusWords, int maxWordsPerPick, int threadsExamined, int hookCalls, int hookRefusals) {
    public static final Cost ZERO = new Cost(0, 0, 0, 0, 0, 0);

    /** Bounds of the costs {@link #of} shares: at most one pick of at most three words, at most seven hook calls, no steal, no refusal. */
    private static final int PICKS = 2;
    private static final int WORDS = 4;
    private static final int HOOK_CALLS = 8;
    /** One record for each common cost, indexed by {@link #commonIndex}; immutable. */
    private static final List<Cost> COMMON = common();

    private static List<Cost> common() {
        Cost[] all = new Cost[PICKS * WORDS * WORDS * HOOK_CALLS];
        for (int p = 0; p < PICKS; p++) {
            for (int w = 0; w < WORDS; w++) {
                for (int m = 0; m < WORDS; m++) {
                    for (int h = 0; h < HOOK_CALLS; h++) {
                        all[commonIndex(p, w, m, h)] = new Cost(p, w, m, 0, h, 0);
                    }
                }
            }
        }
        return List.of(all);
    }

    private static int commonIndex(int picks, int statusWords, int maxWordsPerPick, int hookCalls) {
        return ((picks * WORDS + statusWords) * WORDS + maxWordsPerPick) * HOOK_CALLS + hookCalls;
    }

    /**
     * The cost with these counts: a shared record for the common ones (a step picks at most once
     * and asks the hook a few times; most steps of a simulation are such steps), a new one
     * otherwise. Equal to {@code new Cost(...)} with the same counts either way.
     */
    public static Cost of(int picks, int statusWords, int maxWordsPerPick, int threadsExamined, int hookCalls,
            int hookRefusals) {
        if ((threadsExamined | hookRefusals) == 0 && picks >= 0 && picks < PICKS && statusWords >= 0 && statusWords < WORDS
                && maxWordsPerPick >= 0 && maxWordsPerPick < WORDS && hookCalls >= 0 && hookCalls < HOOK_CALLS) {
            return COMMON.get(commonIndex(picks, statusWords, maxWordsPerPick, hookCalls));
        }
        return new Cost(picks, statusWords, maxWordsPerPick, threadsExamined, hookCalls, hookRefusals);
    }

    /** A step whose hook refused nothing. */
    public Cost(int picks, int statusWords, int maxWordsPerPick, int threadsExamined, int hookCalls) {
        this(picks, statusWords, maxWordsPerPick, threadsExamined, hookCalls, 0);
    }

    /** A step that asked no migration hook. */
    public Cost(int picks, int statusWords, int maxWordsPerPick, int threadsExamined) {
        this(picks, statusWords, maxWordsPerPick, threadsExamined, 0, 0);
    }

    /** The sum of two cost records (maximum for the per-pick maximum). */
    public Cost plus(Cost o) {
        return new Cost(picks + o.picks, statusWords + o.statusWords,
                Math.max(maxWordsPerPick, o.maxWordsPerPick), threadsExamined + o.threadsExamined, hookCalls + o.hookCalls,
                hookRefusals + o.hookRefusals);
    }
}
