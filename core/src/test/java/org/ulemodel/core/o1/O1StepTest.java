// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.o1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ulemodel.core.o1.O1ModelTest.run;
import static org.ulemodel.core.o1.O1ModelTest.ticks;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.IpiKind;
import org.ulemodel.core.machine.MigrateReason;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.machine.SwitchReason;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.runq.RunqKind;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;

/**
 * The O(1) model's steps against Linux 2.6.12 kernel/sched.c, one claim a scenario, with every
 * expected figure worked out from the kernel's formulas in the Javadoc (HZ 1000, so one jiffy is
 * 1 ms): {@code activate_task}/{@code recalc_task_prio}, {@code schedule()}'s on-runqueue credit,
 * {@code scheduler_tick}'s SCHED_RR round robin and {@code TIMESLICE_GRANULARITY},
 * {@code sched_fork}/{@code sched_exit}, {@code set_user_nice}, {@code load_balance}'s choice of
 * tasks, {@code migrate_all_tasks}, {@code set_cpus_allowed}.
 */
class O1StepTest {
    static final O1Model M = O1Model.DEFAULT;

    static O1State boot(String topo) {
        return M.boot(Topology.parse(topo));
    }

    static Event.Create timeshareOn(int nice, int... cpus) {
        return new Event.Create(PriClass.TIMESHARE, nice, -1, false, CpuSet.of(cpus), 0);
    }

    static Event.Create rr(int pri) {
        return new Event.Create(PriClass.REALTIME, 0, pri, false, null, 0);
    }

