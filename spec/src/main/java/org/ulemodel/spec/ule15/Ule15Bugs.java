// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.ule15;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.ulemodel.core.machine.CpuState;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.Scheduler;
import org.ulemodel.core.machine.StepResult;
import org.ulemodel.core.machine.ThreadState;
import org.ulemodel.core.machine.Ule15Model;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.runq.RunqKind;
import org.ulemodel.core.ule.Priorities15;
import org.ulemodel.spec.explore.BugVariant;
import org.ulemodel.spec.explore.PlantedBugs;

/**
 * FreeBSD 15's planted bugs: each of its own decorates {@link Ule15Model} so that, on top of the
 * correct step, it mimics one mistake a port of FreeBSD 14's code to the V15 run queue could
 * make, caught by one of V15's own checks ({@code RUNQ15}, {@code CALENDAR15}) or by
 * {@code COUNTERS} read over the single run queue; {@link #all()} adds ULE 14's layout-free bugs
 * planted in V15. The V15 exploration test and the planted-bug suite show which check catches each.
 */
public final class Ule15Bugs {
    private Ule15Bugs() {
    }

    private static StepResult with(ModelStep<Machine> r, Machine m) {
        return new StepResult(m, r.decisions(), r.cost());
    }

    private static Machine editCpu(Machine m, int c, UnaryOperator<CpuState.Builder> f) {
        return m.withCpu(f.apply(m.cpu(c).edit()).build());
    }

    /**
     * A calendar thread goes into queue {@code q mod 64} — the word-local index, as if the run
     * queue still had one 64-bit status word — while {@code td_rqindex} records {@code q}.
     * Caught by RUNQ15: a calendar priority sits in a realtime-range queue, recorded elsewhere.
     */
    public static final BugVariant<Machine> QUEUE_INDEX_MOD_64 = BugVariant.decorating("QUEUE_INDEX_MOD_64",
            "tdq_runq_add indexes the 256-queue run queue with the queue's bit within its status word (q % 64), "
                    + "so a calendar thread lands in a low queue while td_rqindex says q", Ule15Model.DEFAULT, (b, e, r) -> {
                Machine m = r.state();
                for (Decision d : r.decisions()) {
                    if (d instanceof Decision.Enqueue && ((Decision.Enqueue) d).queue() == RunqKind.TIMESHARE) {
                        Decision.Enqueue en = (Decision.Enqueue) d;
                        ThreadState td = m.thread(en.tid());
                        if (td.queue() != RunqKind.TIMESHARE || td.cpu() != en.cpu() || td.rqIndex() != en.index()) {
                            continue;
                        }
                        int q = en.index();
                        return with(r, editCpu(m, en.cpu(), x -> {
                            x.runq15 = x.runq15.remove(q, en.tid()).addTail(q & 63, en.tid());
                            return x;
                        }));
                    }
                }
                return r;
            });

    /**
     * {@code sched_clock} moves {@code tdq_ts_off} on every tick, also while the dequeue offset
     * still lags behind it (the {@code ts_off == ts_deq_off} guard dropped). Caught by CALENDAR15:
     * the lag grows past 2.
     */
    public static final BugVariant<Machine> TS_OFF_UNGUARDED = BugVariant.decorating("TS_OFF_UNGUARDED",
            "sched_clock advances tdq_ts_off even when tdq_ts_deq_off lags behind it", Ule15Model.DEFAULT, (b, e, r) -> {
                if (!(e instanceof Event.Tick)) {
                    return r;
                }
                Machine m = r.state();
                for (int c = 0; c < m.cpuCount(); c++) {
                    CpuState before = b.cpu(c);
                    CpuState after = m.cpu(c);
                    if (before.tsOff() != before.deqOff() && after.tsOff() == before.tsOff() && statTickFired(b, m)) {
                        m = editCpu(m, c, x -> {
                            x.idx = (x.idx + 2) % Priorities15.RQ_TS_POL_MODULO;
                            return x;
                        });
                    }
                }
                return with(r, m);
            });

    /**
     * {@code tdq_ts_ticks} is not reduced modulo 4 after the 7/4 correction. Caught by
     * CALENDAR15: the counter leaves 0..3.
     */
    public static final BugVariant<Machine> TS_TICKS_NOT_WRAPPED = BugVariant.decorating("TS_TICKS_NOT_WRAPPED",
            "sched_clock forgets tdq_ts_ticks %= 4 after the 7/4 correction", Ule15Model.DEFAULT, (b, e, r) -> {
                Machine m = r.state();
                for (int c = 0; c < m.cpuCount(); c++) {
                    if (b.cpu(c).tsTicks() == 3 && m.cpu(c).tsTicks() == 0) {
                        m = editCpu(m, c, x -> {
                            x.tsTicks = 4;
                            return x;
                        });
                    }
                }
                return with(r, m);
            });

    /**
     * Adding to the single run queue forgets {@code tdq_transferable++}. Caught by COUNTERS, read
     * over V15's run queue.
     */
    public static final BugVariant<Machine> TRANSFERABLE_NOT_COUNTED = BugVariant.decorating("TRANSFERABLE_NOT_COUNTED",
            "tdq_runq_add forgets tdq_transferable++ for the single run queue", Ule15Model.DEFAULT, (b, e, r) -> {
                Machine m = r.state();
                for (Decision d : r.decisions()) {
                    if (d instanceof Decision.Enqueue) {
                        Decision.Enqueue en = (Decision.Enqueue) d;
                        ThreadState td = m.thread(en.tid());
                        if (td.queue() != null && td.xferable() && td.cpu() == en.cpu() && m.cpu(en.cpu()).transferable() > 0) {
                            return with(r, editCpu(m, en.cpu(), x -> {
                                x.transferable--;
                                return x;
                            }));
                        }
                    }
                }
                return r;
            });

    private static boolean statTickFired(Machine before, Machine after) {
        return Scheduler.statTicks(after) != Scheduler.statTicks(before);
    }

    /** FreeBSD 15's own planted bugs, in a fixed order. */
    public static List<BugVariant<Machine>> own() {
        return List.of(QUEUE_INDEX_MOD_64, TS_OFF_UNGUARDED, TS_TICKS_NOT_WRAPPED, TRANSFERABLE_NOT_COUNTED);
    }

    /**
     * Every planted bug of the V15 model: its own, then ULE 14's whose corruption reads no
     * run-queue layout, planted in {@link Ule15Model} under the same names
     * ({@link PlantedBugs#layoutFree}).
     */
    public static List<BugVariant<Machine>> all() {
        List<BugVariant<Machine>> out = new ArrayList<>(own());
        out.addAll(PlantedBugs.layoutFree(Ule15Model.DEFAULT));
        return List.copyOf(out);
    }
}
