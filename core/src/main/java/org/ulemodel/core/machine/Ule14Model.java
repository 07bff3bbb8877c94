// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import org.ulemodel.core.model.RandomChoices;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.StateSink;
import org.ulemodel.core.runq.RunQueue;
import org.ulemodel.core.runq.RunqKind;
import org.ulemodel.core.topo.Topology;

/**
 * FreeBSD 14's ULE scheduler (sys/kern/sched_ule.c) as a {@link SchedulerModel}: states are
 * {@link Machine}s, steps are {@link Scheduler#step}. Booted machines run at hz 1000, stathz 127
 * with FreeBSD's default tunables ({@link MachineConfig#of}); {@link #withConfig} gives a model
 * booting another configuration. Stateless apart from that configuration template, immutable.
 */
public final class Ule14Model implements SchedulerModel<Machine> {
    /** The model with FreeBSD's defaults. */
    public static final Ule14Model DEFAULT = new Ule14Model(null);

    /** The id used on the command line and in trace headers. */
    public static final String ID = "ule14";

    private final MachineConfig template;

    private Ule14Model(MachineConfig template) {
        this.template = template;
    }

    /**
     * A model booting machines with {@code config}'s parameters, tunables and return-to-user rule;
     * the topology still comes from {@link #boot}.
     */
    public static Ule14Model withConfig(MachineConfig config) {
        return new Ule14Model(config);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "FreeBSD 14 ULE (sched_ule.c): three run queues per CPU, the batch calendar, interactivity score, "
                + "CPU selection, idle stealing and periodic balancing";
    }

    /** {@code sched_setup}: every CPU idle with empty queues, no threads, hz clock at 0. */
    @Override
    public Machine boot(Topology topology) {
        MachineConfig base = MachineConfig.of(topology);
        if (template != null) {
            base = new MachineConfig(template.params(), topology, template.tunables(), template.userretPriority());
        }
        return Machine.boot(base);
    }

    @Override
    public StepResult step(Machine state, Event event) {
        return Scheduler.step(state, event);
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
     * calendar indices and random state, and each run queue's status word and contents, then each
     * thread's own fields in label order. CPUs are not relabelled: each CPU's LCG seed, CPU 0's
     * balancer and the topology distinguish them.
     */
    @Override
    public void encode(Machine m, int[] label, StateSink sink) {
        int n = m.threadCount();
        sink.put(m.elapsed());
        sink.put(m.balanceTicks());
        sink.put(n);
        for (int c = 0; c < m.cpuCount(); c++) {
            CpuState cpu = m.cpu(c);
            sink.put((cpu.online() ? 1 : 0) | (cpu.owepreempt() ? 2 : 0) | (cpu.astIpi() ? 4 : 0));
            sink.put(cpu.curthread() < 0 ? -1 : label[cpu.curthread()]);
            sink.put(((long) cpu.load() << 32) | (cpu.sysload() & 0xFFFFFFFFL));
            sink.put(((long) cpu.transferable() << 32) | (cpu.lowpri() & 0xFFFFFFFFL));
            sink.put(((long) cpu.idx() << 40) | ((long) cpu.ridx() << 32) | (cpu.randomval() & 0xFFFFFFFFL));
            sink.put(((long) cpu.switchcnt() << 32) | (cpu.oldswitchcnt() & 0xFFFFFFFFL));
            for (RunqKind kind : RunqKind.values()) {
                RunQueue rq = cpu.runq(kind);
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
        }
        int[] byLabel = new int[n];
        for (int t = 0; t < n; t++) {
            byLabel[label[t]] = t;
        }
        for (int i = 0; i < n; i++) {
            ownState(m.thread(byLabel[i]), sink);
        }
    }

    /** The thread's own fields and its position within its queue (no ids other than its parent's). */
    @Override
    public void encodeThread(Machine m, int tid, StateSink sink) {
        ThreadState td = m.thread(tid);
        ownState(td, sink);
        int pos = -1;
        if (td.queue() != null) {
            RunQueue rq = m.cpu(td.cpu()).runq(td.queue());
            int len = rq.queueSize(td.rqIndex());
            for (int i = 0; i < len; i++) {
                if (rq.get(td.rqIndex(), i) == tid) {
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
