// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.MigrateReason;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.spec.EventText;
import org.ulemodel.trace.Oracle;
import org.ulemodel.trace.timeline.Timeline;

/**
 * The driver's statistics, gathered as a {@link StepListener} of any model: per thread the CPU
 * time, the runs (times switched in), the waits (from joining a run queue to being switched in),
 * the migrations by reason and the range of priorities it took; per CPU the busy time and the
 * switches; and the {@link Timeline} of what ran where (each run with the priority it was switched
 * in at and the reason of the {@code Switch} decision that ended it) and of every wait.
 *
 * <p>Where the figures come from. What runs on a CPU, hence CPU time, busy time and the timeline,
 * is read from the policy-neutral view after every step ({@link SchedulerState#running}): a thread
 * is charged from the step that put it on a CPU to the step that took it off. Runs, switches, waits
 * and migrations come from the step's {@link Decision}s ({@code Switch}, {@code Enqueue},
 * {@code Migrate}); a wait starts at the step that queues the thread (an {@code Enqueue}, or, for a
 * model that does not report those, the view showing a woken, created or switched-out thread
 * queued after the step; an {@code Enqueue} of a thread still running after the step starts none) and ends at the step that switches it in, a thread switched in without
 * having been queued having waited 0. The priority range is every value the thread's priority took: its priority in
 * the view after the step that created it, both ends of every {@code PriorityChange} of its
 * kernel priority, and the view's priority of a thread a step switches in (for a model that
 * changes priorities without saying so). Idle time while threads waited ({@link #idleWhileWaitingUs})
 * is read from the view after each step and holds until the next: each online CPU that runs
 * nothing while a thread that may run there (in its cpuset, and on that CPU if bound) is queued
 * anywhere counts, for as long as that lasts. Invariant: a thread's CPU time never exceeds the time
 * elapsed since it was created, and the CPU times on one CPU add up to its busy time.
 */
public final class Stats implements StepListener<SchedulerState> {
    /** Per-thread accumulators. */
    private static final class PerThread {
        long cpuUs;
        long runs;
        long queuedSince = -1;
        int queuedCpu = -1;
        long[] waits = new long[4];
        int nwaits;
        final Map<MigrateReason, Integer> migrations = new EnumMap<>(MigrateReason.class);
        int minPri = Integer.MAX_VALUE;
        int maxPri = Integer.MIN_VALUE;

        void priority(int p) {
            minPri = Math.min(minPri, p);
            maxPri = Math.max(maxPri, p);
        }

        void waited(long us) {
            if (nwaits == waits.length) {
                waits = Arrays.copyOf(waits, nwaits * 2);
            }
            waits[nwaits++] = us;
        }
    }

    private final List<PerThread> threads = new ArrayList<>();
    private final int[] running;
    private final long[] since;
    private final long[] busyUs;
    private final long[] switches;
    private final Timeline timeline = new Timeline();
    /** Per CPU: the priority its running thread was switched in at, and why this step switched it (null: no Switch). */
    private final int[] runPrio;
    private final String[] switchWhy;
    private long now;
    /** The view after the last step (null before the first), and the CPU-µs idle while a thread could have run there. */
    private SchedulerState last;
    private long idleWhileWaitingUs;
    /** Per CPU: when it was offloaded (µs, −1: not offloaded) and to which service. */
    private final long[] offloadedSince;
    private final String[] offloadedTo;

    /** Statistics of a machine with {@code cpus} CPUs, every one idle at time 0. */
    public Stats(int cpus) {
        running = new int[cpus];
        Arrays.fill(running, SchedulerState.IDLE);
        since = new long[cpus];
        busyUs = new long[cpus];
        switches = new long[cpus];
        runPrio = new int[cpus];
        switchWhy = new String[cpus];
        offloadedSince = new long[cpus];
        Arrays.fill(offloadedSince, -1);
        offloadedTo = new String[cpus];
    }

    /** Offloaded CPUs and policy switches as timeline marks: an interval per offload (closed by its return), an instant per switch. */
    private void markMachineChange(Event event, SchedulerState after) {
        if (event instanceof Event.Offload) {
            int c = ((Event.Offload) event).cpu();
            offloadedSince[c] = now;
            offloadedTo[c] = ((Event.Offload) event).service();
        } else if (event instanceof Event.Return) {
            endOffload(((Event.Return) event).cpu());
        } else if (event instanceof Event.SwitchPolicy) {
            timeline.mark(new Timeline.Mark(Timeline.MarkKind.SWITCH, 0, now * 1000, now * 1000, "policy switched to "
                    + ((Event.SwitchPolicy) event).model(), after.threadCount() + " threads carried across"));
        }
    }

