// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.golden.GoldenTable;

/**
 * Idle stealing ({@code tdq_idled}, {@code tdq_trysteal}) and the periodic balancer
 * ({@code sched_balance}) decide exactly as FreeBSD 14's code: every row of
 * golden/smp/idle_steal.csv and balance.csv — victim, thread, moves, PICKCPU marks, the search
 * trace and the random generator's state.
 */
class StealBalanceGoldenTest {

    static RecordedSmpState state(GoldenTable.Row row, int randomCpu) {
        RecordedSmpState s = RecordedSmpState.parse(row.get("topo"), row.get("load"), row.get("transferable"), row.get("lowpri"),
                row.get("idx_ridx"), row.get("cur"), row.get("queues"), randomCpu, (int) row.l("rand_before"));
        assertThat(s.machine().cpuCount()).as(row.where()).isEqualTo(row.i("ncpu"));
        return s;
    }

    @Test
    void everyIdleStealRowMatches() {
        GoldenTable t = GoldenTable.load("smp/idle_steal.csv");
        GoldenTable.Verdict v = new GoldenTable.Verdict("smp/idle_steal.csv");
        for (GoldenTable.Row row : t.rows()) {
            int cpu = row.i("idle_cpu");
            Machine m = state(row, cpu).machine();
            boolean idled = row.get("mode").equals("idled");
            SmpProbe.Outcome o = idled ? SmpProbe.idled(m, cpu) : SmpProbe.trysteal(m, cpu);
            int victim = -1;
            int stolen = -1;
            for (Decision d : o.decisions()) {
                if (d instanceof Decision.Migrate) {
                    victim = ((Decision.Migrate) d).from();
                    stolen = ((Decision.Migrate) d).tid();
                }
            }
            v.add(row.check()
                    .col("victim", victim)
                    .col("stolen_tid", stolen)
                    .col("return", idled ? (o.stolen() ? "0" : "1") : "-")
                    .col("trace", String.join(";", o.trace()))
                    .col("rand_after", Integer.toUnsignedString(o.state().cpu(cpu).randomval()))
                    .col("n_random", o.randomDraws()));
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(t.rows().size());
    }

    @Test
    void everyBalanceRowMatches() {
        GoldenTable t = GoldenTable.load("smp/balance.csv");
        GoldenTable.Verdict v = new GoldenTable.Verdict("smp/balance.csv");
        for (GoldenTable.Row row : t.rows()) {
            RecordedSmpState s = state(row, row.i("balance_cpu"));
            SmpProbe.Outcome o = SmpProbe.balance(s.machine(), s.lockedElsewhere());
            List<String> moves = new ArrayList<>();
            String mark = "-";
            for (Decision d : o.decisions()) {
                if (d instanceof Decision.Migrate) {
                    Decision.Migrate m = (Decision.Migrate) d;
                    moves.add(m.tid() + ":" + m.from() + ">" + m.to());
                } else if (d instanceof Decision.RepickRequest) {
                    mark = ((Decision.RepickRequest) d).cpu() + ":" + ((Decision.RepickRequest) d).tid();
                }
            }
            v.add(row.check()
                    .col("balance_ticks", o.balanceTicks())
                    .col("moves", moves.isEmpty() ? "-" : String.join(";", moves))
                    .col("pickcpu_mark", mark)
                    .col("trace", String.join(";", o.trace()))
                    .col("rand_after", Integer.toUnsignedString(o.state().cpu(0).randomval()))
                    .col("n_random", o.randomDraws()));
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(t.rows().size());
    }
}
