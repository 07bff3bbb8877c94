// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import org.ulemodel.core.machine.CpuState;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.ThreadState;
import org.ulemodel.core.runq.RunQueue;
import org.ulemodel.core.runq.RunqKind;
import org.ulemodel.spec.WaitMonitor;

/**
 * The 64-bit fingerprint of an explored state (machine + {@link WaitMonitor}) in canonical form.
 * Every int of the state is fed through an xxHash64-style round and the result through
 * MurmurHash3's 64-bit finaliser, so equal canonical states give equal fingerprints and distinct
 * ones collide with probability about 2<sup>-64</sup> per pair.
 *
 * <p>Thread symmetry: the transition function never looks at a thread id except through
 * {@code parent} links (and the id a creation assigns), so relabelling threads by any permutation
 * — each thread keeping its whole state, class, nice and cpuset included — gives a state with
 * the same future up to the same relabelling. Threads created with identical parameters are the
 * case where this bites. With {@code symmetry} on (and no thread having a parent), threads are
 * relabelled in the order of a hash of their own state (ties, which only identical threads can
 * produce, broken by id), and the state is encoded under that labelling. Equal encodings imply
 * isomorphic states whatever the tie-break, so the reduction is sound.
 *
 * <p>CPU symmetry is <em>not</em> used: each CPU's {@code randomval} LCG is seeded from its id,
 * CPU 0 alone runs the balancer, the topology distinguishes CPUs, and searches scan CPUs in id
 * order. Permuting CPUs would merge states with different futures.
 */
public final class Fingerprint {
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;

    private final boolean symmetry;
    private int[] label = new int[0];
    private long[] keys = new long[0];
    private int[] order = new int[0];

    /** A fingerprinter; {@code symmetry} enables the thread relabelling. Not thread-safe (scratch arrays). */
    public Fingerprint(boolean symmetry) {
        this.symmetry = symmetry;
    }

    private static long round(long h, long v) {
        return Long.rotateLeft(h ^ (v * P2), 31) * P1 + P3;
    }

    /** MurmurHash3 fmix64. */
    static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        k ^= k >>> 33;
        return k;
    }

    /** The fingerprint of {@code m} with monitor {@code mon}. */
    public long of(Machine m, WaitMonitor mon) {
        int n = m.threadCount();
        if (label.length < n) {
            label = new int[n];
            keys = new long[n];
            order = new int[n];
        }
        boolean relabel = symmetry && n > 1 && noParents(m);
        for (int t = 0; t < n; t++) {
            order[t] = t;
        }
        if (relabel) {
            for (int t = 0; t < n; t++) {
                keys[t] = threadHash(m, mon, t);
            }
            // insertion sort: n is small in explorations
            for (int i = 1; i < n; i++) {
                int x = order[i];
                int j = i - 1;
                while (j >= 0 && (keys[order[j]] > keys[x] || (keys[order[j]] == keys[x] && order[j] > x))) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = x;
            }
        }
        for (int i = 0; i < n; i++) {
            label[order[i]] = i;
        }
        long h = round(round(0x27D4EB2F165667C5L, m.elapsed()), m.balanceTicks());
        h = round(h, n);
        for (int c = 0; c < m.cpuCount(); c++) {
            CpuState cpu = m.cpu(c);
            h = round(h, (cpu.online() ? 1 : 0) | (cpu.owepreempt() ? 2 : 0) | (cpu.astIpi() ? 4 : 0));
            h = round(h, cpu.curthread() < 0 ? -1 : label[cpu.curthread()]);
            h = round(h, ((long) cpu.load() << 32) | (cpu.sysload() & 0xFFFFFFFFL));
            h = round(h, ((long) cpu.transferable() << 32) | (cpu.lowpri() & 0xFFFFFFFFL));
            h = round(h, ((long) cpu.idx() << 40) | ((long) cpu.ridx() << 32) | (cpu.randomval() & 0xFFFFFFFFL));
            h = round(h, ((long) cpu.switchcnt() << 32) | (cpu.oldswitchcnt() & 0xFFFFFFFFL));
            for (RunqKind kind : RunqKind.values()) {
                RunQueue rq = cpu.runq(kind);
                long status = rq.status();
                h = round(h, status);
                while (status != 0) {
                    int q = Long.numberOfTrailingZeros(status);
                    status &= status - 1;
                    int len = rq.queueSize(q);
                    for (int i = 0; i < len; i++) {
                        h = round(h, label[rq.get(q, i)]);
                    }
                    h = round(h, -2);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            int t = order[i];
            h = round(h, ownState(m.thread(t), h));
            h = round(h, ((long) mon.waited(t) << 32) | (mon.starved(t) & 0xFFFFFFFFL));
        }
        return mix(h);
    }

    private static boolean noParents(Machine m) {
        for (int t = 0; t < m.threadCount(); t++) {
            if (m.thread(t).parent() >= 0) {
                return false;
            }
        }
        return true;
    }

    /** A hash of a thread's own state (no id), with its place (CPU, queue, position) and its monitor counters: the relabelling key. */
    private static long threadHash(Machine m, WaitMonitor mon, int t) {
        ThreadState td = m.thread(t);
        long h = ownState(td, 0x61C8864680B583EBL);
        int pos = -1;
        if (td.queue() != null) {
            RunQueue rq = m.cpu(td.cpu()).runq(td.queue());
            int len = rq.queueSize(td.rqIndex());
            for (int i = 0; i < len; i++) {
                if (rq.get(td.rqIndex(), i) == t) {
                    pos = i;
                    break;
                }
            }
        }
        h = round(h, pos);
        h = round(h, ((long) mon.waited(t) << 32) | (mon.starved(t) & 0xFFFFFFFFL));
        return mix(h);
    }

    private static long ownState(ThreadState td, long seed) {
        long h = seed;
        h = round(h, (td.priClass().ordinal()) | (td.fifo() ? 8 : 0) | (td.xferable() ? 16 : 0) | (td.bound() ? 32 : 0)
                | (td.sliceEnd() ? 64 : 0) | (td.pickCpu() ? 128 : 0) | (td.astPending() ? 256 : 0) | (td.owePreempt() ? 512 : 0)
                | ((long) td.state().ordinal() << 12) | ((long) (td.queue() == null ? 7 : td.queue().ordinal()) << 16)
                | ((long) (td.nice() + 64) << 20) | ((long) td.pinned() << 32));
        h = round(h, td.cpuset().hashCode());
        h = round(h, ((long) td.cpu() << 32) | (td.rqIndex() & 0xFFFFFFFFL));
        h = round(h, ((long) td.runtime() << 32) | (td.slptime() & 0xFFFFFFFFL));
        h = round(h, ((long) td.tsTicks() << 32) | (td.ftick() & 0xFFFFFFFFL));
        h = round(h, ((long) td.ltick() << 32) | (td.slice() & 0xFFFFFFFFL));
        h = round(h, ((long) td.rltick() << 32) | (td.slptick() & 0xFFFFFFFFL));
        h = round(h, ((long) td.priority() << 48) | ((long) td.basePri() << 32) | ((long) td.userPri() << 16) | td.baseUserPri());
        h = round(h, ((long) td.baseIthreadPri() << 32) | (td.parent() & 0xFFFFFFFFL));
        return h;
    }
}
