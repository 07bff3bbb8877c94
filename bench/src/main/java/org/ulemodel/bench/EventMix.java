// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.bench;

import java.util.SplittableRandom;

/**
 * A seeded, legal event stream for a {@link SimTarget}: {@value #TICK_PERCENT}% hz ticks (with
 * per-CPU clocks, each is one tick on every CPU in CPU order, so the simulated time and the work
 * are the same and only the events are finer); the
 * rest are wakeups of a random sleeping thread (from a random CPU) or blocks of the thread running
 * on a random busy CPU, a wakeup being chosen with probability sleepers/threads so that about half
 * the threads sleep in the long run. The stream depends only on the seed and on which threads the
 * target runs, so the model and a baseline see the same kind of load. Invariant: {@code sleepers}
 * holds exactly the threads this mix put to sleep and has not woken.
 */
final class EventMix {
    static final int TICK_PERCENT = 10;

    private final boolean perCpuClock;
    private final SplittableRandom rng;
    private final int[] sleepers;
    private int sleeping;
    private long ticks;

    EventMix(long seed, int threads) {
        this(seed, threads, false);
    }

    /** {@code perCpuClock}: each hz tick is one {@link SimTarget#cpuTick} per CPU instead of one {@link SimTarget#tick}. */
    EventMix(long seed, int threads, boolean perCpuClock) {
        this.perCpuClock = perCpuClock;
        this.rng = new SplittableRandom(seed);
        this.sleepers = new int[threads];
    }

    int sleeping() {
        return sleeping;
    }

    /** Hz ticks generated so far (each one tick of simulated time, whichever the clock). */
    long ticks() {
        return ticks;
    }

    /** Applies one generated event (plus any IPI delivery it causes); returns the scheduler events applied. */
    int step(SimTarget target) {
        int cpus = target.cpuCount();
        if (rng.nextInt(100) < TICK_PERCENT) {
            return tick(target);
        }
        if (rng.nextInt(target.threadCount()) < sleeping) {
            int i = rng.nextInt(sleeping);
            int tid = sleepers[i];
            sleepers[i] = sleepers[--sleeping];
            return target.wake(tid, rng.nextInt(cpus));
        }
        int c = rng.nextInt(cpus);
        for (int k = 0; k < cpus && target.running(c) < 0; k++) {
            c = c + 1 == cpus ? 0 : c + 1;
        }
        int tid = target.running(c);
        if (tid < 0) {
            return tick(target); // every CPU idle: only time can pass
        }
        sleepers[sleeping++] = tid;
        return target.block(c);
    }

    private int tick(SimTarget target) {
        ticks++;
        if (!perCpuClock) {
            return target.tick();
        }
        int events = 0;
        for (int c = 0; c < target.cpuCount(); c++) {
            events += target.cpuTick(c);
        }
        return events;
    }
}