    static <T extends Decision> List<T> only(ModelStep<O1State> r, Class<T> type) {
        return r.decisions().stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    static void refused(O1State s, Event e, String message) {
        assertThatThrownBy(() -> M.step(s, e)).isInstanceOf(IllegalEventException.class).hasMessage(message);
    }

    /**
     * {@code activate_task} after a 10 ms sleep from sleep_avg 0 at nice 0: the sleep is multiplied
     * by {@code MAX_BONUS - CURRENT_BONUS} = 10, so sleep_avg = 100 ms, CURRENT_BONUS 1 and
     * prio 120 − 1 + 5 = 124; {@code activated} becomes 1 and the task, worse than the running
     * nice −20 task (prio 105), waits at the tail of list 124 of the active array. When it is
     * picked after 80 ms there, {@code schedule()} credits 80 ms · 38 / 128 = 23.75 ms
     * (ON_RUNQUEUE_WEIGHT 30 % as 38/128), times 10 − 1: sleep_avg 313.75 ms, bonus 3, prio 122.
     */
    @Test
    void aWakeupRecalculatesThePriorityAndTheFirstPickCreditsTheWait() {
        O1State s = run(boot("1"), Event.Create.timeshare(0));
        s = ticks(s, 50);
        s = run(s, new Event.Block(0, 0), Event.Create.timeshare(-20));
        assertThat(s.sleepAvg(0)).isZero();
        assertThat(s.timestamp(0)).isEqualTo(50_000_000L);
        s = ticks(s, 10);
        ModelStep<O1State> w = M.step(s, new Event.Wake(0, 0));
        s = w.state();
        assertThat(s.sleepAvg(0)).isEqualTo(100_000_000L);
        assertThat(s.prio(0)).isEqualTo(124);
        assertThat(s.activated(0)).isEqualTo(1);
        assertThat(s.timestamp(0)).isEqualTo(60_000_000L);
        assertThat(s.threadState(0)).isEqualTo(RunState.QUEUED);
        assertThat(s.queue(0, s.activeArray(0), 124)).containsExactly(0);
        assertThat(w.decisions()).containsExactly(new Decision.PriorityChange(0, false, 145, 144),
                new Decision.Enqueue(0, 0, RunqKind.TIMESHARE, 124, false));
        s = ticks(s, 80);
        ModelStep<O1State> pick = M.step(s, new Event.Block(0, 0));
        s = pick.state();
        assertThat(s.running(0)).isZero();
        assertThat(s.sleepAvg(0)).isEqualTo(313_750_000L);
        assertThat(s.prio(0)).isEqualTo(122);
        assertThat(s.activated(0)).isZero();
        assertThat(pick.decisions()).contains(new Decision.PriorityChange(0, false, 144, 142),
                new Decision.Enqueue(0, 0, RunqKind.TIMESHARE, 122, false), new Decision.Switch(0, 1, 0, SwitchReason.SLEEP));
    }

    /**
     * {@code activated = -1} after an uninterruptible sleep: a second of it lifts sleep_avg only to
     * {@code INTERACTIVE_SLEEP} (799 ms at nice 0, bonus 7, prio 118), where an interruptible
     * second earns the interactive credit {@code MAX_SLEEP_AVG − DEF_TIMESLICE} = 900 ms (bonus 9, prio 116).
     */
    @Test
    void anUninterruptibleSleepEarnsAtMostInteractiveSleep() {
        O1State u = run(boot("1"), Event.Create.timeshare(0), new Event.Block(0, 1));
        O1State i = run(boot("1"), Event.Create.timeshare(0), new Event.Block(0, 0));
        u = run(ticks(u, 1000), new Event.Wake(0, 0));
        i = run(ticks(i, 1000), new Event.Wake(0, 0));
        assertThat(u.sleepAvg(0)).isEqualTo(O1Math.interactiveSleep(120)).isEqualTo(799_000_000L);
        assertThat(u.prio(0)).isEqualTo(118);
        assertThat(i.sleepAvg(0)).isEqualTo(900_000_000L);
        assertThat(i.prio(0)).isEqualTo(116);
        assertThat(u.running(0)).isZero();
        assertThat(u.activated(0)).isZero();
    }

    /** The uninterruptible mark lasts one sleep: a queued wakeup keeps {@code activated = -1} until picked. */
    @Test
    void anUninterruptibleWakeupIsMarkedMinusOne() {
        O1State s = run(boot("1"), Event.Create.timeshare(0), new Event.Block(0, 1), Event.Create.timeshare(-20));
        s = run(ticks(s, 5), new Event.Wake(0, 0));
        assertThat(s.running(0)).isEqualTo(1);
        assertThat(s.activated(0)).isEqualTo(-1);
        s = run(s, new Event.Block(0, 0));
        assertThat(s.running(0)).isZero();
        assertThat(s.activated(0)).isZero();
    }

    /**
     * SCHED_RR: a realtime task runs {@code task_timeslice} (100 jiffies at nice 0), then goes to
     * the tail of its list with a fresh slice and the next task of that priority runs;
     * SCHED_FIFO is never sliced. Realtime priorities are kept across sleeps and
     * reported as they are on FreeBSD's scale.
     */
    @Test
    void roundRobinRealtimeTasksTakeTurnsAndFifoOnesDoNot() {
        O1State s = run(boot("1"), rr(50), rr(50));
        assertThat(s.policy(0)).isEqualTo(O1State.Policy.RR);
        assertThat(s.threadPriority(0)).isEqualTo(50);
        s = ticks(s, 99);
        assertThat(s.running(0)).isZero();
        assertThat(s.timeSlice(0)).isEqualTo(1);
        ModelStep<O1State> r = M.step(s, new Event.Tick());
        s = r.state();
        assertThat(r.decisions()).contains(new Decision.SliceEnd(0, 0), new Decision.Switch(0, 0, 1, SwitchReason.SLICE_END));
        assertThat(s.queue(0, s.activeArray(0), 50)).containsExactly(1, 0);
        assertThat(s.timeSlice(0)).isEqualTo(100);
        assertThat(s.firstTimeSlice(0)).isFalse();
        assertThat(s.taskArray(0)).isEqualTo(s.activeArray(0));

        O1State f = run(boot("1"), new Event.Create(PriClass.REALTIME, 0, 50, true, null, 0), rr(50));
        assertThat(f.policy(0)).isEqualTo(O1State.Policy.FIFO);
        f = ticks(f, 300);
        assertThat(f.running(0)).isZero();
        assertThat(f.timeSlice(0)).isEqualTo(100);

        O1State b = run(s, new Event.Block(0, 0));
        b = run(ticks(b, 500), new Event.Wake(1, 0));
        assertThat(b.prio(1)).isEqualTo(50);
        assertThat(b.sleepAvg(1)).isPositive();
    }

    /** A realtime task's yield goes to the tail of its active list (never the expired array); set_user_nice only changes its static_prio. */
    @Test
    void realtimeYieldStaysActiveAndReniceKeepsThePriority() {
        O1State s = run(boot("1"), rr(60), rr(60));
        ModelStep<O1State> y = M.step(s, new Event.Yield(0));
        s = y.state();
        assertThat(s.running(0)).isEqualTo(1);
        assertThat(s.taskArray(0)).isEqualTo(s.activeArray(0));
        assertThat(s.queue(0, s.activeArray(0), 60)).containsExactly(1, 0);
        assertThat(y.decisions()).contains(new Decision.Enqueue(0, 0, RunqKind.REALTIME, 60, false));
        ModelStep<O1State> n = M.step(s, new Event.SetNice(0, 10));
        assertThat(n.decisions()).isEmpty();
        assertThat(n.state().staticPrio(0)).isEqualTo(130);
        assertThat(n.state().prio(0)).isEqualTo(60);
    }

    /**
     * A SCHED_NORMAL task at prio 100 ({@code effective_prio} clamps 100 − 9 + 5 to
     * {@code MAX_RT_PRIO}) is still no realtime task: it is queued as timeshare, reported as
     * FreeBSD 120, and its slice runs down.
     */
    @Test
    void normalPrio100IsTheBestTimesharePriorityNotRealtime() {
        O1State s = run(boot("1"), Event.Create.timeshare(-20), new Event.Block(0, 0));
        s = ticks(s, 1000);
        ModelStep<O1State> w = M.step(s, new Event.Wake(0, 0));
        s = w.state();
        assertThat(s.prio(0)).isEqualTo(O1Math.MAX_RT_PRIO);
        assertThat(s.threadPriority(0)).isEqualTo(120);
        assertThat(w.decisions()).contains(new Decision.Enqueue(0, 0, RunqKind.TIMESHARE, 100, false));
        assertThat(s.timeSlice(0)).isEqualTo(800);
        s = ticks(s, 1);
        assertThat(s.timeSlice(0)).isEqualTo(799);
    }

    /**
     * {@code sched_find_first_bit} cost: a realtime pick (prio &lt; 64) reads one bitmap word, a
     * SCHED_NORMAL pick (prio 100..139) two; going idle reads none.
     */
    @Test
    void aPickReadsTheBitmapUpToTheFirstNonEmptyWord() {
        ModelStep<O1State> r = M.step(boot("1"), rr(50));
        assertThat(r.cost().picks()).isEqualTo(1);
        assertThat(r.cost().statusWords()).isEqualTo(1);
        assertThat(r.cost().maxWordsPerPick()).isEqualTo(1);
        ModelStep<O1State> n = M.step(boot("1"), Event.Create.timeshare(0));
        assertThat(n.cost().statusWords()).isEqualTo(2);
        assertThat(n.cost().maxWordsPerPick()).isEqualTo(2);
        ModelStep<O1State> idle = M.step(n.state(), new Event.Block(0, 0));
        assertThat(idle.cost().picks()).isZero();
        assertThat(idle.state().running(0)).isEqualTo(SchedulerState.IDLE);
    }

    /** The planted BITMAP_CLEARED_EARLY bug leaves a queued task behind an empty bitmap: the pick scans all three words and switches nothing. */
    @Test
    void anEmptyBitmapOverQueuedTasksScansEveryWord() {
        O1Model bug = O1Model.withBug(O1Model.Bug.BITMAP_CLEARED_EARLY);
        assertThat(bug.bug()).isEqualTo(O1Model.Bug.BITMAP_CLEARED_EARLY);
        O1State s = boot("1");
        s = bug.step(s, Event.Create.timeshare(0)).state();
        s = bug.step(s, Event.Create.timeshare(0)).state();
        ModelStep<O1State> r = bug.step(s, new Event.Block(0, 0));
        assertThat(r.cost().statusWords()).isEqualTo(O1State.BITMAP_WORDS);
        assertThat(r.cost().maxWordsPerPick()).isEqualTo(3);
        assertThat(r.decisions()).noneMatch(d -> d instanceof Decision.Switch);
    }

    /**
     * The array swap works both ways: a nice-19 hog alone (5-jiffy slice) swaps at each expiry, and a
     * task expiring while another waits goes to whichever array is then the expired one, with
     * {@code best_expired_prio} its static_prio and {@code expired_timestamp} the jiffy.
     */
    @Test
    void expiryAndSwapFollowTheCurrentActiveArray() {
        O1State s = run(boot("1"), Event.Create.timeshare(19));
        int first = s.activeArray(0);
        s = ticks(s, 5);
        assertThat(s.activeArray(0)).isEqualTo(1 - first);
        s = ticks(s, 5);
        assertThat(s.activeArray(0)).isEqualTo(first);
        s = ticks(s, 5);
        assertThat(s.activeArray(0)).isEqualTo(1 - first);
        s = run(s, Event.Create.timeshare(10));
        assertThat(s.running(0)).isEqualTo(1);
        s = ticks(s, 49);
        ModelStep<O1State> r = M.step(s, new Event.Tick());
        s = r.state();
        assertThat(r.decisions()).contains(new Decision.SliceEnd(1, 0), new Decision.Enqueue(1, 0, RunqKind.IDLE, 135, false),
                new Decision.Switch(0, 1, 0, SwitchReason.SLICE_END));
        assertThat(s.taskArray(1)).isEqualTo(first);
        assertThat(s.activeArray(0)).isEqualTo(1 - first);
        assertThat(s.bestExpiredPrio(0)).isEqualTo(130);
        assertThat(s.expiredTimestamp(0)).isEqualTo(65);
        assertThat(s.nrActive(0, first)).isEqualTo(1);
        assertThat(s.nrActive(0, 1 - first)).isEqualTo(1);
        s = run(s, new Event.Yield(0));
        assertThat(s.taskArray(0)).isEqualTo(first);
        assertThat(s.running(0)).isEqualTo(1);
    }

    /**
     * {@code TIMESLICE_GRANULARITY}: an interactive task (sleep_avg 900 ms, bonus 9) is requeued
     * behind an equal-priority task every 10 ms of its slice on one online CPU, every 20 ms with
     * two online (the macro scales with {@code num_online_cpus()}); an equal priority never preempts.
     */
    @Test
    void interactiveTasksRoundRobinAtTheGranularity() {
        for (int cpus = 1; cpus <= 2; cpus++) {
            O1State s = boot(cpus == 1 ? "1" : "2");
            s = run(s, timeshareOn(0, 0), timeshareOn(0, 0), new Event.Block(0, 0), new Event.Block(0, 0));
            s = ticks(s, 1000);
            s = run(s, new Event.Wake(0, 0));
            ModelStep<O1State> wb = M.step(s, new Event.Wake(1, 0));
            s = wb.state();
            assertThat(wb.decisions()).noneMatch(d -> d instanceof Decision.PreemptRequest || d instanceof Decision.Switch);
            assertThat(s.prio(0)).isEqualTo(116);
            assertThat(s.prio(1)).isEqualTo(116);
            int gran = 10 * cpus;
            s = ticks(s, gran - 1);
            assertThat(s.running(0)).isZero();
            ModelStep<O1State> r = M.step(s, new Event.Tick());
            assertThat(r.decisions()).contains(new Decision.Switch(0, 0, 1, SwitchReason.RESCHED));
            assertThat(r.decisions()).noneMatch(d -> d instanceof Decision.SliceEnd);
            assertThat(r.state().timeSlice(0)).isEqualTo(100 - gran);
            // the picked task had an on-runqueue credit to take: schedule() requeued it at the tail
            assertThat(r.state().queue(0, r.state().activeArray(0), 116)).containsExactly(0, 1);
        }
    }

    /**
     * {@code set_user_nice} on a queued task: better requeues it and reschedules its CPU, so it
     * runs at once; worse just requeues it. On the running task, worse reschedules. On a sleeping
     * task only the priorities change.
     */
    @Test
    void reniceRequeuesAndReschedulesAsTheKernelDoes() {
        O1State s = run(boot("1"), Event.Create.timeshare(0), Event.Create.timeshare(0));
        ModelStep<O1State> better = M.step(s, new Event.SetNice(1, -10));
        assertThat(better.state().prio(1)).isEqualTo(110);
        assertThat(better.decisions()).contains(new Decision.Enqueue(1, 0, RunqKind.TIMESHARE, 110, false),
                new Decision.Switch(0, 0, 1, SwitchReason.RESCHED));
        ModelStep<O1State> worse = M.step(s, new Event.SetNice(1, 10));
        assertThat(worse.state().running(0)).isZero();
        assertThat(worse.state().queue(0, worse.state().activeArray(0), 130)).containsExactly(1);
        assertThat(worse.decisions()).noneMatch(d -> d instanceof Decision.Switch);
        ModelStep<O1State> runningWorse = M.step(s, new Event.SetNice(0, 10));
        assertThat(runningWorse.decisions()).contains(new Decision.Switch(0, 0, 1, SwitchReason.RESCHED));
        ModelStep<O1State> same = M.step(s, new Event.SetNice(0, 0));
        assertThat(same.decisions()).containsExactly(new Decision.PriorityChange(0, false, 145, 140),
                new Decision.Enqueue(0, 0, RunqKind.TIMESHARE, 120, false));
        O1State sl = run(s, new Event.Block(0, 0));
        ModelStep<O1State> sleeping = M.step(sl, new Event.SetNice(0, 10));
        assertThat(sleeping.decisions()).containsExactly(new Decision.PriorityChange(0, false, 145, 150));
        assertThat(sleeping.state().prio(0)).isEqualTo(130);
        assertThat(sleeping.state().staticPrio(0)).isEqualTo(130);
        assertThat(sleeping.state().taskArray(0)).isEqualTo(-1);
    }

    /**
     * {@code sched_fork} with one jiffy left: the child gets it, the parent keeps 0, is given 1
     * and a forced {@code scheduler_tick} ends its slice (refilled to 5 at nice 19, the expired
     * array); the child, in the parent's list just ahead of it, runs after the swap.
     */
    @Test
    void aForkWithTheLastJiffyForcesATick() {
        O1State s = run(boot("1"), Event.Create.timeshare(19));
        s = ticks(s, 4);
        assertThat(s.timeSlice(0)).isEqualTo(1);
        ModelStep<O1State> r = M.step(s, new Event.Fork(0));
        O1State f = r.state();
        assertThat(r.decisions()).contains(new Decision.SliceEnd(0, 0));
        assertThat(f.timeSlice(0)).isEqualTo(5);
        assertThat(f.timeSlice(1)).isEqualTo(1);
        assertThat(f.threadParent(1)).isZero();
        assertThat(f.threadParent(0)).isEqualTo(-1);
        assertThat(f.running(0)).isEqualTo(1);
        assertThat(f.taskArray(1)).isEqualTo(f.activeArray(0));
    }

    /**
     * {@code sched_exit}: a child on its first slice gives its rest back to a live parent (45 + 40
     * after 5 jiffies of the child), nothing when the parent has exited.
     */
    @Test
    void anExitingChildGivesItsSliceBackToALiveParent() {
        O1State s = run(boot("1"), Event.Create.timeshare(0));
        s = ticks(s, 10);
        s = run(s, new Event.Fork(0));
        assertThat(s.timeSlice(0)).isEqualTo(45);
        assertThat(s.timeSlice(1)).isEqualTo(45);
        s = ticks(s, 5);
        ModelStep<O1State> r = M.step(s, new Event.Exit(0));
        assertThat(r.decisions()).contains(new Decision.Exited(1), new Decision.Switch(0, 1, 0, SwitchReason.EXIT));
        assertThat(r.state().timeSlice(0)).isEqualTo(85);
        assertThat(r.state().threadState(1)).isEqualTo(RunState.EXITED);
        assertThat(r.state().nrRunning(0)).isEqualTo(1);

        O1State o = run(s, new Event.Block(0, 0), new Event.Exit(0));
        assertThat(o.threadState(0)).isEqualTo(RunState.EXITED);
        o = run(o, new Event.Wake(1, 0));
        int parentSlice = o.timeSlice(0);
        o = run(o, new Event.Exit(0));
        assertThat(o.timeSlice(0)).isEqualTo(parentSlice);
        refused(o, new Event.SetNice(0, 1), "nice: expected a live thread, but thread 0 does not exist or has exited");
    }

    /** A wakeup on a remote CPU sends one IPI however many preempting tasks arrive before it is delivered; delivery or the idle loop switches. */
    @Test
    void oneReschedIpiUntilItIsDelivered() {
        O1State s = run(boot("2"), timeshareOn(0, 1));
        assertThat(s.threadCpu(0)).isEqualTo(1);
        assertThat(s.ipiPending(1)).isTrue();
        ModelStep<O1State> d = M.step(s, new Event.DeliverIpi(1));
        assertThat(d.decisions()).contains(new Decision.Switch(1, SchedulerState.IDLE, 0, SwitchReason.IDLE));
        ModelStep<O1State> l = M.step(s, new Event.IdleLoop(1));
        assertThat(l.state().running(1)).isZero();
        assertThat(l.state().ipiPending(1)).isFalse();
        s = d.state();
        ModelStep<O1State> y = M.step(s, timeshareOn(-10, 1));
        assertThat(y.decisions()).contains(new Decision.IpiSent(1, IpiKind.PREEMPT));
        ModelStep<O1State> z = M.step(y.state(), timeshareOn(-10, 1));
        assertThat(z.decisions()).noneMatch(x -> x instanceof Decision.IpiSent);
        ModelStep<O1State> p = M.step(z.state(), new Event.DeliverIpi(1));
        assertThat(p.decisions()).contains(new Decision.Switch(1, 0, 1, SwitchReason.PREEMPT));
        refused(p.state(), new Event.IdleLoop(1), "idle loop on CPU 1: expected an idle CPU, but it runs thread 1");
    }

    /**
     * {@code load_balance} on a busy CPU (every 200 jiffies): 5 tasks against 1 give the imbalance
     * (5 − 1) / 2 = 2, at least a quarter of 5 rounded up, so two are pulled: the best list
     * first, from its tail, never the running task; they stay behind the better running task.
     * Against 2 the imbalance 1 is under the quarter and nothing moves.
     */
    @Test
    void aBusyCpuPullsTheImbalanceEvery200Jiffies() {
        O1State s = run(boot("2"), timeshareOn(-20, 1), new Event.DeliverIpi(1), Event.Create.timeshare(-20));
        s = run(s, Event.Create.timeshare(0), Event.Create.timeshare(0), Event.Create.timeshare(10), Event.Create.timeshare(10));
        assertThat(s.nrRunning(0)).isEqualTo(5);
        O1State two = run(s, timeshareOn(10, 1));
        for (int i = 1; i < O1Model.BUSY_REBALANCE_TICK; i++) {
            ModelStep<O1State> r = M.step(s, new Event.Tick());
            assertThat(r.decisions()).as("jiffy %d", i).noneMatch(d -> d instanceof Decision.Migrate);
            s = r.state();
            two = M.step(two, new Event.Tick()).state();
        }
        ModelStep<O1State> r = M.step(s, new Event.Tick());
        assertThat(only(r, Decision.Migrate.class)).containsExactly(new Decision.Migrate(3, 0, 1, MigrateReason.BALANCE),
                new Decision.Migrate(2, 0, 1, MigrateReason.BALANCE));
        assertThat(r.cost().threadsExamined()).isEqualTo(3);
        O1State b = r.state();
        assertThat(b.nrRunning(0)).isEqualTo(3);
        assertThat(b.nrRunning(1)).isEqualTo(3);
        assertThat(b.running(0)).isEqualTo(1);
        assertThat(b.running(1)).isZero();
        assertThat(b.queue(1, b.activeArray(1), 125)).containsExactly(3, 2);
        assertThat(b.queue(0, b.activeArray(0), 125)).isEmpty();
        assertThat(b.nrActive(0, b.activeArray(0))).isEqualTo(3);
        assertThat(b.threadCpu(3)).isEqualTo(1);
        ModelStep<O1State> t2 = M.step(two, new Event.Tick());
        assertThat(t2.decisions()).noneMatch(d -> d instanceof Decision.Migrate);
        assertThat(t2.state().nrRunning(1)).isEqualTo(2);
    }

    /** A busy CPU running a worse task than the one it pulls reschedules to it. */
    @Test
    void aPulledBetterTaskPreemptsThePuller() {
        // nice 17: a 15-jiffy slice, which does not end at jiffy 200
        O1State s = run(boot("2"), timeshareOn(17, 1), new Event.DeliverIpi(1), Event.Create.timeshare(-20));
        s = run(s, Event.Create.timeshare(0), Event.Create.timeshare(0), Event.Create.timeshare(0));
        s = ticks(s, O1Model.BUSY_REBALANCE_TICK - 1);
        ModelStep<O1State> r = M.step(s, new Event.Tick());
        assertThat(only(r, Decision.Migrate.class)).containsExactly(new Decision.Migrate(4, 0, 1, MigrateReason.BALANCE));
        assertThat(r.state().running(1)).isEqualTo(4);
        assertThat(r.decisions()).contains(new Decision.Switch(1, 0, 4, SwitchReason.PREEMPT));
    }

    /**
     * A CPU going idle pulls one cache-cold task (waiting 2.5 ms or more), the expired array
     * first, into the same kind of array, and runs it: here the task that yielded 3 jiffies ago.
     */
    @Test
    void goingIdlePullsFromTheExpiredArrayFirst() {
        O1State s = run(boot("2"), timeshareOn(0, 1), new Event.DeliverIpi(1));
        s = run(s, Event.Create.timeshare(0), Event.Create.timeshare(0), Event.Create.timeshare(0), new Event.Yield(0));
        assertThat(s.running(0)).isEqualTo(2);
        s = ticks(s, 3);
        ModelStep<O1State> r = M.step(s, new Event.Block(1, 0));
        assertThat(r.decisions()).containsSubsequence(new Decision.Migrate(1, 0, 1, MigrateReason.BALANCE),
                new Decision.Enqueue(1, 1, RunqKind.IDLE, 125, false), new Decision.Switch(1, 0, 1, SwitchReason.SLEEP));
        assertThat(only(r, Decision.Migrate.class)).hasSize(1);
        O1State p = r.state();
        assertThat(p.running(1)).isEqualTo(1);
        assertThat(p.running(0)).isEqualTo(2);
        assertThat(p.nrRunning(0)).isEqualTo(2);
        assertThat(p.nrRunning(1)).isEqualTo(1);
    }

    /** With the expired task still cache-hot (it yielded this jiffy), the idle CPU takes the cold one of the active array; pinned tasks are never pulled. */
    @Test
    void goingIdleSkipsHotAndPinnedTasks() {
        O1State s = run(boot("2"), timeshareOn(0, 1), new Event.DeliverIpi(1));
        s = run(s, Event.Create.timeshare(0), Event.Create.timeshare(0), Event.Create.timeshare(0));
        s = run(ticks(s, 3), new Event.Yield(0));
        ModelStep<O1State> r = M.step(s, new Event.Block(1, 0));
        assertThat(only(r, Decision.Migrate.class)).containsExactly(new Decision.Migrate(3, 0, 1, MigrateReason.BALANCE));
        assertThat(r.state().running(1)).isEqualTo(3);

        O1State pinned = run(boot("2"), timeshareOn(0, 1), new Event.DeliverIpi(1));
        pinned = run(pinned, timeshareOn(0, 0), timeshareOn(0, 0), timeshareOn(0, 0));
        pinned = ticks(pinned, 10);
        ModelStep<O1State> q = M.step(pinned, new Event.Block(1, 0));
        assertThat(q.decisions()).noneMatch(d -> d instanceof Decision.Migrate);
        assertThat(q.state().running(1)).isEqualTo(SchedulerState.IDLE);
        assertThat(q.cost().threadsExamined()).isEqualTo(3);
        ModelStep<O1State> idle = M.step(q.state(), new Event.Tick());
        assertThat(idle.decisions()).noneMatch(d -> d instanceof Decision.Migrate);
    }

    /** An idle CPU pulls one task however many are cold, and counts a queued task of its own that waits for its IPI. */
    @Test
    void anIdleCpuPullsExactlyOne() {
        O1State s = run(boot("2"), Event.Create.timeshare(0), Event.Create.timeshare(5), Event.Create.timeshare(5));
        s = ticks(s, 2);
        ModelStep<O1State> r = M.step(s, new Event.Tick());
        assertThat(only(r, Decision.Migrate.class)).containsExactly(new Decision.Migrate(2, 0, 1, MigrateReason.BALANCE));

        O1State w = run(boot("2"), Event.Create.timeshare(0), Event.Create.timeshare(5), timeshareOn(0, 1));
        assertThat(w.ipiPending(1)).isTrue();
        w = ticks(w, 3);
        assertThat(w.running(1)).isEqualTo(SchedulerState.IDLE);
        assertThat(w.nrRunning(0)).isEqualTo(2);
    }

    /**
     * {@code migrate_all_tasks}: the CPU going down stops its running task, then every task there
     * moves to the lowest allowed online CPU (active array, expired array, the running task last),
     * and that CPU reschedules once; exited tasks do not count. Refused when a task would be stranded.
     */
    @Test
    void offlineMovesEveryTaskAndOnlineBringsTheCpuBack() {
        O1State s = run(boot("2"), timeshareOn(0, 1), new Event.DeliverIpi(1), new Event.Exit(1));
        s = run(s, timeshareOn(0, 1), new Event.DeliverIpi(1), timeshareOn(5, 1), timeshareOn(5, 1), new Event.Yield(1));
        assertThat(s.running(1)).isEqualTo(2);
        refused(s, new Event.CpuOffline(1, 0), "offline: thread 1's cpuset " + CpuSet.of(1) + " has no other online CPU");
        for (int t = 1; t <= 3; t++) {
            s = run(s, new Event.SetCpuset(t, CpuSet.firstN(2), 0));
        }
        assertThat(s.threadCpuset(1)).isEqualTo(CpuSet.firstN(2));
        refused(s, new Event.CpuOffline(1, 1), "offline: CPU 1 cannot take itself offline; run the event on another CPU");
        refused(s, new Event.CpuOffline(2, 0), "offline: CPU 2 does not exist: expected 0..1");
        ModelStep<O1State> r = M.step(s, new Event.CpuOffline(1, 0));
        O1State o = r.state();
        assertThat(r.decisions()).containsSubsequence(new Decision.Switch(1, 2, SchedulerState.IDLE, SwitchReason.OFFLINE),
                new Decision.CpuOnline(1, false));
        assertThat(only(r, Decision.Migrate.class)).containsExactly(new Decision.Migrate(3, 1, 0, MigrateReason.OFFLINE),
                new Decision.Migrate(1, 1, 0, MigrateReason.OFFLINE), new Decision.Migrate(2, 1, 0, MigrateReason.OFFLINE));
        assertThat(only(r, Decision.PreemptRequest.class)).hasSize(1);
        assertThat(o.online(1)).isFalse();
        assertThat(o.nrRunning(1)).isZero();
        assertThat(o.nrRunning(0)).isEqualTo(3);
        assertThat(o.running(0)).isNotEqualTo(SchedulerState.IDLE);
        assertThat(o.expiredTimestamp(1)).isZero();
        assertThat(o.bestExpiredPrio(1)).isEqualTo(O1Math.MAX_PRIO);
        for (int t = 1; t <= 3; t++) {
            assertThat(o.threadCpu(t)).isEqualTo(0);
            assertThat(o.taskArray(t)).isEqualTo(o.activeArray(0));
        }
        refused(o, new Event.CpuOffline(1, 0), "offline: expected an online CPU, but CPU 1 is offline");
        refused(o, new Event.IdleLoop(1), "idle loop: expected an online CPU, but CPU 1 is offline");
        refused(o, new Event.DeliverIpi(1), "deliver IPI: expected an online CPU, but CPU 1 is offline");
        refused(o, timeshareOn(0, 1), "create: cpuset " + CpuSet.of(1) + " has no online CPU");
        refused(o, new Event.Create(PriClass.TIMESHARE, 0, -1, false, null, 1), "create: expected an online CPU, but CPU 1 is offline");
        refused(o, new Event.Bind(0, 1), "bind target: expected an online CPU, but CPU 1 is offline");
        ModelStep<O1State> on = M.step(o, new Event.CpuOnline(1));
        assertThat(on.decisions()).containsExactly(new Decision.CpuOnline(1, true));
        assertThat(on.state().online(1)).isTrue();
        refused(on.state(), new Event.CpuOnline(1), "online: expected an offline CPU, but CPU 1 is online");

        O1State bound = run(boot("2"), Event.Create.timeshare(0), new Event.Bind(0, 1));
        refused(bound, new Event.CpuOffline(1, 0), "offline: thread 0 is bound to CPU 1 and would be stranded");
    }

    /**
     * {@code set_cpus_allowed}: a queued task outside its new set moves to the lowest allowed CPU
     * (preempting there), the running one is moved off its CPU, which reschedules, and a sleeping
     * one stays until it wakes, then moves with the wakeup.
     */
    @Test
    void aNewCpusetMovesTasksOutsideIt() {
        O1State s = run(boot("2"), Event.Create.timeshare(0), Event.Create.timeshare(0));
        ModelStep<O1State> q = M.step(s, new Event.SetCpuset(1, CpuSet.of(1), 0));
        assertThat(q.decisions()).containsSubsequence(new Decision.Migrate(1, 0, 1, MigrateReason.AFFINITY),
                new Decision.IpiSent(1, IpiKind.PREEMPT));
        assertThat(q.state().threadCpu(1)).isEqualTo(1);
        assertThat(q.state().nrRunning(0)).isEqualTo(1);
        assertThat(q.state().nrRunning(1)).isEqualTo(1);

        ModelStep<O1State> run = M.step(s, new Event.SetCpuset(0, CpuSet.of(1), 0));
        assertThat(run.decisions()).containsSubsequence(new Decision.Switch(0, 0, 1, SwitchReason.RESCHED),
                new Decision.Migrate(0, 0, 1, MigrateReason.AFFINITY), new Decision.IpiSent(1, IpiKind.PREEMPT));
        assertThat(run.state().running(0)).isEqualTo(1);
        assertThat(run.state().threadCpu(0)).isEqualTo(1);

        ModelStep<O1State> same = M.step(s, new Event.SetCpuset(1, CpuSet.firstN(2), 1));
        assertThat(same.decisions()).isEmpty();

        O1State sl = run(s, new Event.Block(0, 0));
        ModelStep<O1State> sleeping = M.step(sl, new Event.SetCpuset(0, CpuSet.of(1), 0));
        assertThat(sleeping.decisions()).isEmpty();
        assertThat(sleeping.state().threadCpu(0)).isZero();
        ModelStep<O1State> w = M.step(sleeping.state(), new Event.Wake(0, 0));
        assertThat(w.decisions()).contains(new Decision.Migrate(0, 0, 1, MigrateReason.WAKEUP), new Decision.IpiSent(1, IpiKind.PREEMPT));
        assertThat(w.state().threadCpu(0)).isEqualTo(1);

        O1State off = run(s, new Event.CpuOffline(1, 0));
        refused(off, new Event.SetCpuset(0, CpuSet.of(1), 0), "set cpuset of thread 0: cpuset " + CpuSet.of(1) + " has no online CPU");
        O1State b = run(s, new Event.Bind(0, 0));
        refused(b, new Event.SetCpuset(0, CpuSet.of(1), 0), "set cpuset: thread 0 is bound to CPU 0, which " + CpuSet.of(1) + " excludes");
    }

    /** A woken task on the waking CPU runs in the same step when it preempts; bind moves the running task and its CPU runs the next one. */
    @Test
    void wakeAndBindSwitchInTheSameStep() {
        O1State s = run(boot("2"), Event.Create.timeshare(0), Event.Create.timeshare(0), new Event.Block(0, 0));
        s = ticks(s, 5);
        ModelStep<O1State> w = M.step(run(s, new Event.Block(0, 0)), new Event.Wake(0, 0));
        assertThat(w.decisions()).contains(new Decision.PreemptRequest(0, 0), new Decision.Switch(0, SchedulerState.IDLE, 0, SwitchReason.PREEMPT));
        O1State two = run(boot("2"), Event.Create.timeshare(0), Event.Create.timeshare(0));
        ModelStep<O1State> b = M.step(two, new Event.Bind(0, 1));
        assertThat(b.decisions()).containsSubsequence(new Decision.Switch(0, 0, 1, SwitchReason.BIND),
                new Decision.Migrate(0, 0, 1, MigrateReason.BIND), new Decision.IpiSent(1, IpiKind.PREEMPT));
        assertThat(b.state().running(0)).isEqualTo(1);
        assertThat(b.state().threadBound(0)).isTrue();
        assertThat(b.state().threadCpu(0)).isEqualTo(1);
        ModelStep<O1State> here = M.step(two, new Event.Bind(0, 0));
        assertThat(here.decisions()).isEmpty();
        assertThat(here.state().threadBound(0)).isTrue();
        refused(two, new Event.Unbind(0), "unbind: expected a bound thread, but thread 0 is not bound");
        assertThat(run(here.state(), new Event.Unbind(0)).threadBound(0)).isFalse();
        O1State narrow = run(boot("2"), timeshareOn(0, 0));
        refused(narrow, new Event.Bind(0, 1), "bind: CPU 1 is outside thread 0's cpuset " + CpuSet.of(0));
    }

    /**
     * Creation: FreeBSD's interrupt band becomes SCHED_FIFO without an mm, realtime SCHED_RR (or
     * FIFO when asked), the idle class SCHED_NORMAL at nice 19; nice 20 is clamped to 19; each
     * band's ends are accepted and one beyond refused; a task goes to the creating CPU when its
     * set allows, else the lowest allowed one.
     */
    @Test
    void createMapsFreeBsdClassesAndChecksTheirBands() {
        O1State s = boot("2");
        O1State i = run(s, new Event.Create(PriClass.ITHD, 0, 10, false, null, 0));
        assertThat(i.policy(0)).isEqualTo(O1State.Policy.FIFO);
        assertThat(i.prio(0)).isEqualTo(10);
        O1State idle = run(s, new Event.Create(PriClass.IDLE, 0, PriClass.IDLE.minPri(), false, null, 0));
        assertThat(idle.policy(0)).isEqualTo(O1State.Policy.NORMAL);
        assertThat(idle.staticPrio(0)).isEqualTo(139);
        assertThat(run(s, Event.Create.timeshare(20)).staticPrio(0)).isEqualTo(139);
        assertThat(run(s, Event.Create.timeshare(-20)).staticPrio(0)).isEqualTo(100);
        refused(s, Event.Create.timeshare(-21), "nice -21 out of range: expected -20..20");
        for (PriClass c : new PriClass[] {PriClass.REALTIME, PriClass.ITHD, PriClass.TIMESHARE}) {
            for (int pri : new int[] {c.minPri(), c.maxPri()}) {
                assertThat(run(s, new Event.Create(c, 0, pri, false, null, 0)).threadCount()).isEqualTo(1);
            }
            for (int pri : new int[] {c.minPri() - 1, c.maxPri() + 1}) {
                if (pri >= 0) {
                    assertThatThrownBy(() -> M.step(s, new Event.Create(c, 0, pri, false, null, 0))).as("%s %d", c, pri)
                            .isInstanceOf(IllegalEventException.class).hasMessageContaining("priority " + pri + " outside");
                }
            }
        }
        refused(s, new Event.Create(PriClass.TIMESHARE, 0, 0, false, null, 0), "create: timeshare priority 0 outside 120..223");
        refused(s, new Event.Create(null, 0, -1, false, null, 0), "create: a scheduling class is required");
        refused(s, new Event.Create(PriClass.TIMESHARE, 0, -1, true, null, 0), "create: SCHED_FIFO needs the REALTIME class, got TIMESHARE");
        refused(s, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(5), 0), "create: cpuset " + CpuSet.of(5) + " has no online CPU");
        assertThat(run(s, new Event.Create(PriClass.REALTIME, 0, 60, true, null, 0)).policy(0)).isEqualTo(O1State.Policy.FIFO);
        ModelStep<O1State> remote = M.step(s, new Event.Create(PriClass.TIMESHARE, 0, -1, false, null, 1));
        assertThat(remote.state().threadCpu(0)).isEqualTo(1);
        assertThat(remote.state().running(1)).isZero();
        assertThat(remote.decisions()).containsExactly(new Decision.Created(0, -1), new Decision.Enqueue(0, 1, RunqKind.TIMESHARE, 125, false),
                new Decision.PreemptRequest(1, 0), new Decision.Switch(1, SchedulerState.IDLE, 0, SwitchReason.PREEMPT));
        ModelStep<O1State> pinned = M.step(s, timeshareOn(0, 1));
        assertThat(pinned.decisions()).contains(new Decision.Enqueue(0, 1, RunqKind.TIMESHARE, 125, false), new Decision.IpiSent(1, IpiKind.PREEMPT));
    }

