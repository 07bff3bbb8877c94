// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.ulemodel.core.machine.CpuState;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IpiKind;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.machine.MigrateReason;
import org.ulemodel.core.machine.MigrationHook;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.machine.Scheduler;
import org.ulemodel.core.machine.SmpTunables;
import org.ulemodel.core.machine.StepResult;
import org.ulemodel.core.machine.SwitchReason;
import org.ulemodel.core.machine.ThreadState;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.runq.RunQueue;
import org.ulemodel.core.runq.RunqKind;

/**
 * ULE 14's catalogue of {@link PlantedBug}s: each decorates {@link Ule14Model} so that, on top of
 * the correct step, it mimics the effect of one classic scheduler mistake. The planted-bug suite
 * shows each one caught, and by which check.
 */
public final class PlantedBugs {
    private PlantedBugs() {
    }

    /** A planted bug: ULE 14 decorated with one corruption. */
    private static final class Bug extends DecoratedModel<Machine> implements PlantedBug {
        Bug(String name, String description, Corruption<Machine> how) {
            super(name, description, Ule14Model.DEFAULT, how);
        }

        /** ULE 14 booting {@code config}'s parameters and tunables: a bug built into the configuration, each step uncorrupted. */
        Bug(String name, String description, MachineConfig config) {
            super(name, description, Ule14Model.withConfig(config), (b, e, r) -> r);
        }
    }

    private static StepResult with(ModelStep<Machine> r, Machine m) {
        return new StepResult(m, r.decisions(), r.cost());
    }

    private static Machine editCpu(Machine m, int c, Function<CpuState.Builder, CpuState.Builder> f) {
        return m.withCpu(f.apply(m.cpu(c).edit()).build());
    }

    /** After a Block the CPU's load and sysload stay un-decremented. */
    public static final PlantedBug LOAD_NOT_DECREMENTED_ON_SLEEP = new Bug("LOAD_NOT_DECREMENTED_ON_SLEEP",
            "sched_sleep/switch forgets tdq_load_rem: a CPU's load stays counted after its thread blocks", (b, e, r) -> {
                if (!(e instanceof Event.Block)) {
                    return r;
                }
                int c = ((Event.Block) e).cpu();
                return with(r, editCpu(r.state(), c, x -> {
                    x.load++;
                    x.sysload++;
                    return x;
                }));
            });

    /** A chosen thread is left in its run queue as well (the dequeue, and its status bit, never cleared). */
    public static final PlantedBug DEQUEUE_FORGOTTEN = new Bug("DEQUEUE_FORGOTTEN",
            "choosing a thread forgets runq_remove: it runs and stays queued, its queue's status bit still set", (b, e, r) -> {
                Machine m = r.state();
                for (Decision d : r.decisions()) {
                    if (d instanceof Decision.Switch && ((Decision.Switch) d).to() >= 0) {
                        int t = ((Decision.Switch) d).to();
                        if (t < b.threadCount() && b.thread(t).state() == RunState.QUEUED && m.thread(t).state() == RunState.RUNNING) {
                            ThreadState old = b.thread(t);
                            int c = m.thread(t).cpu();
                            m = editCpu(m, c, x -> {
                                x.setRunq(old.queue(), x.runq(old.queue()).addTail(old.rqIndex(), t));
                                return x;
                            });
                            return with(r, m);
                        }
                    }
                }
                return r;
            });

    /** An idle CPU's steal takes a pinned thread. */
    public static final PlantedBug PINNED_THREAD_STOLEN = new Bug("PINNED_THREAD_STOLEN",
            "tdq_idled's steal ignores td_pinned: an idle CPU takes a pinned (bound) thread", (b, e, r) ->
                    stealAnyway(e, r, td -> td.pinned() > 0));

    /** An idle CPU's steal takes a thread whose cpuset excludes it. */
    public static final PlantedBug CPUSET_IGNORED_BY_STEAL = new Bug("CPUSET_IGNORED_BY_STEAL",
            "the steal ignores THREAD_CAN_SCHED: an idle CPU takes a thread whose cpuset excludes it", (b, e, r) -> {
                if (!(e instanceof Event.IdleLoop)) {
                    return r;
                }
                int c = ((Event.IdleLoop) e).cpu();
                return stealAnyway(e, r, td -> td.pinned() == 0 && !td.cpuset().contains(c));
            });

