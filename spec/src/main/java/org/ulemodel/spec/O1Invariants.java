// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec;

import java.util.ArrayList;
import java.util.List;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.o1.O1Math;
import org.ulemodel.core.o1.O1State;

/**
 * The invariants the O(1) model ({@link org.ulemodel.core.o1.O1Model}) contributes on top of the
 * generic ones ({@link Invariants}): they read its {@code runqueue}s and {@code prio_array}s
 * ({@link O1State}). {@link #all} is the list an O(1) run is checked against, generic ones first.
 */
public final class O1Invariants {
    private O1Invariants() {
    }

    /** Each array's bitmap mirrors its lists and {@code nr_active} counts them. */
    public static final Invariant<O1State> BITMAP = new NamedInvariant<>("O1_BITMAP",
            "in both prio_arrays of every CPU, bit p of the bitmap is set iff list p is non-empty, and nr_active is the number "
                    + "of tasks in the array's lists") {
        @Override
        public String check(O1State before, ModelStep<? extends O1State> step) {
            O1State m = step.state();
            for (int c = 0; c < m.cpuCount(); c++) {
                for (int a = 0; a < 2; a++) {
                    int n = 0;
                    for (int p = 0; p < O1Math.MAX_PRIO; p++) {
                        int len = m.queue(c, a, p).length;
                        boolean bit = (m.bitmapWord(c, a, p >> 6) >>> (p & 63) & 1) != 0;
                        if (bit != (len > 0)) {
                            return "CPU " + c + " " + side(m, c, a) + " array: bit " + p + " is " + (bit ? "set" : "clear") + " but list " + p
                                    + " holds " + len + " tasks";
                        }
                        n += len;
                    }
                    for (int w = 0; w < O1State.BITMAP_WORDS; w++) {
                        long extra = w == O1State.BITMAP_WORDS - 1 ? m.bitmapWord(c, a, w) >>> (O1Math.MAX_PRIO & 63) : 0;
                        if (extra != 0) {
                            return "CPU " + c + " " + side(m, c, a) + " array: bits beyond " + (O1Math.MAX_PRIO - 1) + " are set";
                        }
                    }
                    if (n != m.nrActive(c, a)) {
                        return "CPU " + c + " " + side(m, c, a) + " array: nr_active " + m.nrActive(c, a) + " but its lists hold " + n;
                    }
                }
            }
            return null;
        }
    };

    private static String side(O1State m, int c, int a) {
        return a == m.activeArray(c) ? "active" : "expired";
    }

    /** Every runnable task is in exactly one list of its CPU; the running one in the active array; the counters agree. */
    public static final Invariant<O1State> RUNQ = new NamedInvariant<>("O1_RUNQ",
            "every running or queued task sits in exactly one list — of its own CPU, at index prio, in the array it records — "
                    + "and no other task does; a running task is in its CPU's active array; nr_running = nr_active(active) + "
                    + "nr_active(expired); an idle online CPU without a pending IPI, and an offline CPU, have nr_running 0") {
        @Override
        public String check(O1State before, ModelStep<? extends O1State> step) {
            O1State m = step.state();
            int[] seen = new int[m.threadCount()];
            for (int c = 0; c < m.cpuCount(); c++) {
                for (int a = 0; a < 2; a++) {
                    for (int p = 0; p < O1Math.MAX_PRIO; p++) {
                        for (int t : m.queue(c, a, p)) {
                            seen[t]++;
                            RunState st = m.threadState(t);
                            if (st != RunState.RUNNING && st != RunState.QUEUED) {
                                return "thread " + t + " (" + st + ") sits in list " + p + " of CPU " + c;
                            }
                            if (m.threadCpu(t) != c || m.taskArray(t) != a || m.prio(t) != p) {
                                return "thread " + t + " sits in CPU " + c + "'s " + side(m, c, a) + " list " + p + " but records CPU "
                                        + m.threadCpu(t) + ", array " + m.taskArray(t) + ", prio " + m.prio(t);
                            }
                        }
                    }
                }
                int cur = m.running(c);
                if (cur != SchedulerState.IDLE && m.taskArray(cur) != m.activeArray(c)) {
                    return "CPU " + c + " runs thread " + cur + " from its " + (m.taskArray(cur) < 0 ? "no" : "expired") + " array";
                }
                int total = m.nrActive(c, 0) + m.nrActive(c, 1);
                if (m.nrRunning(c) != total) {
                    return "CPU " + c + ": nr_running " + m.nrRunning(c) + " but its arrays hold " + total + " tasks";
                }
                if (m.nrRunning(c) != 0 && (!m.online(c) || cur == SchedulerState.IDLE && !m.ipiPending(c))) {
                    return "CPU " + c + " is " + (m.online(c) ? "idle with no IPI pending" : "offline") + " but has nr_running "
                            + m.nrRunning(c);
                }
            }
            for (int t = 0; t < seen.length; t++) {
                RunState st = m.threadState(t);
                int want = st == RunState.RUNNING || st == RunState.QUEUED ? 1 : 0;
                if (seen[t] != want) {
                    return "thread " + t + " (" + st + ") sits in " + seen[t] + " lists, expected " + want;
                }
            }
            return null;
        }
    };