    /** Bad CPUs and threads are refused with the range or state that was expected. */
    @Test
    void badCpusAndThreadsAreRefused() {
        O1State s = run(boot("2"), Event.Create.timeshare(0), new Event.Block(0, 0));
        refused(s, new Event.Block(2, 0), "block: CPU 2 does not exist: expected 0..1");
        refused(s, new Event.Block(-1, 0), "block: CPU -1 does not exist: expected 0..1");
        refused(s, new Event.Wake(1, 0), "wake: expected a sleeping thread, but thread 1 is unknown");
        refused(s, new Event.Wake(-1, 0), "wake: expected a sleeping thread, but thread -1 is unknown");
        refused(s, new Event.Wake(0, 2), "wake: CPU 2 does not exist: expected 0..1");
        refused(run(s, new Event.Wake(0, 0)), new Event.Wake(0, 0), "wake: expected a sleeping thread, but thread 0 is RUNNING");
        refused(s, new Event.SetNice(1, 0), "nice: expected a live thread, but thread 1 does not exist or has exited");
        refused(s, new Event.SetNice(-1, 0), "nice: expected a live thread, but thread -1 does not exist or has exited");
        refused(s, new Event.Yield(0), "yield on CPU 0: expected a running thread, but CPU 0 is idle");
        refused(s, new Event.CpuOnline(2), "online: CPU 2 does not exist: expected 0..1");
        assertThat(run(s, new Event.SetNice(0, 20)).staticPrio(0)).isEqualTo(139);
        assertThat(run(s, new Event.SetNice(0, -20)).staticPrio(0)).isEqualTo(100);
        refused(s, new Event.SetNice(0, 21), "nice 21 out of range: expected -20..20");
    }

