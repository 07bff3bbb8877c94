// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.ftrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ulemodel.trace.ftrace.TaskState.Kind;

/** {@link TaskState}: both spellings of prev_state, classed only as far as every kernel version agrees. */
class TaskStateTest {
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        // letters, as TP_printk and trace-cmd's plugin print them
        "R, RUNNABLE", "R+, RUNNABLE", "S, SLEEPING", "D, SLEEPING", "T, SLEEPING", "t, SLEEPING", "P, SLEEPING",
        "I, SLEEPING", "K, SLEEPING", "W, SLEEPING", "N, SLEEPING", "n, SLEEPING", "D|K, SLEEPING", "S|K, SLEEPING",
        "D|N, SLEEPING", "x, DEAD", "X, DEAD", "Z, DEAD", "D|X, DEAD",
        // numbers: Linux 4.14+ (TASK_REPORT bits, TASK_REPORT_MAX 0x100 preempted)
        "0, RUNNABLE", "256, RUNNABLE", "1, SLEEPING", "2, SLEEPING", "4, SLEEPING", "8, SLEEPING", "16, DEAD",
        "32, DEAD", "64, SLEEPING", "128, SLEEPING",
        // numbers: before 4.14 (task_struct.state; TASK_STATE_MAX 0x400/0x800/0x1000 preempted)
        "1024, RUNNABLE", "2048, RUNNABLE", "4096, RUNNABLE", "130, SLEEPING", "1026, SLEEPING", "512, SLEEPING",
        "260, SLEEPING", "48, DEAD",
    })
    void eachStateHasItsKind(String text, Kind kind) {
        TaskState s = TaskState.of(text);
        assertThat(s.kind()).isEqualTo(kind);
        assertThat(s.text()).isEqualTo(text);
        assertThat(s.numeric()).isEqualTo(Character.isDigit(text.charAt(0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "?", "R++", "+", "|S", "S|", "S||D", "SD", "R+S", "01", "-1", "65536", "1x", "s"})
    void malformedStatesAreRefused(String text) {
        assertThatThrownBy(() -> TaskState.of(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"R, SLEEPING", "4096, SLEEPING", "S, RUNNABLE", "X, SLEEPING"})
    void theKindFollowsFromTheText(String text, Kind wrong) {
        assertThatThrownBy(() -> new TaskState(text, wrong)).isInstanceOf(IllegalArgumentException.class);
    }
}