    /** The array swap: only in {@code schedule()}, resetting the expiry bookkeeping. */
    public static final Invariant<O1State> SWAP = new NamedInvariant<>("O1_SWAP",
            "when a CPU's arrays swapped during a step, the new expired array is empty, expired_timestamp is 0 and "
                    + "best_expired_prio is MAX_PRIO; an idle online CPU without a pending IPI has expired_timestamp 0") {
        @Override
        public String check(O1State before, ModelStep<? extends O1State> step) {
            O1State m = step.state();
            for (int c = 0; c < m.cpuCount(); c++) {
                if (before != null && c < before.cpuCount() && before.activeArray(c) != m.activeArray(c)) {
                    int expired = 1 - m.activeArray(c);
                    if (m.nrActive(c, expired) != 0 || m.expiredTimestamp(c) != 0 || m.bestExpiredPrio(c) != O1Math.MAX_PRIO) {
                        return "CPU " + c + " swapped its arrays but keeps " + m.nrActive(c, expired) + " expired tasks, expired_timestamp "
                                + m.expiredTimestamp(c) + ", best_expired_prio " + m.bestExpiredPrio(c);
                    }
                }
                if (m.online(c) && m.running(c) == SchedulerState.IDLE && !m.ipiPending(c) && m.expiredTimestamp(c) != 0) {
                    return "CPU " + c + " is idle with expired_timestamp " + m.expiredTimestamp(c);
                }
            }
            return null;
        }
    };

    /** Field ranges of every live task. */
    public static final Invariant<O1State> RANGES = new NamedInvariant<>("O1_RANGES",
            "a SCHED_NORMAL task's prio is in 100..139 and a realtime task's below 100; static_prio is in 100..139; sleep_avg "
                    + "is in 0..NS_MAX_SLEEP_AVG; activated is in -1..2 and 0 for a running task; a runnable task's time_slice "
                    + "is in 1..task_timeslice(nice -20) (800)") {
        @Override
        public String check(O1State before, ModelStep<? extends O1State> step) {
            O1State m = step.state();
            int maxSlice = O1Math.taskTimeslice(O1Math.niceToPrio(-20));
            for (int t = 0; t < m.threadCount(); t++) {
                RunState st = m.threadState(t);
                if (st == RunState.EXITED) {
                    continue;
                }
                List<String> bad = new ArrayList<>();
                boolean normal = m.policy(t) == O1State.Policy.NORMAL;
                if (normal ? m.prio(t) < O1Math.MAX_RT_PRIO || m.prio(t) >= O1Math.MAX_PRIO : m.prio(t) < 0 || m.prio(t) >= O1Math.MAX_RT_PRIO) {
                    bad.add("prio " + m.prio(t) + " (" + m.policy(t) + ")");
                }
                if (m.staticPrio(t) < O1Math.MAX_RT_PRIO || m.staticPrio(t) >= O1Math.MAX_PRIO) {
                    bad.add("static_prio " + m.staticPrio(t));
                }
                if (m.sleepAvg(t) < 0 || m.sleepAvg(t) > O1Math.NS_MAX_SLEEP_AVG) {
                    bad.add("sleep_avg " + m.sleepAvg(t));
                }
                if (m.activated(t) < -1 || m.activated(t) > 2 || st == RunState.RUNNING && m.activated(t) != 0) {
                    bad.add("activated " + m.activated(t) + " while " + st);
                }
                if ((st == RunState.RUNNING || st == RunState.QUEUED) && (m.timeSlice(t) < 1 || m.timeSlice(t) > maxSlice)) {
                    bad.add("time_slice " + Integer.toUnsignedString(m.timeSlice(t)));
                }
                if (!bad.isEmpty()) {
                    return "thread " + t + " (" + st + "): " + String.join(", ", bad);
                }
            }
            return null;
        }
    };

    /** O(1)'s own invariants, in a fixed order. */
    public static List<Invariant<O1State>> specific() {
        return List.of(BITMAP, RUNQ, SWAP, RANGES);
    }

    /** The generic invariants, then O(1)'s own: the list an O(1) run is checked against. */
    public static List<Invariant<? super O1State>> all() {
        List<Invariant<? super O1State>> out = new ArrayList<>(Invariants.generic());
        out.addAll(specific());
        return List.copyOf(out);
    }
}
