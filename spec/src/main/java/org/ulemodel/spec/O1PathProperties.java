// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec;

import java.util.List;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.o1.O1Math;
import org.ulemodel.core.o1.O1State;

/**
 * O(1)'s own bounded wait, {@code O1_BOUNDED_WAIT}: a runnable {@code SCHED_NORMAL} task runs
 * within a bound the array swap and {@code STARVATION_LIMIT} give (Linux 2.6.12
 * {@code scheduler_tick}, {@code EXPIRED_STARVING}, {@code schedule}'s array swap), unless
 * realtime tasks take its CPU, which they always may. Waits are counted by the
 * {@link WaitMonitor} under {@link #NORMAL_WAITS}, in jiffies (the model's hz clock).
 *
 * <p>Where the bound comes from. A task's {@code time_slice} is refilled only when it runs out,
 * never at wakeup, so before a task expires it runs at most one {@code task_timeslice}. A task
 * that expires goes to the expired array unless it is interactive ({@code TASK_INTERACTIVE}) and
 * the expired array is not starving; once {@code rq->expired_timestamp} (set at the first expiry
 * after a swap, interactive or not) is {@code STARVATION_LIMIT * nr_running + 1} jiffies old,
 * every expiring task goes to the expired array, so the active array empties and the arrays swap.
 * A waiting task t therefore waits at most: every other task's remaining slice before the first
 * expiry, the starvation window (only when some live task can be interactive at all, that is its
 * {@code DELTA} is at most {@code MAX_BONUS / 2}), and one more full slice of every other task
 * after the swap:
 * {@code 2 · Σ task_timeslice(u ≠ t) + [STARVATION_LIMIT · live + 1] + 1} jiffies, over the live
 * {@code SCHED_NORMAL} tasks u ({@link #derivedBound}).
 */
public final class O1PathProperties {
    private O1PathProperties() {
    }

    /** What the O(1) monitor counts: waits of queued {@code SCHED_NORMAL} tasks, starved while their CPU runs a realtime task. */
    public static final WaitMonitor.Rule<O1State> NORMAL_WAITS = new WaitMonitor.Rule<>() {
        @Override
        public boolean counts(O1State state, int tid) {
            return state.policy(tid) == O1State.Policy.NORMAL;
        }

        @Override
        public boolean betterClass(O1State state, int tid) {
            return state.policy(tid) != O1State.Policy.NORMAL;
        }

        @Override
        public String toString() {
            return "SCHED_NORMAL waits";
        }
    };

    /** Where the derived bound comes from, in words. */
    public static final String BOUND_RULE = "two task_timeslices of every other live SCHED_NORMAL task, plus STARVATION_LIMIT "
            + "per live task when one of them can be interactive, plus one jiffy";

    /** The derived bound for task {@code t} of {@code m}, in jiffies (see the class comment). */
    public static long derivedBound(O1State m, int t) {
        long slices = 0;
        int live = 0;
        boolean interactive = false;
        for (int u = 0; u < m.threadCount(); u++) {
            if (m.threadState(u) == RunState.EXITED || m.policy(u) != O1State.Policy.NORMAL) {
                continue;
            }
            live++;
            interactive |= O1Math.delta(m.staticPrio(u)) <= O1Math.MAX_BONUS / 2;
            if (u != t) {
                slices += O1Math.taskTimeslice(m.staticPrio(u));
            }
        }
        return 2 * slices + (interactive ? (long) O1Math.STARVATION_LIMIT * live + 1 : 0) + 1;
    }

    /** The words a violation uses when realtime tasks took the time: O(1)'s design, not a failure of the swap. */
    public static final String REALTIME_FIRST = "O(1) runs realtime tasks before every SCHED_NORMAL task, without limit (by design)";

    /** O1_BOUNDED_WAIT with the {@link #derivedBound derived bound}. */
    public static final PathProperty<O1State> BOUNDED_WAIT = boundedWait(-1);

    /**
     * O1_BOUNDED_WAIT with an explicit bound in jiffies ({@code -1}: {@link #derivedBound}). A
     * violation says how many of the waited jiffies its CPU ran a realtime task: all of them, or
     * enough that the rest is within the bound, is O(1)'s realtime-first design
     * ({@link #REALTIME_FIRST}); otherwise the array swap or the starvation limit failed.
     */
    public static PathProperty<O1State> boundedWait(int bound) {
        return new PathProperty<>() {
            @Override
            public String id() {
                return "O1_BOUNDED_WAIT";
            }

            @Override
            public String statement() {
                return "a runnable SCHED_NORMAL task runs within " + (bound < 0 ? BOUND_RULE : bound + " jiffies")
                        + " (the array swap and STARVATION_LIMIT), unless realtime tasks take its CPU (O(1)'s design, reported as such)";
            }

            @Override
            public String check(O1State before, Event event, ModelStep<? extends O1State> step, WaitMonitor monitor) {
                O1State m = step.state();
                for (int t = 0; t < m.threadCount(); t++) {
                    int w = monitor.waited(t);
                    long limit = bound < 0 ? derivedBound(m, t) : bound;
                    if (w <= limit) {
                        continue;
                    }
                    int c = m.threadCpu(t);
                    int cur = m.running(c);
                    String runner = cur < 0 ? "nothing" : "task " + cur + " (" + m.policy(cur) + ", prio " + m.prio(cur) + ")";
                    String head = "SCHED_NORMAL task " + t + " (nice " + O1Math.prioToNice(m.staticPrio(t)) + ", prio " + m.prio(t)
                            + ", " + (m.taskArray(t) == m.activeArray(c) ? "active" : "expired") + " array of CPU " + c + ") has waited "
                            + w + " jiffies, past the bound of " + limit + " (" + (bound < 0 ? BOUND_RULE : "given") + "); CPU " + c
                            + " runs " + runner;
                    int s = monitor.starved(t);
                    if (w - s <= limit) {
                        return head + "; " + s + " of those jiffies went to realtime tasks: " + REALTIME_FIRST;
                    }
                    return head + "; only " + s + " of those jiffies went to realtime tasks, so the array swap or the starvation "
                            + "limit failed to serve it";
                }
                return null;
            }

            @Override
            public String toString() {
                return id() + ": " + statement();
            }
        };
    }

    /** The O(1) path properties: the bounded wait with {@code waitBound} jiffies (-1: derived). */
    public static List<PathProperty<O1State>> all(int waitBound) {
        return List.of(waitBound < 0 ? BOUNDED_WAIT : boundedWait(waitBound));
    }
}
