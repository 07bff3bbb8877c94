// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.o1;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ulemodel.core.machine.Cost;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.IpiKind;
import org.ulemodel.core.machine.MigrateReason;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.machine.SwitchReason;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.model.StateSink;
import org.ulemodel.core.model.ThreadPolicy;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.runq.RunqKind;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;

/**
 * Linux 2.6's O(1) scheduler as a {@link SchedulerModel} (id {@code o1}): per CPU two priority
 * arrays, pick = first set bit of the active array's bitmap and the head of that list, the arrays
 * swapped when the active one empties; {@code SCHED_NORMAL} priorities from {@code sleep_avg}
 * ({@link O1Math}); {@code SCHED_FIFO}/{@code SCHED_RR} above them; wakeups on the task's last
 * CPU; balancing as the 2.6 design describes it (busy CPUs every {@link #BUSY_REBALANCE_TICK},
 * idle CPUs every {@link #IDLE_REBALANCE_TICK} jiffies and whenever they would go idle, pulling
 * from the busiest CPU). docs/o1.md says which kernel function each event follows and where the
 * model follows 2.6.12's scheduling domains instead of the design. No randomness: a step is a
 * function of the state and the event.
 *
 * <p>{@link Decision.Enqueue} reports an array and a list: its {@link RunqKind} is
 * {@code REALTIME} for a realtime priority (always the active array), {@code TIMESHARE} for a
 * {@code SCHED_NORMAL} task in the active array and {@code IDLE} for the expired array (which,
 * like FreeBSD's idle queue, runs only when nothing else can); its index is the list, the Linux
 * {@code prio} 0..139; {@code atHead} is always false (O(1) enqueues at the tail).
 *
 * <p>Invariant: {@link #step} never changes its input; an event O(1) cannot take is refused with
 * an {@link IllegalEventException} saying what was expected. {@link #withBug} gives variants with a
 * planted bug, for showing that the checks bite.
 */
public final class O1Model implements SchedulerModel<O1State> {
    /** Busy CPUs balance every 200 jiffies (the 2.6 design's "every 200 ms"). */
    public static final int BUSY_REBALANCE_TICK = O1Math.HZ / 5;
    /** Idle CPUs balance every jiffy (the 2.6 design's "every 1 ms"). */
    public static final int IDLE_REBALANCE_TICK = Math.max(O1Math.HZ / 1000, 1);

    /** Planted bugs, each a wrong line of the model; {@link #NONE} is the correct model. */
    public enum Bug {
        /** The correct model. */
        NONE,
        /** {@code dequeue_task} clears the bitmap bit of its list even when the list keeps other tasks. */
        BITMAP_CLEARED_EARLY,
        /** The array swap in {@code schedule()} keeps {@code expired_timestamp} and {@code best_expired_prio}. */
        SWAP_KEEPS_TIMESTAMP,
        /** A slice that runs out is not refilled ({@code task_timeslice} skipped): the task runs on with 0. */
        SLICE_NOT_REFILLED,
        /** {@code deactivate_task} forgets {@code nr_running--}. */
        NR_RUNNING_NOT_DECREMENTED,
        /** The balancer pulls the running task of the busiest CPU too. */
        PULLS_RUNNING_TASK,
        /**
         * A task whose slice runs out always goes back to the active array, as if it were
         * interactive and the expired array never starved: the array swap never comes.
         */
        EXPIRED_STAYS_ACTIVE
    }

    /** The correct model. */
    public static final O1Model DEFAULT = new O1Model(Bug.NONE);

    private final Bug bug;

    private O1Model(Bug bug) {
        this.bug = bug;
    }

    /** The model with {@code bug} planted ({@link Bug#NONE}: {@link #DEFAULT}). */
    public static O1Model withBug(Bug bug) {
        return bug == Bug.NONE ? DEFAULT : new O1Model(bug);
    }

    /** The bug planted in this model. */
    public Bug bug() {
        return bug;
    }

    @Override
    public String id() {
        return "o1";
    }

    @Override
    public String description() {
        return "Linux 2.6's O(1) scheduler (kernel/sched.c of 2.6.12-rc2, balancing as the 2.6 design describes)";
    }

    @Override
    public O1State boot(Topology topology) {
        O1State.Rq[] rqs = new O1State.Rq[topology.cpuCount()];
        for (int c = 0; c < rqs.length; c++) {
            rqs[c] = new O1State.Rq();
        }
        return new O1State(topology, 0, rqs, new O1State.Task[0]);
    }

    /** Per-CPU clock ticks ({@link Event.CpuTick}) are taken. */
    @Override
    public boolean perCpuClocks() {
        return true;
    }

    @Override
    public ModelStep<O1State> step(O1State s, Event event) {
        Step x = new Step(s);
        x.apply(event);
        return ModelStep.of(x.build(), x.out, Cost.of(x.picks, x.words, x.maxWords, x.examined, 0, 0));
    }

    /** {@link Step#adopt}: a machine at boot holding {@code from}'s threads, queued by O(1)'s rules. */
    @Override
    public O1State adopt(SchedulerState from) {
        Step x = new Step(boot(from.topology()));
        x.adopt(from);
        return x.build();
    }

    /** One step's private copy of the state: CPUs and tasks are copied on first touch. */
    private final class Step {
        final O1State from;
        long jiffies;
        final O1State.Rq[] rqs;
        final boolean[] rqCopied;
        O1State.Task[] tasks;
        boolean[] taskCopied;
        final boolean[] needResched;
        final SwitchReason[] reschedWhy;
        final List<Decision> out = new ArrayList<>();
        int picks;
        int words;
        int maxWords;
        int examined;

