// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import java.util.ArrayList;
import java.util.List;
import org.ulemodel.core.persist.PersistentVector;
import org.ulemodel.core.smp.Lcg;
import org.ulemodel.core.smp.LoadView;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.core.ule.SchedParams;

/**
 * The transaction a step runs in: a copy-on-write view of a {@link Machine} — per-CPU and
 * per-thread builders made on first touch, threads created — plus the decisions and the cost the
 * step records, and {@link #commit()}, which freezes the edits into a new machine and leaves the
 * old one untouched. {@link Transition} writes FreeBSD's scheduler functions against it and
 * knows nothing of how edits are stored; nothing else in here knows ULE's policy.
 *
 * <p>Invariants: at most one builder per CPU and per thread; a builder, once made, is the one
 * every later read and write of that CPU or thread in the step goes to; the base machine is never
 * written.
 */
abstract class MachineEdit {
    private final Machine base;
    final MachineConfig config;
    final SchedParams p;
    final Topology topo;
    long elapsed;
    int balanceTicks;
    /**
     * Threads whose {@code td_lock} is momentarily not their CPU's run-queue lock, a transient
     * kernel state the balancer leaves alone. The model never creates it; only states recorded
     * elsewhere (golden rows) carry it.
     */
    java.util.function.IntPredicate lockedElsewhere = tid -> false;
    /** Told what the SMP searches, steals and the balancer did (the golden tables' search traces); silent by default. */
    SmpObserver observer = SmpObserver.NONE;
    private final CpuState.Builder[] cpuEdits;
    /**
     * Builders of the base machine's threads edited so far: an open-addressing table (linear
     * probing, at most half full) keyed by {@code tid + 1}, 0 marking a free slot. Most
     * transitions edit one to three threads, so this costs two small arrays where a
     * {@code HashMap<Integer, …>} cost a table, a node per entry and boxed keys.
     */
    private int[] editKeys = new int[8];
    private ThreadState.Builder[] editBuilders = new ThreadState.Builder[8];
    private int editCount;
    private final List<ThreadState.Builder> created = new ArrayList<>();
    final List<Decision> decisions = new ArrayList<>();

    private int picks;
    private int statusWords;
    private int maxWordsPerPick;
    private int threadsExamined;
    private int hookCalls;
    private int hookRefusals;

    /** Counts one pick that read {@code words} run-queue status words ({@link Cost}). */
    void countPick(int words) {
        picks++;
        statusWords += words;
        maxWordsPerPick = Math.max(maxWordsPerPick, words);
    }

    /**
     * Asks the configuration's {@link MigrationHook} whether {@code td} may move from {@code from}
     * to {@code to}, numbering the question ({@link MigrationFeatures#call}) and counting it
     * ({@link Cost#hookCalls}). The caller has already checked ULE's own rules.
     */
    boolean mayMigrate(MigrationPoint point, ThreadState.Builder td, int from, int to) {
        MigrationHook hook = config.tunables().migrationHook();
        if (hook == MigrationHook.ULE) {
            hookCalls++;
            return true; // FreeBSD's answer, without building the features
        }
        int allowed = td.cpuset.and(onlineSet()).size();
        MigrationFeatures f = new MigrationFeatures(point, hookCalls++, td.tid, from, to, view.load(from), view.load(to),
                td.runtime, td.slptime, ticks() - td.rltick, td.priority, allowed, topo.leafOf(from).index() == topo.leafOf(to).index());
        if (hook.mayMigrate(f)) {
            return true;
        }
        hookRefusals++;
        return false;
    }

    /** Counts one thread examined by a steal ({@link Cost}). */
    void countExamined() {
        threadsExamined++;
    }

    MachineEdit(Machine base) {
        this.base = base;
        this.config = base.config();
        this.p = config.params();
        this.topo = config.topology();
        this.elapsed = base.elapsed();
        this.balanceTicks = base.balanceTicks();
        this.cpuEdits = new CpuState.Builder[base.cpuCount()];
    }

    /** Per-CPU fields read by the CPU searches, without locks as ULE reads them: the current values of this transition. */
    final LoadView view = new LoadView() {
        @Override
        public int load(int c) {
            CpuState.Builder b = cpuEdits[c];
            return b != null ? b.load : base.cpuArray()[c].load();
        }

        @Override
        public int lowpri(int c) {
            CpuState.Builder b = cpuEdits[c];
            return b != null ? b.lowpri : base.cpuArray()[c].lowpri();
        }

        @Override
        public int transferable(int c) {
            CpuState.Builder b = cpuEdits[c];
            return b != null ? b.transferable : base.cpuArray()[c].transferable();
        }
    };

