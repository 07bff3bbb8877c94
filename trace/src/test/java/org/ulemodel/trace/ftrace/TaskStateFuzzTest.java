// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.ftrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ulemodel.trace.FuzzCampaign;

/**
 * Fuzzes the task-state spellings ({@link TaskState}): a string is a state exactly when
 * {@code invalidAt} finds nothing wrong with it, a state keeps its text, and its kind follows the
 * rules of either spelling — a number is read as every kernel agrees, letters by R, R+ and x/X/Z.
 * The corpus in {@code TaskStateFuzzTestInputs/fuzz/} replays as a normal test.
 */
@ExtendWith(FuzzCampaign.class)
class TaskStateFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void fuzz(byte[] data) {
        String s = new String(data, StandardCharsets.UTF_8);
        int bad = TaskState.invalidAt(s, 0, s.length());
        if (bad >= 0) {
            assertThat(bad).isBetween(0, s.length());
            assertThatThrownBy(() -> TaskState.of(s)).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        TaskState t = TaskState.of(s);
        assertThat(t.text()).isEqualTo(s);
        assertThat(t.numeric()).isEqualTo(Character.isDigit(s.charAt(0)));
        if (t.numeric()) {
            long v = Long.parseLong(s);
            assertThat(v).isBetween(0L, TaskState.MAX_NUMBER);
            assertThat(s).isEqualTo(Long.toString(v));
            TaskState.Kind expected = v == 0 || v == 0x100 || v == 0x400 || v == 0x800 || v == 0x1000 ? TaskState.Kind.RUNNABLE
                    : (v & 0x30) != 0 ? TaskState.Kind.DEAD : TaskState.Kind.SLEEPING;
            assertThat(t.kind()).isEqualTo(expected);
        } else {
            assertThat(s).matches("[" + TaskState.LETTERS + "](\\|[" + TaskState.LETTERS + "])*\\+?");
            assertThat(t.kind() == TaskState.Kind.RUNNABLE).isEqualTo(s.equals("R") || s.startsWith("R+"));
            if (t.kind() != TaskState.Kind.RUNNABLE) {
                assertThat(t.kind() == TaskState.Kind.DEAD).isEqualTo(s.matches(".*[xXZ].*"));
            }
        }
    }
}
