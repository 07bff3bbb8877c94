// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ulemodel.properties.Falsified;
import org.ulemodel.properties.gen.Scenario;
import org.ulemodel.spec.EventText;

/**
 * The conformance suite on a deliberately naive scheduler (one global FIFO, no priorities,
 * affinity ignored): every property must fail, with the first disagreement of a shrunk event
 * list, for a reason the naive design explains.
 */
class NaiveGlobalFifoConformanceTest extends SchedulerConformanceSuite {
    /** The disagreements each property may end on for this scheduler. */
    private static final Map<String, Set<Mismatch.Kind>> EXPECTED = Map.of(
            "uniprocessorDecisionsEqualTheModels", EnumSet.of(Mismatch.Kind.RUNNING),
            "smpDecisionsAreOnesTheModelCouldMake", EnumSet.of(Mismatch.Kind.RUNNING, Mismatch.Kind.PLACEMENT, Mismatch.Kind.AFFINITY),
            "cpusetChurnIsFollowedAsTheModelDoes", EnumSet.of(Mismatch.Kind.AFFINITY, Mismatch.Kind.RUNNING, Mismatch.Kind.PLACEMENT),
            "offlineOnlineChurnIsFollowedAsTheModelDoes", EnumSet.of(Mismatch.Kind.RUNNING, Mismatch.Kind.PLACEMENT,
                    Mismatch.Kind.AFFINITY));

    @Override
    protected SchedulerUnderTest newScheduler() {
        return new NaiveGlobalFifoScheduler();
    }

    @Override
    protected void judge(String property, Optional<Falsified<Scenario>> result) {
        assertThat(result).as(property + " must reject the naive scheduler").isPresent();
        assertThat(result.get().cause()).isInstanceOf(ConformanceFailure.class);
        Mismatch m = ((ConformanceFailure) result.get().cause()).mismatch();
        System.out.println("[" + property + "] " + m.report());
        assertThat(m.kind()).as(m.report()).isIn(EXPECTED.get(property));
        assertThat(m.report()).contains("event #" + m.eventNumber()).contains("model:").contains("naive global FIFO:")
                .contains("replay:\ntopology ");
    }

    /** A realtime thread created while a timeshare thread runs preempts it in ULE, but not in a FIFO. */
    @Test
    void priorityIsIgnored() {
        Mismatch m = Conformance.firstMismatch(newScheduler(), "1", EventText.parseAll(
                "create class=TIMESHARE nice=0 pri=-1 cpus=all on=0\n"
                        + "create class=REALTIME nice=0 pri=60 cpus=all on=0\n", "test").events());
        assertThat(m).isNotNull();
        assertThat(m.eventNumber()).isEqualTo(2);
        assertThat(m.kind()).isEqualTo(Mismatch.Kind.RUNNING);
        assertThat(m.why()).contains("on CPU 0 the model runs thread 1 (priority 60) but it runs thread 0")
                .contains("the model's thread has the better (numerically lower) priority");
    }

    /** A thread allowed only on CPU 1 is never run on CPU 0 by ULE, but the FIFO runs it on the first idle CPU. */
    @Test
    void affinityIsIgnored() {
        Mismatch m = Conformance.firstMismatch(newScheduler(), "2", EventText.parseAll(
                "create class=TIMESHARE nice=0 pri=-1 cpus=1 on=0\n", "test").events());
        assertThat(m).isNotNull();
        assertThat(m.kind()).isEqualTo(Mismatch.Kind.AFFINITY);
        assertThat(m.why()).contains("thread 0 on CPU 0, outside the thread's cpuset {1}");
        assertThat(m.report()).contains("event #1 (create class=TIMESHARE nice=0 pri=-1 cpus=1 on=0)");
    }
}