        Step(O1State s) {
            from = s;
            jiffies = s.jiffies;
            rqs = s.rqs.clone();
            rqCopied = new boolean[rqs.length];
            tasks = s.tasks.clone();
            taskCopied = new boolean[tasks.length];
            needResched = new boolean[rqs.length];
            reschedWhy = new SwitchReason[rqs.length];
        }

        O1State build() {
            return new O1State(from.topology, jiffies, rqs, tasks);
        }

        O1State.Rq rq(int c) {
            if (!rqCopied[c]) {
                rqs[c] = rqs[c].copy();
                rqCopied[c] = true;
            }
            return rqs[c];
        }

        O1State.Task task(int t) {
            if (!taskCopied[t]) {
                tasks[t] = tasks[t].copy();
                taskCopied[t] = true;
            }
            return tasks[t];
        }

        long now() {
            return O1Math.jiffiesToNs(jiffies);
        }

        int ncpu() {
            return rqs.length;
        }

        // ---- prio_array operations ----

        RunqKind kind(int c, int array, int prio) {
            if (prio < O1Math.MAX_RT_PRIO) {
                return RunqKind.REALTIME;
            }
            return array == rqs[c].active ? RunqKind.TIMESHARE : RunqKind.IDLE;
        }

        /** {@code enqueue_task}: at the tail of list {@code prio} of {@code array}. */
        void enqueue(int t, int c, int array) {
            insert(t, c, array, -1);
        }

        /** Inserts {@code t} before {@code before} in its list ({@code -1}: at the tail). */
        void insert(int t, int c, int array, int before) {
            O1State.Task p = task(t);
            O1State.Rq r = rq(c);
            int[] q = r.queue[array][p.prio];
            int at = q.length;
            for (int i = 0; i < q.length; i++) {
                if (q[i] == before) {
                    at = i;
                }
            }
            int[] n = new int[q.length + 1];
            System.arraycopy(q, 0, n, 0, at);
            n[at] = t;
            System.arraycopy(q, at, n, at + 1, q.length - at);
            r.queue[array][p.prio] = n;
            r.bitmap[array][p.prio >> 6] |= 1L << (p.prio & 63);
            r.nrActive[array]++;
            p.array = array;
            p.cpu = c;
            out.add(new Decision.Enqueue(t, c, kind(c, array, p.prio), p.prio, false));
        }

        /** {@code dequeue_task}: out of its list; the bitmap bit is cleared when the list empties. */
        void dequeue(int t) {
            O1State.Task p = task(t);
            O1State.Rq r = rq(p.cpu);
            int[] q = r.queue[p.array][p.prio];
            int[] n = new int[q.length - 1];
            int j = 0;
            for (int x : q) {
                if (x != t) {
                    n[j++] = x;
                }
            }
            r.queue[p.array][p.prio] = n.length == 0 ? O1State.EMPTY : n;
            if (n.length == 0 || bug == Bug.BITMAP_CLEARED_EARLY) {
                r.bitmap[p.array][p.prio >> 6] &= ~(1L << (p.prio & 63));
            }
            r.nrActive[p.array]--;
            p.array = -1;
        }

        /** {@code requeue_task}: to the tail of its list. */
        void requeue(int t) {
            O1State.Task p = task(t);
            int array = p.array;
            dequeue(t);
            enqueue(t, p.cpu, array);
        }

        /** {@code sched_find_first_bit} on {@code array} of {@code c}: the first set bit, counting the words examined. */
        int findFirstBit(int c, int array) {
            long[] bm = rqs[c].bitmap[array];
            picks++;
            for (int w = 0; w < bm.length; w++) {
                if (bm[w] != 0) {
                    words += w + 1;
                    maxWords = Math.max(maxWords, w + 1);
                    return w * 64 + Long.numberOfTrailingZeros(bm[w]);
                }
            }
            words += bm.length;
            maxWords = Math.max(maxWords, bm.length);
            return O1Math.MAX_PRIO;
        }

        // ---- task_struct helpers ----

        boolean rt(O1State.Task p) {
            return p.prio < O1Math.MAX_RT_PRIO;
        }

        boolean allowed(int t, int c) {
            O1State.Task p = tasks[t];
            return rqs[c].online && (p.bound ? p.cpu == c : p.cpuset.contains(c));
        }

        /** The lowest online CPU {@code t} may run on ({@code any_online_cpu(cpus_allowed)}). */
        int anyAllowed(int t) {
            for (int c = 0; c < ncpu(); c++) {
                if (allowed(t, c)) {
                    return c;
                }
            }
            throw new IllegalStateException("task " + t + " has no online CPU");
        }

        void setPrio(int t, int prio) {
            O1State.Task p = task(t);
            if (p.prio != prio) {
                out.add(new Decision.PriorityChange(t, false, O1State.freebsdPriority(p.prio), O1State.freebsdPriority(prio)));
                p.prio = prio;
            }
        }

        /** {@code TASK_PREEMPTS_CURR(p, rq)}: better than the running task (the idle task's prio is {@code MAX_PRIO}). */
        boolean preemptsCurr(int t, int c) {
            int cur = rqs[c].curr;
            int curPrio = cur == SchedulerState.IDLE ? O1Math.MAX_PRIO : tasks[cur].prio;
            return tasks[t].prio < curPrio;
        }

        /** {@code set_tsk_need_resched} on {@code c}'s running task, by code on {@code c}. */
        void setNeedResched(int c, SwitchReason why) {
            if (!needResched[c]) {
                needResched[c] = true;
                reschedWhy[c] = why;
            }
        }

        /** {@code resched_task(rq->curr)} for task {@code t} arriving on {@code c}, by code on {@code onCpu}: local flag or IPI. */
        void resched(int c, int onCpu, int t) {
            if (c == onCpu) {
                if (!needResched[c]) {
                    out.add(new Decision.PreemptRequest(c, t));
                }
                setNeedResched(c, SwitchReason.PREEMPT);
            } else if (!rqs[c].ipiPending) {
                rq(c).ipiPending = true;
                out.add(new Decision.IpiSent(c, IpiKind.PREEMPT));
            }
        }