    private void endOffload(int c) {
        if (offloadedSince[c] >= 0) {
            timeline.mark(new Timeline.Mark(Timeline.MarkKind.OFFLOADED, c, offloadedSince[c] * 1000, now * 1000,
                    "offloaded to " + offloadedTo[c], "out of scheduling, held by service " + offloadedTo[c]));
            offloadedSince[c] = -1;
        }
    }

    @Override
    public void step(long n, long timeNs, Event event, SchedulerState before, ModelStep<? extends SchedulerState> result) {
        long at = timeNs / 1000;
        if (last != null && at > now) {
            idleWhileWaitingUs += (at - now) * idleCpusWithWaiters(last);
        }
        now = at;
        SchedulerState after = result.state();
        markMachineChange(event, after);
        int refused = result.cost().hookRefusals();
        if (refused > 0) {
            int cpu = Oracle.eventCpu(event);
            timeline.mark(new Timeline.Mark(Timeline.MarkKind.HOOK_REFUSED, cpu, timeNs, timeNs, "migration hook refused "
                    + (refused == 1 ? "a move" : refused + " moves"), "at " + EventText.format(event)
                    + ": ULE allowed the move, the migration model said no (docs/migration-hook.md)"));
        }
        last = after;
        while (threads.size() < after.threadCount()) {
            threads.add(new PerThread());
        }
        for (Decision d : result.decisions()) {
            if (d instanceof Decision.Created) {
                int tid = ((Decision.Created) d).tid();
                threads.get(tid).priority(after.threadPriority(tid));
            } else if (d instanceof Decision.Enqueue) {
                Decision.Enqueue en = (Decision.Enqueue) d;
                PerThread t = threads.get(en.tid());
                // a running thread put back on its list (O(1) keeps the running task in its array) does not wait
                if (t.queuedSince < 0 && after.threadState(en.tid()) != RunState.RUNNING) {
                    t.queuedSince = now;
                }
                t.queuedCpu = en.cpu();
            } else if (d instanceof Decision.Switch) {
                Decision.Switch s = (Decision.Switch) d;
                switches[s.cpu()]++;
                switchWhy[s.cpu()] = s.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
                if (s.to() >= 0) {
                    PerThread t = threads.get(s.to());
                    t.runs++;
                    long waitedSince = t.queuedSince >= 0 ? t.queuedSince : now;
                    t.waited(now - waitedSince);
                    timeline.waited(s.to(), s.cpu(), waitedSince * 1000, now * 1000, true);
                    t.queuedSince = -1;
                    t.priority(after.threadPriority(s.to()));
                }
            } else if (d instanceof Decision.Migrate) {
                Decision.Migrate mg = (Decision.Migrate) d;
                threads.get(mg.tid()).migrations.merge(mg.why(), 1, Integer::sum);
            } else if (d instanceof Decision.PriorityChange) {
                Decision.PriorityChange pc = (Decision.PriorityChange) d;
                if (!pc.user()) {
                    PerThread t = threads.get(pc.tid());
                    t.priority(pc.from());
                    t.priority(pc.to());
                }
            }
        }
        // a model that does not report Enqueue decisions: threads the step left queued
        if (event instanceof Event.Wake) {
            queuedNow(after, ((Event.Wake) event).tid());
        }
        for (Decision d : result.decisions()) {
            if (d instanceof Decision.Switch) {
                queuedNow(after, ((Decision.Switch) d).from());
            } else if (d instanceof Decision.Created) {
                queuedNow(after, ((Decision.Created) d).tid());
            }
        }
        for (int c = 0; c < running.length; c++) {
            int r = after.running(c);
            if (r != running[c]) {
                endRun(c, switchWhy[c] == null ? "" : switchWhy[c]);
                running[c] = r;
                runPrio[c] = r == SchedulerState.IDLE ? Timeline.NO_PRIORITY : after.threadPriority(r);
            }
            switchWhy[c] = null;
        }
    }

