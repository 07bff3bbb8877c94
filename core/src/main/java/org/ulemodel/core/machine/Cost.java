// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

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
