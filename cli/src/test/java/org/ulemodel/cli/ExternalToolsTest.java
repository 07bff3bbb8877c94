// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A missing C compiler or Python skips the protocol tests on a developer's machine and fails them in CI. */
class ExternalToolsTest {
    @Test
    void aMissingToolSkipsLocallyAndFailsUnderCi() {
        assertThatThrownBy(() -> ExternalTools.missing("this test", "no cc", null)).isInstanceOf(TestAbortedException.class).hasMessage("no cc");
        assertThatThrownBy(() -> ExternalTools.missing("this test", "no cc", "false")).isInstanceOf(TestAbortedException.class);
        assertThatThrownBy(() -> ExternalTools.missing("this test", "no cc", "true")).isInstanceOf(AssertionError.class)
                .hasMessage("CI=true, so this test may not be skipped: no cc");
    }
}