    /** The model's identity: id, description, the planted bug, and the state's clock and shape. */
    @Test
    void modelAndStateDescribeThemselves() {
        assertThat(M.id()).isEqualTo("o1");
        assertThat(M.description()).contains("2.6.12");
        assertThat(M.bug()).isEqualTo(O1Model.Bug.NONE);
        assertThat(O1Model.withBug(O1Model.Bug.NONE)).isSameAs(M);
        for (O1Model.Bug b : O1Model.Bug.values()) {
            assertThat(O1Model.withBug(b).bug()).isEqualTo(b);
        }
        Topology topo = Topology.parse("2");
        O1State s = ticks(run(M.boot(topo), Event.Create.timeshare(0), Event.Create.timeshare(0)), 7);
        assertThat(s.topology()).isSameAs(topo);
        assertThat(s.elapsed()).isEqualTo(7);
        assertThat(s.hz()).isEqualTo(1000);
        assertThat(s.cpuCount()).isEqualTo(2);
        assertThat(s.online(0)).isTrue();
        assertThat(s.ipiPending(0)).isFalse();
        assertThat(s.threadBound(0)).isFalse();
        assertThat(s.threadCpuset(0)).isEqualTo(CpuSet.firstN(2));
        assertThat(s.threadPriority(0)).isEqualTo(145);
        assertThat(O1State.freebsdPriority(99)).isEqualTo(99);
        assertThat(O1State.freebsdPriority(100)).isEqualTo(120);
    }