        /** {@code __activate_task}: into the active array, {@code nr_running++}. */
        void activateRaw(int t, int c) {
            O1State.Task p = task(t);
            p.state = RunState.QUEUED;
            enqueue(t, c, rq(c).active);
            rq(c).nrRunning++;
        }

        /** {@code activate_task(p, rq, local)}: {@code recalc_task_prio} at now, {@code activated} 0 → 1, timestamp now. */
        void activate(int t, int c) {
            O1State.Task p = task(t);
            O1Math.Recalc r = O1Math.recalcTaskPrio(p.staticPrio, p.mm, p.activated, p.sleepAvg, now() - p.timestamp, 64);
            p.sleepAvg = r.sleepAvg();
            if (!rt(p)) {
                setPrio(t, r.prio());
            }
            if (p.activated == 0) {
                p.activated = 1;
            }
            p.timestamp = now();
            activateRaw(t, c);
        }

        /** {@code deactivate_task}: {@code nr_running--}, out of its array. */
        void deactivate(int t) {
            O1State.Task p = task(t);
            if (bug != Bug.NR_RUNNING_NOT_DECREMENTED) {
                rq(p.cpu).nrRunning--;
            }
            dequeue(t);
        }

        /** Moves queued (not running) task {@code t} to {@code dest} ({@code __migrate_task}): deactivate, activate there, maybe preempt. */
        void migrate(int t, int dest, MigrateReason why, int onCpu) {
            int src = tasks[t].cpu;
            deactivate(t);
            if (src != dest) {
                out.add(new Decision.Migrate(t, src, dest, why));
            }
            activate(t, dest);
            if (preemptsCurr(t, dest)) {
                resched(dest, onCpu, t);
            }
        }

        // ---- schedule() ----

        /** {@code schedule()} on {@code c}: charge the running task, go idle or swap arrays, pick the first set bit, switch. */
        void schedule(int c, SwitchReason why) {
            needResched[c] = false;
            long now = now();
            int prev = rqs[c].curr;
            if (rqs[c].nrRunning == 0) {
                idleBalance(c);
            }
            int next;
            if (rqs[c].nrRunning == 0) {
                next = SchedulerState.IDLE;
                rq(c).expiredTimestamp = 0;
            } else {
                O1State.Rq r = rq(c);
                if (r.nrActive[r.active] == 0) {
                    r.active = 1 - r.active;
                    if (bug != Bug.SWAP_KEEPS_TIMESTAMP) {
                        r.expiredTimestamp = 0;
                        r.bestExpiredPrio = O1Math.MAX_PRIO;
                    }
                }
                int idx = findFirstBit(c, r.active);
                if (idx == O1Math.MAX_PRIO) {
                    // an empty bitmap over a non-empty array: impossible unless a bug is planted; nothing is switched
                    needResched[c] = false;
                    return;
                }
                next = r.queue[r.active][idx][0];
                O1State.Task n = task(next);
                if (!rt(n) && n.activated > 0) {
                    long delta = O1Math.activationDelta(n.activated, now - n.timestamp);
                    int array = n.array;
                    dequeue(next);
                    O1Math.Recalc rc = O1Math.recalcTaskPrio(n.staticPrio, n.mm, n.activated, n.sleepAvg, delta, 64);
                    n.sleepAvg = rc.sleepAvg();
                    setPrio(next, rc.prio());
                    enqueue(next, c, array);
                }
                n.activated = 0;
            }
            if (prev != SchedulerState.IDLE) {
                O1State.Task p = task(prev);
                p.sleepAvg = O1Math.chargeRunTime(p.sleepAvg, now - p.timestamp);
                p.timestamp = now;
                if (prev != next && p.state == RunState.RUNNING) {
                    p.state = RunState.QUEUED;
                }
            }
            if (prev != next) {
                O1State.Rq r = rq(c);
                r.curr = next;
                if (next != SchedulerState.IDLE) {
                    O1State.Task n = task(next);
                    n.timestamp = now;
                    n.state = RunState.RUNNING;
                }
                out.add(new Decision.Switch(c, prev, next, why));
            }
            needResched[c] = false;
        }

        /** The way out of the kernel on {@code c}: a set {@code need_resched} calls {@code schedule()}. */
        void returnToUser(int c) {
            if (needResched[c] && rqs[c].online) {
                schedule(c, reschedWhy[c]);
            }
        }

        // ---- load balancing ----

        void idleBalance(int c) {
            loadBalance(c, true);
        }

        /**
         * {@code load_balance(this_rq, idle)} as the 2.6 design describes it: the busiest other
         * online CPU (most tasks, at least 2); nothing unless {@code busiest > mine + 1} and, when
         * busy, the imbalance {@code (busiest - mine) / 2} is at least a quarter of the busiest;
         * then tasks that may migrate (not running, allowed here, not cache-hot) are pulled, the
         * expired array first, best priority first, each list from its tail — one task when idle,
         * the imbalance when busy. A pulled task keeps its array kind (2.6.12's {@code move_tasks}).
         */
        void loadBalance(int c, boolean idle) {
            int mine = rqs[c].nrRunning;
            int busiest = -1;
            int maxLoad = 1;
            for (int i = 0; i < ncpu(); i++) {
                if (i != c && rqs[i].online && rqs[i].nrRunning > maxLoad) {
                    busiest = i;
                    maxLoad = rqs[i].nrRunning;
                }
            }
            if (busiest < 0) {
                return;
            }
            int imbalance = (maxLoad - mine) / 2;
            if (!idle && imbalance < (maxLoad + 3) / 4) {
                return;
            }
            if (maxLoad <= mine + 1) {
                return;
            }
            int want = idle ? 1 : imbalance;
            O1State.Rq src = rqs[busiest];
            int[] order = src.nrActive[1 - src.active] > 0 ? new int[] {1 - src.active, src.active} : new int[] {src.active};
            for (int array : order) {
                boolean expired = array != src.active;
                for (int prio = 0; prio < O1Math.MAX_PRIO && want > 0; prio++) {
                    int[] q = rqs[busiest].queue[array][prio];
                    for (int i = q.length - 1; i >= 0 && want > 0; i--) {
                        int t = q[i];
                        examined++;
                        if (!canMigrate(t, busiest, c)) {
                            continue;
                        }
                        pull(t, busiest, c, expired);
                        want--;
                    }
                }
                if (want == 0) {
                    return;
                }
            }
        }

