// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
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
abstract class MachineEdit implements LoadView {
    private final Machine base;
    final MachineConfig config;
    final SchedParams p;
    /** {@link MachineConfig#smp()}, read once per step: the tick path asks for it per CPU. */
    final boolean smp;
    long elapsed;
    int balanceTicks;
    /** The base machine's CPU count, read once: a chunked table's count takes three loads, and loops ask per CPU. */
    private final int cpuCount;
    /**
     * The first CPU this step edits and its copy, kept outside the per-CPU table: most events
     * touch one CPU, and then no per-CPU table is made (at 256 CPUs that table alone is 1 kB).
     * -1: none yet.
     */
    private int soleCpu = -1;
    private CpuState soleCpuState;
    /** The second CPU this step edits and its copy (a wakeup placed on another CPU edits two), also outside the table. -1: none yet. */
    private int pairCpu = -1;
    private CpuState pairCpuState;
    /**
     * The first base thread this step edits and its builder, kept outside the table: most steps
     * edit one thread, and then no table is made. -1: none yet.
     */
    private int soleTid = -1;
    private ThreadState soleEdit;
    /**
     * The second base thread this step edits and its builder, also outside the table: a switch
     * edits the thread leaving and the one picked, a wakeup the woken thread and the one it may
     * preempt. -1: none yet.
     */
    private int pairTid = -1;
    private ThreadState pairEdit;
    /** Decisions in order; null until the first, so a step that decides nothing allocates no list. */
    private DecisionList decisions;
    /** What fewer steps need (more CPUs or threads edited, threads created, steals, probes); null until one does. */
    private Rare rare;

    private int picks;
    private int statusWords;
    private int maxWordsPerPick;
    private int hookCalls;
    /** {@code sched_random()} calls made in this transition, over all CPUs. */
    int randomDraws;

    /**
     * The parts of a transaction most steps never touch, kept out of it so that the transaction a
     * tick allocates stays small (every step makes one). Made on first use; single owner.
     */
    private static final class Rare {
        /**
         * Threads whose {@code td_lock} is momentarily not their CPU's run-queue lock, a transient
         * kernel state the balancer leaves alone. The model never creates it; only states recorded
         * elsewhere (golden rows) carry it.
         */
        IntPredicate lockedElsewhere = tid -> false;
        /** Told what the SMP searches, steals and the balancer did (the golden tables' search traces). */
        SmpObserver observer = SmpObserver.NONE;
        /** Copies of the third and further CPUs this step edits, by CPU id; null until a third CPU is edited. */
        CpuState[] cpuEdits;
        /**
         * Builders of the third and further base threads this step edits: an open-addressing
         * table (linear probing, at most half full) keyed by {@code tid + 1}, 0 marking a free
         * slot; null until a third thread is edited. Two small arrays where a
         * {@code HashMap<Integer, …>} cost a table, a node per entry and boxed keys.
         */
        int[] editKeys;
        ThreadState[] editStates;
        int editCount;
        /** Threads created in this step, in id order; null until the first ({@code thread_alloc}). */
        List<ThreadState> created;
        int threadsExamined;
        int hookRefusals;

        /** Thread {@code tid}'s copy in the edit table, or null. */
        ThreadState edited(int tid) {
            int[] keys = editKeys;
            if (keys == null) {
                return null;
            }
            int mask = keys.length - 1;
            for (int i = slot(tid, mask); keys[i] != 0; i = (i + 1) & mask) {
                if (keys[i] == tid + 1) {
                    return editStates[i];
                }
            }
            return null;
        }

        /** Adds thread {@code tid}'s copy to the edit table (it is not there). */
        void put(int tid, ThreadState t) {
            if (editKeys == null) {
                reserve(8);
            }
            insert(tid + 1, t);
            if (++editCount * 2 > editKeys.length) {
                int[] keys = editKeys;
                ThreadState[] states = editStates;
                reserve(keys.length * 2);
                for (int j = 0; j < keys.length; j++) {
                    if (keys[j] != 0) {
                        insert(keys[j], states[j]);
                    }
                }
            }
        }

