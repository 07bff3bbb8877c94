// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.LogisticMigrationHook;
import org.ulemodel.core.machine.MigrationFeatures;

/** The migration-model file: written and read back exactly, and every kind of bad file refused at FILE:LINE:COLUMN. */
class MigrationModelFileTest {
    private static LogisticMigrationHook model() {
        int n = MigrationFeatures.NAMES.size();
        double[] mean = new double[n];
        double[] scale = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            mean[i] = i * 0.1;
            scale[i] = 1 + i / 3.0;
            w[i] = Math.sin(i) / 7;
        }
        return new LogisticMigrationHook(mean, scale, w, 1.0 / 3, 0.5);
    }

    private static String text() {
        return MigrationModelFile.write(model(), "a \"quoted\" label", "{\"examples\": 12}");
    }

    @Test
    void roundTripsExactly() {
        assertThat(MigrationModelFile.read("m.json", new StringReader(text()))).isEqualTo(model());
        assertThat(text()).contains("\"version\": 1").contains("\"format\": \"ulemodel-migration-model\"");
    }

    private static void refused(String text, String where, String what) {
        assertThatThrownBy(() -> MigrationModelFile.read("m.json", new StringReader(text))).isInstanceOf(InputError.class)
                .hasMessageStartingWith("m.json:" + where + ": ").hasMessageContaining(what);
    }

    @Test
    void badFilesAreRefusedWithTheirPlace() {
        String t = text();
        refused(t.replace("\"version\": 1", "\"version\": 2"), "3:14", "expected \"version\": 1");
        refused(t.replace("\"kind\"", "\"colour\""), "4:3", "unknown member \"colour\"");
        refused(t.replace("\"to_load\"", "\"toload\""), "5:29", "expected feature 1 to be \"to_load\"");
        refused(t.replace("  \"bias\": 0.3333333333333333,\n", ""), "1:1", "missing member(s) bias");
        refused(t.replace("\"threshold\": 0.5", "\"threshold\": 1.5"), "1:1", "threshold in [0, 1]");
        refused("[1, 2]", "1:1", "expected a migration-model object");
        refused(t.replace("\"format\": \"ulemodel-migration-model\"", "\"format\": \"other\""), "2:13", "expected \"format\"");
        String oneWeightShort = t.replaceFirst("\"weights\": \\[[^,]*, ", "\"weights\": [");
        refused(oneWeightShort, "8:14", "expected \"weights\" to be an array of " + MigrationFeatures.NAMES.size() + " numbers");
        assertThat(Arrays.asList(t.split("\n"))).hasSize(13);
    }
}