    /** forEachQueued: every task of the CPU's arrays but the running one, active array first, best list first, head first. */
    @Test
    void forEachQueuedListsTheWaitingTasksInPickOrder() {
        O1State w = ticks(run(boot("1"), Event.Create.timeshare(19)), 5);
        assertThat(w.activeArray(0)).isEqualTo(1);
        w = run(w, Event.Create.timeshare(0), Event.Create.timeshare(5), new Event.Yield(0));
        assertThat(w.running(0)).isEqualTo(2);
        List<Integer> swapped = new java.util.ArrayList<>();
        w.forEachQueued(0, swapped::add);
        assertThat(swapped).containsExactly(0, 1);

        O1State s = run(boot("1"), Event.Create.timeshare(0), Event.Create.timeshare(5), Event.Create.timeshare(-5), Event.Create.timeshare(-5));
        s = run(s, new Event.Yield(0));
        List<Integer> seen = new java.util.ArrayList<>();
        s.forEachQueued(0, seen::add);
        assertThat(s.running(0)).isEqualTo(3);
        assertThat(seen).containsExactly(0, 1, 2);
        assertThat(s.taskArray(2)).isEqualTo(1 - s.activeArray(0));
    }

    /**
     * TIMESLICE_GRANULARITY on one CPU for a lone interactive nice-0 task (sleep_avg 900 ms): at
     * bonus 9 it is 10 jiffies, so the task is requeued after 10; that {@code schedule()} charges
     * the 10 ms (divided by the bonus), bonus 8 doubles the granularity to 20, and requeues follow
     * at 20, 40, 60 and 80 jiffies used (at 80 the 20 left equal the granularity, which still
     * counts). At 100 the slice ends: {@code effective_prio} of the charged sleep_avg gives 117,
     * still interactive, so back to the active array with a fresh slice.
     */
    @Test
    void granularityRequeuesFollowTheBonusAndTheSliceLeft() {
        O1State s = run(boot("1"), Event.Create.timeshare(0), new Event.Block(0, 0));
        s = run(ticks(s, 1000), new Event.Wake(0, 0));
        assertThat(s.prio(0)).isEqualTo(116);
        List<Integer> requeued = new java.util.ArrayList<>();
        for (int k = 1; k < 100; k++) {
            ModelStep<O1State> r = M.step(s, new Event.Tick());
            if (r.decisions().contains(new Decision.Enqueue(0, 0, RunqKind.TIMESHARE, 116, false))) {
                requeued.add(k);
            }
            s = r.state();
        }
        assertThat(requeued).containsExactly(10, 20, 40, 60, 80);
        ModelStep<O1State> end = M.step(s, new Event.Tick());
        assertThat(end.decisions()).contains(new Decision.SliceEnd(0, 0), new Decision.PriorityChange(0, false, 136, 137),
                new Decision.Enqueue(0, 0, RunqKind.TIMESHARE, 117, false));
        assertThat(end.state().taskArray(0)).isEqualTo(end.state().activeArray(0));
        assertThat(end.state().timeSlice(0)).isEqualTo(100);
    }

