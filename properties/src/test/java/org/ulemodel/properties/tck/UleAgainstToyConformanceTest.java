// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.properties.Falsified;
import org.ulemodel.properties.gen.Scenario;
import org.ulemodel.spec.EventText;
import org.ulemodel.spec.toy.RoundRobinModel;

/**
 * The kit judges by the model it is given, not by ULE: ULE 14 put where an implementation goes,
 * judged against the toy round robin, fails every property, and the report names the toy and
 * replays on it. (The converse, the toy judged against ULE, fails too: {@link #theToyDoesNotConformToUle}.)
 */
class UleAgainstToyConformanceTest extends SchedulerConformanceSuite {
    @Override
    protected SchedulerModel<?> model() {
        return RoundRobinModel.correct();
    }

    @Override
    protected SchedulerUnderTest newScheduler() {
        return ModelScheduler.ule14();
    }

    @Override
    protected void judge(String property, Optional<Falsified<Scenario>> result) {
        assertThat(result).as(property + " must tell ULE from the toy").isPresent();
        assertThat(result.get().cause()).isInstanceOf(ConformanceFailure.class);
        Mismatch m = ((ConformanceFailure) result.get().cause()).mismatch();
        assertThat(m.model()).isEqualTo("toy-rr");
        assertThat(m.report()).contains("model ule14 disagrees with model toy-rr at event #" + m.eventNumber())
                .contains("replay:\nmodel toy-rr\ntopology ");
        EventText.Scenario replay = EventText.parseAll(m.report().substring(m.report().indexOf("replay:\n") + 8), "report");
        assertThat(replay.model()).isEqualTo("toy-rr");
        assertThat(replay.events()).isEqualTo(m.events());
    }

    /** A timeshare thread and a better-priority realtime one on one CPU: ULE runs the realtime thread at once, the toy's FIFO does not. */
    @Test
    void theToyDoesNotConformToUle() {
        Mismatch m = Conformance.firstMismatch(new ModelScheduler<>(RoundRobinModel.correct()), "1", EventText.parseAll(
                "create class=TIMESHARE nice=0 pri=-1 cpus=all on=0\n"
                        + "create class=REALTIME nice=0 pri=60 cpus=all on=0\n", "test").events());
        assertThat(m).isNotNull();
        assertThat(m.model()).isEqualTo("ule14");
        assertThat(m.eventNumber()).isEqualTo(2);
        assertThat(m.kind()).isEqualTo(Mismatch.Kind.RUNNING);
        assertThat(m.report()).startsWith("model toy-rr disagrees with model ule14 at event #2").contains("replay:\ntopology 1\n");
    }
}
