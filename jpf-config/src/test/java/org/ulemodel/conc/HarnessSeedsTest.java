// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.conc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ulemodel.conc.harness.BalanceVersusSteal;
import org.ulemodel.conc.harness.Harnesses;
import org.ulemodel.conc.harness.OfflineVersusWake;
import org.ulemodel.conc.harness.StealWhileWaking;
import org.ulemodel.core.machine.CpuState;

/**
 * The harness mains as ordinary JUnit tests: real threads, many seeds for their choices, the
 * quiescent check after each run. And the planted faults are concurrency bugs, not sequential
 * ones: run one CPU program after the other, every faulty build passes the same checks (so what
 * Lincheck reports for them comes from interleavings).
 */
class HarnessSeedsTest {
    static final int SEEDS = 150;

    @Test
    void stealWhileWakingHoldsUnderManySeeds() {
        for (long seed = 0; seed < SEEDS; seed++) {
            StealWhileWaking.run(new Random(seed), Fault.NONE);
        }
    }

    @Test
    void balanceVersusStealHoldsUnderManySeeds() {
        for (long seed = 0; seed < SEEDS; seed++) {
            BalanceVersusSteal.run(new Random(seed), Fault.NONE);
        }
    }

    @Test
    void offlineVersusWakeHoldsUnderManySeeds() {
        for (long seed = 0; seed < SEEDS; seed++) {
            OfflineVersusWake.run(new Random(seed), Fault.NONE);
        }
    }

    @Test
    void theMainsPrintTheEndMarkerOnlyWhenTheyReachedTheEnd() throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            StealWhileWaking.main(new String[] {"NONE"});
            BalanceVersusSteal.main(new String[0]);
            OfflineVersusWake.main(new String[] {"NONE"});
            String full = buf.toString(StandardCharsets.UTF_8);
            assertThat(full.split("\n")).filteredOn(l -> l.startsWith(Harnesses.END_MARKER)).hasSize(3);
            buf.reset();
            StealWhileWaking.main(new String[] {"NONE", Harnesses.EARLY_EXIT});
            assertThat(buf.toString(StandardCharsets.UTF_8)).doesNotContain(Harnesses.END_MARKER);
        } finally {
            System.setOut(out);
        }
    }

    @Test
    void aCpuThreadThatDoesNotRunToItsEndFailsTheRun() {
        assertThatThrownBy(() -> Harnesses.runThreads(() -> { }, () -> {
            throw new IllegalStateException("planted");
        })).isInstanceOf(AssertionError.class).hasMessageContaining("CPU thread 1 did not run to its end");
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void everyFaultPassesWhenTheCpuProgramsRunOneAfterAnother(Fault fault) {
        for (int[] c : Choices.allBinary(2)) {
            StealWhileWaking h = new StealWhileWaking(new Choices(c), fault);
            h.cpu0();
            h.cpu1();
            h.check();
        }
        for (int[] c : Choices.allBinary(1)) {
            BalanceVersusSteal b = new BalanceVersusSteal(new Choices(c), fault);
            b.cpu0();
            b.cpu1();
            b.cpu2();
            b.check();
            OfflineVersusWake o = new OfflineVersusWake(new Choices(c), fault);
            o.cpu0();
            o.cpu1();
            o.cpu2();
            o.check();
        }
    }

    @Test
    void theScenariosDoWhatTheySayWhenRunInOrder() {
        // StealWhileWaking: CPU 1 steals thread 3 from CPU 0.
        StealWhileWaking s = new StealWhileWaking(new Choices(0, 0), Fault.NONE);
        assertThat(s.scheduler().cpu(1).isIdle()).isTrue();
        assertThat(s.scheduler().idle(1)).isTrue();
        assertThat(s.scheduler().cpu(1).curthread()).isEqualTo(3);
        // OfflineVersusWake: the wakeup on CPU 0 picks idle CPU 1; the offline moves it away again.
        OfflineVersusWake o = new OfflineVersusWake(new Choices(0), Fault.NONE);
        assertThat(o.scheduler().wake(0, 0)).isTrue();
        assertThat(o.scheduler().thread(0).cpu()).isEqualTo(1);
        assertThat(o.scheduler().offline(1, 2)).isTrue();
        assertThat(o.scheduler().thread(0).cpu()).isNotEqualTo(1);
        CpuState cpu1 = o.scheduler().cpu(1);
        assertThat(cpu1.online()).isFalse();
        assertThat(cpu1.load()).isZero();
        // BalanceVersusSteal: the balancer moves one of CPU 0's queued threads.
        BalanceVersusSteal b = new BalanceVersusSteal(new Choices(0), Fault.NONE);
        assertThat(b.scheduler().balance()).isTrue();
        assertThat(b.scheduler().cpu(0).load()).isEqualTo(2);
    }
}
