// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import java.util.ArrayList;
import java.util.Collections;
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
abstract class MachineEdit implements LoadView {
    private final Machine base;
    final MachineConfig config;
    final SchedParams p;
    final Topology topo;
    /** {@link MachineConfig#smp()}, read once per step: the tick path asks for it per CPU. */
    final boolean smp;
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
    /** The base machine's CPUs ({@code cpu_tdq}); never written. */
    private final CpuTable baseCpus;
    /**
     * The first CPU this step edits and its copy, kept outside {@link #cpuEdits}: most events
     * touch one CPU, and then no per-CPU table is made (at 256 CPUs that table alone is 1 kB).
     * -1: none yet.
     */
    private int soleCpu = -1;
    private CpuState soleCpuState;
    /** The second CPU this step edits and its copy (a wakeup placed on another CPU edits two), also outside the table. -1: none yet. */
    private int pairCpu = -1;
    private CpuState pairCpuState;
    /** Copies of the further CPUs this step edits, by CPU id; null until a second CPU is edited. */
    private CpuState[] cpuEdits;
    /**
     * Builders of the base machine's threads edited so far: an open-addressing table (linear
     * probing, at most half full) keyed by {@code tid + 1}, 0 marking a free slot. Most
     * transitions edit one to three threads, so this costs two small arrays where a
     * {@code HashMap<Integer, …>} cost a table, a node per entry and boxed keys.
     */
    private int[] editKeys;
    private ThreadState[] editStates;
    private int editCount;
    /**
     * The thread edited last and its builder: most steps touch one thread over and over (the
     * running one), so this answers most {@link #td} calls without probing the table. -1: none.
     */
    private int lastTid = -1;
    private ThreadState lastEdit;
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
    /** Threads created in this step, in id order; null until the first ({@code thread_alloc}). */
    private List<ThreadState> created;
    /** Decisions in order; null until the first, so a step that decides nothing allocates no list. */
    private List<Decision> decisions;

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
    boolean mayMigrate(MigrationPoint point, ThreadState td, int from, int to) {
        MigrationHook hook = config.tunables().migrationHook();
        if (hook == MigrationHook.ULE) {
            hookCalls++;
            return true; // FreeBSD's answer, without building the features
        }
        int allowed = td.cpuset.and(onlineSet()).size();
        MigrationFeatures f = new MigrationFeatures(point, hookCalls++, td.tid, from, to, load(from), load(to),
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
        this.baseCpus = base.cpuTable();
        this.smp = baseCpus.size() > 1;
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

    /** {@code sched_random()} calls made in this transition, over all CPUs. */
    int randomDraws;


    int ticks() {
        return (int) elapsed;
    }

    int cpuCount() {
        return baseCpus.size();
    }

    /** CPU {@code c} as this step has it: its copy when edited, else the base machine's state (read only). */
    private CpuState current(int c) {
        CpuState b = editedCpu(c);
        return b != null ? b : baseCpus.get(c);
    }

    /** This step's copy of CPU {@code c}, or null when the step has not written it. */
    private CpuState editedCpu(int c) {
        if (c == soleCpu) {
            return soleCpuState;
        }
        if (c == pairCpu) {
            return pairCpuState;
        }
        return cpuEdits == null ? null : cpuEdits[c];
    }

    /** The editable run state of CPU {@code c} ({@code TDQ_CPU(c)}): copied on the first write. */
    CpuState tdq(int c) {
        CpuState b = editedCpu(c);
        if (b != null) {
            return b;
        }
        b = baseCpus.get(c).copy();
        if (soleCpu < 0) {
            soleCpu = c;
            soleCpuState = b;
        } else if (pairCpu < 0) {
            pairCpu = c;
            pairCpuState = b;
        } else {
            if (cpuEdits == null) {
                cpuEdits = new CpuState[baseCpus.size()];
            }
            cpuEdits[c] = b;
        }
        return b;
    }

    int threadCount() {
        return base.threadCount() + (created == null ? 0 : created.size());
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
        if (tid == lastTid) {
            return lastEdit;
        }
        int k = tid - base.threadCount();
        if (k >= 0) {
            return created != null && k < created.size() ? created.get(k) : null;
        }
        if (tid == soleTid) {
            return soleEdit;
        }
        if (tid == pairTid) {
            return pairEdit;
        }
        if (editKeys == null || tid < 0) {
            return null;
        }
        int mask = editKeys.length - 1;
        for (int i = editSlot(tid, mask); editKeys[i] != 0; i = (i + 1) & mask) {
            if (editKeys[i] == tid + 1) {
                return editStates[i];
            }
        }
        return null;
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
                putEdit(tid, t);
            }
        }
        if (tid < base.threadCount()) {
            lastTid = tid;
            lastEdit = t;
        }
        return t;
    }

