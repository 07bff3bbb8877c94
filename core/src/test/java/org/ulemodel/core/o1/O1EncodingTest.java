// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.o1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ulemodel.core.o1.O1ModelTest.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;

/**
 * {@link O1Model#encode}'s contract: everything a future step reads is in the encoding (two states
 * that differ in any one runqueue or task_struct field encode differently), and thread ids enter
 * only through the labels (renumbering the tasks and relabelling them back gives the same encoding).
 */
class O1EncodingTest {
    static final O1Model M = O1Model.DEFAULT;

    static List<Long> encode(O1State s, int[] label) {
        List<Long> out = new ArrayList<>();
        M.encode(s, label, out::add);
        return out;
    }

    static int[] identity(int n) {
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = i;
        }
        return l;
    }

    /** Two CPUs, four tasks: a running parent, its forked child expired by a yield, one queued, one pulled to the other CPU. */
    static O1State base() {
        O1State s = run(M.boot(Topology.parse("2")), Event.Create.timeshare(0), Event.Create.timeshare(3), Event.Create.timeshare(5));
        s = O1ModelTest.ticks(s, 4);
        return run(s, new Event.Fork(0), new Event.Yield(0));
    }

    static O1State rqVariant(O1State s, int cpu, Consumer<O1State.Rq> edit) {
        O1State.Rq[] rqs = s.rqs.clone();
        rqs[cpu] = rqs[cpu].copy();
        edit.accept(rqs[cpu]);
        return new O1State(s.topology, s.jiffies, rqs, s.tasks);
    }

    static O1State taskVariant(O1State s, int t, Consumer<O1State.Task> edit) {
        O1State.Task[] tasks = s.tasks.clone();
        tasks[t] = tasks[t].copy();
        edit.accept(tasks[t]);
        return new O1State(s.topology, s.jiffies, s.rqs, tasks);
    }

    @Test
    void everyFieldIsInTheEncoding() {
        O1State s = base();
        assertThat(s.threadCount()).isEqualTo(4);
        Map<String, O1State> v = new LinkedHashMap<>();
        v.put("base", s);
        v.put("jiffies", new O1State(s.topology, s.jiffies + 1, s.rqs, s.tasks));
        for (int c = 0; c < 2; c++) {
            String p = "cpu" + c + ".";
            v.put(p + "online", rqVariant(s, c, r -> r.online = !r.online));
            v.put(p + "curr", rqVariant(s, c, r -> r.curr = r.curr == 2 ? 1 : 2));
            v.put(p + "active", rqVariant(s, c, r -> r.active = 1 - r.active));
            v.put(p + "nrRunning", rqVariant(s, c, r -> r.nrRunning++));
            v.put(p + "expiredTimestamp", rqVariant(s, c, r -> r.expiredTimestamp++));
            v.put(p + "bestExpiredPrio", rqVariant(s, c, r -> r.bestExpiredPrio--));
            v.put(p + "ipiPending", rqVariant(s, c, r -> r.ipiPending = !r.ipiPending));
            for (int a = 0; a < 2; a++) {
                int arr = a;
                v.put(p + "nrActive" + a, rqVariant(s, c, r -> r.nrActive[arr]++));
                for (int w = 0; w < O1State.BITMAP_WORDS; w++) {
                    int word = w;
                    v.put(p + "bitmap" + a + "." + w, rqVariant(s, c, r -> r.bitmap[arr][word] ^= 1L << 7));
                }
                v.put(p + "queue" + a + ".7", rqVariant(s, c, r -> r.queue[arr][7] = new int[] {1}));
                v.put(p + "queue" + a + ".139", rqVariant(s, c, r -> r.queue[arr][139] = new int[] {1}));
            }
        }
        v.put("queue 50 order 0,1", rqVariant(s, 0, r -> r.queue[0][50] = new int[] {0, 1}));
        v.put("queue 50 order 1,0", rqVariant(s, 0, r -> r.queue[0][50] = new int[] {1, 0}));
        for (int t = 0; t < 4; t++) {
            String p = "task" + t + ".";
            v.put(p + "state", taskVariant(s, t, x -> x.state = x.state == RunState.SLEEPING ? RunState.QUEUED : RunState.SLEEPING));
            v.put(p + "policy", taskVariant(s, t, x -> x.policy = x.policy == O1State.Policy.RR ? O1State.Policy.FIFO : O1State.Policy.RR));
            v.put(p + "bound", taskVariant(s, t, x -> x.bound = !x.bound));
            v.put(p + "mm", taskVariant(s, t, x -> x.mm = !x.mm));
            v.put(p + "uninterruptible", taskVariant(s, t, x -> x.uninterruptible = !x.uninterruptible));
            v.put(p + "firstTimeSlice", taskVariant(s, t, x -> x.firstTimeSlice = !x.firstTimeSlice));
            v.put(p + "parent", taskVariant(s, t, x -> x.parent = x.parent == 1 ? 2 : 1));
            v.put(p + "cpu", taskVariant(s, t, x -> x.cpu = 1 - x.cpu));
            v.put(p + "staticPrio", taskVariant(s, t, x -> x.staticPrio++));
            v.put(p + "prio", taskVariant(s, t, x -> x.prio++));
            v.put(p + "sleepAvg", taskVariant(s, t, x -> x.sleepAvg++));
            v.put(p + "timestamp", taskVariant(s, t, x -> x.timestamp++));
            v.put(p + "timeSlice", taskVariant(s, t, x -> x.timeSlice++));
            v.put(p + "activated", taskVariant(s, t, x -> x.activated = x.activated == 2 ? -1 : 2));
            v.put(p + "array", taskVariant(s, t, x -> x.array = x.array == 0 ? 1 : 0));
            v.put(p + "cpuset", taskVariant(s, t, x -> x.cpuset = x.cpuset.equals(CpuSet.of(0)) ? CpuSet.of(1) : CpuSet.of(0)));
        }
        Map<List<Long>, String> seen = new LinkedHashMap<>();
        for (Map.Entry<String, O1State> e : v.entrySet()) {
            String clash = seen.put(encode(e.getValue(), identity(4)), e.getKey());
            assertThat(clash).as("%s encodes as %s", e.getKey(), clash).isNull();
        }
    }

    /** Renumbering the tasks by a permutation and labelling each with its old id gives the original encoding. */
    @Test
    void threadIdsEnterOnlyThroughTheLabels() {
        O1State s = base();
        int[] perm = {2, 0, 3, 1};
        int n = perm.length;
        O1State.Task[] tasks = new O1State.Task[n];
        for (int t = 0; t < n; t++) {
            O1State.Task x = s.tasks[t].copy();
            x.parent = x.parent < 0 ? -1 : perm[x.parent];
            tasks[perm[t]] = x;
        }
        O1State.Rq[] rqs = new O1State.Rq[2];
        for (int c = 0; c < 2; c++) {
            O1State.Rq r = s.rqs[c].copy();
            r.curr = r.curr < 0 ? r.curr : perm[r.curr];
            for (int a = 0; a < 2; a++) {
                for (int p = 0; p < O1Math.MAX_PRIO; p++) {
                    int[] q = r.queue[a][p].clone();
                    for (int i = 0; i < q.length; i++) {
                        q[i] = perm[q[i]];
                    }
                    r.queue[a][p] = q;
                }
            }
            rqs[c] = r;
        }
        O1State renamed = new O1State(s.topology, s.jiffies, rqs, tasks);
        int[] label = new int[n];
        for (int t = 0; t < n; t++) {
            label[perm[t]] = t;
        }
        assertThat(encode(renamed, label)).isEqualTo(encode(s, identity(n)));
        assertThat(encode(renamed, identity(n))).isNotEqualTo(encode(s, identity(n)));
    }
}
