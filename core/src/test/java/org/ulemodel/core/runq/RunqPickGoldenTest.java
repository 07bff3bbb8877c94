// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.runq;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ulemodel.core.golden.GoldenTable;
import org.ulemodel.core.golden.GoldenTable.Row;
import org.ulemodel.core.golden.GoldenTable.Verdict;

/** {@code runq_findbit} and {@code runq_findbit_from} agree with FreeBSD's on every row of runq_pick.csv. */
class RunqPickGoldenTest {

    /** The static forms agree with every golden row. */
    @Test
    void staticFindbitMatchesEveryRow() {
        Verdict v = new Verdict("runq_pick.csv (static)");
        for (Row row : GoldenTable.load("runq_pick.csv").rows()) {
            long status = Long.parseUnsignedLong(row.get("status_word_hex"), 16);
            int start = row.i("start_idx");
            v.add(row.check()
                    .col("findbit", RunQueue.findbit(status))
                    .col("findbit_from", RunQueue.findbitFrom(status, start)));
        }
        v.assertAllMatch();
        assertThat(v.checked()).isEqualTo(1216);
    }

    /** A RunQueue built to have the row's status word answers the same through its instance methods. */
    @Test
    void instanceFindbitMatchesEveryRow() {
        Verdict v = new Verdict("runq_pick.csv (instance)");
        for (Row row : GoldenTable.load("runq_pick.csv").rows()) {
            long status = Long.parseUnsignedLong(row.get("status_word_hex"), 16);
            RunQueue rq = withStatus(status);
            v.add(row.check()
                    .col("status_word_hex", String.format("%016x", rq.status()))
                    .col("findbit", rq.findbit())
                    .col("findbit_from", rq.findbitFrom(row.i("start_idx"))));
        }
        v.assertAllMatch();
    }

    /** The scan cost is one word unless the search wraps round and rescans from word 0. */
    @Test
    void wordsScannedIsTwoExactlyWhenTheSearchWraps() {
        for (Row row : GoldenTable.load("runq_pick.csv").rows()) {
            long status = Long.parseUnsignedLong(row.get("status_word_hex"), 16);
            int start = row.i("start_idx");
            int found = row.i("findbit_from");
            boolean wrapped = start != 0 && (found < start);
            assertThat(RunQueue.findbitFromWordsScanned(status, start))
                    .as("%s: %s", row.where(), row.text())
                    .isEqualTo(wrapped ? 2 : 1);
        }
    }

    private static RunQueue withStatus(long status) {
        RunQueue rq = RunQueue.empty();
        for (int q = 0; q < RunQueue.QUEUES; q++) {
            if ((status >>> q & 1L) != 0) {
                rq = rq.addTail(q, q);
            }
        }
        return rq;
    }
}
