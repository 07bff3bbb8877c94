// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The campaign's time box becomes libFuzzer's arguments, and nothing changes without it. */
class FuzzCampaignTest {
    private static final List<String> KEYS = List.of(FuzzCampaign.MINUTES, FuzzCampaign.RUNS, "jazzer.internal.arg.0",
            "jazzer.internal.arg.1", "jazzer.internal.arg.2", "jazzer.internal.arg.3");
    private final Properties saved = new Properties();

    @BeforeEach
    void save() {
        for (String k : KEYS) {
            if (System.getProperty(k) != null) {
                saved.setProperty(k, System.getProperty(k));
            }
            System.clearProperty(k);
        }
    }

    @AfterEach
    void restore() {
        KEYS.forEach(System::clearProperty);
        saved.forEach((k, v) -> System.setProperty((String) k, (String) v));
    }

    @Test
    void minutesAndRunsBecomeLibFuzzerArguments() {
        System.setProperty(FuzzCampaign.MINUTES, "2.5");
        System.setProperty(FuzzCampaign.RUNS, "1000000");
        FuzzCampaign.configure();
        assertThat(System.getProperty("jazzer.internal.arg.0")).isEqualTo("ulemodel-fuzz");
        assertThat(System.getProperty("jazzer.internal.arg.1")).isEqualTo("-max_total_time=150");
        assertThat(System.getProperty("jazzer.internal.arg.2")).isEqualTo("-print_final_stats=1");
        assertThat(System.getProperty("jazzer.internal.arg.3")).isEqualTo("-runs=1000000");
    }

    @Test
    void withoutMinutesNothingIsSetAndBadValuesAreRefused() {
        FuzzCampaign.configure();
        assertThat(System.getProperty("jazzer.internal.arg.0")).isNull();
        System.setProperty(FuzzCampaign.MINUTES, "1");
        FuzzCampaign.configure();
        assertThat(System.getProperty("jazzer.internal.arg.1")).isEqualTo("-max_total_time=60");
        assertThat(System.getProperty("jazzer.internal.arg.3")).isNull();
        KEYS.forEach(System::clearProperty);
        System.setProperty(FuzzCampaign.MINUTES, "five");
        assertThatThrownBy(FuzzCampaign::configure).hasMessage("-Dulemodel.fuzz.minutes: expected a number of minutes, found 'five'");
        System.setProperty(FuzzCampaign.MINUTES, "5");
        System.setProperty(FuzzCampaign.RUNS, "-3");
        assertThatThrownBy(FuzzCampaign::configure).hasMessage("-Dulemodel.fuzz.runs: expected a positive number of executions, found '-3'");
    }
}
