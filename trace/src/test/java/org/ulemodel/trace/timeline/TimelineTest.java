// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The recorder keeps few runs exactly, many runs within its bound, and every figure whatever it merged. */
class TimelineTest {
    private static long sum(long[] a, int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i];
        }
        return s;
    }

    private static long sum(int[] a, int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i];
        }
        return s;
    }

    @Test
    void aFewRunsAreKeptExactlyWithTheirPriorityAndReason() {
        Timeline t = new Timeline();
        t.name(5, "a");
        t.run(0, 5, 100, 200, 120, "blocked (S)");
        t.run(0, 6, 250, 400, 121, "exited (x)");
        t.waited(5, 0, 200, 300, true);
        Timeline.Row r = t.cpuRowOrNull(0);
        assertThat(r.n).isEqualTo(2);
        assertThat(new long[] {r.start[0], r.end[0], r.start[1], r.end[1]}).containsExactly(100, 200, 250, 400);
        assertThat(new int[] {r.key[0], r.prio[0], r.key[1], r.prio[1]}).containsExactly(5, 120, 6, 121);
        assertThat(t.whyText(r.why[0])).isEqualTo("blocked (S)");
        assertThat(r.mixed[0] || r.mixed[1]).isFalse();
        // the thread row holds a's run (key: its CPU) and its wait (key: -1 - CPU)
        Timeline.Row a = t.threadOrNull(5).row;
        assertThat(a.n).isEqualTo(2);
        assertThat(new int[] {a.key[0], a.key[1]}).containsExactly(0, -1);
        assertThat(t.threadOrNull(5).name).isEqualTo("a");
        assertThat(t.threadOrNull(6).name).isEqualTo("tid 6");
        assertThat(t.cpus()).containsExactly(0);
        // a thread only named has nothing to draw: no legend entry, no row
        t.name(7, "named only");
        assertThat(t.threadsByCpuTime()).extracting(th -> th.tid).containsExactly(6, 5);
        assertThat(t.firstNs()).isEqualTo(100);
        assertThat(t.lastNs()).isEqualTo(400);
    }

    @Test
    void aMillionRunsStayWithinTheBoundAndAreAllCounted() {
        Timeline t = new Timeline();
        long now = 0;
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            int tid = 1 + i % 3;
            t.run(2, tid, now, now + 700, 120, "preempted, still runnable (R+)");
            t.waited(tid, 2, now + 700, now + 2_700, true);
            now += 1_000;
        }
        Timeline.Row r = t.cpuRowOrNull(2);
        assertThat(r.n).isLessThanOrEqualTo(4 * Timeline.CPU_COLUMNS).isGreaterThanOrEqualTo(Timeline.CPU_COLUMNS / 2);
        assertThat(sum(r.runs, r.n)).isEqualTo(n);
        assertThat(sum(r.busy, r.n)).isEqualTo(700L * n);
        assertThat(r.start[0]).isZero();
        assertThat(r.end[r.n - 1]).isEqualTo(now - 300);
        for (int tid = 1; tid <= 3; tid++) {
            Timeline.ThreadInfo th = t.threadOrNull(tid);
            long runs = tid == 1 ? 333_334 : 333_333;
            assertThat(th.cpuNs).isEqualTo(700 * runs);
            assertThat(th.waits).isEqualTo(runs);
            assertThat(th.row.n).isLessThanOrEqualTo(4 * Timeline.THREAD_COLUMNS);
            assertThat(sum(th.row.runs, th.row.n)).isEqualTo(runs);
            assertThat(sum(th.row.waits, th.row.n)).isEqualTo(runs);
        }
        assertThat(t.histogram()[Timeline.bucket(2_000)]).isEqualTo(n);
        assertThat(t.threadsByCpuTime()).extracting(th -> th.tid).containsExactly(1, 2, 3);
    }

    @Test
    void runsOfOneThreadLessThanAColumnApartJoinAndShorterOnesOfManyThreadsMix() {
        Timeline.Row r = new Timeline.Row(10);
        // 40 pieces of 1 ns fill the row (cap 40); the span, 4000 ns, makes columns 401 ns wide
        for (int i = 0; i < 39; i++) {
            r.add(i * 100L, i * 100L + 1, 7, 1, 0, 1, 0, 1, 0, 1, false);
        }
        assertThat(r.n).isEqualTo(39);
        r.add(3_900, 4_000, 7, 1, 0, 1, 0, 100, 0, 100, false);
        // one thread, gaps under a column: one piece standing for 40 runs, not mixed
        assertThat(r.n).isEqualTo(1);
        assertThat(r.mixed[0]).isFalse();
        assertThat(r.runs[0]).isEqualTo(40);
        assertThat(r.busy[0]).isEqualTo(139);
        assertThat(r.end[0]).isEqualTo(4_000);
        Timeline.Row m = new Timeline.Row(10);
        for (int i = 0; i < 40; i++) {
            m.add(i * 100L, i * 100L + 1 + i % 2, i % 2, 1, 0, 1, 0, 1 + i % 2, 0, 1 + i % 2, false);
        }
        // two threads alternating: what starts in one column becomes one mixed piece shown as its longest run
        assertThat(m.n).isBetween(9, 11);
        assertThat(m.mixed[0]).isTrue();
        assertThat(m.key[0]).isEqualTo(1);
        assertThat(sum(m.runs, m.n)).isEqualTo(40);
        assertThat(sum(m.busy, m.n)).isEqualTo(60);
    }

    @Test
    void overlappingPiecesInAnyOrderStillFitTheBound() {
        Timeline.Row r = new Timeline.Row(50);
        SplittableRandom rnd = new SplittableRandom(1);
        long total = 0;
        for (int i = 0; i < 100_000; i++) {
            long s = rnd.nextLong(1_000_000);
            long len = rnd.nextLong(50_000);
            r.add(s, s + len, rnd.nextInt(-3, 5), 0, 0, 1, 0, len, 0, len, false);
            total += len;
            assertThat(r.n).isLessThan(r.cap);
        }
        assertThat(sum(r.busy, r.n)).isEqualTo(total);
        assertThat(sum(r.runs, r.n)).isEqualTo(100_000);
    }

    @Test
    void waitsOfLengthZeroAreCountedNotDrawnAndOpenWaitsDrawnNotCounted() {
        Timeline t = new Timeline();
        t.waited(1, 0, 50, 50, true);
        t.waited(1, 0, 60, 90, false);
        assertThat(t.histogram()[0]).isEqualTo(1);
        assertThat(t.openWaits()).isEqualTo(1);
        assertThat(t.threadOrNull(1).waits).isEqualTo(1);
        assertThat(t.threadOrNull(1).row.n).isEqualTo(1);
        assertThat(t.whyText(t.threadOrNull(1).row.why[0])).isEqualTo("still waiting at the end");
    }

    @Test
    void histogramBucketsDoubleFromOneMicrosecond() {
        assertThat(Timeline.bucket(0)).isZero();
        assertThat(Timeline.bucket(999)).isZero();
        assertThat(Timeline.bucket(1_000)).isEqualTo(1);
        assertThat(Timeline.bucket(1_999)).isEqualTo(1);
        assertThat(Timeline.bucket(2_000)).isEqualTo(2);
        assertThat(Timeline.bucket(1_024_000)).isEqualTo(11);
        assertThat(Timeline.bucket(Long.MAX_VALUE)).isEqualTo(Timeline.BUCKETS - 1);
        for (int k = 1; k < Timeline.BUCKETS; k++) {
            assertThat(Timeline.bucket(Timeline.bucketStartNs(k))).isEqualTo(k);
            assertThat(Timeline.bucket(Timeline.bucketStartNs(k) - 1)).isEqualTo(k - 1);
        }
    }

    @Test
    void marksBeyondTheLimitAreCountedAndBadPiecesRefused() {
        Timeline t = new Timeline();
        for (int i = 0; i < Timeline.MAX_MARKS + 5; i++) {
            t.mark(new Timeline.Mark(Timeline.MarkKind.FINDING, 3, i, i, "SWITCH", "x"));
        }
        assertThat(t.marks()).hasSize(Timeline.MAX_MARKS);
        assertThat(t.marksDropped()).isEqualTo(5);
        assertThat(t.cpus()).containsExactly(3);
        assertThatThrownBy(() -> t.run(0, 1, 10, 9, 0, "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends (9) before it starts (10)");
        assertThatThrownBy(() -> t.waited(1, -1, 0, 1, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Timeline.Mark(Timeline.MarkKind.INTERVAL, 0, 5, 4, "", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
