// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.ule.UleVersion;

/** {@link CalendarSimulation15} beyond the golden scenarios: the return-to-user update on fixed threads, a lone thread, no ticks. */
class CalendarSimulation15Test {

    @Test
    void userretGivesAFixedThreadItsUserPriorityWhenSwitchedIn() {
        CalendarSimulation15.Result r = CalendarSimulation15.run(
                new CalendarSimulation.Spec("u", new int[] {200, 200}, new int[] {0, 0}, true, 40));
        // both start at 200; the first pick already returns to user mode at 115 + 0 + 25
        assertThat(r.rows().get(0).curPriority()).isEqualTo(140);
        CalendarSimulation15.Row firstSwitch = r.rows().stream().filter(CalendarSimulation15.Row::switched).findFirst()
                .orElseThrow();
        // thread 0, requeued at 140 + 21 ticks of calendar, still comes before thread 1's 200 and
        // takes the user priority its 12 ticks earned
        assertThat(firstSwitch.statTick()).isEqualTo(12);
        assertThat(firstSwitch.requeuedAt()).isEqualTo(161);
        assertThat(firstSwitch.nextThread()).isZero();
        assertThat(firstSwitch.nextPriority()).isEqualTo(198);
        assertThat(r.summary().get(0).fixedPriority()).isEqualTo(200);
    }

    @Test
    void aLoneHogRunsEveryTickAndRequeuesBehindItself() {
        CalendarSimulation15.Result r = CalendarSimulation15.run(
                CalendarSimulation.Spec.hogs("one", new int[] {0}, false, 127), UleVersion.V15.params(1000, 127));
        assertThat(r.rows()).hasSize(127).allSatisfy(row -> assertThat(row.curThread()).isZero());
        assertThat(r.summary().get(0).cpuShare()).isEqualTo(1.0);
        assertThat(r.summary().get(0).cpuStatTicks()).isEqualTo(127);
        // without userret the run-queue priority stays the creation value while the user priority worsens
        assertThat(r.summary().get(0).finalPriority()).isEqualTo(140);
        assertThat(r.summary().get(0).userPri()).isEqualTo(198);
        assertThat(r.rows().get(126).hzTicks()).isEqualTo(1000);
    }

    @Test
    void noTicksNoRows() {
        CalendarSimulation15.Result r = CalendarSimulation15.run(CalendarSimulation.Spec.fixed("z", new int[] {160}, 0));
        assertThat(r.rows()).isEmpty();
        assertThat(r.summary()).singleElement().satisfies(s -> assertThat(s.cpuShare()).isZero());
    }

    @Test
    void rowsHoldFourStatusWords() {
        assertThatThrownBy(() -> new CalendarSimulation15.Row("x", 1, 7, 0, 140, 140, 2, 2, 1, 12, List.of(0L, 0L, 0L),
                false, -1, -1, -1)).hasMessageContaining("4 status words");
        CalendarSimulation15.Row row = new CalendarSimulation15.Row("x", 1, 7, 0, 140, 140, 2, 2, 1, 12,
                List.of(1L, 2L, 0xabL, -1L), false, -1, -1, -1);
        assertThat(row.statusWords321Hex()).isEqualTo("ffffffffffffffff:00000000000000ab:0000000000000002");
    }
}
