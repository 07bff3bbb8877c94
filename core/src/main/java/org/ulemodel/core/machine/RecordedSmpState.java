// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.runq.RunQueue;
import org.ulemodel.core.runq.RunqKind;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;

/**
 * A multi-CPU scheduler state written in the text encoding of FreeBSD's golden SMP tables
 * (golden/smp/README.md, "Common encodings"), rebuilt as a {@link Machine}:
 * <ul>
 * <li>per-CPU lists ({@code load}, {@code transferable}, {@code lowpri}) separated by {@code ;};</li>
 * <li>{@code idx_ridx}: {@code tdq_idx/tdq_ridx} per CPU;</li>
 * <li>{@code cur}: {@code -} for the idle thread, else {@code tid/pri/pinned/mask/lk};</li>
 * <li>{@code queues}: {@code cpu:entries|…}, each entry {@code tid/pri/pinned/mask/Q} with Q one of
 * {@code R<i>}, {@code T<i>}, {@code I<i>}, in run-queue order (appending rebuilds the queues);</li>
 * <li>masks are hex, {@code *} for every CPU of the topology.</li>
 * </ul>
 * Thread ids are used as model thread ids; unused ids become exited placeholders. The per-CPU
 * counters are taken as written (they may be stale, as the kernel's can be). Malformed text is
 * an {@link IllegalArgumentException} naming the field and what was expected.
 */
public final class RecordedSmpState {
    private final Machine machine;
    private final Set<Integer> lockedElsewhere;

    private RecordedSmpState(Machine machine, Set<Integer> lockedElsewhere) {
        this.machine = machine;
        this.lockedElsewhere = Set.copyOf(lockedElsewhere);
    }

    /** The rebuilt machine (hz clock at 0, default tunables). */
    public Machine machine() {
        return machine;
    }

    /** Running threads recorded with {@code lk = 0}: their lock is momentarily elsewhere. */
    public Set<Integer> lockedElsewhere() {
        return lockedElsewhere;
    }

    /**
     * Parses one recorded state.
     *
     * @param topo         topology spec string (e.g. {@code 2x4x2})
     * @param randomCpu    the CPU whose {@code randomval} is {@code randBefore}
     * @param randBefore   that CPU's LCG state (u32)
     */
    public static RecordedSmpState parse(String topo, String load, String transferable, String lowpri, String idxRidx,
            String cur, String queues, int randomCpu, int randBefore) {
        return parse(Topology.parse(topo), load, transferable, lowpri, idxRidx, cur, queues, randomCpu, randBefore);
    }