        /** An empty edit table of {@code slots} slots (a power of two). */
        void reserve(int slots) {
            editKeys = new int[slots];
            editStates = new ThreadState[slots];
        }

        private void insert(int key, ThreadState t) {
            int mask = editKeys.length - 1;
            int i = slot(key - 1, mask);
            while (editKeys[i] != 0) {
                i = (i + 1) & mask;
            }
            editKeys[i] = key;
            editStates[i] = t;
        }

        private static int slot(int tid, int mask) {
            int h = tid * 0x9E3779B9;
            return (h ^ (h >>> 16)) & mask;
        }
    }

    private Rare rare() {
        if (rare == null) {
            rare = new Rare();
        }
        return rare;
    }

    /** The machine's topology ({@code cpu_top}). */
    final Topology topo() {
        return config.topology();
    }

    /** Who is told what the SMP searches, steals and the balancer did; {@link SmpObserver#NONE} unless set. */
    final SmpObserver observer() {
        return rare == null ? SmpObserver.NONE : rare.observer;
    }

    final void observer(SmpObserver o) {
        rare().observer = o;
    }

    /** Whether running thread {@code tid}'s {@code td_lock} is momentarily elsewhere (see {@link Rare#lockedElsewhere}). */
    final boolean lockedElsewhere(int tid) {
        return rare != null && rare.lockedElsewhere.test(tid);
    }

    final void lockedElsewhere(IntPredicate which) {
        rare().lockedElsewhere = which;
    }

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
    boolean mayMigrate(MigrationPoint point, ThreadState td, int from, int to) {
        MigrationHook hook = config.tunables().migrationHook();
        if (hook == MigrationHook.ULE) {
            hookCalls++;
            return true; // FreeBSD's answer, without building the features
        }
        int allowed = td.cpuset.and(onlineSet()).size();
        MigrationFeatures f = new MigrationFeatures(point, hookCalls++, td.tid, from, to, load(from), load(to),
                td.runtime, td.slptime, ticks() - td.rltick, td.priority, allowed, topo().leafOf(from).index() == topo().leafOf(to).index());
        if (hook.mayMigrate(f)) {
            return true;
        }
        rare().hookRefusals++;
        return false;
    }

    /** Counts one thread examined by a steal ({@link Cost}). */
    void countExamined() {
        rare().threadsExamined++;
    }

    MachineEdit(Machine base) {
        this.base = base;
        this.config = base.config();
        this.p = config.params();
        this.elapsed = base.elapsed();
        this.balanceTicks = base.balanceTicks();
        this.cpuCount = base.tableSize();
        this.smp = cpuCount > 1;
    }

    // LoadView: per-CPU fields read by the CPU searches, without locks as ULE reads them: the
    // current values of this transition. The edit itself is the view, so a step allocates none.

    @Override
    public int load(int c) {
        return current(c).load;
    }

    @Override
    public int lowpri(int c) {
        return current(c).lowpri;
    }

    @Override
    public int transferable(int c) {
        return current(c).transferable;
    }

    /** {@code tdq_curthread} of CPU {@code c} as this step has it, without editing the CPU. */
    int curthread(int c) {
        return current(c).curthread;
    }

    boolean online(int c) {
        return current(c).online();
    }