    /** The calendar's insert index advances two queues per stathz tick. */
    public static final PlantedBug CALENDAR_OFF_BY_ONE = new Bug("CALENDAR_OFF_BY_ONE",
            "sched_clock advances tdq_idx one queue too far (idx + 2 instead of idx + 1)", (b, e, r) -> {
                Machine m = r.state();
                for (int c = 0; c < m.cpuCount(); c++) {
                    if (m.cpu(c).idx() != b.cpu(c).idx()) {
                        m = editCpu(m, c, x -> {
                            x.idx = (x.idx + 1) % RunQueue.QUEUES;
                            return x;
                        });
                    }
                }
                return with(r, m);
            });

    /** A preempted thread goes to the tail of its queue. */
    public static final PlantedBug PREEMPTED_AT_TAIL = new Bug("PREEMPTED_AT_TAIL",
            "a preempted thread is queued at the tail instead of the head (SRQ_PREEMPTED ignored)", (b, e, r) -> {
                Machine m = r.state();
                for (Decision d : r.decisions()) {
                    if (d instanceof Decision.Switch && ((Decision.Switch) d).reason() == SwitchReason.PREEMPT
                            && ((Decision.Switch) d).from() >= 0) {
                        ThreadState td = m.thread(((Decision.Switch) d).from());
                        if (td.state() != RunState.QUEUED) {
                            continue;
                        }
                        RunQueue rq = m.cpu(td.cpu()).runq(td.queue());
                        if (rq.head(td.rqIndex()) == td.tid() && rq.queueSize(td.rqIndex()) > 1) {
                            RunQueue moved = rq.remove(td.rqIndex(), td.tid()).addTail(td.rqIndex(), td.tid());
                            m = editCpu(m, td.cpu(), x -> {
                                x.setRunq(td.queue(), moved);
                                return x;
                            });
                        }
                    }
                }
                return with(r, m);
            });

    /** Run/sleep history grows without the SLP_RUN_MAX decay. */
    public static final PlantedBug HISTORY_NEVER_DECAYED = new Bug("HISTORY_NEVER_DECAYED",
            "sched_interact_update never decays: run+sleep history keeps growing past SLP_RUN_MAX", (b, e, r) -> {
                Machine m = r.state();
                for (int t = 0; t < Math.min(b.threadCount(), m.threadCount()); t++) {
                    ThreadState was = b.thread(t);
                    ThreadState now = m.thread(t);
                    long before = Integer.toUnsignedLong(was.runtime()) + Integer.toUnsignedLong(was.slptime());
                    long after = Integer.toUnsignedLong(now.runtime()) + Integer.toUnsignedLong(now.slptime());
                    if (after < before) {
                        ThreadState.Builder x = now.edit();
                        x.runtime = was.runtime() + m.config().params().tickincr();
                        x.slptime = was.slptime();
                        m = m.withThread(x.build());
                    }
                }
                return with(r, m);
            });

    /** tdq_lowpri is never updated. */
    public static final PlantedBug STALE_LOWPRI = new Bug("STALE_LOWPRI",
            "tdq_lowpri is never updated after a switch or an add: it keeps its old value", (b, e, r) -> {
                Machine m = r.state();
                for (int c = 0; c < m.cpuCount(); c++) {
                    int old = b.cpu(c).lowpri();
                    m = editCpu(m, c, x -> {
                        x.lowpri = old;
                        return x;
                    });
                }
                return with(r, m);
            });

    /** A thread added to a run queue lands on an offline CPU. */
    public static final PlantedBug OFFLINE_CPU_PICKED = new Bug("OFFLINE_CPU_PICKED",
            "sched_pickcpu does not skip offline CPUs: a thread added to a run queue is queued on one", (b, e, r) -> {
                Machine m = r.state();
                int off = -1;
                for (int c = 0; c < m.cpuCount(); c++) {
                    if (!m.cpu(c).online()) {
                        off = c;
                    }
                }
                if (off < 0) {
                    return r;
                }
                for (Decision d : r.decisions()) {
                    if (d instanceof Decision.Enqueue) {
                        ThreadState td = m.thread(((Decision.Enqueue) d).tid());
                        if (td.state() == RunState.QUEUED && td.cpu() != off) {
                            return with(r, moveQueued(m, td, off));
                        }
                    }
                }
                return r;
            });

