// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;

/** The migration hook: where it is asked, what a refusal does, the fixed and scripted hooks, and the logistic model. */
class MigrationHookTest {
    /** Three threads created on CPU 0 of a 2-CPU machine, two of them then allowed on CPU 1: queued there, CPU 1 idle. */
    private static Machine widened(MigrationHook hook) {
        Machine m = Machine.boot(MachineConfig.of(Topology.parse("2")).withSmp(SmpTunables.defaults().withMigrationHook(hook)));
        for (int i = 0; i < 3; i++) {
            m = Scheduler.step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(0), 0)).state();
        }
        m = Scheduler.step(m, new Event.SetCpuset(1, CpuSet.firstN(2), 0)).state();
        return Scheduler.step(m, new Event.SetCpuset(2, CpuSet.firstN(2), 0)).state();
    }

    /** ULE's steal skips the first thread it meets (the victim runs it next: runq_steal_from) and takes thread 2 at the first question. */
    @Test
    void uleStealsAndCountsTheQuestion() {
        StepResult r = Scheduler.step(widened(MigrationHook.ULE), new Event.IdleLoop(1));
        assertThat(r.state().cpu(1).curthread()).isEqualTo(2);
        assertThat(r.cost().hookCalls()).isEqualTo(1);
    }

    @Test
    void neverLeavesTheIdleCpuIdleAfterAskingForEachCandidate() {
        StepResult r = Scheduler.step(widened(MigrationHook.NEVER), new Event.IdleLoop(1));
        assertThat(r.state().cpu(1).isIdle()).isTrue();
        assertThat(r.state().cpu(0).load()).isEqualTo(3);
        assertThat(r.decisions()).noneMatch(d -> d instanceof Decision.Migrate);
        assertThat(r.cost().hookCalls()).isEqualTo(2);
    }

    /** A script refusing the first question (thread 2) makes the steal fall back on the skipped thread 1, asked second. */
    @Test
    void aScriptAnswersQuestionByQuestion() {
        StepResult r = Scheduler.step(widened(new MigrationHook.Script(0b10, 2)), new Event.IdleLoop(1));
        assertThat(r.state().cpu(1).curthread()).isEqualTo(1);
        assertThat(r.cost().hookCalls()).isEqualTo(2);
        assertThatThrownBy(() -> new MigrationHook.Script(0, 64)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A thread that sleeps on busy CPU 0 and is woken: ULE places it on idle CPU 1; refused, it stays on CPU 0. */
    @Test
    void aRefusedWakeupPlacementKeepsTheLastCpu() {
        for (MigrationHook hook : new MigrationHook[] {MigrationHook.ULE, MigrationHook.NEVER}) {
            Machine m = Machine.boot(MachineConfig.of(Topology.parse("2")).withSmp(SmpTunables.defaults().withMigrationHook(hook)));
            m = Scheduler.step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, null, 0)).state();
            m = Scheduler.step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(0), 0)).state();
            int runner = m.cpu(0).curthread();
            m = Scheduler.step(m, new Event.Block(0, 0)).state();
            int other = m.cpu(0).curthread();
            StepResult r = Scheduler.step(m, new Event.Wake(runner, 0));
            int placed = r.state().thread(runner).cpu();
            assertThat(other).isNotEqualTo(runner);
            assertThat(placed).as(hook.toString()).isEqualTo(hook == MigrationHook.ULE ? 1 : 0);
        }
    }

    @Test
    void featuresReadOffAMachine() {
        Machine m = widened(MigrationHook.ULE);
        MigrationFeatures f = MigrationFeatures.of(m, MigrationPoint.STEAL, 1, 0, 1);
        assertThat(f.fromLoad()).isEqualTo(3);
        assertThat(f.toLoad()).isZero();
        assertThat(f.allowedCpus()).isEqualTo(2);
        assertThat(f.vector()).hasSize(MigrationFeatures.NAMES.size());
        assertThat(f.vector()[2]).isEqualTo(3);
        assertThat(f.vector()[9]).isEqualTo(1);
    }

    @Test
    void theLogisticModelDecidesByItsProbabilityAndIsAValue() {
        int n = MigrationFeatures.NAMES.size();
        double[] zero = new double[n];
        double[] one = new double[n];
        Arrays.fill(one, 1);
        double[] w = new double[n];
        w[2] = 1; // load_diff
        LogisticMigrationHook h = new LogisticMigrationHook(zero, one, w, 0, 0.5);
        MigrationFeatures moreAtHome = new MigrationFeatures(MigrationPoint.STEAL, 0, 1, 0, 1, 3, 0, 0, 0, 0, 120, 2, true);
        MigrationFeatures lessAtHome = new MigrationFeatures(MigrationPoint.STEAL, 0, 1, 0, 1, 0, 3, 0, 0, 0, 120, 2, true);
        assertThat(h.mayMigrate(moreAtHome)).isTrue();
        assertThat(h.mayMigrate(lessAtHome)).isFalse();
        assertThat(h.probability(moreAtHome)).isEqualTo(1 / (1 + StrictMath.exp(-3)));
        assertThat(h).isEqualTo(new LogisticMigrationHook(zero, one, w, 0, 0.5)).hasSameHashCodeAs(new LogisticMigrationHook(zero, one, w, 0, 0.5));
        assertThat(h).isNotEqualTo(new LogisticMigrationHook(zero, one, w, 0, 0.6));
        assertThatThrownBy(() -> new LogisticMigrationHook(zero, zero, w, 0, 0.5)).hasMessageContaining("positive finite scale");
        assertThatThrownBy(() -> new LogisticMigrationHook(new double[1], one, w, 0, 0.5)).hasMessageContaining("one per feature");
    }
}
