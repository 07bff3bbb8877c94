// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.machine.MigrationFeatures;
import org.ulemodel.core.machine.MigrationHook;
import org.ulemodel.core.machine.MigrationPoint;
import org.ulemodel.core.machine.SmpTunables;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.properties.gen.EventMix;
import org.ulemodel.properties.gen.Scenario;
import org.ulemodel.properties.gen.Topologies;
import org.ulemodel.spec.explore.BugVariant;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.explore.ModelSpecs;
import org.ulemodel.spec.explore.PlantedBugs;

/**
 * Every generic property of {@link GenericPropertySuite} for ULE 14 with an adversarial migration
 * hook: a coin that answers each question yes or no from a hash of the question's features, so
 * across generated scenarios every kind of question meets both answers. The exhaustive side of
 * the same claim is the explorer's {@code HookAdversary}; here it is random scenarios up to 64
 * CPUs, cpuset churn, CPU churn and generated workloads through the driver. A bug only a refusal
 * shows is caught.
 */
class AdversarialHookPropertiesTest extends GenericPropertySuite<Machine> {
    /**
     * A pure, deterministic adversary: the answer to a question is one bit of a 64-bit mix of its
     * features (the point by ordinal, never by identity hash) and a seed.
     */
    record CoinHook(long seed) implements MigrationHook {
        @Override
        public boolean mayMigrate(MigrationFeatures f) {
            long h = seed;
            for (long v : new long[] {f.point().ordinal(), f.call(), f.tid(), f.from(), f.to(), f.fromLoad(), f.toLoad(), f.runtime(),
                f.slptime(), f.ticksSinceRan(), f.priority()}) {
                h = (h ^ v) * 0x9E3779B97F4A7C15L;
                h ^= h >>> 29;
            }
            return (h & 1) != 0;
        }
    }

    static final Ule14Model COIN = Ule14Model.withConfig(MachineConfig.singleCpu()
            .withSmp(SmpTunables.defaults().withMigrationHook(new CoinHook(0x5EED))));

    /** ULE 14's invariants, on a machine whose migration hook is the coin. */
    static final ModelSpec<Machine> SPEC = ModelSpecs.ule14().withModel(COIN);

    @Override
    protected ModelSpec<Machine> spec() {
        return SPEC;
    }

    /** The coin does refuse: a generated scenario with a refused question exists (else the suite would test ULE's own answers). */
    @Test
    void theCoinRefusesSomeQuestions() {
        MigrationFeatures f = new MigrationFeatures(MigrationPoint.STEAL, 0, 1, 0, 1, 3, 0, 0, 0, 0, 120, 2, true);
        int yes = 0;
        for (int call = 0; call < 64; call++) {
            yes += new CoinHook(0x5EED).mayMigrate(new MigrationFeatures(f.point(), call, 1, 0, 1, 3, 0, 0, 0, 0, 120, 2, true)) ? 1 : 0;
        }
        assertThat(yes).isBetween(16, 48);
    }

    /** Planted bug: a refused steal that still takes load off the victim is caught by every-invariant-after-every-step (COUNTERS). */
    @Test
    void aLoadDroppedOnARefusedStealIsCaught() {
        BugVariant<Machine> bug = BugVariant.decorating("REFUSED_STEAL_DROPS_LOAD", "under the coin", COIN,
                (b, e, r) -> PlantedBugs.REFUSED_STEAL_DROPS_LOAD.step(b, e));
        // creations pile threads up where they were made; idle loops are the steal attempts the coin may refuse
        EventMix pileUp = new EventMix(4, 12, 6, 4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 4, 16);
        Optional<Falsified<Scenario>> f = PropertyRunner.falsify(Scenario.of(bug, Topologies.smpSpecs(4), pileUp, 40),
                INVARIANT_EXAMPLES, GenericProperties.invariantsHold(SPEC.withModel(bug)));
        assertThat(f).isPresent();
        assertThat(f.get().cause().getMessage()).contains("invariant COUNTERS").contains("idle cpu=");
    }
}
