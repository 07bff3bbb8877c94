// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.topo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.golden.GoldenTable;

/**
 * Every row of golden/smp/topology.csv: each spec is built with {@link Topology#parse} and every
 * listed group is compared column by column (parent name, cg_level, cg_flags, cg_children,
 * cg_first, cg_last, cg_count, cg_mask_hex); each spec must build exactly the listed groups.
 */
class TopologyGoldenTest {

    @Test
    void everyColumnOfEveryGroupMatches() {
        GoldenTable table = GoldenTable.load("smp/topology.csv");
        GoldenTable.Verdict v = new GoldenTable.Verdict("smp/topology.csv");
        Map<String, Topology> built = new LinkedHashMap<>();
        for (GoldenTable.Row row : table.rows()) {
            Topology t = built.computeIfAbsent(row.get("topo"), Topology::parse);
            CpuGroup g;
            try {
                g = t.groupNamed(row.get("group"));
            } catch (IllegalArgumentException e) {
                v.add(row.check().col("group", "(absent: " + e.getMessage() + ")"));
                continue;
            }
            v.add(row.check()
                    .col("parent", g.isRoot() ? "-" : t.parentOf(g).name())
                    .col("cg_level", g.level())
                    .col("cg_flags", g.flags())
                    .col("cg_children", g.childCount())
                    .col("cg_first", g.first())
                    .col("cg_last", g.last())
                    .col("cg_count", g.count())
                    .col("cg_mask_hex", g.mask().toHex()));
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(table.rows().size());
        assertThat(built).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void eachSpecBuildsExactlyTheListedGroups() {
        GoldenTable table = GoldenTable.load("smp/topology.csv");
        Map<String, List<String>> listed = new LinkedHashMap<>();
        for (GoldenTable.Row row : table.rows()) {
            listed.computeIfAbsent(row.get("topo"), k -> new ArrayList<>()).add(row.get("group"));
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : listed.entrySet()) {
            Topology t = Topology.parse(e.getKey());
            List<String> model = new ArrayList<>();
            for (CpuGroup g : t.groups()) {
                model.add(g.name());
            }
            if (!new TreeSet<>(model).equals(new TreeSet<>(e.getValue())) || model.size() != e.getValue().size()) {
                problems.add(e.getKey() + ": golden groups " + e.getValue() + ", model groups " + model);
            }
        }
        assertThat(problems).as("group sets per spec").isEmpty();
    }

    @Test
    void leafOfIsSmpTopoFindAndRootCoversAllCpus() {
        GoldenTable table = GoldenTable.load("smp/topology.csv");
        for (String spec : new TreeSet<>(table.rows().stream().map(r -> r.get("topo")).toList())) {
            Topology t = Topology.parse(spec);
            assertThat(t.all()).isEqualTo(CpuSet.firstN(t.cpuCount()));
            for (int cpu = 0; cpu < t.cpuCount(); cpu++) {
                // smp_topo_find: walk down through the first child containing the CPU.
                CpuGroup g = t.root();
                while (!g.isLeaf()) {
                    CpuGroup next = null;
                    for (int c : g.children()) {
                        if (t.group(c).contains(cpu)) {
                            next = t.group(c);
                            break;
                        }
                    }
                    g = next;
                }
                assertThat(t.leafOf(cpu)).as("%s cpu %d", spec, cpu).isEqualTo(g);
            }
        }
    }
}
