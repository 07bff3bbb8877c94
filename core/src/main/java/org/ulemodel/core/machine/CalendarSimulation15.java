// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ulemodel.core.ule.Calendar15;
import org.ulemodel.core.ule.CpuWindow;
import org.ulemodel.core.ule.History;
import org.ulemodel.core.ule.Interactivity;
import org.ulemodel.core.ule.PctCpu15;
import org.ulemodel.core.ule.Placement15;
import org.ulemodel.core.ule.Priorities15;
import org.ulemodel.core.ule.Priority15;
import org.ulemodel.core.ule.SchedParams;
import org.ulemodel.core.ule.UleVersion;

/**
 * FreeBSD 15's single-CPU simulation of the golden {@code calendar_sim_v15} tables, the V15
 * counterpart of {@link CalendarSimulation} (same scenarios, same {@link CalendarSimulation.Spec}
 * and {@link CalendarSimulation.ThreadSummary}): timeshare CPU hogs added in id order at time 0
 * (ordinary adds), the first one picked, then stathz tick k (hz tick ⌊k·hz/stathz⌋) runs
 * {@code sched_clock} for the running thread and, when its slice is used up, the switch:
 * {@code sched_pctcpu_update} of the outgoing thread (it ran), {@code tdq_runq_add} as a thread
 * that gives the CPU up itself (not preempted), {@code tdq_choose} + {@code tdq_runq_rem}, and
 * {@code sched_pctcpu_update} of the incoming thread (it did not run); with {@code userret} its
 * run-queue priority then becomes its user priority ({@code sched_userret_slowpath}).
 *
 * <p>This is not the V15 machine model: it drives the V15 formulas ({@link Calendar15},
 * {@link PctCpu15}, {@link Priority15}, {@link Interactivity}) on one CPU with a private run
 * queue of 256 FIFO queues, which lives only inside one {@link #run} call. The result is
 * immutable.
 */
public final class CalendarSimulation15 {
    private CalendarSimulation15() {
    }

    /**
     * One stathz tick: the state after {@code sched_clock} (columns of calendar_sim_v15.csv) and
     * the switch when one followed ({@code requeuedAt}, {@code nextThread}, {@code nextPriority}
     * are −1 otherwise).
     *
     * @param statusWords the run queue's four status words (queues 0–63, 64–127, 128–191,
     *                    192–255) after {@code sched_clock} and before the switch
     */
    public record Row(String scenario, long statTick, long hzTicks, int curThread, int curPriority, int curRqIndex,
            int tsOff, int deqOff, int tsTicks, int tdqSlice, List<Long> statusWords, boolean switched, int requeuedAt,
            int nextThread, int nextPriority) {

        /** Copies the status words; there must be {@code RQSW_NB} (4) of them. */
        public Row {
            statusWords = List.copyOf(statusWords);
            if (statusWords.size() != Priorities15.RQSW_NB) {
                throw new IllegalArgumentException("expected " + Priorities15.RQSW_NB + " status words, got "
                        + statusWords.size());
            }
        }

        /** The golden column {@code status_words_3_2_1_hex}: words 3, 2 and 1, 16 lowercase hex digits each, joined by ':'. */
        public String statusWords321Hex() {
            return String.format(Locale.ROOT, "%016x:%016x:%016x", statusWords.get(3), statusWords.get(2),
                    statusWords.get(1));
        }
    }

    /** The rows, one a stathz tick, and one summary a thread. */
    public record Result(List<Row> rows, List<CalendarSimulation.ThreadSummary> summary) {
    }

    /** Runs a scenario on the default clock, hz 1000 and stathz 127, with V15's default tunables. */
    public static Result run(CalendarSimulation.Spec spec) {
        return run(spec, UleVersion.V15.params(SchedParams.DEFAULT_HZ, SchedParams.DEFAULT_STATHZ));
    }

    /** Runs a scenario with the given V15 constants ({@link UleVersion#params}). */
    public static Result run(CalendarSimulation.Spec spec, SchedParams p) {
        return new Cpu(spec, p).run();
    }

    /** The one CPU and its threads during one run: the only mutable state, confined to {@link #run}. */
    private static final class Cpu {
        private final CalendarSimulation.Spec spec;
        private final SchedParams p;
        private final int n;
        private final List<ArrayDeque<Integer>> queues = new ArrayList<>(Priorities15.RQ_NQS);
        private final int[] priority;
        private final int[] userPri;
        private final int[] rqIndex;
        private final int[] slice;
        private final long[] ran;
        private final History[] history;
        private final CpuWindow[] window;
        private Calendar15 calendar = Calendar15.INITIAL;
        private int cur;