        /** {@code can_migrate_task}: not running, allowed on {@code dest}, not cache-hot ({@code task_hot}: ran or was queued less than 2.5 ms ago). */
        boolean canMigrate(int t, int src, int dest) {
            if (rqs[src].curr == t && bug != Bug.PULLS_RUNNING_TASK) {
                return false;
            }
            if (!allowed(t, dest)) {
                return false;
            }
            return Long.compareUnsigned(now() - tasks[t].timestamp, O1Math.SD_CACHE_HOT_TIME_NS) >= 0;
        }

        /** {@code pull_task}: out of the busiest CPU's array, into the same kind of array here; preempts a worse running task. */
        void pull(int t, int src, int dest, boolean expired) {
            boolean wasRunning = rqs[src].curr == t;
            dequeue(t);
            rq(src).nrRunning--;
            if (wasRunning) {
                rq(src).curr = SchedulerState.IDLE;
                task(t).state = RunState.QUEUED;
            }
            out.add(new Decision.Migrate(t, src, dest, MigrateReason.BALANCE));
            O1State.Rq r = rq(dest);
            enqueue(t, dest, expired ? 1 - r.active : r.active);
            r.nrRunning++;
            if (preemptsCurr(t, dest)) {
                setNeedResched(dest, SwitchReason.PREEMPT);
            }
        }

        // ---- events ----

        void apply(Event event) {
            if (event instanceof Event.Tick) {
                tick();
            } else if (event instanceof Event.CpuTick) {
                cpuTick(((Event.CpuTick) event).cpu());
            } else if (event instanceof Event.Create) {
                create((Event.Create) event);
            } else if (event instanceof Event.Fork) {
                fork(((Event.Fork) event).cpu());
            } else if (event instanceof Event.Block) {
                Event.Block b = (Event.Block) event;
                int t = runningOn(b.cpu(), "block");
                O1State.Task p = task(t);
                p.state = RunState.SLEEPING;
                p.uninterruptible = b.sleepPri() > 0;
                deactivate(t);
                schedule(b.cpu(), SwitchReason.SLEEP);
            } else if (event instanceof Event.Wake) {
                wake((Event.Wake) event);
            } else if (event instanceof Event.Yield) {
                schedYield(((Event.Yield) event).cpu());
            } else if (event instanceof Event.Exit) {
                exit(((Event.Exit) event).cpu());
            } else if (event instanceof Event.SetNice) {
                setNice((Event.SetNice) event);
            } else if (event instanceof Event.IdleLoop) {
                int c = ((Event.IdleLoop) event).cpu();
                checkOnline(c, "idle loop");
                if (rqs[c].curr != SchedulerState.IDLE) {
                    throw new IllegalEventException("idle loop on CPU " + c + ": expected an idle CPU, but it runs thread " + rqs[c].curr);
                }
                rq(c).ipiPending = false;
                schedule(c, SwitchReason.IDLE);
            } else if (event instanceof Event.DeliverIpi) {
                int c = ((Event.DeliverIpi) event).cpu();
                checkOnline(c, "deliver IPI");
                if (!rqs[c].ipiPending) {
                    throw new IllegalEventException("deliver IPI on CPU " + c + ": expected a pending reschedule IPI, but none is pending");
                }
                rq(c).ipiPending = false;
                schedule(c, rqs[c].curr == SchedulerState.IDLE ? SwitchReason.IDLE : SwitchReason.PREEMPT);
            } else if (event instanceof Event.SetCpuset) {
                setCpuset((Event.SetCpuset) event);
            } else if (event instanceof Event.Bind) {
                bind((Event.Bind) event);
            } else if (event instanceof Event.Unbind) {
                int t = runningOn(((Event.Unbind) event).cpu(), "unbind");
                if (!tasks[t].bound) {
                    throw new IllegalEventException("unbind: expected a bound thread, but thread " + t + " is not bound");
                }
                task(t).bound = false;
            } else if (event instanceof Event.CpuOffline) {
                offline((Event.CpuOffline) event);
            } else if (event instanceof Event.CpuOnline) {
                int c = ((Event.CpuOnline) event).cpu();
                checkCpu(c, "online");
                if (rqs[c].online) {
                    throw new IllegalEventException("online: expected an offline CPU, but CPU " + c + " is online");
                }
                rq(c).online = true;
                out.add(new Decision.CpuOnline(c, true));
            } else {
                throw new IllegalEventException("the O(1) model does not take " + event);
            }
        }

        void checkCpu(int c, String what) {
            if (c < 0 || c >= ncpu()) {
                throw new IllegalEventException(what + ": CPU " + c + " does not exist: expected 0.." + (ncpu() - 1));
            }
        }

        void checkOnline(int c, String what) {
            checkCpu(c, what);
            if (!rqs[c].online) {
                throw new IllegalEventException(what + ": expected an online CPU, but CPU " + c + " is offline");
            }
        }

        int runningOn(int c, String what) {
            checkOnline(c, what);
            int t = rqs[c].curr;
            if (t == SchedulerState.IDLE) {
                throw new IllegalEventException(what + " on CPU " + c + ": expected a running thread, but CPU " + c + " is idle");
            }
            return t;
        }