    boolean online(int c) {
        CpuState.Builder b = cpuEdits[c];
        return b != null ? b.online : base.cpuArray()[c].online();
    }

    /** The CPUs currently online. */
    CpuSet onlineSet() {
        long[] w = new long[(cpuCount() + 63) >>> 6];
        for (int c = 0; c < cpuCount(); c++) {
            if (online(c)) {
                w[c >>> 6] |= 1L << (c & 63);
            }
        }
        return CpuSet.ofWords(w);
    }

    /** FreeBSD {@code CPU_FILL}: every CPU id, including ids beyond this machine's, so it is never empty. */
    CpuSet fill() {
        return CpuSet.firstN(Math.max(64, cpuCount() + 1));
    }

    /** The searching CPU's {@code randomval} as a generator; {@link #keep} stores it back. */
    Lcg lcg(int c) {
        return new Lcg(tdq(c).randomval);
    }

    void keep(int c, Lcg r) {
        tdq(c).randomval = r.state();
        randomDraws += r.draws();
    }

    /** {@code sched_random()} calls made in this transition, over all CPUs. */
    int randomDraws;


    int ticks() {
        return (int) elapsed;
    }

    int cpuCount() {
        return cpuEdits.length;
    }

    /** The editable run state of CPU {@code c} ({@code TDQ_CPU(c)}). */
    CpuState.Builder tdq(int c) {
        CpuState.Builder b = cpuEdits[c];
        if (b == null) {
            b = base.cpuArray()[c].edit();
            cpuEdits[c] = b;
        }
        return b;
    }

    int threadCount() {
        return base.threadCount() + created.size();
    }

    /** The editable scheduling state of thread {@code tid}. */
    ThreadState.Builder td(int tid) {
        int old = base.threadCount();
        if (tid >= old) {
            return created.get(tid - old);
        }
        if (tid < 0) {
            return base.thread(tid).edit(); // refuses the id
        }
        int mask = editKeys.length - 1;
        int i = editSlot(tid, mask);
        while (editKeys[i] != 0) {
            if (editKeys[i] == tid + 1) {
                return editBuilders[i];
            }
            i = (i + 1) & mask;
        }
        ThreadState.Builder b = base.thread(tid).edit();
        editKeys[i] = tid + 1;
        editBuilders[i] = b;
        if (++editCount * 2 > editKeys.length) {
            growEdits();
        }
        return b;
    }

    private static int editSlot(int tid, int mask) {
        int h = tid * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    private void growEdits() {
        int[] keys = editKeys;
        ThreadState.Builder[] builders = editBuilders;
        editKeys = new int[keys.length * 2];
        editBuilders = new ThreadState.Builder[keys.length * 2];
        int mask = editKeys.length - 1;
        for (int j = 0; j < keys.length; j++) {
            if (keys[j] != 0) {
                int i = editSlot(keys[j] - 1, mask);
                while (editKeys[i] != 0) {
                    i = (i + 1) & mask;
                }
                editKeys[i] = keys[j];
                editBuilders[i] = builders[j];
            }
        }
    }

    ThreadState.Builder newThread() {
        ThreadState.Builder b = new ThreadState.Builder();
        b.tid = threadCount();
        created.add(b);
        return b;
    }

    void decide(Decision d) {
        decisions.add(d);
    }

    Machine commit() {
        CpuState[] cpus = base.cpuArray();
        boolean cpuChanged = false;
        for (CpuState.Builder b : cpuEdits) {
            if (b != null) {
                cpuChanged = true;
                break;
            }
        }
        if (cpuChanged) {
            cpus = cpus.clone();
            for (int i = 0; i < cpuEdits.length; i++) {
                if (cpuEdits[i] != null) {
                    cpus[i] = cpuEdits[i].build();
                }
            }
        }
        PersistentVector<ThreadState> threads = base.threadVector();
        if (editCount > 0) {
            int[] tids = new int[editCount];
            ThreadState[] states = new ThreadState[editCount];
            for (int i = 0, k = 0; i < editKeys.length; i++) {
                if (editKeys[i] != 0) {
                    tids[k] = editKeys[i] - 1;
                    states[k++] = editBuilders[i].build();
                }
            }
            threads = threads.setAll(editCount, tids, states);
        }
        for (ThreadState.Builder b : created) {
            threads = threads.append(b.build());
        }
        return new Machine(config, elapsed, cpus, threads, balanceTicks);
    }

    Cost cost() {
        return new Cost(picks, statusWords, maxWordsPerPick, threadsExamined, hookCalls, hookRefusals);
    }

    List<Decision> decisionList() {
        return List.copyOf(decisions);
    }

}
