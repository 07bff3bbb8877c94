// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.conc.harness;

import org.ulemodel.conc.Fault;
import org.ulemodel.conc.SmpScheduler;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.machine.ThreadState;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.spec.explore.Checker;
import org.ulemodel.spec.explore.ModelSpecs;

/**
 * What the harness mains share: building a start state sequentially with the checked model,
 * running CPU threads to completion, and the quiescent check (every spec invariant on a
 * consistent snapshot). Plain Java: threads, {@code assert}, no JPF classes.
 */
public final class Harnesses {
    private Harnesses() {
    }

    /** Builds a start state event by event, every invariant checked after each. */
    public static final class Setup {
        private final Checker<Machine> checked = new Checker<>(ModelSpecs.ule14(), -1);
        private Machine m;

        public Setup(int cpus) {
            m = Machine.boot(MachineConfig.of(Topology.parse(Integer.toString(cpus))));
        }

        /** A timeshare thread (nice 0) made runnable on {@code cpu} (its cpuset is widened to every CPU by {@link #done()}). */
        public Setup thread(int cpu) {
            m = checked.stepOrThrow(m, new Event.Create(PriClass.TIMESHARE, 0, -1, false, CpuSet.of(cpu), cpu)).state();
            return this;
        }

        /** The thread running on {@code cpu} goes to sleep (its CPU stays its home). */
        public Setup block(int cpu) {
            m = checked.stepOrThrow(m, new Event.Block(cpu, 0)).state();
            return this;
        }

        /** The start state: every thread allowed on every CPU. */
        public Machine done() {
            CpuSet all = CpuSet.firstN(m.cpuCount());
            for (int t = 0; t < m.threadCount(); t++) {
                m = checked.stepOrThrow(m, new Event.SetCpuset(t, all, 0)).state();
            }
            return m;
        }
    }

    /** A CPU thread's body that records that it ran to its end (an exception, or a thread the checker ends silently, leaves it false). */
    private static final class Completing implements Runnable {
        private final Runnable body;
        private boolean completed;

        Completing(Runnable body) {
            this.body = body;
        }

        @Override
        public void run() {
            body.run();
            completed = true;
        }
    }

    /**
     * Runs each body on its own thread (a CPU's thread), waits for all of them, and fails unless
     * every one ran to its end.
     */
    public static void runThreads(Runnable... bodies) {
        Completing[] cs = new Completing[bodies.length];
        for (int i = 0; i < bodies.length; i++) {
            cs[i] = new Completing(bodies[i]);
        }
        Thread[] ts = new Thread[cs.length];
        for (int i = 0; i < cs.length; i++) {
            ts[i] = new Thread(cs[i], "cpu" + i);
            ts[i].start();
        }
        try {
            for (Thread t : ts) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining CPU threads", e);
        }
        for (int i = 0; i < cs.length; i++) {
            if (!cs[i].completed) {
                throw new AssertionError("CPU thread " + i + " did not run to its end");
            }
        }
    }

    /**
     * The quiescent check: the scheduler counted exactly the {@code applied} operations its CPU
     * threads saw take effect, and every invariant of {@link org.ulemodel.spec.Invariants} holds
     * on a snapshot taken after all CPU threads finished (else
     * {@link org.ulemodel.spec.InvariantViolationException} naming the broken one).
     */
    public static Machine checkQuiescent(SmpScheduler s, int applied) {
        if (s.applied() != applied) {
            throw new AssertionError("the scheduler counted " + s.applied() + " applied operations, the CPU threads saw " + applied);
        }
        Machine snap = s.snapshot();
        new Checker<>(ModelSpecs.ule14(), -1).verify(snap, "quiescent state after the CPU threads finished");
        return snap;
    }

    /** 1 for an operation that took effect, else 0. */
    static int count(boolean applied) {
        return applied ? 1 : 0;
    }

    /**
     * The line a harness main prints once its CPU threads completed and its check passed;
     * {@code run-jpf.sh} counts a JPF run without it as a failure (the search never reached the
     * end of the program: a silent pass).
     */
    public static final String END_MARKER = "ulemodel-jpf: end reached: ";

    /** Prints {@link #END_MARKER} with the harness and its choices. */
    public static void reachedEnd(Object harness) {
        System.out.println(END_MARKER + harness + ": every CPU thread completed, the quiescent check passed");
    }

    /** Threads that are running or queued somewhere. */
    public static int runnable(Machine m) {
        int n = 0;
        for (int t = 0; t < m.threadCount(); t++) {
            ThreadState td = m.thread(t);
            if (td.state() == RunState.RUNNING || td.state() == RunState.QUEUED) {
                n++;
            }
        }
        return n;
    }

    /** The fault named by the first argument, {@link Fault#NONE} without one. */
    public static Fault faultFrom(String[] args) {
        return args.length > 0 ? Fault.valueOf(args[0]) : Fault.NONE;
    }

    /** The second argument that plants an early exit, e.g. {@code NONE EARLY_EXIT}. */
    public static final String EARLY_EXIT = "EARLY_EXIT";

    /**
     * Whether the main is to exit early (second argument {@link #EARLY_EXIT}): it builds its
     * start state and scheduler, then returns without running its CPU threads or its check. JPF
     * then ends its search after one state with "no errors detected", which is what this
     * jpf-core did when it silently ended the main thread at a compiler-generated record method.
     * Planted to show that {@code run-jpf.sh} counts such a run as a failure.
     */
    public static boolean plantedEarlyExit(String[] args) {
        return args.length > 1 && EARLY_EXIT.equals(args[1]);
    }
}