        int live(int t, String what) {
            if (t < 0 || t >= tasks.length || tasks[t].state == RunState.EXITED) {
                throw new IllegalEventException(what + ": expected a live thread, but thread " + t + " does not exist or has exited");
            }
            return t;
        }

        CpuSet onlineSet() {
            CpuSet s = CpuSet.empty();
            for (int c = 0; c < ncpu(); c++) {
                if (rqs[c].online) {
                    s = s.with(c);
                }
            }
            return s;
        }

        /** {@code sys_setpriority}'s range: −20..20 accepted, 20 clamped to 19 as Linux does. */
        int nice(int nice) {
            if (nice < -20 || nice > 20) {
                throw new IllegalEventException("nice " + nice + " out of range: expected -20..20");
            }
            return Math.min(nice, 19);
        }

        int online() {
            int n = 0;
            for (O1State.Rq r : rqs) {
                n += r.online ? 1 : 0;
            }
            return n;
        }

        /** {@code scheduler_tick()} on every online CPU in id order, then each returns to user mode. */
        void tick() {
            jiffies++;
            for (int c = 0; c < ncpu(); c++) {
                if (rqs[c].online) {
                    schedulerTick(c, true);
                }
            }
            for (int c = 0; c < ncpu(); c++) {
                returnToUser(c);
            }
        }

        /**
         * {@link Event.CpuTick}: the local timer interrupt of CPU {@code c} alone
         * ({@code smp_local_timer_interrupt} → {@code update_process_times} → {@code scheduler_tick},
         * Linux 2.6.12), then its return to user mode. {@code jiffies} advances only with CPU 0's
         * tick, as the global timer interrupt ({@code do_timer}) is taken on the boot CPU here;
         * {@link #tick()} is the lock-step form.
         */
        void cpuTick(int c) {
            checkOnline(c, "tick");
            if (c == 0) {
                jiffies++;
            }
            schedulerTick(c, true);
            returnToUser(c);
        }

        /** {@code scheduler_tick()}: slice accounting of the running task, then {@code rebalance_tick} when {@code balance}. */
        void schedulerTick(int c, boolean balance) {
            int t = rqs[c].curr;
            if (t == SchedulerState.IDLE) {
                if (balance && jiffies % IDLE_REBALANCE_TICK == 0) {
                    loadBalance(c, true);
                }
                return;
            }
            O1State.Task p = task(t);
            O1State.Rq r = rq(c);
            if (p.array != r.active) {
                setNeedResched(c, SwitchReason.RESCHED);
            } else if (rt(p)) {
                if (p.policy == O1State.Policy.RR && --p.timeSlice == 0) {
                    p.timeSlice = O1Math.taskTimeslice(p.staticPrio);
                    p.firstTimeSlice = false;
                    out.add(new Decision.SliceEnd(t, c));
                    setNeedResched(c, SwitchReason.SLICE_END);
                    requeue(t);
                }
            } else if (--p.timeSlice == 0) {
                dequeue(t);
                out.add(new Decision.SliceEnd(t, c));
                setNeedResched(c, SwitchReason.SLICE_END);
                O1Math.SliceExpiry x = O1Math.expireSlice(p.staticPrio, p.sleepAvg, r.expiredTimestamp, jiffies, r.nrRunning,
                        r.bestExpiredPrio);
                setPrio(t, x.prio());
                p.timeSlice = bug == Bug.SLICE_NOT_REFILLED ? 0 : x.timeSlice();
                p.firstTimeSlice = false;
                r.expiredTimestamp = x.expiredTimestampAfter();
                if (x.toExpired() && bug != Bug.EXPIRED_STAYS_ACTIVE) {
                    enqueue(t, c, 1 - r.active);
                    r.bestExpiredPrio = Math.min(r.bestExpiredPrio, p.staticPrio);
                } else {
                    enqueue(t, c, r.active);
                }
            } else {
                int gran = O1Math.timesliceGranularity(p.sleepAvg, online());
                if (O1Math.taskInteractive(p.prio, p.staticPrio) && (O1Math.taskTimeslice(p.staticPrio) - p.timeSlice) % gran == 0
                        && p.timeSlice >= gran && p.array == r.active) {
                    requeue(t);
                    setNeedResched(c, SwitchReason.RESCHED);
                }
            }
            if (balance && jiffies % BUSY_REBALANCE_TICK == 0) {
                loadBalance(c, false);
            }
        }

        /** A new task of FreeBSD's policy {@code pc}/{@code nice}/{@code pri}/{@code fifo} ({@code create}'s mapping): full slice, sleep_avg 0, stamped now. */
        O1State.Task newTask(PriClass pc, int nice, int pri, boolean fifo, CpuSet set) {
            O1State.Task p = newTask();
            p.parent = -1;
            p.cpuset = set;
            p.mm = pc != PriClass.ITHD;
            p.staticPrio = O1Math.niceToPrio(pc == PriClass.IDLE ? 19 : nice);
            if (pc == PriClass.REALTIME || pc == PriClass.ITHD) {
                p.policy = fifo || pc == PriClass.ITHD ? O1State.Policy.FIFO : O1State.Policy.RR;
                p.prio = pri;
            } else {
                p.policy = O1State.Policy.NORMAL;
                p.prio = O1Math.effectivePrio(p.staticPrio, 0);
            }
            p.timeSlice = O1Math.taskTimeslice(p.staticPrio);
            p.timestamp = now();
            return p;
        }