    /** transferable counts pinned threads too. */
    public static final PlantedBug TRANSFERABLE_COUNTS_PINNED = new Bug("TRANSFERABLE_COUNTS_PINNED",
            "tdq_transferable counts every queued thread, pinned ones included", (b, e, r) -> {
                Machine m = r.state();
                for (int c = 0; c < m.cpuCount(); c++) {
                    int q = m.cpu(c).queued();
                    m = editCpu(m, c, x -> {
                        x.transferable = q;
                        return x;
                    });
                }
                return with(r, m);
            });

    /** The idle loop never steals. */
    public static final PlantedBug IDLE_NEVER_STEALS = new Bug("IDLE_NEVER_STEALS",
            "tdq_idled never steals: an idle CPU stays idle while another has stealable work", (b, e, r) -> {
                if (!(e instanceof Event.IdleLoop)) {
                    return r;
                }
                for (Decision d : r.decisions()) {
                    if (d instanceof Decision.Migrate && ((Decision.Migrate) d).why() == MigrateReason.STEAL) {
                        return new StepResult(b, List.of(), r.cost());
                    }
                }
                return r;
            });

    /** A remote preemption IPI is lost. */
    public static final PlantedBug PREEMPT_IPI_LOST = new Bug("PREEMPT_IPI_LOST",
            "tdq_notify's IPI_PREEMPT is lost: the remote CPU never learns it should switch", (b, e, r) -> {
                Machine m = r.state();
                for (Decision d : r.decisions()) {
                    if (d instanceof Decision.IpiSent && ((Decision.IpiSent) d).kind() == IpiKind.PREEMPT) {
                        m = editCpu(m, ((Decision.IpiSent) d).cpu(), x -> {
                            x.owepreempt = false;
                            return x;
                        });
                    }
                }
                return with(r, m);
            });

    /** Slice ends never make the running thread switch. */
    public static final PlantedBug SLICE_NEVER_ENDS = new Bug("SLICE_NEVER_ENDS",
            "sched_clock never asks for a switch at the end of a slice: a batch thread keeps its CPU", (b, e, r) -> {
                if (!(e instanceof Event.Tick)) {
                    return r;
                }
                StepResult half = Scheduler.hardclock(b);
                Machine m = half.state();
                for (Decision d : half.decisions()) {
                    if (d instanceof Decision.SliceEnd) {
                        ThreadState.Builder x = m.thread(((Decision.SliceEnd) d).tid()).edit();
                        x.astPending = false;
                        x.sliceEnd = false;
                        m = m.withThread(x.build());
                    }
                }
                StepResult rest = Scheduler.returnToUser(m);
                List<Decision> all = new ArrayList<>(half.decisions());
                all.addAll(rest.decisions());
                return new StepResult(rest.state(), all, rest.cost());
            });

    /**
     * A migration model that never lets a thread move ({@link MigrationHook#NEVER}): the
     * deliberately bad model of docs/migration-hook.md. Every safety invariant still holds (the
     * hook can only refuse moves); the liveness property WORK_CONSERVING catches it.
     */
    public static final PlantedBug MIGRATION_HOOK_NEVER = new Bug("MIGRATION_HOOK_NEVER",
            "a migration model (MigrationHook) that answers no to every steal, balance and wakeup move: idle CPUs stay idle",
            MachineConfig.singleCpu().withSmp(SmpTunables.defaults().withMigrationHook(MigrationHook.NEVER)));

    /**
     * A bug only a refused migration shows: when the migration hook refuses a steal, the victim's
     * {@code tdq_load} is decremented anyway (the bookkeeping of the move that did not happen).
     * With ULE's own hook no steal is ever refused, so it is not in {@link #all()}: the explorer
     * finds it only with the hook as an adversary ({@link HookAdversary}), and COUNTERS catches it.
     */
    public static final PlantedBug REFUSED_STEAL_DROPS_LOAD = new Bug("REFUSED_STEAL_DROPS_LOAD",
            "a steal the migration hook refused still takes a unit of load off the victim CPU", (b, e, r) -> {
                if (!(e instanceof Event.IdleLoop) || !r.state().cpu(((Event.IdleLoop) e).cpu()).isIdle()) {
                    return r;
                }
                Machine m = r.state();
                for (int v = 0; v < m.cpuCount(); v++) {
                    if (v != ((Event.IdleLoop) e).cpu() && m.cpu(v).online() && m.cpu(v).load() >= 2
                            && stealableFor(m, v, ((Event.IdleLoop) e).cpu())) {
                        return with(r, editCpu(m, v, x -> {
                            x.load--;
                            x.sysload--;
                            return x;
                        }));
                    }
                }
                return r;
            });