        Cpu(CalendarSimulation.Spec spec, SchedParams p) {
            this.spec = spec;
            this.p = p;
            n = spec.threads();
            priority = new int[n];
            userPri = new int[n];
            rqIndex = new int[n];
            slice = new int[n];
            ran = new long[n];
            history = new History[n];
            window = new CpuWindow[n];
            for (int q = 0; q < Priorities15.RQ_NQS; q++) {
                queues.add(new ArrayDeque<>());
            }
        }

        Result run() {
            for (int i = 0; i < n; i++) {
                history[i] = History.EMPTY;
                window[i] = CpuWindow.startingAt(0);
                userPri[i] = schedPriority(i);
                priority[i] = spec.priorities() == null ? userPri[i] : spec.priorities()[i];
                runqAdd(i);
            }
            pick(0);
            List<Row> rows = new ArrayList<>(spec.statTicks());
            for (int k = 1; k <= spec.statTicks(); k++) {
                int now = (int) ((long) k * p.hz() / p.realstathz());
                int td = cur;
                int tdqSlice = p.tdqSlice(n);
                boolean sliceEnd = schedClock(td, now, tdqSlice);
                ran[td]++;
                int tdPriority = priority[td];
                int tdRqIndex = rqIndex[td];
                List<Long> status = statusWords();
                Calendar15 afterClock = calendar;
                int next = -1;
                if (sliceEnd) {
                    window[td] = PctCpu15.update(window[td], now, true, p);
                    runqAdd(td);
                    next = pick(now);
                }
                rows.add(new Row(spec.scenario(), k, now, td, tdPriority, tdRqIndex, afterClock.tsOff(),
                        afterClock.deqOff(), afterClock.tsTicks(), tdqSlice, status, sliceEnd,
                        sliceEnd ? rqIndex[td] : -1, next, sliceEnd ? priority[next] : -1));
            }
            List<CalendarSimulation.ThreadSummary> summary = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                summary.add(new CalendarSimulation.ThreadSummary(spec.scenario(), i,
                        spec.priorities() == null ? 0 : spec.priorities()[i], spec.nices()[i], priority[i], ran[i],
                        spec.statTicks() == 0 ? 0.0 : (double) ran[i] / spec.statTicks(), history[i].runtime(),
                        history[i].slptime(), window[i].tsTicks(), userPri[i]));
            }
            return new Result(List.copyOf(rows), List.copyOf(summary));
        }

        /**
         * FreeBSD 15 sched_clock() for the running timeshare thread {@code td}: calendar, %CPU
         * window, run time and user priority, then the slice; true when the slice ended (TDF_SLICEEND).
         */
        private boolean schedClock(int td, int now, int tdqSlice) {
            calendar = calendar.tick(1, this::queueEmpty);
            window[td] = PctCpu15.update(window[td], now, true, p);
            history[td] = Interactivity.addRuntime(history[td].runtime(), history[td].slptime(), p.tickincr(),
                    p.slpRunMax());
            userPri[td] = schedPriority(td);
            slice[td]++;
            if (slice[td] >= tdqSlice) {
                slice[td] = 0;
                return true;
            }
            return false;
        }

        /** FreeBSD 15 sched_priority(): the user priority from the thread's history, nice and window. */
        private int schedPriority(int td) {
            CpuWindow w = window[td];
            return Priority15.of(history[td].runtime(), history[td].slptime(), spec.nices()[td], w.tsTicks(), w.ftick(),
                    w.ltick(), p);
        }

        /** FreeBSD 15 tdq_runq_add() with neither SRQ_PREEMPTED nor SRQ_BORROWING: at the tail of its queue. */
        private void runqAdd(int td) {
            Placement15 pl = calendar.place(priority[td], false, false);
            queues.get(pl.queue()).addLast(td);
            rqIndex[td] = pl.queue();
        }

        /**
         * FreeBSD 15 sched_choose() → tdq_choose() + tdq_runq_rem(), then sched_pctcpu_update()
         * of the incoming thread and, with userret, its user priority; returns the thread.
         */
        private int pick(int now) {
            int q = calendar.chooseQueue(this::queueEmpty);
            int td = queues.get(q).removeFirst();
            calendar = calendar.afterRemove(priority[td], rqIndex[td], queueEmpty(q), this::queueEmpty);
            window[td] = PctCpu15.update(window[td], now, false, p);
            if (spec.userret()) {
                priority[td] = userPri[td];
            }
            cur = td;
            return td;
        }

        private boolean queueEmpty(int q) {
            return queues.get(q).isEmpty();
        }

        /** The run queue's status words, bit q % 64 of word q / 64 set iff queue q is non-empty. */
        private List<Long> statusWords() {
            long[] w = new long[Priorities15.RQSW_NB];
            for (int q = 0; q < queues.size(); q++) {
                if (!queueEmpty(q)) {
                    w[q / Priorities15.RQSW_BPW] |= 1L << (q % Priorities15.RQSW_BPW);
                }
            }
            return List.of(w[0], w[1], w[2], w[3]);
        }
    }
}