        /**
         * {@link O1Model#adopt}: {@code from}'s threads as new tasks of their policies
         * ({@code newTask}), with its parents, cpusets, bindings and CPUs; each CPU's running task
         * becomes {@code curr} and, with the queued ones in {@code from}'s order, enters the
         * active array by {@code enqueue_task} at its {@code prio}. A CPU that had an IPI pending,
         * or is idle with tasks queued, gets a reschedule IPI ({@code resched_task}).
         */
        void adopt(SchedulerState from) {
            jiffies = from.elapsed();
            for (int c = 0; c < ncpu(); c++) {
                if (rqs[c].online != from.online(c)) {
                    rq(c).online = from.online(c);
                }
            }
            for (int t = 0; t < from.threadCount(); t++) {
                ThreadPolicy tp = from.threadPolicy(t);
                O1State.Task p = newTask(tp.priClass(), tp.nice(), tp.priority(), tp.fifo(), from.threadCpuset(t));
                p.parent = from.threadParent(t);
                p.bound = from.threadBound(t);
                p.cpu = from.threadCpu(t);
                p.state = from.threadState(t) == RunState.EXITED ? RunState.EXITED : RunState.SLEEPING;
            }
            for (int c = 0; c < ncpu(); c++) {
                int cur = from.running(c);
                if (cur != SchedulerState.IDLE) {
                    activateRaw(cur, c);
                    task(cur).state = RunState.RUNNING;
                    rq(c).curr = cur;
                }
                int cpu = c;
                from.forEachQueued(c, t -> {
                    activateRaw(t, cpu);
                    task(t).cpu = cpu;
                });
                if (from.ipiPending(c) || cur == SchedulerState.IDLE && rqs[c].nrRunning > 0) {
                    rq(c).ipiPending = true;
                    out.add(new Decision.IpiSent(c, IpiKind.PREEMPT));
                }
            }
        }

        O1State.Task newTask() {
            O1State.Task p = new O1State.Task();
            int t = tasks.length;
            tasks = Arrays.copyOf(tasks, t + 1);
            taskCopied = Arrays.copyOf(taskCopied, t + 1);
            tasks[t] = p;
            taskCopied[t] = true;
            return p;
        }

        /**
         * A task from outside the model ({@code wake_up_new_task}, child run last): FreeBSD's
         * realtime and interrupt bands become {@code SCHED_RR}/{@code SCHED_FIFO} at the same
         * priority value, the idle class {@code SCHED_NORMAL} at nice 19, timeshare
         * {@code SCHED_NORMAL} at its nice (an explicit starting priority is ignored: O(1) derives
         * it); a full {@code task_timeslice}, sleep_avg 0, on the creating CPU when allowed.
         */
        void create(Event.Create e) {
            checkOnline(e.onCpu(), "create");
            int nice = nice(e.nice());
            if (e.priClass() == null) {
                throw new IllegalEventException("create: a scheduling class is required");
            }
            CpuSet set = e.cpuset() == null ? CpuSet.firstN(ncpu()) : e.cpuset();
            if (!set.intersects(onlineSet())) {
                throw new IllegalEventException("create: cpuset " + set + " has no online CPU");
            }
            if (e.fifo() && e.priClass() != PriClass.REALTIME) {
                throw new IllegalEventException("create: SCHED_FIFO needs the REALTIME class, got " + e.priClass());
            }
            int pri = e.priority();
            if (e.priClass() == PriClass.TIMESHARE) {
                if (pri >= 0 && (pri < PriClass.TIMESHARE.minPri() || pri > PriClass.TIMESHARE.maxPri())) {
                    throw new IllegalEventException("create: timeshare priority " + pri + " outside " + PriClass.TIMESHARE.minPri() + ".."
                            + PriClass.TIMESHARE.maxPri());
                }
            } else if (pri < e.priClass().minPri() || pri > e.priClass().maxPri()) {
                throw new IllegalEventException("create: " + e.priClass() + " priority " + pri + " outside " + e.priClass().minPri() + ".."
                        + e.priClass().maxPri());
            }
            int t = tasks.length;
            O1State.Task p = newTask(e.priClass(), nice, pri, e.fifo(), set);
            p.state = RunState.QUEUED;
            p.cpu = set.contains(e.onCpu()) ? e.onCpu() : -1;
            out.add(new Decision.Created(t, -1));
            int c = p.cpu >= 0 && rqs[p.cpu].online ? p.cpu : anyAllowed(t);
            activateRaw(t, c);
            if (preemptsCurr(t, c)) {
                resched(c, e.onCpu(), t);
            }
            returnToUser(e.onCpu());
        }

        /**
         * {@code sched_fork} then {@code wake_up_new_task} for a new process (no {@code CLONE_VM}):
         * the slice split (a parent left with 0 gets 1 and a forced {@code scheduler_tick}), the
         * child's and parent's sleep_avg penalties, and child-runs-first: the child takes the
         * parent's prio and list, just ahead of the parent, and the parent reschedules.
         */
        void fork(int c) {
            int parent = runningOn(c, "fork");
            O1State.Task pp = task(parent);
            int t = tasks.length;
            O1State.Task ch = newTask();
            ch.parent = parent;
            ch.cpuset = pp.cpuset;
            ch.mm = pp.mm;
            ch.policy = pp.policy;
            ch.staticPrio = pp.staticPrio;
            ch.prio = pp.prio;
            ch.sleepAvg = pp.sleepAvg;
            ch.cpu = c;
            ch.timeSlice = O1Math.childTimeSlice(pp.timeSlice);
            ch.firstTimeSlice = true;
            ch.state = RunState.QUEUED;
            pp.timeSlice = O1Math.parentTimeSliceAfterFork(pp.timeSlice);
            ch.timestamp = now();
            if (pp.timeSlice == 0) {
                pp.timeSlice = 1;
                schedulerTick(c, false);
            }
            out.add(new Decision.Created(t, parent));
            ch.sleepAvg = O1Math.forkPenalty(ch.sleepAvg, O1Math.CHILD_PENALTY);
            // effective_prio from the penalised sleep_avg is overwritten at once: the child runs first at the parent's prio
            ch.prio = pp.prio;
            insert(t, c, pp.array, parent);
            rq(c).nrRunning++;
            setNeedResched(c, SwitchReason.RESCHED);
            pp.sleepAvg = O1Math.forkPenalty(pp.sleepAvg, O1Math.PARENT_PENALTY);
            returnToUser(c);
        }