    /**
     * Two online CPUs double the granularity: a lone interactive nice-5 task (slice 75) on CPU 0 is
     * requeued after 20 jiffies; then at bonus 8 the granularity is 40, and at 40 jiffies used only
     * 35 are left, fewer than 40, so no more requeues before the slice ends.
     */
    @Test
    void granularityScalesWithOnlineCpusAndNeedsThatMuchSliceLeft() {
        O1State s = run(boot("2"), timeshareOn(5, 0), new Event.Block(0, 0));
        s = run(ticks(s, 1000), new Event.Wake(0, 0));
        assertThat(s.prio(0)).isEqualTo(121);
        assertThat(s.timeSlice(0)).isEqualTo(75);
        List<Integer> requeued = new java.util.ArrayList<>();
        for (int k = 1; k < 75; k++) {
            ModelStep<O1State> r = M.step(s, new Event.Tick());
            if (r.decisions().stream().anyMatch(d -> d instanceof Decision.Enqueue)) {
                requeued.add(k);
            }
            s = r.state();
        }
        assertThat(requeued).containsExactly(20);
    }

    /** A renice that leaves prio where it is (delta 0) reschedules nobody: the running task is not even charged. */
    @Test
    void aReniceThatChangesNothingDoesNotReschedule() {
        O1State s = ticks(run(boot("1"), Event.Create.timeshare(0), Event.Create.timeshare(0)), 10);
        assertThat(s.timestamp(0)).isZero();
        ModelStep<O1State> queued = M.step(s, new Event.SetNice(1, 5));
        assertThat(queued.state().prio(1)).isEqualTo(125);
        assertThat(queued.state().timestamp(0)).isZero();
        ModelStep<O1State> running = M.step(s, new Event.SetNice(0, 5));
        assertThat(running.state().prio(0)).isEqualTo(125);
        assertThat(running.state().timestamp(0)).isZero();
        assertThat(running.decisions()).containsExactly(new Decision.Enqueue(0, 0, RunqKind.TIMESHARE, 125, false));
    }

