// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.bench;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ulemodel.core.runq.Calendar;
import org.ulemodel.core.runq.RunQueue;

/**
 * Pick-next on one CPU: one operation picks the thread {@code tdq_choose} would run, removes it
 * and re-adds it at the tail of the queue its priority maps to (a slice-end requeue), with
 * {@code threads} threads queued. Three structures run the same workload:
 * <ul>
 *   <li>{@code persistent}: the model's {@link RunQueue} (one fused {@code requeueHead});</li>
 *   <li>{@code mutableTwin}: {@link MutableRunQueue}, the same queues as mutable {@code int[]} rings;</li>
 *   <li>{@code priorityQueue}: one {@link PriorityQueue} ordered by (priority, arrival), the
 *       straightforward mutable scheduler's run queue.</li>
 * </ul>
 * Workloads ({@code kind}): {@code realtime} — priorities 48..151 on the classic runq (queue
 * pri/4, picks from the lowest non-empty queue); {@code calendar} — batch priorities 152..223 on
 * the timeshare calendar, each operation also running {@code sched_clock}'s calendar step (idx
 * advance, ridx catch-up) and placing the thread with {@link Calendar#place}; {@code mixed} —
 * half the threads on each runq, operations alternating between a realtime and a calendar pick.
 * The priority queue ignores the kind's queue structure: it only sees the same priorities.
 * Deterministic: priorities come from a seeded generator.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-XX:+UseTransparentHugePages"})
@State(Scope.Thread)
public class PickNextBenchmark {
    @Param({"10", "100", "1000", "10000", "100000"})
    public int threads;

    @Param({"realtime", "calendar", "mixed"})
    public String kind;

    /** Priority of each thread id. */
    private int[] prio;

    private RunQueue realtime;
    private RunQueue timeshare;
    private final MutableRunQueue realtimeTwin = new MutableRunQueue();
    private final MutableRunQueue timeshareTwin = new MutableRunQueue();
    /** Calendar indices {@code tdq_idx}/{@code tdq_ridx}, one pair per structure. */
    private int idx;
    private int ridx;
    private int twinIdx;
    private int twinRidx;
    private boolean calendarTurn;
    private boolean twinCalendarTurn;

    private PriorityQueue<Queued> heap;
    private long arrivals;

    /** A thread in the baseline's heap, reused across requeues. */
    static final class Queued {
        final int tid;
        final int priority;
        long arrival;

        Queued(int tid, int priority, long arrival) {
            this.tid = tid;
            this.priority = priority;
            this.arrival = arrival;
        }
    }

    static final Comparator<Queued> BY_PRIORITY_THEN_ARRIVAL = (a, b) -> a.priority != b.priority
            ? Integer.compare(a.priority, b.priority) : Long.compare(a.arrival, b.arrival);

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(0x5EED);
        prio = new int[threads];
        realtime = RunQueue.empty();
        timeshare = RunQueue.empty();
        heap = new PriorityQueue<>(threads, BY_PRIORITY_THEN_ARRIVAL);
        for (int tid = 0; tid < threads; tid++) {
            boolean batch = switch (kind) {
                case "realtime" -> false;
                case "calendar" -> true;
                case "mixed" -> (tid & 1) == 1;
                default -> throw new IllegalArgumentException("kind must be realtime, calendar or mixed, got " + kind);
            };
            int pri = batch ? 152 + rng.nextInt(72) : 48 + rng.nextInt(104);
            prio[tid] = pri;
            if (batch) {
                int q = Calendar.place(pri, 0, 0, false, false).queue();
                timeshare = timeshare.addTail(q, tid);
                timeshareTwin.addTail(q, tid);
            } else {
                realtime = realtime.addTail(pri >>> 2, tid);
                realtimeTwin.addTail(pri >>> 2, tid);
            }
            heap.add(new Queued(tid, pri, arrivals++));
        }
        calendarTurn = !kind.equals("realtime");
        twinCalendarTurn = calendarTurn;
    }

    /** The model's persistent run queues. Returns the picked thread. */
    @Benchmark
    public int persistent() {
        int tid;
        if (calendarTurn) {
            if (idx == ridx) { // sched_clock
                idx = (idx + 1) & 63;
                if (timeshare.queueSize(ridx) == 0) {
                    ridx = idx;
                }
            }
            int q = timeshare.findbitFrom(ridx);
            tid = timeshare.head(q);
            int to = Calendar.place(prio[tid], idx, ridx, false, false).queue();
            timeshare = timeshare.requeueHead(q, to, false);
            if (idx != ridx && q == ridx && timeshare.queueSize(q) == 0) {
                ridx = (ridx + 1) & 63;
            }
        } else {
            int q = realtime.findbit();
            tid = realtime.head(q);
            realtime = realtime.requeueHead(q, prio[tid] >>> 2, false);
        }
        if (kind.length() == 5) { // "mixed"
            calendarTurn = !calendarTurn;
        }
        return tid;
    }

    /** The same queues as mutable rings. Returns the picked thread. */
    @Benchmark
    public int mutableTwin() {
        int tid;
        if (twinCalendarTurn) {
            if (twinIdx == twinRidx) {
                twinIdx = (twinIdx + 1) & 63;
                if (timeshareTwin.queueSize(twinRidx) == 0) {
                    twinRidx = twinIdx;
                }
            }
            int q = timeshareTwin.findbitFrom(twinRidx);
            tid = timeshareTwin.head(q);
            int to = Calendar.place(prio[tid], twinIdx, twinRidx, false, false).queue();
            timeshareTwin.requeueHead(q, to);
            if (twinIdx != twinRidx && q == twinRidx && timeshareTwin.queueSize(q) == 0) {
                twinRidx = (twinRidx + 1) & 63;
            }
        } else {
            int q = realtimeTwin.findbit();
            tid = realtimeTwin.head(q);
            realtimeTwin.requeueHead(q, prio[tid] >>> 2);
        }
        if (kind.length() == 5) {
            twinCalendarTurn = !twinCalendarTurn;
        }
        return tid;
    }

    /** The straightforward scheduler's run queue: poll the best, offer it again behind its equals. */
    @Benchmark
    public int priorityQueue() {
        Queued q = heap.poll();
        q.arrival = arrivals++;
        heap.offer(q);
        return q.tid;
    }
}
