// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.MachineConfig;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.sim.rtapp.RtAppReader;
import org.ulemodel.sim.rtapp.RtAppWriter;
import org.ulemodel.sim.rtapp.Workload;

/**
 * Built-in behaviours are the rt-app workload a file would state: a hog is one {@code run}
 * looping for ever, a periodic thread {@code run} then {@code sleep}, policy and priority written
 * only where they differ from rt-app's defaults; read back from their JSON they simulate to the
 * same figures.
 */
class BehaviorTest {
    static final List<Behavior> MIX = List.of(Behavior.hog("h", 0), Behavior.hog("n", 5), Behavior.periodic("p", 0, 2, 8),
            Behavior.realtime("rt", 90, 1, 19), Behavior.hog("pinned", 0).on(0));

    @Test
    void behavioursBecomeTheTasksAFileWouldState() {
        Workload w = Behavior.workload("built-in", MIX, 5_000_000);
        assertThat(w.durationUs()).isEqualTo(5_000_000);
        assertThat(w.tasks()).extracting(Workload.Task::name).containsExactly("h", "n", "p", "rt", "pinned");
        Workload.Task hog = w.tasks().get(0);
        assertThat(hog.loop()).isEqualTo(-1);
        assertThat(hog.instances()).isEqualTo(1);
        assertThat(hog.sched().isEmpty()).isTrue();
        assertThat(hog.phases().get(0).steps()).containsExactly(new Workload.Run(Behavior.HOG_BURST_US, "built-in:h"));
        assertThat(w.tasks().get(1).sched().priority()).isEqualTo(5);
        assertThat(w.tasks().get(2).phases().get(0).steps()).hasSize(2);
        assertThat(w.tasks().get(3).sched().policy()).isEqualTo(Workload.Policy.SCHED_RR);
        assertThat(w.tasks().get(4).sched().cpus()).containsExactly(0);
    }

    @Test
    void theirJsonReadsBackAndSimulatesToTheSameFigures() {
        Workload w = Behavior.workload("built-in", MIX, 1_000_000);
        Workload file = RtAppReader.read("mix.json", RtAppWriter.write(w));
        assertThat(RtAppWriter.write(file)).isEqualTo(RtAppWriter.write(w));
        MachineConfig config = MachineConfig.of(Topology.parse("2"));
        Engine.Options opt = new Engine.Options(1_000_000, 0, true, Engine.CpuChange.offline(1, 200_000, 600_000));
        Engine.Result<?> a = Engine.ule14(w, config, opt).run();
        Engine.Result<?> b = Engine.ule14(file, config, opt).run();
        assertThat(Tables.threadRows(b)).isEqualTo(Tables.threadRows(a));
        assertThat(b.invariantChecks()).isEqualTo(a.invariantChecks()).isPositive();
        // the realtime thread: 1 ms every 20 ms, at td_priority 48 + (99 - 90) * 31 / 98 = 50
        Engine.ThreadStats rt = a.threads().get(3);
        assertThat(rt.cpuUs()).isEqualTo(50_000);
        assertThat(rt.minPri()).isEqualTo(50);
    }

    @Test
    void badBehavioursAreRefused() {
        assertThatThrownBy(() -> new Behavior("x", Workload.Policy.SCHED_OTHER, 0, null, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Behavior.hog("x", 0).on()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Behavior.workload("w", List.of(Behavior.hog("x", 0), Behavior.hog("x", 1)), -1))
                .hasMessageContaining("two threads named x");
        assertThatThrownBy(() -> Behavior.workload("w", MIX, 1_500_000)).hasMessageContaining("whole seconds");
    }
}