    /** The child of a fork goes just ahead of its parent in the parent's list, whatever their ids. */
    @Test
    void theChildGoesJustAheadOfItsParent() {
        O1State s = run(boot("1"), Event.Create.timeshare(0), Event.Create.timeshare(0), new Event.Block(0, 0));
        assertThat(s.running(0)).isEqualTo(1);
        s = run(s, Event.Create.timeshare(0), new Event.Fork(0));
        assertThat(s.running(0)).isEqualTo(3);
        assertThat(s.queue(0, s.activeArray(0), 125)).containsExactly(3, 1, 2);
    }

    /** A bound task wakes on its CPU, even when code on another CPU wakes it. */
    @Test
    void aBoundTaskWakesWhereItIsBound() {
        O1State s = run(boot("2"), Event.Create.timeshare(0), new Event.Bind(0, 1), new Event.DeliverIpi(1), new Event.Block(1, 0));
        ModelStep<O1State> w = M.step(s, new Event.Wake(0, 0));
        assertThat(w.decisions()).noneMatch(d -> d instanceof Decision.Migrate);
        assertThat(w.state().threadCpu(0)).isEqualTo(1);
    }

    /** The busiest CPU is the first with the most tasks (a later CPU must have more to replace it). */
    @Test
    void theBusiestCpuIsTheFirstWithTheMostTasks() {
        O1State s = boot("3");
        for (int i = 0; i < 3; i++) {
            s = run(s, Event.Create.timeshare(0), new Event.Create(PriClass.TIMESHARE, 0, -1, false, null, 1));
        }
        assertThat(s.nrRunning(0)).isEqualTo(3);
        assertThat(s.nrRunning(1)).isEqualTo(3);
        s = ticks(s, 2);
        ModelStep<O1State> r = M.step(s, new Event.Tick());
        assertThat(only(r, Decision.Migrate.class)).containsExactly(new Decision.Migrate(4, 0, 2, MigrateReason.BALANCE));
    }

