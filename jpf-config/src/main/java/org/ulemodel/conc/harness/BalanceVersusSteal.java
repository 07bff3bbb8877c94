// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.conc.harness;

import java.util.Random;
import org.ulemodel.conc.Fault;
import org.ulemodel.conc.SmpScheduler;
import org.ulemodel.core.machine.Machine;

/**
 * A balancer pass racing an idle steal. Start (3 CPUs): CPU 0 runs thread 0 with threads 1
 * and 2 queued; CPU 1 runs thread 3; CPU 2 is idle.
 * <ul>
 * <li>{@link #cpu0()}: one {@code sched_balance} pass (moves a thread from CPU 0 to a less
 * loaded CPU), then the switch CPU 0 owes.</li>
 * <li>{@link #cpu1()}: its thread blocks or yields (chosen; a block leaves CPU 1 empty and it
 * tries to steal at once), then the idle loop (steals from CPU 0).</li>
 * <li>{@link #cpu2()}: the idle loop (steals from CPU 0), then the switch CPU 2 owes.</li>
 * </ul>
 * {@link #check()} at quiescence: every spec invariant; 4 runnable threads, 3 if thread 3 blocked.
 */
public final class BalanceVersusSteal {
    private final SmpScheduler s;
    private final boolean cpu1Blocks;
    private boolean blocked;
    private int cpu0Applied;
    private int cpu1Applied;
    private int cpu2Applied;

    /** Draws the choice from {@code choices}. */
    public BalanceVersusSteal(Random choices, Fault fault) {
        s = new SmpScheduler(start(), fault);
        cpu1Blocks = choices.nextBoolean();
    }

    /** The start state described above (immutable, so built once and shared). */
    public static Machine start() {
        return StartState.VALUE;
    }

    private static final class StartState {
        static final Machine VALUE = new Harnesses.Setup(3).thread(0).thread(0).thread(0).thread(1).done();
    }

    /** CPU 0's thread. */
    public void cpu0() {
        cpu0Applied = Harnesses.count(s.balance()) + Harnesses.count(s.switchCpu(0));
    }

    /** CPU 1's thread. */
    public void cpu1() {
        int applied;
        if (cpu1Blocks) {
            blocked = s.block(1, 0);
            applied = Harnesses.count(blocked);
        } else {
            applied = Harnesses.count(s.yield(1));
        }
        cpu1Applied = applied + Harnesses.count(s.idle(1));
    }

    /** CPU 2's thread. */
    public void cpu2() {
        cpu2Applied = Harnesses.count(s.idle(2)) + Harnesses.count(s.switchCpu(2));
    }

    /** The quiescent check, after the CPU threads finished. */
    public void check() {
        Machine end = Harnesses.checkQuiescent(s, cpu0Applied + cpu1Applied + cpu2Applied);
        int expected = blocked ? 3 : 4;
        assert Harnesses.runnable(end) == expected : "runnable threads " + Harnesses.runnable(end) + ", expected " + expected;
    }

    @Override
    public String toString() {
        return "BalanceVersusSteal[cpu1Blocks=" + cpu1Blocks + ", fault=" + s.fault() + "]";
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
            BalanceVersusSteal h = new BalanceVersusSteal(choices, fault);
            Harnesses.startThreads(h::cpu0, h::cpu1, h::cpu2); // PLANTED: return without joining or checking
            return;
        }
        Harnesses.reachedEnd(run(choices, fault));
    }
}