        /** {@code try_to_wake_up}: on the task's last CPU (the lowest allowed online one if it may not run there), {@code activated = -1} after an uninterruptible sleep. */
        void wake(Event.Wake w) {
            int t = w.tid();
            if (t < 0 || t >= tasks.length || tasks[t].state != RunState.SLEEPING) {
                throw new IllegalEventException("wake: expected a sleeping thread, but thread " + t + " is "
                        + (t < 0 || t >= tasks.length ? "unknown" : tasks[t].state));
            }
            checkOnline(w.onCpu(), "wake");
            O1State.Task p = task(t);
            int c = p.cpu;
            if (!allowed(t, c)) {
                c = anyAllowed(t);
                out.add(new Decision.Migrate(t, p.cpu, c, MigrateReason.WAKEUP));
            }
            if (p.uninterruptible) {
                p.activated = -1;
                p.uninterruptible = false;
            }
            activate(t, c);
            if (preemptsCurr(t, c)) {
                resched(c, w.onCpu(), t);
            }
            returnToUser(w.onCpu());
        }

        /** {@code sys_sched_yield}: to the expired array (a realtime task to the tail of its active list), then {@code schedule()}. */
        void schedYield(int c) {
            int t = runningOn(c, "yield");
            O1State.Task p = task(t);
            O1State.Rq r = rq(c);
            int target = rt(p) ? r.active : 1 - r.active;
            if (p.array != target) {
                dequeue(t);
                enqueue(t, c, target);
            } else {
                requeue(t);
            }
            schedule(c, SwitchReason.YIELD);
        }

        /** {@code do_exit}'s last {@code schedule()}, then {@code sched_exit} on the parent (when it is alive): slice give-back and sleep_avg. */
        void exit(int c) {
            int t = runningOn(c, "exit");
            O1State.Task p = task(t);
            p.state = RunState.EXITED;
            deactivate(t);
            out.add(new Decision.Exited(t));
            schedule(c, SwitchReason.EXIT);
            if (p.parent >= 0 && tasks[p.parent].state != RunState.EXITED) {
                O1State.Task pp = task(p.parent);
                pp.timeSlice = O1Math.exitTimeSlice(pp.timeSlice, p.firstTimeSlice, p.timeSlice, p.staticPrio);
                pp.sleepAvg = O1Math.exitSleepAvg(pp.sleepAvg, p.sleepAvg);
            }
        }

        /**
         * {@code set_user_nice}: a realtime task only changes {@code static_prio}; otherwise prio
         * moves by the change from the old <em>dynamic</em> prio, so it lands on the new static
         * prio (the sleep bonus is dropped until the next {@code effective_prio}), the task is
         * requeued at the tail, and its CPU reschedules when it got better, or is running and got
         * worse. The code runs on the task's CPU.
         */
        void setNice(Event.SetNice n) {
            int t = live(n.tid(), "nice");
            int nice = nice(n.nice());
            O1State.Task p = task(t);
            int newStatic = O1Math.niceToPrio(nice);
            if (rt(p)) {
                p.staticPrio = newStatic;
                return;
            }
            int array = p.array;
            if (array >= 0) {
                dequeue(t);
            }
            int delta = newStatic - p.prio;
            p.staticPrio = newStatic;
            setPrio(t, p.prio + delta);
            if (array >= 0) {
                enqueue(t, p.cpu, array);
                if (delta < 0 || delta > 0 && rqs[p.cpu].curr == t) {
                    setNeedResched(p.cpu, SwitchReason.RESCHED);
                    returnToUser(p.cpu);
                }
            }
        }

        /** Moves the running task {@code t} of {@code c} to {@code dest} at once, as the migration thread does: {@code c} reschedules, {@code t} is activated on {@code dest}. */
        void moveRunning(int c, int t, int dest, SwitchReason why, MigrateReason mwhy, int onCpu) {
            O1State.Task p = task(t);
            p.state = RunState.QUEUED;
            deactivate(t);
            p.cpu = c;
            schedule(c, why);
            out.add(new Decision.Migrate(t, c, dest, mwhy));
            activate(t, dest);
            if (preemptsCurr(t, dest)) {
                resched(dest, onCpu, t);
            }
        }

        /** {@code set_cpus_allowed}: a task outside its new cpuset moves at once to the lowest allowed online CPU. */
        void setCpuset(Event.SetCpuset sc) {
            int t = live(sc.tid(), "set cpuset");
            checkOnline(sc.onCpu(), "set cpuset");
            CpuSet set = sc.cpuset();
            if (set == null || !set.intersects(onlineSet())) {
                throw new IllegalEventException("set cpuset of thread " + t + ": cpuset " + set + " has no online CPU");
            }
            O1State.Task p = task(t);
            if (p.bound && !set.contains(p.cpu)) {
                throw new IllegalEventException("set cpuset: thread " + t + " is bound to CPU " + p.cpu + ", which " + set + " excludes");
            }
            p.cpuset = set;
            if (allowed(t, p.cpu) || p.state == RunState.SLEEPING) {
                returnToUser(sc.onCpu());
                return;
            }
            int dest = anyAllowed(t);
            if (p.state == RunState.QUEUED) {
                migrate(t, dest, MigrateReason.AFFINITY, sc.onCpu());
            } else {
                moveRunning(p.cpu, t, dest, SwitchReason.RESCHED, MigrateReason.AFFINITY, sc.onCpu());
            }
            returnToUser(sc.onCpu());
        }