    /**
     * The online CPUs of {@code s} that run nothing while a queued thread of any CPU may run on
     * them: in its cpuset and, when bound, on that very CPU.
     */
    static int idleCpusWithWaiters(SchedulerState s) {
        List<Integer> idle = new ArrayList<>();
        for (int c = 0; c < s.cpuCount(); c++) {
            if (s.online(c) && s.running(c) == SchedulerState.IDLE) {
                idle.add(c);
            }
        }
        if (idle.isEmpty()) {
            return 0;
        }
        List<Integer> queued = new ArrayList<>();
        for (int c = 0; c < s.cpuCount(); c++) {
            s.forEachQueued(c, queued::add);
        }
        int n = 0;
        for (int c : idle) {
            for (int tid : queued) {
                if (s.threadCpuset(tid).contains(c) && (!s.threadBound(tid) || s.threadCpu(tid) == c)) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    /** Charges the run on {@code c} up to now and draws it, ended because of {@code why}. */
    private void endRun(int c, String why) {
        if (running[c] != SchedulerState.IDLE && now > since[c]) {
            timeline.run(c, running[c], since[c] * 1000, now * 1000, runPrio[c], why);
        }
        charge(c);
    }

    private void queuedNow(SchedulerState after, int tid) {
        if (tid >= 0 && tid < threads.size() && after.threadState(tid) == RunState.QUEUED && threads.get(tid).queuedSince < 0) {
            threads.get(tid).queuedSince = now;
            threads.get(tid).queuedCpu = after.threadCpu(tid);
        }
    }

    private void charge(int c) {
        if (running[c] != SchedulerState.IDLE) {
            long dt = now - since[c];
            threads.get(running[c]).cpuUs += dt;
            busyUs[c] += dt;
        }
        since[c] = now;
    }

    /** Closes the runs still open at {@code endUs}, the end of the simulation; call once, after the last step. */
    public void finish(long endUs) {
        if (last != null && endUs > now) {
            idleWhileWaitingUs += (endUs - now) * idleCpusWithWaiters(last);
        }
        now = endUs;
        for (int c = 0; c < running.length; c++) {
            endRun(c, "still running at the end");
            timeline.followed(c, 0, endUs * 1000);
            endOffload(c);
        }
        for (int tid = 0; tid < threads.size(); tid++) {
            PerThread t = threads.get(tid);
            if (t.queuedSince >= 0 && t.queuedCpu >= 0) {
                timeline.waited(tid, t.queuedCpu, t.queuedSince * 1000, endUs * 1000, false);
            }
        }
    }

    /** Threads seen so far. */
    public int threadCount() {
        return threads.size();
    }

    /** CPU time of thread {@code tid} in µs (up to the last step, or the end once {@link #finish}ed). */
    public long cpuUs(int tid) {
        return threads.get(tid).cpuUs;
    }

    /** Times thread {@code tid} was switched in. */
    public long runs(int tid) {
        return threads.get(tid).runs;
    }

    /** Thread {@code tid}'s waits in µs, sorted. */
    public long[] waitsUs(int tid) {
        PerThread t = threads.get(tid);
        long[] w = Arrays.copyOf(t.waits, t.nwaits);
        Arrays.sort(w);
        return w;
    }

    /** Thread {@code tid}'s migrations by reason (an immutable copy). */
    public Map<MigrateReason, Integer> migrations(int tid) {
        return Map.copyOf(threads.get(tid).migrations);
    }

    /** The best (lowest) priority thread {@code tid} took. */
    public int minPriority(int tid) {
        return threads.get(tid).minPri;
    }

    /** The worst (highest) priority thread {@code tid} took. */
    public int maxPriority(int tid) {
        return threads.get(tid).maxPri;
    }

    /** Busy time of every CPU in µs (a copy). */
    public long[] busyUs() {
        return busyUs.clone();
    }

    /**
     * CPU time in µs during which an online CPU ran nothing while a thread that could have run on
     * it waited in a run queue (summed over CPUs; up to the last step, or the end once finished).
     */
    public long idleWhileWaitingUs() {
        return idleWhileWaitingUs;
    }

    /** Context switches of every CPU (a copy). */
    public long[] switches() {
        return switches.clone();
    }

    /** What ran where, when, and who waited (names are the caller's to give). */
    public Timeline timeline() {
        return timeline;
    }
}
