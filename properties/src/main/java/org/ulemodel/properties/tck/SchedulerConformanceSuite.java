// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.tck;

import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.properties.Examples;
import org.ulemodel.properties.Falsified;
import org.ulemodel.properties.PropertyRunner;
import org.ulemodel.properties.gen.EventMix;
import org.ulemodel.properties.gen.Scenario;
import org.ulemodel.properties.gen.Topologies;

/**
 * The conformance suite: a model's rules, as the model decides them (FreeBSD 14's ULE unless
 * {@link #model()} is overridden), applied to another scheduler implementation through its
 * {@link SchedulerUnderTest} adapter. Subclass it once per implementation and return a fresh
 * adapter from {@link #newScheduler()} (JCTools / JSR-166 TCK style). Event lists are generated and shrunk by QuickTheories from fixed seeds; a failure
 * reports the first disagreement of the smallest failing list ({@link Mismatch#report()}).
 * {@link Conformance} explains how random choices of ULE are judged. The four properties are
 * named after what they vary, not after ULE.
 */
public abstract class SchedulerConformanceSuite {
    /** Generated event lists per property and seed in CI; {@code -Dulemodel.examples=N} for more. */
    protected static final int EXAMPLES = Examples.count(25);

    /** A fresh adapter for the implementation under test. */
    protected abstract SchedulerUnderTest newScheduler();

    /** The model the implementation must conform to: by default FreeBSD 14's ULE ({@link Ule14Model#DEFAULT}). */
    protected SchedulerModel<?> model() {
        return Ule14Model.DEFAULT;
    }

    /**
     * Judges one property's outcome: by default the implementation must conform. A subclass for
     * an implementation known not to conform overrides this to require the failure it expects.
     *
     * @param property the test's name
     * @param result   the smallest counterexample, if any
     */
    protected void judge(String property, Optional<Falsified<Scenario>> result) {
        result.ifPresent(f -> Assertions.fail(f.report()));
    }

    private void run(String property, Gen<String> topologies, EventMix mix, int maxChoices) {
        judge(property, PropertyRunner.falsify(Scenario.of(model(), topologies, mix, maxChoices), EXAMPLES, s -> {
            Mismatch m = Conformance.firstMismatch(newScheduler(), s);
            if (m != null) {
                throw new ConformanceFailure(m);
            }
        }));
    }

    /** On one CPU, where the model never draws a random number (ULE does not), every decision equals the model's exactly. */
    @Test
    public void uniprocessorDecisionsEqualTheModels() {
        run("uniprocessorDecisionsEqualTheModels", Topologies.specs(1), EventMix.UNIPROCESSOR, 40);
    }

    /** On SMP machines of up to 16 CPUs, every decision is one the model makes for some random state. */
    @Test
    public void smpDecisionsAreOnesTheModelCouldMake() {
        run("smpDecisionsAreOnesTheModelCouldMake", Topologies.smpSpecs(16), EventMix.MIXED, 40);
    }

    /** Under cpuset churn and binding, threads go where the model's affinity rules send them. */
    @Test
    public void cpusetChurnIsFollowedAsTheModelDoes() {
        run("cpusetChurnIsFollowedAsTheModelDoes", Topologies.smpSpecs(8), EventMix.CPUSET_CHURN, 40);
    }

    /** Under CPUs going offline and online, threads move off and back as the model moves them. */
    @Test
    public void offlineOnlineChurnIsFollowedAsTheModelDoes() {
        run("offlineOnlineChurnIsFollowedAsTheModelDoes", Topologies.smpSpecs(8), EventMix.OFFLINE_CHURN, 40);
    }
}
