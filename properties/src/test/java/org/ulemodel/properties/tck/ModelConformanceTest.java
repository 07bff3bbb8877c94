// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.tck;

/** The conformance suite on the model itself: it must pass (the kit accepts what it claims to accept). */
class ModelConformanceTest extends SchedulerConformanceSuite {
    @Override
    protected SchedulerUnderTest newScheduler() {
        return ModelScheduler.ule14();
    }
}
