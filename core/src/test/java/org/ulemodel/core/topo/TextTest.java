// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.topo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Text}'s loops agree with {@code String.strip}, {@code isBlank} and the {@code chars()} tests they replace. */
class TextTest {
    private static final List<String> SAMPLES = List.of("", " ", "  2x4 \t\n", "\u2003 12\u2003", "\u00a012\u00a0",
            "\u001c7\u001f", "\0 3 \0", "\uD83D\uDE00 9", "0x1F", "f,0", "١٢", "ｆ", "12a", "0099");

    @Test
    void agreesWithTheJdkMethodsItReplaces() {
        for (String s : SAMPLES) {
            assertThat(Text.strip(s)).as("strip %s", s).isEqualTo(s.strip());
            assertThat(Text.isBlank(s)).as("isBlank %s", s).isEqualTo(s.isBlank());
            assertThat(Text.allDecimal(s)).as("allDecimal %s", s).isEqualTo(s.chars().allMatch(ch -> ch >= '0' && ch <= '9'));
            assertThat(Text.allHex(s)).as("allHex %s", s).isEqualTo(s.chars().allMatch(c -> Character.digit(c, 16) >= 0));
        }
    }
}
