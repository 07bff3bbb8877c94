// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import org.ulemodel.core.model.RandomChoices;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.model.StateSink;
import org.ulemodel.core.runq.RunQueue;
import org.ulemodel.core.runq.RunQueue15;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.core.ule.UleVersion;

/**
 * What {@link Ule14Model} and {@link Ule15Model} share: one {@link Machine} state type, one
 * transition function ({@link Scheduler#step}, which follows the machine's
 * {@link MachineConfig#version}), the {@code randomval} choices and the canonical encoding.
 * Invariant: every machine it boots runs {@link #version}.
 */
abstract class UleModel implements SchedulerModel<Machine> {
    private final MachineConfig template;
    private final UleVersion version;

    UleModel(MachineConfig template, UleVersion version) {
        this.template = template;
        this.version = version;
    }

    /** {@code sched_setup}: every CPU idle with empty queues, no threads, hz clock at 0. */
    @Override
    public Machine boot(Topology topology) {
        if (template != null) {
            return Machine.boot(new MachineConfig(template.params(), topology, template.tunables(),
                    template.userretPriority(), version));
        }
        return Machine.boot(MachineConfig.of(topology, version));
    }

    @Override
    public StepResult step(Machine state, Event event) {
        return Scheduler.step(state, event);
    }

    /** {@link Scheduler#adopt}: this version's machine at boot, then {@code from}'s threads, re-queued by this version's rules. */
    @Override
    public Machine adopt(SchedulerState from) {
        return Scheduler.adopt(boot(from.topology()), from).state();
    }

    /**
     * ULE draws random numbers only from the per-CPU {@code randomval}s ({@code sched_random()}):
     * alternatives replace all of them at once; a step drew iff one changed.
     */
    @Override
    public RandomChoices<Machine> randomChoices() {
        return RandomvalChoices.INSTANCE;
    }

    /** Thread ids enter a step only through parent links, so relabelling is sound when no thread has a parent. */
    @Override
    public boolean threadSymmetric(Machine m) {
        for (int t = 0; t < m.threadCount(); t++) {
            if (m.thread(t).parent() >= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The clock and balancer countdown, then per CPU its flags, running thread, counters,
     * calendar indices and random state, and each run queue's status word(s) and contents (V15: the
     * single run queue's four words, then every queued thread in queue order), then each
     * thread's own fields in label order. CPUs are not relabelled: each CPU's LCG seed, CPU 0's
     * balancer and the topology distinguish them.
     */
    /** Per-CPU clock ticks ({@link Event.CpuTick}) are taken. */
    @Override
    public boolean perCpuClocks() {
        return true;
    }

    @Override
    public void encode(Machine m, int[] label, StateSink sink) {
        int n = m.threadCount();
        sink.put(m.elapsed());
        sink.put(m.balanceTicks());
        sink.put(n);
        for (int c = 0; c < m.cpuCount(); c++) {
            CpuState cpu = m.cpu(c);
            sink.put((cpu.online() ? 1 : 0) | (cpu.owepreempt() ? 2 : 0) | (cpu.astIpi() ? 4 : 0) | ((long) cpu.clockLag() << 8));
            sink.put(cpu.curthread() < 0 ? -1 : label[cpu.curthread()]);
            sink.put(((long) cpu.load() << 32) | (cpu.sysload() & 0xFFFFFFFFL));
            sink.put(((long) cpu.transferable() << 32) | (cpu.lowpri() & 0xFFFFFFFFL));
            sink.put(((long) cpu.idx() << 40) | ((long) cpu.ridx() << 32) | (cpu.randomval() & 0xFFFFFFFFL));
            sink.put(((long) cpu.switchcnt() << 32) | (cpu.oldswitchcnt() & 0xFFFFFFFFL));
            if (cpu.v15()) {
                sink.put(cpu.tsTicks());
                RunQueue15 rq = cpu.runq15();
                for (int w = 0; w < RunQueue15.WORDS; w++) {
                    sink.put(rq.status(w));
                }
                cpu.forEachQueued(t -> sink.put(label[t]));
                sink.put(-2);
                continue;
            }
            // the realtime, timeshare and idle queues, in RunqKind order
            encodeQueue(cpu.realtime(), label, sink);
            encodeQueue(cpu.timeshare(), label, sink);
            encodeQueue(cpu.idleQueue(), label, sink);
        }
        int[] byLabel = new int[n];
        for (int t = 0; t < n; t++) {
            byLabel[label[t]] = t;
        }
        for (int i = 0; i < n; i++) {
            ownState(m.thread(byLabel[i]), sink);
        }
    }

    /** One run queue: its status word, then each non-empty queue's labels and -2, by queue index. */
    private static void encodeQueue(RunQueue rq, int[] label, StateSink sink) {
        long status = rq.status();
        sink.put(status);
        while (status != 0) {
            int q = Long.numberOfTrailingZeros(status);
            status &= status - 1;
            int len = rq.queueSize(q);
            for (int i = 0; i < len; i++) {
                sink.put(label[rq.get(q, i)]);
            }
            sink.put(-2);
        }
    }

    /** The thread's own fields and its position within its queue (no ids other than its parent's). */
    @Override
    public void encodeThread(Machine m, int tid, StateSink sink) {
        ThreadState td = m.thread(tid);
        ownState(td, sink);
        int pos = -1;
        if (td.queue() != null) {
            CpuState cpu = m.cpu(td.cpu());
            int len = cpu.queueSize(td.queue(), td.rqIndex());
            for (int i = 0; i < len; i++) {
                if (cpu.queuedAt(td.queue(), td.rqIndex(), i) == tid) {
                    pos = i;
                    break;
                }
            }
        }
        sink.put(pos);
    }

    private static void ownState(ThreadState td, StateSink sink) {
        sink.put((td.priClass().ordinal()) | (td.fifo() ? 8 : 0) | (td.xferable() ? 16 : 0) | (td.bound() ? 32 : 0)
                | (td.sliceEnd() ? 64 : 0) | (td.pickCpu() ? 128 : 0) | (td.astPending() ? 256 : 0) | (td.owePreempt() ? 512 : 0)
                | ((long) td.state().ordinal() << 12) | ((long) (td.queue() == null ? 7 : td.queue().ordinal()) << 16)
                | ((long) (td.nice() + 64) << 20) | ((long) td.pinned() << 32));
        sink.put(td.cpuset().hashCode());
        sink.put(((long) td.cpu() << 32) | (td.rqIndex() & 0xFFFFFFFFL));
        sink.put(((long) td.runtime() << 32) | (td.slptime() & 0xFFFFFFFFL));
        sink.put(((long) td.tsTicks() << 32) | (td.ftick() & 0xFFFFFFFFL));
        sink.put(((long) td.ltick() << 32) | (td.slice() & 0xFFFFFFFFL));
        sink.put(((long) td.rltick() << 32) | (td.slptick() & 0xFFFFFFFFL));
        sink.put(((long) td.priority() << 48) | ((long) td.basePri() << 32) | ((long) td.userPri() << 16) | td.baseUserPri());
        sink.put(((long) td.baseIthreadPri() << 32) | (td.parent() & 0xFFFFFFFFL));
    }
}
