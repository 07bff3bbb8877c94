// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.conc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JPF side that can be checked without JPF: one configuration per harness, each naming a
 * real main class and the settings the harnesses rely on (race detection exempting only the
 * volatile cells' accessors, core and spec atomic, the end markers to expect), every planted
 * fault listed by some configuration; run-jpf.sh refuses clearly without JPF.
 */
class JpfConfigTest {
    private static final Path DIR = Path.of("").toAbsolutePath();

    private static List<Path> configs() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".jpf")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void everyHarnessHasAConfigurationNamingItsMain() throws Exception {
        List<Path> cfgs = configs();
        assertThat(cfgs).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("StealWhileWaking.jpf", "BalanceVersusSteal.jpf", "OfflineVersusWake.jpf");
        for (Path cfg : cfgs) {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(cfg, StandardCharsets.UTF_8)));
            String target = p.getProperty("target");
            assertThat(target).as(cfg + " target").endsWith(cfg.getFileName().toString().replace(".jpf", ""));
            assertThat(Class.forName(target).getMethod("main", String[].class)).isNotNull();
            assertThat(p.getProperty("cg.enumerate_random")).as(cfg + " cg.enumerate_random").isEqualTo("true");
            assertThat(p.getProperty("vm.args")).as(cfg + " vm.args").isEqualTo("-ea");
            assertThat(p.getProperty("classpath")).as(cfg + " classpath")
                    .contains("${config_path}/target/classes", "core/target/classes", "spec/target/classes");
            assertThat(p.getProperty("search.properties")).contains("NotDeadlockedProperty", "NoUncaughtExceptionsProperty");
            assertThat(p.getProperty("listener")).contains("gov.nasa.jpf.listener.PreciseRaceDetector");
            // only the volatile cells' accessors are exempt from race detection
            assertThat(p.getProperty("race.exclude").split(",")).as(cfg + " race.exclude").containsExactlyInAnyOrder(
                    "org.ulemodel.conc.SmpScheduler$CpuCell.*", "org.ulemodel.conc.SmpScheduler$ThreadCell.*",
                    "org.ulemodel.conc.SmpScheduler$GlobalTicks.*");
            assertThat(p.getProperty("vm.shared.never_break_methods+")).as(cfg + " never_break_methods")
                    .contains("org.ulemodel.core.*.*", "org.ulemodel.spec.*.*").doesNotContain("org.ulemodel.conc.*");
            assertThat(Integer.parseInt(p.getProperty("ulemodel.ends"))).as(cfg + " ulemodel.ends").isPositive();
        }
    }

    @Test
    void everyPlantedFaultIsCaughtBySomeConfiguration() throws Exception {
        Set<Fault> caught = EnumSet.noneOf(Fault.class);
        for (Path cfg : configs()) {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(cfg, StandardCharsets.UTF_8)));
            for (String f : p.getProperty("ulemodel.catches", "").split(",")) {
                caught.add(Fault.valueOf(f.strip()));
            }
        }
        assertThat(caught).isEqualTo(EnumSet.complementOf(EnumSet.of(Fault.NONE)));
    }

    @Test
    void runJpfRefusesWithAClearMessageWithoutJpfHome() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", DIR.resolve("run-jpf.sh").toString());
        pb.environment().remove("JPF_HOME");
        pb.redirectErrorStream(true);
        Process proc = pb.start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(proc.waitFor()).isEqualTo(2);
        assertThat(out).contains("JPF_HOME is not set").contains("README.md");
    }

    @Test
    void runJpfRefusesWithAClearMessageWhenJpfIsNotBuilt(@TempDir Path empty) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", DIR.resolve("run-jpf.sh").toString());
        pb.environment().put("JPF_HOME", empty.toString());
        pb.redirectErrorStream(true);
        Process proc = pb.start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(proc.waitFor()).isEqualTo(2);
        assertThat(out).contains("RunJPF.jar").contains("not found");
    }
}
