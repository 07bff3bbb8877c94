// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.machine.MigrateReason;
import org.ulemodel.core.topo.Topology;

/**
 * n CPUs, n+1 CPU hogs: the known case where ULE seldom moves the extra hog. No CPU ever idles,
 * so idle stealing never runs; only the periodic balancer (about once a second) moves threads,
 * one at a time, so the two hogs sharing a CPU keep sharing it for a balancer period or more
 * and the shares stay unequal. The test records what the model does (printed) and pins the
 * shape of it. (Moved here from the spec module with the simulator it used: the driver is now
 * {@link Engine}, every invariant checked after every step.)
 */
class NPlusOneHogsTest {

    @ParameterizedTest(name = "{0} CPUs topology, n+1 hogs, 30 s")
    @ValueSource(strings = {"2", "4", "2x2x2"})
    void theExtraHogMovesOnlyWhenTheBalancerRuns(String spec) {
        Topology topo = Topology.parse(spec);
        int n = topo.cpuCount();
        List<Behavior> hogs = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            hogs.add(Behavior.hog("hog" + i, 0));
        }
        Engine.Result<?> r = Engine.ule14(Behavior.workload("hogs", hogs, -1), MachineConfig.of(topo),
                new Engine.Options(30_000_000, 0, true)).run();
        StringBuilder line = new StringBuilder(spec + ", " + (n + 1) + " hogs, 30 s:");
        double min = 100;
        double max = 0;
        for (Engine.ThreadStats t : r.threads()) {
            double share = 100.0 * t.cpuUs() / r.durationUs();
            min = Math.min(min, share);
            max = Math.max(max, share);
            line.append(String.format(Locale.ROOT, " %s %.1f%% (%d moves)", t.comm(), share,
                    t.migrations().values().stream().mapToInt(Integer::intValue).sum()));
        }
        System.out.println(line);
        Map<MigrateReason, Integer> m = r.migrations();
        // never idle: every CPU busy the whole run
        for (long busy : r.cpuBusyUs()) {
            assertThat(busy).isEqualTo(r.durationUs());
        }
        // only the balancer moves hogs, at most one move per CPU pair per pass (~30 passes)
        assertThat(m.keySet()).containsOnly(MigrateReason.BALANCE);
        assertThat(m.get(MigrateReason.BALANCE)).isBetween(1, 30 * n);
        // a fair scheduler would give each hog n/(n+1) of a CPU; ULE's shares spread around it
        double fair = 100.0 * n / (n + 1);
        assertThat(min).isLessThan(fair);
        assertThat(max).isGreaterThan(fair);
        assertThat(r.invariantChecks()).isPositive();
    }
}