    /** As {@link #parse(String, String, String, String, String, String, String, int, int)} on an already built topology (e.g. from XML). */
    public static RecordedSmpState parse(Topology t, String load, String transferable, String lowpri, String idxRidx,
            String cur, String queues, int randomCpu, int randBefore) {
        int ncpu = t.cpuCount();
        MachineConfig cfg = MachineConfig.of(t);
        String[] loads = list("load", load, ";", ncpu);
        String[] trans = list("transferable", transferable, ";", ncpu);
        String[] lows = list("lowpri", lowpri, ";", ncpu);
        String[] idx = list("idx_ridx", idxRidx, ";", ncpu);
        String[] curs = list("cur", cur, ";", ncpu);
        String[] qs = list("queues", queues, "\\|", ncpu);
        List<ThreadState> threads = new ArrayList<>();
        List<CpuState> cpus = new ArrayList<>();
        Set<Integer> locked = new HashSet<>();
        for (int c = 0; c < ncpu; c++) {
            CpuState.Builder b = CpuState.initial(c).edit();
            b.load = num("load of CPU " + c, loads[c]);
            b.sysload = b.load;
            b.transferable = num("transferable of CPU " + c, trans[c]);
            b.lowpri = num("lowpri of CPU " + c, lows[c]);
            String[] ir = idx[c].split("/", -1);
            if (ir.length != 2) {
                throw new IllegalArgumentException("idx_ridx of CPU " + c + ": expected idx/ridx, got '" + idx[c] + "'");
            }
            b.idx = num("tdq_idx of CPU " + c, ir[0]);
            b.ridx = num("tdq_ridx of CPU " + c, ir[1]);
            if (c == randomCpu) {
                b.randomval = randBefore;
            }
            if (!curs[c].equals("-")) {
                String[] f = fields("cur of CPU " + c, curs[c], 5);
                int tid = num("cur tid of CPU " + c, f[0]);
                put(threads, thread(tid, num("cur priority", f[1]), num("cur pinned", f[2]), mask(f[3], ncpu), c,
                        RunState.RUNNING, null, -1));
                b.curthread = tid;
                if (f[4].equals("0")) {
                    locked.add(tid);
                } else if (!f[4].equals("1")) {
                    throw new IllegalArgumentException("cur of CPU " + c + ": lk must be 0 or 1, got '" + f[4] + "'");
                }
            }
            String prefix = c + ":";
            if (!qs[c].startsWith(prefix)) {
                throw new IllegalArgumentException("queues: entry " + c + " must start with '" + prefix + "', got '" + qs[c] + "'");
            }
            String entries = qs[c].substring(prefix.length()).trim();
            if (!entries.isEmpty()) {
                for (String e : entries.split(" +")) {
                    String[] f = fields("queue entry of CPU " + c, e, 5);
                    int tid = num("queued tid", f[0]);
                    char k = f[4].isEmpty() ? '?' : f[4].charAt(0);
                    RunqKind kind = k == 'R' ? RunqKind.REALTIME : k == 'T' ? RunqKind.TIMESHARE : k == 'I' ? RunqKind.IDLE : null;
                    if (kind == null) {
                        throw new IllegalArgumentException("queue entry '" + e + "': expected R<i>, T<i> or I<i> as the queue");
                    }
                    int index = num("queue index in '" + e + "'", f[4].substring(1));
                    if (index < 0 || index >= RunQueue.QUEUES) {
                        throw new IllegalArgumentException("queue entry '" + e + "': queue index must be 0..63");
                    }
                    put(threads, thread(tid, num("queued priority", f[1]), num("queued pinned", f[2]), mask(f[3], ncpu), c,
                            RunState.QUEUED, kind, index));
                    b.setRunq(kind, b.runq(kind).addTail(index, tid));
                }
            }
            cpus.add(b.build());
        }
        for (int i = 0; i < threads.size(); i++) {
            if (threads.get(i) == null) {
                threads.set(i, thread(i, 255, 0, CpuSet.firstN(ncpu), 0, RunState.EXITED, null, -1));
            }
        }
        return new RecordedSmpState(Machine.of(cfg, 0, cpus, threads, cfg.params().balanceInterval()), locked);
    }

    private static String[] list(String what, String text, String sep, int n) {
        String[] parts = text.split(sep, -1);
        if (parts.length != n) {
            throw new IllegalArgumentException(what + ": expected " + n + " per-CPU values, got " + parts.length + " in '" + text + "'");
        }
        return parts;
    }

    private static String[] fields(String what, String text, int n) {
        String[] f = text.split("/", -1);
        if (f.length != n) {
            throw new IllegalArgumentException(what + ": expected tid/pri/pinned/mask/" + (what.startsWith("cur") ? "lk" : "Q")
                    + ", got '" + text + "'");
        }
        return f;
    }

    private static int num(String what, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": expected an integer, got '" + text + "'");
        }
    }

    /** A cpuset in the tables' encoding: hex (bit n = CPU n), or {@code *} for all {@code ncpu} CPUs. */
    public static CpuSet mask(String m, int ncpu) {
        if (m.equals("*")) {
            return CpuSet.firstN(ncpu);
        }
        try {
            return CpuSet.parseWords(m);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mask '" + m + "': expected hex CPU mask or *");
        }
    }

    private static void put(List<ThreadState> threads, ThreadState t) {
        if (t.tid() < 0 || t.tid() > 1_000_000) {
            throw new IllegalArgumentException("thread id " + t.tid() + " out of range 0..1000000");
        }
        while (threads.size() <= t.tid()) {
            threads.add(null);
        }
        if (threads.get(t.tid()) != null) {
            throw new IllegalArgumentException("thread " + t.tid() + " appears twice");
        }
        threads.set(t.tid(), t);
    }

    private static ThreadState thread(int tid, int pri, int pinned, CpuSet set, int cpu, RunState state, RunqKind kind,
            int index) {
        return new ThreadState(tid, -1, PriClass.TIMESHARE, false, 0, set, state, cpu, kind, index,
                state == RunState.QUEUED && pinned == 0, 0, 0, 0, 0, 0, 0, 0, 0,
                pri, pri, pri, pri, pri, pinned, false, false, false, false, false);
    }
}
