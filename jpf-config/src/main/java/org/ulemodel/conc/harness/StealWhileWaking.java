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
 * <li>CPU 1's thread: idle loop (steals thread 3 from CPU 0), then its running thread blocks
 * or yields (chosen), then the idle loop again.</li>
 * <li>CPU 0's thread: wakes thread 0 or 1 (chosen; the wakeup usually picks idle CPU 1, so it
 * needs CPU 1's lock while CPU 1 may be stealing from CPU 0), then its running thread blocks
 * ({@code tdq_trysteal} from CPU 1), then the idle loop (steals from CPU 1).</li>
 * </ul>
 * Checks at quiescence: every spec invariant; the four threads are all accounted for (a sleeper
 * count that matches the blocks that happened). Deadlock shows as a hang (JPF, Lincheck report it).
 */
public final class StealWhileWaking {
    private StealWhileWaking() {
    }

    /** The start state described above. */
    public static Machine start() {
        return new Harnesses.Setup(2)
                .thread(0).block(0)     // thread 0 sleeps, home CPU 0
                .thread(1).block(1)     // thread 1 sleeps, home CPU 1
                .thread(0).thread(0)    // threads 2 (running) and 3 (queued) on CPU 0
                .done();
    }

    /** Runs the scenario with choices drawn from {@code choices}; returns the scheduler after the quiescent check. */
    public static SmpScheduler run(Random choices, Fault fault) {
        SmpScheduler s = new SmpScheduler(start(), fault);
        int wakee = choices.nextInt(2);
        boolean cpu1Blocks = choices.nextBoolean();
        int[] sleeps = new int[2];
        Harnesses.runThreads(
                () -> {
                    boolean woke = s.wake(wakee, 0);
                    assert woke : "thread " + wakee + " was asleep and nobody else wakes it";
                    if (s.block(0, 0)) {
                        sleeps[0]++;
                    }
                    s.idle(0);
                },
                () -> {
                    s.idle(1);
                    if (cpu1Blocks) {
                        if (s.block(1, 0)) {
                            sleeps[1]++;
                        }
                    } else {
                        s.yield(1);
                    }
                    s.idle(1);
                });
        Machine end = Harnesses.checkQuiescent(s);
        // Four threads: one woken, up to two put to sleep; none lost, none run twice.
        int expectedRunnable = 4 - 2 + 1 - sleeps[0] - sleeps[1];
        assert Harnesses.runnable(end) == expectedRunnable : "runnable threads " + Harnesses.runnable(end) + ", expected " + expectedRunnable;
        return s;
    }

    public static void main(String[] args) {
        run(new Random(), Harnesses.faultFrom(args));
    }
}
