// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.LogisticMigrationHook;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.machine.MigrateReason;
import org.ulemodel.core.machine.MigrationFeatures;
import org.ulemodel.core.machine.MigrationHook;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.explore.ModelSpecs;

/** The trainer: labels read off a run, a deterministic fit that learns a separable rule, and a learned hook installed in the driver. */
class MigrationTrainerTest {
    private static List<Behavior> hogs(int n) {
        List<Behavior> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Behavior.hog("hog" + i, 0));
        }
        return out;
    }

    /** Five hogs on four CPUs for 5 s: the balancer's moves become labelled examples, each with a full feature vector. */
    @Test
    void aRunsMigrationsBecomeLabelledExamples() {
        List<MigrationTrainer.Example> ex = new ArrayList<>();
        Engine.Result<?> r = Engine.ule14(Behavior.workload("hogs", hogs(5), -1), MachineConfig.of(Topology.parse("2x2")),
                new Engine.Options(5_000_000, 1, false)).listen(MigrationTrainer.collector(ex, 4_000)).run();
        int asked = r.migrations().getOrDefault(MigrateReason.BALANCE, 0) + r.migrations().getOrDefault(MigrateReason.STEAL, 0)
                + r.migrations().getOrDefault(MigrateReason.WAKEUP, 0) + r.migrations().getOrDefault(MigrateReason.PICKCPU, 0);
        assertThat(asked).isPositive();
        // every such move is labelled, but those still unlabelled when the run ended
        assertThat(ex.size()).isBetween(asked - 5, asked);
        assertThat(ex).allMatch(e -> e.x().length == MigrationFeatures.NAMES.size());
    }

    /** Labels 1 exactly when load_diff > 0: the fit learns it, twice the same model for the same seed, another for another seed. */
    @Test
    void theFitLearnsASeparableRuleDeterministically() {
        SplittableRandom rnd = new SplittableRandom(7);
        List<MigrationTrainer.Example> ex = new ArrayList<>();
        for (int k = 0; k < 400; k++) {
            double[] x = new double[MigrationFeatures.NAMES.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextInt(10);
            }
            x[2] = x[0] - x[1];
            if (x[2] != 0) {
                ex.add(new MigrationTrainer.Example(x, x[2] > 0));
            }
        }
        MigrationTrainer.FitOptions o = MigrationTrainer.FitOptions.defaults();
        LogisticMigrationHook m = MigrationTrainer.fit(ex, o);
        assertThat(MigrationTrainer.accuracy(m, ex)).isGreaterThan(0.97);
        assertThat(MigrationTrainer.fit(ex, o)).isEqualTo(m);
        assertThat(MigrationTrainer.fit(ex, new MigrationTrainer.FitOptions(o.epochs(), o.learningRate(), o.l2(), o.threshold(), 2)))
                .isNotEqualTo(m);
        assertThat(MigrationTrainer.positives(ex)).isBetween(150, 250);
        assertThatThrownBy(() -> MigrationTrainer.fit(List.of(), o)).hasMessageContaining("no migrations to learn from");
    }

    /** A hooked model boots with the hook in its configuration and has its own id; a model without a hook is refused. */
    @Test
    void aHookedModelCarriesTheHook() {
        ModelSpec<Machine> spec = HookedModel.of(ModelSpecs.ule14(), MigrationHook.NEVER, "never");
        assertThat(spec.model().id()).isEqualTo("ule14+never");
        assertThat(spec.model().boot(Topology.parse("2")).config().tunables().migrationHook())
                .isEqualTo(MigrationHook.NEVER);
        assertThatThrownBy(() -> HookedModel.of(ModelSpecs.named("o1"), MigrationHook.NEVER, "never"))
                .hasMessageContaining("has no migration hook");
    }
}
