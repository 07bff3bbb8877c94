// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.conc.harness;

import java.util.Random;
import org.ulemodel.conc.Fault;
import org.ulemodel.conc.SmpScheduler;
import org.ulemodel.core.machine.Machine;

/**
 * A balancer pass racing idle steals. Start (3 CPUs): CPU 0 runs thread 0 with threads 1 and 2
 * queued; CPUs 1 and 2 are idle.
 * <ul>
 * <li>{@link #cpu0()}: one {@code sched_balance} pass (moves a thread from CPU 0, the most
 * loaded, to an idle CPU), holding CPU 0's lock and the target's.</li>
 * <li>{@link #cpu1()}: the idle loop (steals from CPU 0, first reading it without its lock).</li>
 * <li>{@link #cpu2()}: the idle loop too, or nothing (chosen).</li>
 * </ul>
 * So the balancer and one or two thieves take from CPU 0's queue at once. (An earlier version
 * also had a running thread on CPU 1 block or yield, and the switches owed afterwards; its state
 * space was too large for JPF to finish.)
 * {@link #check()} at quiescence: every spec invariant; 3 runnable threads.
 */
public final class BalanceVersusSteal {
    private final SmpScheduler s;
    private final boolean cpu2Steals;
    private int cpu0Applied;
    private int cpu1Applied;
    private int cpu2Applied;

    /** Draws the choice from {@code choices}. */
    public BalanceVersusSteal(Random choices, Fault fault) {
        s = new SmpScheduler(start(), fault);
        cpu2Steals = choices.nextBoolean();
    }

    /** The start state described above (immutable, so built once and shared). */
    public static Machine start() {
        return StartState.VALUE;
    }

    private static final class StartState {
        static final Machine VALUE = new Harnesses.Setup(3).thread(0).thread(0).thread(0).done();
    }

    /** CPU 0's thread. */
    public void cpu0() {
        cpu0Applied = Harnesses.count(s.balance());
    }

    /** CPU 1's thread. */
    public void cpu1() {
        cpu1Applied = Harnesses.count(s.idle(1));
    }

    /** CPU 2's thread. */
    public void cpu2() {
        if (cpu2Steals) {
            cpu2Applied = Harnesses.count(s.idle(2));
        }
    }

    /** The quiescent check, after the CPU threads finished. */
    public void check() {
        Machine end = Harnesses.checkQuiescent(s, cpu0Applied + cpu1Applied + cpu2Applied);
        assert Harnesses.runnable(end) == 3 : "runnable threads " + Harnesses.runnable(end) + ", expected 3";
    }

    @Override
    public String toString() {
        return "BalanceVersusSteal[cpu2Steals=" + cpu2Steals + ", fault=" + s.fault() + "]";
    }

    public SmpScheduler scheduler() {
        return s;
    }

    /** Runs the scenario on 3 threads, then checks. */
    public static BalanceVersusSteal run(Random choices, Fault fault) {
        BalanceVersusSteal h = new BalanceVersusSteal(choices, fault);
        Harnesses.runThreads(h::cpu0, h::cpu1, h::cpu2);
        h.check();
        return h;
    }

    /** JPF's entry point: {@code [fault [EARLY_EXIT]]}; prints {@link Harnesses#END_MARKER} when the check passed. */
    public static void main(String[] args) {
        Random choices = new Random();
        Fault fault = Harnesses.faultFrom(args);
        if (Harnesses.plantedEarlyExit(args)) {
            new BalanceVersusSteal(choices, fault);
            return; // PLANTED: set up, then return without running the CPU threads or the check
        }
        Harnesses.reachedEnd(run(choices, fault));
    }
}
