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
 * <li>{@link #cpu0()}: wakes thread 0.</li>
 * <li>{@link #cpu1()}: its idle loop (runs what the wakeup queued there, if still online).</li>
 * <li>{@link #cpu2()}: takes CPU 1 offline; then (chosen) brings it back online or not.</li>
 * </ul>
 * {@link #check()} at quiescence: every spec invariant (no thread on an offline CPU, none
 * lost); thread 0 runnable; 3 runnable threads; a CPU whose offline succeeded and that was not
 * brought back is still offline and empty.
 */
public final class OfflineVersusWake {
    private final SmpScheduler s;
    private final boolean backOnline;
    private boolean woke;
    private boolean offline;
    private boolean onlineRefused;
    private int cpu1Applied;
    private int cpu2Applied;

    /** Draws the choice from {@code choices}. */
    public OfflineVersusWake(Random choices, Fault fault) {
        s = new SmpScheduler(start(), fault);
        backOnline = choices.nextBoolean();
    }

    /** The start state described above (immutable, so built once and shared). */
    public static Machine start() {
        return StartState.VALUE;
    }

    private static final class StartState {
        static final Machine VALUE = new Harnesses.Setup(3).thread(0).block(0).thread(0).thread(2).done();
    }

    /** CPU 0's thread. */
    public void cpu0() {
        woke = s.wake(0, 0);
    }

    /** CPU 1's thread. */
    public void cpu1() {
        cpu1Applied = Harnesses.count(s.idle(1));
    }

    /** CPU 2's thread. */
    public void cpu2() {
        offline = s.offline(1, 2);
        int applied = Harnesses.count(offline);
        if (backOnline && offline) {
            onlineRefused = !s.online(1);
            applied += Harnesses.count(!onlineRefused);
            offline = false;
        }
        cpu2Applied = applied;
    }

    /** The quiescent check, after the CPU threads finished. */
    public void check() {
        assert woke : "thread 0 was asleep and nobody else wakes it";
        assert !onlineRefused : "CPU 1 had gone offline, yet online(1) was refused";
        Machine end = Harnesses.checkQuiescent(s, Harnesses.count(woke) + cpu1Applied + cpu2Applied);
        RunState t0 = end.thread(0).state();
        assert t0 == RunState.RUNNING || t0 == RunState.QUEUED : "thread 0 was woken but is " + t0;
        if (offline) {
            assert !end.cpu(1).online() : "CPU 1 went offline and nobody brought it back, but it is online";
            assert end.cpu(1).load() == 0 : "offline CPU 1 has load " + end.cpu(1).load();
        }
        assert Harnesses.runnable(end) == 3 : "runnable threads " + Harnesses.runnable(end) + ", expected 3";
    }

    @Override
    public String toString() {
        return "OfflineVersusWake[backOnline=" + backOnline + ", fault=" + s.fault() + "]";
    }

    public SmpScheduler scheduler() {
        return s;
    }

    /** Runs the scenario on 3 threads, then checks. */
    public static OfflineVersusWake run(Random choices, Fault fault) {
        OfflineVersusWake h = new OfflineVersusWake(choices, fault);
        Harnesses.runThreads(h::cpu0, h::cpu1, h::cpu2);
        h.check();
        return h;
    }

    /** JPF's entry point: {@code [fault [EARLY_EXIT]]}; prints {@link Harnesses#END_MARKER} when the check passed. */
    public static void main(String[] args) {
        Random choices = new Random();
        Fault fault = Harnesses.faultFrom(args);
        if (Harnesses.plantedEarlyExit(args)) {
            new OfflineVersusWake(choices, fault);
            return; // PLANTED: set up, then return without running the CPU threads or the check
        }
        Harnesses.reachedEnd(run(choices, fault));
    }
}
