// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.bench;

import java.util.PriorityQueue;

/**
 * Baseline: the straightforward mutable scheduler a Java programmer would write first — one
 * {@link PriorityQueue} per CPU ordered by (priority, arrival), a fixed slice of
 * {@value #SLICE_TICKS} ticks, priority 120 + recent CPU use (halved on every wakeup), a wakeup
 * placed on its last CPU if that is idle, else on the least loaded CPU (a linear scan), and
 * preempting the CPU's thread when it has a better priority. It is not ULE; it only does the same
 * kinds of work per event, so that its cost is a yardstick. Invariant: a thread is running on
 * exactly one CPU, queued on exactly one CPU, or sleeping.
 */
final class BaselineScheduler implements SimTarget {
    static final int SLICE_TICKS = 12;

    /** A thread's mutable scheduling state. */
    static final class Task {
        final int tid;
        int priority = 120;
        int cpu;
        int slice;
        int recentTicks;
        long arrival;
        boolean sleeping;

        Task(int tid, int cpu) {
            this.tid = tid;
            this.cpu = cpu;
        }
    }

    private final PriorityQueue<Task>[] queues;
    private final Task[] current;
    private final Task[] tasks;
    private long arrivals;

    /** {@code cpus} CPUs and {@code threads} runnable threads, round robin over the CPUs; each CPU then runs its best. */
    @SuppressWarnings("unchecked")
    BaselineScheduler(int cpus, int threads) {
        queues = new PriorityQueue[cpus];
        current = new Task[cpus];
        tasks = new Task[threads];
        for (int c = 0; c < cpus; c++) {
            queues[c] = new PriorityQueue<>((a, b) -> a.priority != b.priority
                    ? Integer.compare(a.priority, b.priority) : Long.compare(a.arrival, b.arrival));
        }
        for (int t = 0; t < threads; t++) {
            tasks[t] = new Task(t, t % cpus);
            enqueue(tasks[t]);
        }
        for (int c = 0; c < cpus; c++) {
            current[c] = queues[c].poll();
        }
    }

    @Override
    public int cpuCount() {
        return current.length;
    }

    @Override
    public int threadCount() {
        return tasks.length;
    }

    @Override
    public int running(int cpu) {
        Task t = current[cpu];
        return t == null ? -1 : t.tid;
    }

    private void enqueue(Task t) {
        t.arrival = arrivals++;
        queues[t.cpu].add(t);
    }

    @Override
    public int tick() {
        for (int c = 0; c < current.length; c++) {
            clock(c);
        }
        return 1;
    }

    @Override
    public int cpuTick(int cpu) {
        clock(cpu);
        return 1;
    }

    /** CPU {@code c}'s share of a tick: the running task's slice, or the idle CPU takes work. */
    private void clock(int c) {
        Task t = current[c];
        if (t == null) {
            current[c] = queues[c].poll();
            return;
        }
        t.recentTicks++;
        if (++t.slice >= SLICE_TICKS) {
            t.slice = 0;
            t.priority = 120 + Math.min(103, t.recentTicks >>> 2);
            enqueue(t);
            current[c] = queues[c].poll();
        }
    }

    @Override
    public int block(int cpu) {
        Task t = current[cpu];
        t.sleeping = true;
        current[cpu] = queues[cpu].poll();
        return 1;
    }

    @Override
    public int wake(int tid, int onCpu) {
        Task t = tasks[tid];
        t.sleeping = false;
        t.recentTicks >>>= 1;
        t.priority = 120 + Math.min(103, t.recentTicks >>> 2);
        t.slice = 0;
        int target = t.cpu;
        if (current[target] != null) {
            int best = onCpu;
            int bestLoad = Integer.MAX_VALUE;
            for (int k = 0, c = onCpu; k < current.length; k++, c = c + 1 == current.length ? 0 : c + 1) {
                int load = queues[c].size() + (current[c] == null ? 0 : 1);
                if (load < bestLoad) {
                    best = c;
                    bestLoad = load;
                }
            }
            target = best;
        }
        t.cpu = target;
        Task cur = current[target];
        if (cur == null) {
            current[target] = t;
        } else if (t.priority < cur.priority) {
            enqueue(cur);
            current[target] = t;
        } else {
            enqueue(t);
        }
        return 1;
    }
}
