// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.conc.harness;

import java.util.Random;
import org.ulemodel.conc.Fault;
import org.ulemodel.conc.SmpScheduler;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.RunState;

/**
 * A CPU going offline racing a wakeup that chose that CPU. Start (3 CPUs): CPU 0 runs thread
 * 1, CPU 2 runs thread 2, CPU 1 is idle; thread 0 sleeps with CPU 0 as its home, so a wakeup
 * on CPU 0 picks idle CPU 1.
 * <ul>
 * <li>CPU 0's thread: wakes thread 0.</li>
 * <li>CPU 2's thread: takes CPU 1 offline; then (chosen) brings it back online or not.</li>
 * <li>CPU 1's thread: its idle loop (runs what the wakeup queued there, if it is still online).</li>
 * </ul>
 * Checks at quiescence: every spec invariant (no thread on an offline CPU, none lost); a CPU
 * whose offline succeeded and that was not brought back is still offline and empty; thread 0
 * is runnable.
 */
public final class OfflineVersusWake {
    private OfflineVersusWake() {
    }

    /** The start state described above. */
    public static Machine start() {
        return new Harnesses.Setup(3).thread(0).block(0).thread(0).thread(2).done();
    }

    /** Runs the scenario with choices drawn from {@code choices}; returns the scheduler after the quiescent check. */
    public static SmpScheduler run(Random choices, Fault fault) {
        SmpScheduler s = new SmpScheduler(start(), fault);
        boolean backOnline = choices.nextBoolean();
        boolean[] offline = new boolean[1];
        Harnesses.runThreads(
                () -> {
                    boolean woke = s.wake(0, 0);
                    assert woke : "thread 0 was asleep and nobody else wakes it";
                },
                () -> s.idle(1),
                () -> {
                    offline[0] = s.offline(1, 2);
                    if (backOnline && offline[0]) {
                        boolean on = s.online(1);
                        assert on : "CPU 1 was offline, so online(1) must apply";
                        offline[0] = false;
                    }
                });
        Machine end = Harnesses.checkQuiescent(s);
        assert end.thread(0).state() == RunState.RUNNING || end.thread(0).state() == RunState.QUEUED
                : "thread 0 was woken but is " + end.thread(0).state();
        if (offline[0]) {
            assert !end.cpu(1).online() : "CPU 1 went offline and nobody brought it back, but it is online";
            assert end.cpu(1).load() == 0 : "offline CPU 1 has load " + end.cpu(1).load();
        }
        assert Harnesses.runnable(end) == 3 : "runnable threads " + Harnesses.runnable(end) + ", expected 3";
        return s;
    }

    public static void main(String[] args) {
        run(new Random(), Harnesses.faultFrom(args));
    }
}