    /** Balancing reads the source's arrays by its current active side: here CPU 0's arrays have swapped once. */
    @Test
    void balancingFollowsTheSourcesActiveSide() {
        O1State s = run(boot("2"), timeshareOn(0, 1), new Event.DeliverIpi(1), Event.Create.timeshare(19));
        s = ticks(s, 5);
        assertThat(s.activeArray(0)).isEqualTo(1);
        s = ticks(run(s, Event.Create.timeshare(0), Event.Create.timeshare(0)), 3);
        ModelStep<O1State> r = M.step(s, new Event.Block(1, 0));
        assertThat(only(r, Decision.Migrate.class)).containsExactly(new Decision.Migrate(3, 0, 1, MigrateReason.BALANCE));
    }

    /**
     * A CPU whose arrays have swapped goes down while its task runs: the task is charged its run
     * (4 ms at bonus 10: 0.4 ms off a full sleep_avg) and moves; the code doing it must run on an
     * online CPU; a cpuset change made on the target CPU switches there in the same step.
     */
    @Test
    void offlineChargesTheRunningTaskAndChecksTheExecutingCpu() {
        O1State s = run(boot("3"), new Event.Create(PriClass.TIMESHARE, 19, -1, false, null, 1));
        s = ticks(s, 5);
        assertThat(s.activeArray(1)).isEqualTo(1);
        s = run(s, new Event.Block(1, 0));
        s = run(ticks(s, 1000), new Event.Wake(0, 1));
        assertThat(s.sleepAvg(0)).isEqualTo(O1Math.NS_MAX_SLEEP_AVG);
        assertThat(s.running(1)).isZero();
        s = ticks(s, 4);
        O1State down2 = run(s, new Event.CpuOffline(2, 0));
        refused(down2, new Event.CpuOffline(1, 2), "offline (executing CPU): expected an online CPU, but CPU 2 is offline");
        refused(down2, new Event.SetCpuset(0, CpuSet.firstN(3), 2), "set cpuset: expected an online CPU, but CPU 2 is offline");
        O1State o = run(s, new Event.CpuOffline(1, 0));
        assertThat(o.sleepAvg(0)).isEqualTo(999_600_000L);
        assertThat(o.threadCpu(0)).isZero();

        O1State two = run(boot("2"), Event.Create.timeshare(0), Event.Create.timeshare(0));
        ModelStep<O1State> here = M.step(two, new Event.SetCpuset(1, CpuSet.of(1), 1));
        assertThat(here.decisions()).contains(new Decision.PreemptRequest(1, 1), new Decision.Switch(1, SchedulerState.IDLE, 1, SwitchReason.PREEMPT));
    }
}
