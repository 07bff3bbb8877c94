// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.compose;

import java.util.function.IntConsumer;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.model.ThreadPolicy;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;

/**
 * A {@link SchedulerState} view that forwards every question to another state ({@link #view()}):
 * the view of a composed model's state, and the base of views that change a few answers (the
 * planted faults of a policy switch). Invariant: a method not overridden answers as
 * {@link #view()} does.
 */
public abstract class ForwardingState implements SchedulerState {
    /** The state that answers. */
    protected abstract SchedulerState view();

    @Override
    public String service(int cpu) {
        return view().service(cpu);
    }

    @Override
    public long serviceTicks(int cpu) {
        return view().serviceTicks(cpu);
    }

    @Override
    public long serviceSince(int cpu) {
        return view().serviceSince(cpu);
    }

    @Override
    public Topology topology() {
        return view().topology();
    }

    @Override
    public long elapsed() {
        return view().elapsed();
    }

    @Override
    public int hz() {
        return view().hz();
    }

    @Override
    public int stathz() {
        return view().stathz();
    }

    @Override
    public int cpuCount() {
        return view().cpuCount();
    }

    @Override
    public boolean online(int cpu) {
        return view().online(cpu);
    }

    @Override
    public int running(int cpu) {
        return view().running(cpu);
    }

    @Override
    public boolean ipiPending(int cpu) {
        return view().ipiPending(cpu);
    }

    @Override
    public void forEachQueued(int cpu, IntConsumer action) {
        view().forEachQueued(cpu, action);
    }

    @Override
    public int threadCount() {
        return view().threadCount();
    }

    @Override
    public RunState threadState(int tid) {
        return view().threadState(tid);
    }

    @Override
    public int threadCpu(int tid) {
        return view().threadCpu(tid);
    }

    @Override
    public int threadPriority(int tid) {
        return view().threadPriority(tid);
    }

    @Override
    public CpuSet threadCpuset(int tid) {
        return view().threadCpuset(tid);
    }

    @Override
    public boolean threadBound(int tid) {
        return view().threadBound(tid);
    }

    @Override
    public int threadParent(int tid) {
        return view().threadParent(tid);
    }

    @Override
    public ThreadPolicy threadPolicy(int tid) {
        return view().threadPolicy(tid);
    }
}