    /** Adds thread {@code tid}'s copy to the table (it is not there). */
    private void putEdit(int tid, ThreadState t) {
        if (editKeys == null) {
            editKeys = new int[8];
            editStates = new ThreadState[8];
        }
        int mask = editKeys.length - 1;
        int i = editSlot(tid, mask);
        while (editKeys[i] != 0) {
            i = (i + 1) & mask;
        }
        editKeys[i] = tid + 1;
        editStates[i] = t;
        if (++editCount * 2 > editKeys.length) {
            growEdits();
        }
    }

    /**
     * Sizes the edit table for about {@code threads} edited threads at once (a tick edits every
     * CPU's running thread), so that it is not grown and rehashed step by step.
     */
    void expectThreadEdits(int threads) {
        int slots = Integer.highestOneBit(Math.max(4, threads) * 2 - 1) * 2;
        if (editKeys == null && threads > 4) {
            editKeys = new int[slots];
            editStates = new ThreadState[slots];
        }
    }

    private static int editSlot(int tid, int mask) {
        int h = tid * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    private void growEdits() {
        int[] keys = editKeys;
        ThreadState[] states = editStates;
        editKeys = new int[keys.length * 2];
        editStates = new ThreadState[keys.length * 2];
        int mask = editKeys.length - 1;
        for (int j = 0; j < keys.length; j++) {
            if (keys[j] != 0) {
                int i = editSlot(keys[j] - 1, mask);
                while (editKeys[i] != 0) {
                    i = (i + 1) & mask;
                }
                editKeys[i] = keys[j];
                editStates[i] = states[j];
            }
        }
    }

    ThreadState newThread() {
        ThreadState b = new ThreadState();
        b.tid = threadCount();
        if (created == null) {
            created = new ArrayList<>(2);
        }
        created.add(b);
        return b;
    }

    /** Whether this step has decided anything yet. */
    boolean decided() {
        return decisions != null;
    }

    void decide(Decision d) {
        if (decisions == null) {
            decisions = new ArrayList<>(8); // a switch decides 4–7 things; growing the list cost more than its slots
        }
        decisions.add(d);
    }

    Machine commit() {
        // Threads first: a running thread's new state goes to its CPU (CpuState.running), which may
        // copy that CPU; the vector takes the others, and a running one's only when it was just
        // switched in there (its entry then says it runs on that CPU).
        PersistentVector<ThreadState> threads = base.threadVector();
        boolean soleToVector = soleTid >= 0 && toVector(soleTid, soleEdit);
        boolean pairToVector = pairTid >= 0 && toVector(pairTid, pairEdit);
        if (editCount > 0) {
            int[] tids = new int[editCount + 2];
            ThreadState[] states = new ThreadState[editCount + 2];
            int k = 0;
            for (int i = 0; i < editKeys.length; i++) {
                if (editKeys[i] != 0 && toVector(editKeys[i] - 1, editStates[i])) {
                    tids[k] = editKeys[i] - 1;
                    states[k++] = editStates[i];
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
        if (created != null) {
            for (ThreadState b : created) {
                threads = threads.append(b);
            }
        }
        CpuTable cpus = baseCpus;
        if (soleCpu >= 0) {
            CpuTable.Edit e = cpus.edit();
            e.set(soleCpu, keepOnlyCurrent(soleCpuState));
            if (pairCpu >= 0) {
                e.set(pairCpu, keepOnlyCurrent(pairCpuState));
            }
            if (cpuEdits != null) {
                for (int i = 0; i < cpuEdits.length; i++) {
                    if (cpuEdits[i] != null) {
                        e.set(i, keepOnlyCurrent(cpuEdits[i]));
                    }
                }
            }
            cpus = e.done();
        }
        return new Machine(config, elapsed, cpus, threads, balanceTicks);
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
        if (c < 0 || c >= baseCpus.size() || current(c).curthread != tid) {
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
        if ((picks | statusWords | threadsExamined | hookCalls | hookRefusals) == 0) {
            return Cost.ZERO;
        }
        return new Cost(picks, statusWords, maxWordsPerPick, threadsExamined, hookCalls, hookRefusals);
    }

    List<Decision> decisionList() {
        // The list is the transaction's own and nothing adds to it after the step: hand it over read-only, uncopied.
        return decisions == null ? List.of() : Collections.unmodifiableList(decisions);
    }

}
