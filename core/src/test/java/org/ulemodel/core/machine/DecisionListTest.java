// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.prio.PriClass;

/**
 * {@link DecisionList}: a step's decisions in the order they were taken, any number of them, equal
 * to any list of the same decisions, and read-only to whoever receives a step's result.
 */
class DecisionListTest {
    @Test
    void keepsEveryDecisionInOrderPastItsFirstArray() {
        DecisionList d = new DecisionList();
        List<Decision> expected = new ArrayList<>();
        assertThat(d).isEmpty();
        for (int i = 0; i < 20; i++) { // 8 fit the first array; 20 make it grow twice
            Decision x = new Decision.SliceEnd(i, i % 3);
            d.append(x);
            expected.add(x);
            assertThat(d).as("after %d", i + 1).isEqualTo(expected).hasSameHashCodeAs(expected);
        }
        assertThat(d.get(19)).isEqualTo(new Decision.SliceEnd(19, 1));
        assertThatThrownBy(() -> d.get(20)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("20 of 20");
        assertThatThrownBy(() -> d.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aStepsDecisionsCannotBeChangedByItsReader() {
        Machine m = Machine.boot(MachineConfig.singleCpu());
        List<Decision> decisions = Scheduler.step(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, null, 0)).decisions();
        assertThat(decisions).isNotEmpty().first().isEqualTo(new Decision.Created(0, -1));
        Decision any = decisions.get(0);
        assertThatThrownBy(() -> decisions.add(any)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> decisions.set(0, any)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> decisions.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(decisions::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Scheduler.step(m, new Event.Tick()).decisions()).isEmpty();
    }
}