    /** CPU {@code c}'s {@link CpuState#clockLag} as this step has it, without editing the CPU. */
    int clockLag(int c) {
        return current(c).clockLag;
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

    /**
     * The online CPUs of {@code set}: {@code set} itself when every CPU is online and the set
     * names only this machine's CPUs (the common case, without making a set), else the
     * intersection with {@link #onlineSet()}.
     */
    CpuSet onlineCpusOf(CpuSet set) {
        if (set.last() < cpuCount()) {
            boolean allOnline = true;
            for (int c = 0; c < cpuCount() && allOnline; c++) {
                allOnline = online(c);
            }
            if (allOnline) {
                return set;
            }
        }
        return set.and(onlineSet());
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

    int ticks() {
        return (int) elapsed;
    }

    int cpuCount() {
        return cpuCount;
    }

    /** CPU {@code c} as this step has it: its copy when edited, else the base machine's state (read only). */
    private CpuState current(int c) {
        CpuState b = editedCpu(c);
        return b != null ? b : base.get(c);
    }

    /** This step's copy of CPU {@code c}, or null when the step has not written it. */
    private CpuState editedCpu(int c) {
        if (c == soleCpu) {
            return soleCpuState;
        }
        if (c == pairCpu) {
            return pairCpuState;
        }
        return rare == null || rare.cpuEdits == null ? null : rare.cpuEdits[c];
    }

    /** The editable run state of CPU {@code c} ({@code TDQ_CPU(c)}): copied on the first write. */
    CpuState tdq(int c) {
        CpuState b = editedCpu(c);
        if (b != null) {
            return b;
        }
        b = base.get(c).copy();
        if (soleCpu < 0) {
            soleCpu = c;
            soleCpuState = b;
        } else if (pairCpu < 0) {
            pairCpu = c;
            pairCpuState = b;
        } else {
            Rare r = rare();
            if (r.cpuEdits == null) {
                r.cpuEdits = new CpuState[cpuCount];
            }
            r.cpuEdits[c] = b;
        }
        return b;
    }

    int threadCount() {
        return base.threadCount() + (rare == null || rare.created == null ? 0 : rare.created.size());
    }

    /**
     * Thread {@code tid} as this step has it, for reading only: its copy when the step has
     * written it (or created it), else the base machine's state, so a read makes no copy.
     */
    ThreadState threadNow(int tid) {
        ThreadState t = editedThread(tid);
        return t != null ? t : base.thread(tid);
    }

    /** This step's copy of thread {@code tid} (one it created, or wrote), or null when it has neither. */
    private ThreadState editedThread(int tid) {
        if (tid == soleTid) {
            return soleEdit;
        }
        if (tid == pairTid) {
            return pairEdit;
        }
        if (rare == null || tid < 0) {
            return null;
        }
        int k = tid - base.threadCount();
        if (k >= 0) {
            List<ThreadState> created = rare.created;
            return created != null && k < created.size() ? created.get(k) : null;
        }
        return rare.edited(tid);
    }

    /** The editable scheduling state of thread {@code tid}: copied on the first write; refuses an unknown id. */
    ThreadState td(int tid) {
        ThreadState t = editedThread(tid);
        if (t == null) {
            t = base.thread(tid).copy(); // refuses an id beyond every thread
            if (soleTid < 0) { // the first thread this step writes: no table yet
                soleTid = tid;
                soleEdit = t;
            } else if (pairTid < 0) { // the second: no table yet either
                pairTid = tid;
                pairEdit = t;
            } else {
                rare().put(tid, t);
            }
        }
        return t;
    }

    /**
     * Sizes the edit table for about {@code threads} edited threads at once (a tick edits every
     * CPU's running thread), so that it is not grown and rehashed step by step.
     */
    void expectThreadEdits(int threads) {
        if (threads > 4 && (rare == null || rare.editKeys == null)) {
            rare().reserve(Integer.highestOneBit(threads * 2 - 1) * 2);
        }
    }

    ThreadState newThread() {
        ThreadState b = new ThreadState();
        b.tid = threadCount();
        Rare r = rare();
        if (r.created == null) {
            r.created = new ArrayList<>(2);
        }
        r.created.add(b);
        return b;
    }

    /** Whether this step has decided anything yet. */
    boolean decided() {
        return decisions != null;
    }

    void decide(Decision d) {
        if (decisions == null) {
            decisions = new DecisionList();
        }
        decisions.append(d);
    }

    Machine commit() {
        // Threads first: a running thread's new state goes to its CPU (CpuState.running), which may
        // copy that CPU; the vector takes the others, and a running one's only when it was just
        // switched in there (its entry then says it runs on that CPU).
        PersistentVector<ThreadState> threads = base.threadVector();
        boolean soleToVector = soleTid >= 0 && toVector(soleTid, soleEdit);
        boolean pairToVector = pairTid >= 0 && toVector(pairTid, pairEdit);
        Rare r = rare;
        if (r != null && r.editCount > 0) {
            int[] tids = new int[r.editCount + 2];
            ThreadState[] states = new ThreadState[r.editCount + 2];
            int k = 0;
            for (int i = 0; i < r.editKeys.length; i++) {
                if (r.editKeys[i] != 0 && toVector(r.editKeys[i] - 1, r.editStates[i])) {
                    tids[k] = r.editKeys[i] - 1;
                    states[k++] = r.editStates[i];
                }
            }
            if (soleToVector) {
                tids[k] = soleTid;
                states[k++] = soleEdit;
            }
            if (pairToVector) {
                tids[k] = pairTid;
                states[k++] = pairEdit;
            }
            threads = threads.setAll(k, tids, states);
        } else if (soleToVector && pairToVector) {
            threads = threads.set(soleTid, soleEdit, pairTid, pairEdit);
        } else if (soleToVector) {
            threads = threads.set(soleTid, soleEdit);
        } else if (pairToVector) {
            threads = threads.set(pairTid, pairEdit);
        }
        if (r != null && r.created != null) {
            for (ThreadState b : r.created) {
                threads = threads.append(b);
            }
        }
        if (soleCpu >= 0) {
            CpuTable.Edit e = base.edit();
            e.set(soleCpu, keepOnlyCurrent(soleCpuState));
            if (pairCpu >= 0) {
                e.set(pairCpu, keepOnlyCurrent(pairCpuState));
            }
            if (r != null && r.cpuEdits != null) {
                for (int i = 0; i < r.cpuEdits.length; i++) {
                    if (r.cpuEdits[i] != null) {
                        e.set(i, keepOnlyCurrent(r.cpuEdits[i]));
                    }
                }
            }
            return new Machine(config, elapsed, e, threads, balanceTicks);
        }
        return new Machine(config, elapsed, base, threads, balanceTicks);
    }

    /**
     * Routes thread {@code tid}'s new state {@code t} at commit: a thread running on a CPU whose
     * {@code curthread} it is has its state kept by that CPU ({@link CpuState#running}); answers
     * whether the vector must take it too (always, unless the vector's entry already says it runs
     * on that CPU).
     */
    private boolean toVector(int tid, ThreadState t) {
        if (t.stateCode != ThreadState.RUNNING_CODE) {
            return true;
        }
        int c = t.cpu;
        if (c < 0 || c >= cpuCount || current(c).curthread != tid) {
            return true;
        }
        tdq(c).running = t;
        ThreadState entry = base.threadVector().get(tid);
        return entry.stateCode != ThreadState.RUNNING_CODE || entry.cpu != c;
    }

    /** {@code cpu}, an edited copy, keeping the state of its {@code curthread} only (none when idle or another thread ran there). */
    private static CpuState keepOnlyCurrent(CpuState cpu) {
        if (cpu.running != null && cpu.running.tid != cpu.curthread) {
            cpu.running = null;
        }
        return cpu;
    }

    Cost cost() {
        int threadsExamined = rare == null ? 0 : rare.threadsExamined;
        int hookRefusals = rare == null ? 0 : rare.hookRefusals;
        if ((picks | statusWords | threadsExamined | hookCalls | hookRefusals) == 0) {
            return Cost.ZERO;
        }
        return Cost.of(picks, statusWords, maxWordsPerPick, threadsExamined, hookCalls, hookRefusals);
    }

    List<Decision> decisionList() {
        // The list is the transaction's own, read-only to everyone else, and nothing appends to it after the step.
        return decisions == null ? List.of() : decisions;
    }

}
