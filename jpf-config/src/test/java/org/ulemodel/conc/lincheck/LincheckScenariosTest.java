// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.conc.lincheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ulemodel.conc.Choices;
import org.ulemodel.conc.Fault;

/**
 * The JPF harness scenarios model-checked with Lincheck in CI: for every combination of each
 * harness's choices (what JPF enumerates) the correct facade explores {@link #INVOCATIONS}
 * interleavings without a deadlock, exception, failed assertion or broken invariant at
 * quiescence; and each planted concurrency bug is reported.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LincheckScenariosTest {
    /** Interleavings per choice combination; raise with -Dulemodel.lincheck.invocations for a deeper local run. */
    static final int INVOCATIONS = Integer.getInteger("ulemodel.lincheck.invocations", 100);

    static List<Arguments> correctRuns() {
        List<Arguments> runs = new ArrayList<>();
        for (int[] c : Choices.allBinary(2)) {
            runs.add(Arguments.of("StealWhileWaking", c));
        }
        for (int[] c : Choices.allBinary(1)) {
            runs.add(Arguments.of("BalanceVersusSteal", c));
            runs.add(Arguments.of("OfflineVersusWake", c));
        }
        return runs;
    }

    private static int check(String harness, int[] choices, Fault fault, int invocations) {
        switch (harness) {
            case "StealWhileWaking":
                StealWhileWakingScenario.choices = choices;
                StealWhileWakingScenario.fault = fault;
                return Scenarios.modelCheck(StealWhileWakingScenario.class, invocations, "cpu0", "cpu1");
            case "BalanceVersusSteal":
                BalanceVersusStealScenario.choices = choices;
                BalanceVersusStealScenario.fault = fault;
                return Scenarios.modelCheck(BalanceVersusStealScenario.class, invocations, "cpu0", "cpu1", "cpu2");
            case "OfflineVersusWake":
                OfflineVersusWakeScenario.choices = choices;
                OfflineVersusWakeScenario.fault = fault;
                return Scenarios.modelCheck(OfflineVersusWakeScenario.class, invocations, "cpu0", "cpu1", "cpu2");
            default:
                throw new IllegalArgumentException(harness);
        }
    }

    @Order(1)
    @ParameterizedTest(name = "{0} choices {1}")
    @MethodSource("correctRuns")
    void correctFacadePassesEveryExploredInterleaving(String harness, int[] choices) {
        long start = System.nanoTime();
        int explored = check(harness, choices, Fault.NONE, INVOCATIONS);
        System.out.println("lincheck " + harness + " choices " + Arrays.toString(choices) + ": " + explored
                + " interleavings, no failure, " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertThat(explored).isGreaterThanOrEqualTo(INVOCATIONS);
    }

    private static LincheckAssertionError caught(String harness, int[] choices, Fault fault) {
        long start = System.nanoTime();
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(() -> check(harness, choices, fault, 2000))
                .isInstanceOf(LincheckAssertionError.class)
                .satisfies(t -> thrown[0] = t);
        System.out.println("lincheck " + harness + " choices " + Arrays.toString(choices) + " with " + fault + ": caught after "
                + Scenarios.INSTANCES.get() + " interleavings, " + (System.nanoTime() - start) / 1_000_000 + " ms");
        for (String line : thrown[0].getMessage().split("\n")) {
            if (line.startsWith("= ") || line.startsWith("#1: ")) {
                System.out.println("    " + line.trim());
            }
        }
        return (LincheckAssertionError) thrown[0];
    }

    @Order(2)
    @Test
    void unorderedLockPairIsReportedAsAHang() {
        // CPU 1 steals from CPU 0 holding CPU 1's lock; the wakeup on CPU 0 picked CPU 1 holding CPU 0's lock.
        LincheckAssertionError e = caught("StealWhileWaking", new int[] {0, 0}, Fault.UNORDERED_LOCK_PAIR);
        assertThat(e.getMessage()).doesNotContain("NoClassDefFoundError").contains("hung").contains("MONITORENTER");
    }

    @Order(3)
    @Test
    void stealWithoutTheVictimsLockLosesOrDuplicatesAThread() {
        LincheckAssertionError e = caught("BalanceVersusSteal", new int[] {1}, Fault.STEAL_WITHOUT_VICTIM_LOCK);
        assertThat(e.getMessage()).doesNotContain("NoClassDefFoundError")
                .containsAnyOf("CONSERVE violated", "COUNTERS violated", "runnable threads", "is not on a run queue");
    }

    @Order(4)
    @Test
    void publishingBeforeValidatingPublishesAStaleCpuState() {
        LincheckAssertionError e = caught("OfflineVersusWake", new int[] {0}, Fault.PUBLISH_BEFORE_VALIDATE);
        assertThat(e.getMessage()).doesNotContain("NoClassDefFoundError")
                .containsAnyOf("CONSERVE violated", "COUNTERS violated", "AFFINITY violated", "went offline", "runnable threads");
    }

    @Order(5)
    @Test
    void anUnguardedCounterLosesAnIncrement() {
        LincheckAssertionError e = caught("StealWhileWaking", new int[] {0, 0}, Fault.UNGUARDED_COUNTER);
        assertThat(e.getMessage()).doesNotContain("NoClassDefFoundError").contains("applied operations");
    }
}
