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
 * <li>CPU 0's thread: one {@code sched_balance} pass (moves a thread from CPU 0 to the least
 * loaded CPU, or asks a lone thread to repick), then takes the switch it owes.</li>
 * <li>CPU 1's thread: its thread blocks or yields (chosen; a block leaves CPU 1 empty and it
 * tries to steal at once), then the idle loop (steals from CPU 0).</li>
 * <li>CPU 2's thread: the idle loop (steals from CPU 0), then the switch it owes.</li>
 * </ul>
 * Checks at quiescence: every spec invariant; threads 0–2 are still runnable (moved at most),
 * thread 3 runnable unless it blocked.
 */
public final class BalanceVersusSteal {
    private BalanceVersusSteal() {
    }

    /** The start state described above. */
    public static Machine start() {
        return new Harnesses.Setup(3).thread(0).thread(0).thread(0).thread(1).done();
    }

    /** Runs the scenario with choices drawn from {@code choices}; returns the scheduler after the quiescent check. */
    public static SmpScheduler run(Random choices, Fault fault) {
        SmpScheduler s = new SmpScheduler(start(), fault);
        boolean cpu1Blocks = choices.nextBoolean();
        boolean[] blocked = new boolean[1];
        Harnesses.runThreads(
                () -> {
                    s.balance();
                    s.switchCpu(0);
                },
                () -> {
                    if (cpu1Blocks) {
                        blocked[0] = s.block(1, 0);
                    } else {
                        s.yield(1);
                    }
                    s.idle(1);
                },
                () -> {
                    s.idle(2);
                    s.switchCpu(2);
                });
        Machine end = Harnesses.checkQuiescent(s);
        int expected = blocked[0] ? 3 : 4;
        assert Harnesses.runnable(end) == expected : "runnable threads " + Harnesses.runnable(end) + ", expected " + expected;
        return s;
    }

    public static void main(String[] args) {
        run(new Random(), Harnesses.faultFrom(args));
    }
}