        /** Binds the running task to {@code target} (the {@code sched_bind} analogue: {@code set_cpus_allowed} to one CPU without changing the recorded cpuset). */
        void bind(Event.Bind b) {
            int t = runningOn(b.cpu(), "bind");
            checkOnline(b.target(), "bind target");
            if (!tasks[t].cpuset.contains(b.target())) {
                throw new IllegalEventException("bind: CPU " + b.target() + " is outside thread " + t + "'s cpuset " + tasks[t].cpuset);
            }
            task(t).bound = true;
            if (b.target() != b.cpu()) {
                moveRunning(b.cpu(), t, b.target(), SwitchReason.BIND, MigrateReason.BIND, b.cpu());
                returnToUser(b.cpu());
            }
        }

        /** {@code migrate_all_tasks} for a CPU going down: refused when a task would be stranded; else every task there moves to the lowest allowed online CPU. */
        void offline(Event.CpuOffline o) {
            int c = o.cpu();
            checkOnline(c, "offline");
            checkOnline(o.onCpu(), "offline (executing CPU)");
            if (o.onCpu() == c) {
                throw new IllegalEventException("offline: CPU " + c + " cannot take itself offline; run the event on another CPU");
            }
            CpuSet rest = onlineSet().without(c);
            for (int t = 0; t < tasks.length; t++) {
                O1State.Task p = tasks[t];
                if (p.state == RunState.EXITED) {
                    continue;
                }
                if (p.bound && p.cpu == c) {
                    throw new IllegalEventException("offline: thread " + t + " is bound to CPU " + c + " and would be stranded");
                }
                if (!p.cpuset.intersects(rest)) {
                    throw new IllegalEventException("offline: thread " + t + "'s cpuset " + p.cpuset + " has no other online CPU");
                }
            }
            O1State.Rq r = rq(c);
            List<Integer> moving = new ArrayList<>();
            int cur = r.curr;
            for (int k = 0; k < 2; k++) {
                int array = k == 0 ? r.active : 1 - r.active;
                for (int prio = 0; prio < O1Math.MAX_PRIO; prio++) {
                    for (int t : r.queue[array][prio]) {
                        if (t != cur) {
                            moving.add(t);
                        }
                    }
                }
            }
            if (cur != SchedulerState.IDLE) {
                O1State.Task p = task(cur);
                p.sleepAvg = O1Math.chargeRunTime(p.sleepAvg, now() - p.timestamp);
                p.timestamp = now();
                p.state = RunState.QUEUED;
                r.curr = SchedulerState.IDLE;
                out.add(new Decision.Switch(c, cur, SchedulerState.IDLE, SwitchReason.OFFLINE));
                moving.add(cur);
            }
            r.online = false;
            r.ipiPending = false;
            out.add(new Decision.CpuOnline(c, false));
            for (int t : moving) {
                deactivate(t);
                int dest = anyAllowed(t);
                out.add(new Decision.Migrate(t, c, dest, MigrateReason.OFFLINE));
                activate(t, dest);
                if (preemptsCurr(t, dest)) {
                    resched(dest, o.onCpu(), t);
                }
            }
            r.expiredTimestamp = 0;
            r.bestExpiredPrio = O1Math.MAX_PRIO;
            returnToUser(o.onCpu());
        }
    }

    /**
     * The clock, then per CPU its online flag, running task (as a label), active side,
     * {@code nr_running}, {@code expired_timestamp}, {@code best_expired_prio}, IPI flag, both
     * bitmaps and {@code nr_active}s and every list (labels), then each task's fields in label
     * order with its parent's label: everything a future step reads.
     */
    @Override
    public void encode(O1State s, int[] label, StateSink sink) {
        int n = s.tasks.length;
        sink.put(s.jiffies);
        sink.put(n);
        for (O1State.Rq r : s.rqs) {
            sink.put(r.online ? 1 : 0);
            sink.put(r.curr == SchedulerState.IDLE ? -1 : label[r.curr]);
            sink.put(r.active);
            sink.put(r.nrRunning);
            sink.put(r.expiredTimestamp);
            sink.put(r.bestExpiredPrio);
            sink.put(r.ipiPending ? 1 : 0);
            for (int a = 0; a < 2; a++) {
                sink.put(r.nrActive[a]);
                for (long w : r.bitmap[a]) {
                    sink.put(w);
                }
                for (int p = 0; p < O1Math.MAX_PRIO; p++) {
                    for (int t : r.queue[a][p]) {
                        sink.put(((long) p << 32) | label[t]);
                    }
                }
                sink.put(-2);
            }
        }
        int[] byLabel = new int[n];
        for (int t = 0; t < n; t++) {
            byLabel[label[t]] = t;
        }
        for (int i = 0; i < n; i++) {
            int t = byLabel[i];
            encodeThread(s, t, sink);
            sink.put(s.tasks[t].parent < 0 ? -1 : label[s.tasks[t].parent]);
        }
    }

    /** The task's own fields, no thread ids. */
    @Override
    public void encodeThread(O1State s, int tid, StateSink sink) {
        O1State.Task p = s.tasks[tid];
        sink.put(p.state.ordinal() | p.policy.ordinal() << 4 | (p.bound ? 64 : 0) | (p.mm ? 128 : 0) | (p.uninterruptible ? 256 : 0)
                | (p.firstTimeSlice ? 512 : 0) | (p.parent >= 0 ? 1024 : 0));
        sink.put(p.cpu);
        sink.put(p.staticPrio);
        sink.put(p.prio);
        sink.put(p.sleepAvg);
        sink.put(p.timestamp);
        sink.put(p.timeSlice);
        sink.put(p.activated);
        sink.put(p.array);
        sink.put(p.cpuset.hashCode());
    }
}
