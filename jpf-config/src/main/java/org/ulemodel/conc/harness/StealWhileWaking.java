// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.conc.harness;

import java.util.Random;
import org.ulemodel.conc.Fault;
import org.ulemodel.conc.SmpScheduler;
import org.ulemodel.core.machine.Machine;

/**
 * Two CPUs stealing from each other while wakeups arrive. Start (2 CPUs): CPU 0 runs thread 2
 * with thread 3 queued; CPU 1 is idle; thread 0 sleeps with CPU 0 as its home, thread 1 with
 * CPU 1.
 * <ul>
 * <li>{@link #cpu0()}: wakes thread 0 or 1 (chosen; the wakeup picks idle CPU 1, so it needs
 * CPU 1's lock while CPU 1 may be stealing from CPU 0), then its running thread blocks
 * ({@code tdq_trysteal} from CPU 1 when CPU 0 is left empty), then the idle loop (steals from
 * CPU 1).</li>
 * <li>{@link #cpu1()}: the idle loop (steals from CPU 0), then its running thread blocks or
 * yields (chosen), then the idle loop again.</li>
 * </ul>
 * {@link #check()} at quiescence: every spec invariant, and the number of runnable threads
 * equals 2 + 1 woken − those put to sleep (none lost, none run twice). A deadlock shows as a hang
 * (JPF and Lincheck report it).
 */
public final class StealWhileWaking {
    private final SmpScheduler s;
    private final int wakee;
    private final boolean cpu1Blocks;
    private boolean woke;
    private int cpu0Sleeps;
    private int cpu1Sleeps;
    private int cpu0Applied;
    private int cpu1Applied;

    /** Draws the two choices from {@code choices} (JPF enumerates both values of each). */
    public StealWhileWaking(Random choices, Fault fault) {
        s = new SmpScheduler(start(), fault);
        wakee = choices.nextInt(2);
        cpu1Blocks = choices.nextBoolean();
    }

    /** The start state described above (immutable, so built once and shared). */
    public static Machine start() {
        return StartState.VALUE;
    }

    private static final class StartState {
        static final Machine VALUE = new Harnesses.Setup(2)
                .thread(0).block(0)     // thread 0 sleeps, home CPU 0
                .thread(1).block(1)     // thread 1 sleeps, home CPU 1
                .thread(0).thread(0)    // threads 2 (running) and 3 (queued) on CPU 0
                .done();
    }

    /** CPU 0's thread. */
    public void cpu0() {
        woke = s.wake(wakee, 0);
        if (s.block(0, 0)) {
            cpu0Sleeps++;
        }
        cpu0Applied = Harnesses.count(woke) + cpu0Sleeps + Harnesses.count(s.idle(0));
    }

    /** CPU 1's thread. */
    public void cpu1() {
        int applied = Harnesses.count(s.idle(1));
        if (cpu1Blocks) {
            if (s.block(1, 0)) {
                cpu1Sleeps++;
            }
        } else {
            applied += Harnesses.count(s.yield(1));
        }
        cpu1Applied = applied + cpu1Sleeps + Harnesses.count(s.idle(1));
    }

    /** The quiescent check, after both CPU threads finished. */
    public void check() {
        assert woke : "thread " + wakee + " was asleep and nobody else wakes it";
        Machine end = Harnesses.checkQuiescent(s, cpu0Applied + cpu1Applied);
        int expected = 2 + 1 - cpu0Sleeps - cpu1Sleeps;
        assert Harnesses.runnable(end) == expected : "runnable threads " + Harnesses.runnable(end) + ", expected " + expected;
    }

    @Override
    public String toString() {
        return "StealWhileWaking[wakee=" + wakee + ", cpu1Blocks=" + cpu1Blocks + ", fault=" + s.fault() + "]";
    }

    public SmpScheduler scheduler() {
        return s;
    }

    /** Runs the scenario on 2 threads, then checks. */
    public static StealWhileWaking run(Random choices, Fault fault) {
        StealWhileWaking h = new StealWhileWaking(choices, fault);
        Harnesses.runThreads(h::cpu0, h::cpu1);
        h.check();
        return h;
    }

    /** JPF's entry point: {@code [fault [EARLY_EXIT]]}; prints {@link Harnesses#END_MARKER} when the check passed. */
    public static void main(String[] args) {
        Random choices = new Random();
        Fault fault = Harnesses.faultFrom(args);
        if (Harnesses.plantedEarlyExit(args)) {
            new StealWhileWaking(choices, fault);
            return; // PLANTED: set up, then return without running the CPU threads or the check
        }
        Harnesses.reachedEnd(run(choices, fault));
    }
}
