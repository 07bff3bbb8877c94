// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.model.RandomChoices;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;

/** ULE 14's random-choice hook: alternatives vary only the randomvals, and a step "drew" exactly when ULE called sched_random(). */
class RandomvalChoicesTest {
    private static final RandomChoices<Machine> RC = Ule14Model.DEFAULT.randomChoices();

    private static Machine boot(String topo) {
        return Ule14Model.DEFAULT.boot(Topology.parse(topo));
    }

    private static Event create(CpuSet cpus, int on) {
        return new Event.Create(PriClass.TIMESHARE, 0, -1, false, cpus, on);
    }

    /** Reseeding changes every CPU's randomval and nothing else; erasing forgets exactly that difference. */
    @Test
    void reseedAndEraseTouchOnlyRandomvals() {
        Machine m = Scheduler.step(boot("2x2"), create(CpuSet.firstN(4), 0)).state();
        Machine alt = RC.reseed(m, new SplittableRandom(1));
        assertThat(alt).isNotEqualTo(m);
        for (int c = 0; c < m.cpuCount(); c++) {
            assertThat(alt.cpu(c).randomval()).isNotEqualTo(m.cpu(c).randomval());
            assertThat(alt.cpu(c).load()).isEqualTo(m.cpu(c).load());
            assertThat(alt.cpu(c).curthread()).isEqualTo(m.cpu(c).curthread());
        }
        assertThat(RC.erase(alt)).isEqualTo(RC.erase(m));
        assertThat(RC.erase(RC.erase(m))).isEqualTo(RC.erase(m));
        assertThat(alt.thread(0)).isEqualTo(m.thread(0));
    }

    /**
     * A uniprocessor never calls sched_random() (sched_pickcpu returns at once without SMP). On
     * four idle CPUs the first thread created on CPU 0 takes sched_pickcpu's fast path (its
     * creating CPU is idle and allowed: no draw); the second finds CPU 0 busy and runs
     * cpu_search_lowest, which draws once per qualifying CPU. A tick without a balance draws nothing.
     */
    @Test
    void drewIsTrueExactlyWhenSchedRandomWasCalled() {
        Machine up = boot("1");
        Machine after = Scheduler.step(up, create(CpuSet.firstN(1), 0)).state();
        assertThat(RC.drew(up, after)).isFalse();

        Machine m = boot("4");
        Machine one = Scheduler.step(m, create(CpuSet.firstN(4), 0)).state();
        assertThat(RC.drew(m, one)).isFalse();
        Machine two = Scheduler.step(one, create(CpuSet.firstN(4), 0)).state();
        assertThat(RC.drew(one, two)).isTrue();
        assertThat(RC.drew(two, Scheduler.step(two, new Event.Tick()).state())).isFalse();
    }

    /**
     * The choice really depends on the randomval: with CPU 0 busy, three idle CPUs tie in
     * cpu_search_lowest and the jitter picks among them, so alternatives reach several.
     */
    @Test
    void alternativesReachOtherChoices() {
        Machine m = Scheduler.step(boot("4"), create(CpuSet.firstN(4), 0)).state();
        SplittableRandom rnd = new SplittableRandom(7);
        Set<Integer> cpus = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            StepResult r = Scheduler.step(RC.reseed(m, rnd), create(CpuSet.firstN(4), 0));
            cpus.add(r.state().thread(1).cpu());
        }
        assertThat(cpus).hasSizeGreaterThan(1).doesNotContain(0);
    }

    /** ULE's decisions show each of its random choices (the CPU, the interval, the thread to re-pick), and so, vacuously, do a deterministic model's. */
    @Test
    void decisionsShowTheChoices() {
        assertThat(RC.decisionsShowChoices()).isTrue();
        assertThat(RandomChoices.none().decisionsShowChoices()).isTrue();
    }

    /** A model without randomness varies nothing. */
    @Test
    void noneVariesNothing() {
        RandomChoices<Machine> none = RandomChoices.none();
        Machine m = boot("2");
        assertThat(none.reseed(m, new SplittableRandom(3))).isSameAs(m);
        assertThat(none.erase(m)).isSameAs(m);
        assertThat(none.drew(m, Scheduler.step(m, create(CpuSet.firstN(2), 0)).state())).isFalse();
    }

    /** The random state as words is each CPU's randomval, CPU 0 first, and setting it back is the inverse; a wrong count is refused. */
    @Test
    void randomWordsAreTheRandomvalsAndRoundTrip() {
        Machine m = boot("2x2");
        int[] words = RC.randomWords(m);
        assertThat(words).hasSize(4);
        for (int c = 0; c < 4; c++) {
            assertThat(words[c]).isEqualTo(m.cpu(c).randomval());
        }
        Machine set = RC.withRandomWords(m, new int[] {7, -1, 0, 42});
        assertThat(RC.randomWords(set)).containsExactly(7, -1, 0, 42);
        assertThat(RC.erase(set)).isEqualTo(RC.erase(m));
        assertThat(RC.withRandomWords(set, words)).isEqualTo(m);
        assertThatThrownBy(() -> RC.withRandomWords(m, new int[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected 4 randomval values (one per CPU), got 3");
        // reseeding draws one word per CPU, in CPU order
        SplittableRandom r = new SplittableRandom(9);
        int[] drawn = {r.nextInt(), r.nextInt(), r.nextInt(), r.nextInt()};
        assertThat(RC.randomWords(RC.reseed(m, new SplittableRandom(9)))).containsExactly(drawn);
    }

    /** A model without randomness has no random words and accepts none. */
    @Test
    void noneHasNoRandomWords() {
        RandomChoices<Machine> none = RandomChoices.none();
        Machine m = boot("2");
        assertThat(none.randomWords(m)).isEmpty();
        assertThat(none.withRandomWords(m, new int[0])).isSameAs(m);
        assertThatThrownBy(() -> none.withRandomWords(m, new int[] {1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the model draws no random numbers: expected no random state, got 1 values");
    }

    /** ULE's statistics clock is its realstathz (127 at hz 1000), and a view without one ticks statistics at hz. */
    @Test
    void stathzIsRealstathzAndDefaultsToHz() {
        Machine m = boot("2");
        assertThat(m.stathz()).isEqualTo(m.config().params().realstathz()).isEqualTo(127);
        org.ulemodel.core.model.SchedulerState plain = new org.ulemodel.core.model.SchedulerState() {
            public Topology topology() { return m.topology(); }
            public long elapsed() { return 0; }
            public int hz() { return 250; }
            public int cpuCount() { return m.cpuCount(); }
            public boolean online(int cpu) { return true; }
            public int running(int cpu) { return IDLE; }
            public boolean ipiPending(int cpu) { return false; }
            public void forEachQueued(int cpu, java.util.function.IntConsumer action) { }
            public int threadCount() { return 0; }
            public RunState threadState(int tid) { throw new IndexOutOfBoundsException(); }
            public int threadCpu(int tid) { throw new IndexOutOfBoundsException(); }
            public int threadPriority(int tid) { throw new IndexOutOfBoundsException(); }
            public CpuSet threadCpuset(int tid) { throw new IndexOutOfBoundsException(); }
            public boolean threadBound(int tid) { throw new IndexOutOfBoundsException(); }
            public int threadParent(int tid) { throw new IndexOutOfBoundsException(); }
        };
        assertThat(plain.stathz()).isEqualTo(250);
    }
}
