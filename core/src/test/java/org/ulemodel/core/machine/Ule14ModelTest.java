// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.runq.RunQueue;
import org.ulemodel.core.runq.RunqKind;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;

/**
 * {@link Ule14Model} on its own: the state encoding the explorer deduplicates by must tell apart
 * every two machines that differ in one scheduling field (else the explorer would merge distinct
 * states and miss what follows them), ignore thread labels only through the label array, and the
 * model's boot, config and symmetry rules.
 */
class Ule14ModelTest {
    private static final Ule14Model M = Ule14Model.DEFAULT;

    private static Machine run(Machine m, Event... events) {
        for (Event e : events) {
            m = M.step(m, e).state();
        }
        return m;
    }

    /** Two CPUs, three timeshare threads: one running on each CPU, one queued on CPU 0's timeshare queue. */
    private static Machine base() {
        return run(M.boot(Topology.parse("2")), Event.Create.timeshare(0), Event.Create.timeshare(5), Event.Create.timeshare(10));
    }

    private static int[] identity(int n) {
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            label[i] = i;
        }
        return label;
    }

    private static List<Long> encoding(Machine m) {
        List<Long> out = new ArrayList<>();
        M.encode(m, identity(m.threadCount()), out::add);
        return out;
    }

    private static List<Long> threadEncoding(Machine m, int tid) {
        List<Long> out = new ArrayList<>();
        M.encodeThread(m, tid, out::add);
        return out;
    }

    private static Machine editThread(Machine m, int tid, Consumer<ThreadState.Builder> edit) {
        ThreadState.Builder b = m.thread(tid).edit();
        edit.accept(b);
        return m.withThread(b.build());
    }

    private static Machine editCpu(Machine m, int cpu, Consumer<CpuState.Builder> edit) {
        CpuState.Builder b = m.cpu(cpu).edit();
        edit.accept(b);
        return m.withCpu(b.build());
    }

    /** Every thread field the model reads, each changed alone (the tid is a label, not state). */
    static Stream<Arguments> threadEdits() {
        return Stream.of(
                edit("parent", b -> b.parent += 1),
                edit("priClass", b -> b.priClass = b.priClass == PriClass.TIMESHARE ? PriClass.REALTIME : PriClass.TIMESHARE),
                edit("fifo", b -> b.fifo = !b.fifo),
                edit("nice", b -> b.nice += 1),
                edit("cpuset", b -> b.cpuset = b.cpuset.contains(0) ? b.cpuset.without(0) : b.cpuset.with(0)),
                edit("state", b -> b.state = b.state == RunState.SLEEPING ? RunState.EXITED : RunState.SLEEPING),
                edit("cpu", b -> b.cpu = 1 - b.cpu),
                edit("queue", b -> b.queue = b.queue == RunqKind.IDLE ? RunqKind.REALTIME : RunqKind.IDLE),
                edit("rqIndex", b -> b.rqIndex += 1),
                edit("xferable", b -> b.xferable = !b.xferable),
                edit("runtime", b -> b.runtime += 1),
                edit("slptime", b -> b.slptime += 1),
                edit("tsTicks", b -> b.tsTicks += 1),
                edit("ftick", b -> b.ftick += 1),
                edit("ltick", b -> b.ltick += 1),
                edit("slice", b -> b.slice += 1),
                edit("rltick", b -> b.rltick += 1),
                edit("slptick", b -> b.slptick += 1),
                edit("priority", b -> b.priority += 1),
                edit("basePri", b -> b.basePri += 1),
                edit("userPri", b -> b.userPri += 1),
                edit("baseUserPri", b -> b.baseUserPri += 1),
                edit("baseIthreadPri", b -> b.baseIthreadPri += 1),
                edit("pinned", b -> b.pinned += 1),
                edit("bound", b -> b.bound = !b.bound),
                edit("sliceEnd", b -> b.sliceEnd = !b.sliceEnd),
                edit("pickCpu", b -> b.pickCpu = !b.pickCpu),
                edit("astPending", b -> b.astPending = !b.astPending),
                edit("owePreempt", b -> b.owePreempt = !b.owePreempt));
    }

    private static Arguments edit(String field, Consumer<ThreadState.Builder> edit) {
        return Arguments.of(field, edit);
    }

    /**
     * Every field that may legitimately be negative at -1 (the u_int histories and tick stamps wrap
     * around as in the kernel; -1 is "no parent"), so packed halves must not bleed into each other.
     */
    private static void allNegative(ThreadState.Builder b) {
        b.parent = -1;
        b.runtime = -1;
        b.slptime = -1;
        b.tsTicks = -1;
        b.ftick = -1;
        b.ltick = -1;
        b.rltick = -1;
        b.slptick = -1;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("threadEdits")
    void aChangeOfAnyThreadFieldChangesBothEncodings(String field, Consumer<ThreadState.Builder> edit) {
        for (Machine m : List.of(base(), editThread(base(), 2, Ule14ModelTest::allNegative))) {
            for (int tid = 0; tid < m.threadCount(); tid++) {
                Machine changed = editThread(m, tid, edit);
                assertThat(encoding(changed)).as("%s of thread %d", field, tid).isNotEqualTo(encoding(m));
                assertThat(threadEncoding(changed, tid)).as("%s of thread %d", field, tid).isNotEqualTo(threadEncoding(m, tid));
            }
        }
    }

    static Stream<Arguments> cpuEdits() {
        return Stream.of(
                Arguments.of("online", (Consumer<CpuState.Builder>) b -> b.online = !b.online),
                Arguments.of("owepreempt", (Consumer<CpuState.Builder>) b -> b.owepreempt = !b.owepreempt),
                Arguments.of("astIpi", (Consumer<CpuState.Builder>) b -> b.astIpi = !b.astIpi),
                Arguments.of("curthread", (Consumer<CpuState.Builder>) b -> b.curthread = b.curthread == CpuState.IDLE ? 2 : CpuState.IDLE),
                Arguments.of("load", (Consumer<CpuState.Builder>) b -> b.load += 1),
                Arguments.of("sysload", (Consumer<CpuState.Builder>) b -> b.sysload += 1),
                Arguments.of("transferable", (Consumer<CpuState.Builder>) b -> b.transferable += 1),
                Arguments.of("lowpri", (Consumer<CpuState.Builder>) b -> b.lowpri += 1),
                Arguments.of("idx", (Consumer<CpuState.Builder>) b -> b.idx += 1),
                Arguments.of("ridx", (Consumer<CpuState.Builder>) b -> b.ridx += 1),
                Arguments.of("randomval", (Consumer<CpuState.Builder>) b -> b.randomval += 1),
                Arguments.of("switchcnt", (Consumer<CpuState.Builder>) b -> b.switchcnt += 1),
                Arguments.of("oldswitchcnt", (Consumer<CpuState.Builder>) b -> b.oldswitchcnt += 1),
                Arguments.of("realtime queue", (Consumer<CpuState.Builder>) b -> b.realtime = b.realtime.addTail(3, 1)),
                Arguments.of("timeshare queue", (Consumer<CpuState.Builder>) b -> b.timeshare = b.timeshare.addTail(40, 1)),
                Arguments.of("idle queue", (Consumer<CpuState.Builder>) b -> b.idleQueue = b.idleQueue.addTail(60, 1)));
    }

    /** {@code randomval} is a u_int32 LCG state: its top bit is set half the time. */
    private static void allNegative(CpuState.Builder b) {
        b.randomval = -1;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cpuEdits")
    void aChangeOfAnyCpuFieldChangesTheEncoding(String field, Consumer<CpuState.Builder> edit) {
        for (Machine m : List.of(base(), editCpu(base(), 1, Ule14ModelTest::allNegative))) {
            for (int c = 0; c < m.cpuCount(); c++) {
                assertThat(encoding(editCpu(m, c, edit))).as("%s of CPU %d", field, c).isNotEqualTo(encoding(m));
            }
        }
    }

    @Test
    void theClockTheBalancerCountdownAndTheThreadCountAreEncoded() {
        Machine m = base();
        Machine later = Machine.of(m.config(), m.elapsed() + 1, cpus(m), threads(m), m.balanceTicks());
        Machine balancer = Machine.of(m.config(), m.elapsed(), cpus(m), threads(m), m.balanceTicks() + 1);
        assertThat(encoding(later)).isNotEqualTo(encoding(m));
        assertThat(encoding(balancer)).isNotEqualTo(encoding(m));
        assertThat(encoding(Machine.of(m.config(), m.elapsed(), cpus(m), threads(m), m.balanceTicks()))).isEqualTo(encoding(m));
        assertThat(encoding(run(m, Event.Create.timeshare(0)))).isNotEqualTo(encoding(m));
    }

    private static List<CpuState> cpus(Machine m) {
        List<CpuState> out = new ArrayList<>();
        for (int c = 0; c < m.cpuCount(); c++) {
            out.add(m.cpu(c));
        }
        return out;
    }

    private static List<ThreadState> threads(Machine m) {
        List<ThreadState> out = new ArrayList<>();
        for (int t = 0; t < m.threadCount(); t++) {
            out.add(m.thread(t));
        }
        return out;
    }

    /** Queue contents are encoded in order, with each queue closed, so moving a thread between neighbouring queues shows. */
    @Test
    void queueOrderAndQueueBoundariesAreEncoded() {
        Machine m = base();
        RunQueue ab = RunQueue.empty().addTail(40, 0).addTail(40, 1);
        RunQueue ba = RunQueue.empty().addTail(40, 1).addTail(40, 0);
        RunQueue split = RunQueue.empty().addTail(40, 0).addTail(41, 1);
        List<Long> first = encoding(editCpu(m, 1, b -> b.timeshare = ab));
        assertThat(encoding(editCpu(m, 1, b -> b.timeshare = ba))).isNotEqualTo(first);
        assertThat(encoding(editCpu(m, 1, b -> b.timeshare = split))).isNotEqualTo(first);
        RunQueue at40 = RunQueue.empty().addTail(40, 0);
        RunQueue at41 = RunQueue.empty().addTail(41, 0);
        assertThat(encoding(editCpu(m, 1, b -> b.timeshare = at41))).as("which queue").isNotEqualTo(encoding(editCpu(m, 1, b -> b.timeshare = at40)));
        RunQueue oneThenTwo = RunQueue.empty().addTail(40, 0).addTail(41, 1).addTail(41, 2);
        RunQueue twoThenOne = RunQueue.empty().addTail(40, 0).addTail(40, 1).addTail(41, 2);
        assertThat(encoding(editCpu(m, 1, b -> b.timeshare = oneThenTwo))).as("where one queue ends")
                .isNotEqualTo(encoding(editCpu(m, 1, b -> b.timeshare = twoThenOne)));
    }

    /** FreeBSD 15's CPU fields (the calendar's {@code tdq_ts_ticks}, the single run queue) are in the encoding of a V15 machine. */
    @Test
    void aV15MachinesTicksAndSingleRunQueueAreEncoded() {
        Ule15Model v15 = Ule15Model.DEFAULT;
        Machine m = v15.step(v15.boot(Topology.parse("2")), Event.Create.timeshare(0)).state();
        List<Long> base = new ArrayList<>();
        v15.encode(m, identity(m.threadCount()), base::add);
        for (Consumer<CpuState.Builder> edit : List.<Consumer<CpuState.Builder>>of(
                b -> b.tsTicks += 1, b -> b.runq15 = b.runq15.addTail(120, 0), b -> b.runq15 = b.runq15.addTail(200, 0))) {
            List<Long> changed = new ArrayList<>();
            v15.encode(editCpu(m, 1, edit), identity(m.threadCount()), changed::add);
            assertThat(changed).isNotEqualTo(base);
        }
    }

    /** A thread's own encoding includes where it stands in its queue, not just which queue. */
    @Test
    void aThreadsPlaceInItsQueueIsPartOfItsEncoding() {
        Machine m = run(M.boot(Topology.parse("1")), Event.Create.timeshare(0), Event.Create.timeshare(0), Event.Create.timeshare(0));
        int q1 = m.thread(1).rqIndex();
        assertThat(m.thread(1).state()).isEqualTo(RunState.QUEUED);
        assertThat(m.thread(2).rqIndex()).isEqualTo(q1);
        RunqKind kind = m.thread(1).queue();
        List<Long> before = threadEncoding(m, 1);
        assertThat(before.get(before.size() - 1)).isEqualTo(0L);
        Machine moved = editCpu(m, 0, b -> b.setRunq(kind, b.runq(kind).remove(q1, 1).addTail(q1, 1)));
        assertThat(threadEncoding(moved, 1).get(before.size() - 1)).isEqualTo(1L);
        assertThat(threadEncoding(moved, 2).get(before.size() - 1)).isEqualTo(0L);
        assertThat(threadEncoding(m, 0).get(before.size() - 1)).as("the running thread is in no queue").isEqualTo(-1L);
    }

    /** Labels rename threads: the same machine under a permutation encodes as the relabelled machine. */
    @Test
    void relabellingTwoLikeThreadsGivesTheSameEncodingOnlyWhenTheyAreAlike() {
        Machine m = run(M.boot(Topology.parse("2")), Event.Create.timeshare(0), Event.Create.timeshare(0), new Event.IdleLoop(1));
        assertThat(m.cpu(0).curthread()).isZero();
        assertThat(m.cpu(1).curthread()).isEqualTo(1);
        assertThat(M.threadSymmetric(m)).isTrue();
        List<Long> swapped = new ArrayList<>();
        M.encode(m, new int[] {1, 0}, swapped::add);
        assertThat(swapped).isNotEqualTo(encoding(m));
        Machine mirrored = m.withThread(relabel(m.thread(1), 0)).withThread(relabel(m.thread(0), 1))
                .withCpu(curthread(m.cpu(0), 1)).withCpu(curthread(m.cpu(1), 0));
        assertThat(encoding(mirrored)).isEqualTo(swapped);
        Machine child = run(m, new Event.Fork(0));
        assertThat(M.threadSymmetric(child)).isFalse();
    }

    private static ThreadState relabel(ThreadState t, int tid) {
        ThreadState.Builder b = t.edit();
        b.tid = tid;
        return b.build();
    }

    private static CpuState curthread(CpuState c, int tid) {
        CpuState.Builder b = c.edit();
        b.curthread = tid;
        return b.build();
    }

    @Test
    void bootSetsUpIdleCpusWithFreeBsdsDefaultsOrTheTemplate() {
        Topology top = Topology.parse("2x2");
        Machine m = M.boot(top);
        assertThat(M.id()).isEqualTo("ule14").isEqualTo(Ule14Model.ID);
        assertThat(M.description()).contains("FreeBSD 14");
        assertThat(m.cpuCount()).isEqualTo(4);
        assertThat(m.threadCount()).isZero();
        assertThat(m.elapsed()).isZero();
        assertThat(m.config()).isEqualTo(MachineConfig.of(top));
        for (int c = 0; c < 4; c++) {
            assertThat(m.cpu(c)).isEqualTo(CpuState.initial(c));
        }
        MachineConfig other = MachineConfig.of(Topology.parse("1"));
        MachineConfig custom = new MachineConfig(other.params(), other.topology(), other.tunables(), !other.userretPriority());
        Machine booted = Ule14Model.withConfig(custom).boot(top);
        assertThat(booted.topology()).isEqualTo(top);
        assertThat(booted.config().userretPriority()).isEqualTo(custom.userretPriority());
        assertThat(booted.config().params()).isEqualTo(custom.params());
        assertThat(booted.config().tunables()).isEqualTo(custom.tunables());
        assertThat(Ule14Model.withConfig(custom).id()).isEqualTo("ule14");
    }

    @Test
    void aStepIsSchedulerStepAndLeavesItsInputAlone() {
        Machine m = base();
        List<Long> before = encoding(m);
        StepResult r = M.step(m, new Event.Tick());
        assertThat(r).isEqualTo(Scheduler.step(m, new Event.Tick()));
        assertThat(encoding(m)).isEqualTo(before);
        assertThat(M.randomChoices()).isSameAs(RandomvalChoices.INSTANCE);
        assertThat(CpuSet.of(0, 1).hashCode()).isNotEqualTo(CpuSet.of(1).hashCode());
    }
}
