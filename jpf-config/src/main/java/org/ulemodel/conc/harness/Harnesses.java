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

    /** Runs each body on its own thread (a CPU's thread) and waits for all of them. */
    public static void runThreads(Runnable... bodies) {
        Thread[] ts = new Thread[bodies.length];
        for (int i = 0; i < bodies.length; i++) {
            ts[i] = new Thread(bodies[i]);
        }
        for (Thread t : ts) {
            t.start();
        }
        try {
            for (Thread t : ts) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining CPU threads", e);
        }
    }

    /**
     * The quiescent check: every invariant of {@link org.ulemodel.spec.Invariants} on a
     * snapshot taken after all CPU threads finished; throws
     * {@link org.ulemodel.spec.InvariantViolationException} naming the broken one.
     */
    public static Machine checkQuiescent(SmpScheduler s) {
        Machine snap = s.snapshot();
        new Checker<>(ModelSpecs.ule14(), -1).verify(snap, "quiescent state after the CPU threads finished");
        return snap;
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
}
