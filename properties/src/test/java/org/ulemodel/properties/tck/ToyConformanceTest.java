// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.tck;

import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.spec.toy.RoundRobinModel;

/**
 * The conformance suite judging against a model other than ULE: the toy round robin, behind the
 * adapter, conforms to itself under every property (no change to the kit: only {@link #model()}).
 */
class ToyConformanceTest extends SchedulerConformanceSuite {
    @Override
    protected SchedulerModel<?> model() {
        return RoundRobinModel.correct();
    }

    @Override
    protected SchedulerUnderTest newScheduler() {
        return new ModelScheduler<>(RoundRobinModel.correct());
    }
}