    private static boolean stealableFor(Machine m, int victim, int cpu) {
        boolean[] found = {false};
        m.cpu(victim).forEachQueued(t -> found[0] |= m.thread(t).pinned() == 0 && m.thread(t).cpuset().contains(cpu));
        return found[0];
    }

    /** Every planted bug, in a fixed order. */
    public static List<PlantedBug> all() {
        return List.of(LOAD_NOT_DECREMENTED_ON_SLEEP, DEQUEUE_FORGOTTEN, PINNED_THREAD_STOLEN, CPUSET_IGNORED_BY_STEAL,
                CALENDAR_OFF_BY_ONE, PREEMPTED_AT_TAIL, HISTORY_NEVER_DECAYED, STALE_LOWPRI, OFFLINE_CPU_PICKED,
                TRANSFERABLE_COUNTS_PINNED, IDLE_NEVER_STEALS, PREEMPT_IPI_LOST, SLICE_NEVER_ENDS, MIGRATION_HOOK_NEVER);
    }

    /**
     * The planted bugs whose corruption reads no run-queue layout — counters, history, lowpri,
     * IPIs, steals and slices — planted in {@code model}, another {@code Machine} model (FreeBSD
     * 15's: the same machine with its own run queue), under the same names. The others
     * ({@code DEQUEUE_FORGOTTEN}, {@code CALENDAR_OFF_BY_ONE}, {@code PREEMPTED_AT_TAIL} and the
     * three that move a queued thread by hand) edit FreeBSD 14's three run queues.
     */
    public static List<BugVariant<Machine>> layoutFree(SchedulerModel<Machine> model) {
        List<BugVariant<Machine>> out = new ArrayList<>();
        for (PlantedBug b : List.of(LOAD_NOT_DECREMENTED_ON_SLEEP, HISTORY_NEVER_DECAYED, STALE_LOWPRI, TRANSFERABLE_COUNTS_PINNED,
                IDLE_NEVER_STEALS, PREEMPT_IPI_LOST, SLICE_NEVER_ENDS)) {
            out.add(((Bug) b).on(model));
        }
        return List.copyOf(out);
    }

    /** The bug of that name, or null. */
    public static PlantedBug named(String name) {
        for (PlantedBug b : all()) {
            if (b.name().equalsIgnoreCase(name)) {
                return b;
            }
        }
        return null;
    }

    /** After an idle loop that left its CPU idle, move the first queued thread elsewhere matching {@code which} onto it and run it. */
    private static ModelStep<Machine> stealAnyway(Event e, ModelStep<Machine> r, java.util.function.Predicate<ThreadState> which) {
        if (!(e instanceof Event.IdleLoop)) {
            return r;
        }
        int c = ((Event.IdleLoop) e).cpu();
        Machine m = r.state();
        if (!m.cpu(c).isIdle()) {
            return r;
        }
        for (int t = 0; t < m.threadCount(); t++) {
            ThreadState td = m.thread(t);
            if (td.state() == RunState.QUEUED && td.cpu() != c && which.test(td)) {
                int from = td.cpu();
                Machine moved = moveQueued(m, td, c);
                List<Decision> ds = new ArrayList<>(r.decisions());
                ds.add(new Decision.Migrate(t, from, c, MigrateReason.STEAL));
                return new StepResult(moved, ds, r.cost());
            }
        }
        return r;
    }

    /** Moves queued thread {@code td} to the same queue index of CPU {@code to}, counters adjusted as FreeBSD would. */
    private static Machine moveQueued(Machine m, ThreadState td, int to) {
        int from = td.cpu();
        RunqKind kind = td.queue();
        int q = td.rqIndex();
        int tid = td.tid();
        boolean xfer = td.xferable();
        m = editCpu(m, from, x -> {
            x.setRunq(kind, x.runq(kind).remove(q, tid));
            x.load--;
            x.sysload--;
            if (xfer) {
                x.transferable--;
            }
            return x;
        });
        m = editCpu(m, to, x -> {
            x.setRunq(kind, x.runq(kind).addTail(q, tid));
            x.load++;
            x.sysload++;
            if (xfer) {
                x.transferable++;
            }
            x.lowpri = Math.min(x.lowpri, td.priority());
            return x;
        });
        ThreadState.Builder tb = td.edit();
        tb.cpu = to;
        return m.withThread(tb.build());
    }
}
