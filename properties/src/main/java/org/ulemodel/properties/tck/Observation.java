// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.tck;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.trace.Projection;

/**
 * What a scheduler decided in answer to one event, in language-neutral terms (integers only):
 * where every runnable thread is after the event, and the migrations made while handling it.
 * Thread ids are 0, 1, 2, … in creation order (creations and forks alike); CPU ids are those
 * of the topology. As a {@link Projection} of a model step ({@link #PROJECTION}) it is the
 * granularity at which the kit's {@link org.ulemodel.trace.Oracle} judges.
 *
 * @param placements every runnable thread (running or waiting), sorted by thread id
 * @param migrations the threads moved between CPUs during the event, in the order moved
 */
public record Observation(List<Placement> placements, List<Move> migrations) {
    /** Where one runnable thread is: on {@code cpu}, running there or waiting in its queue. */
    public record Placement(int tid, int cpu, boolean running) {
        @Override
        public String toString() {
            return "thread " + tid + (running ? " runs on CPU " : " waits on CPU ") + cpu;
        }
    }

    /** Thread {@code tid} moved from CPU {@code from} to CPU {@code to}. */
    public record Move(int tid, int from, int to) {
        @Override
        public String toString() {
            return "thread " + tid + " moved " + from + "→" + to;
        }
    }

    public Observation {
        List<Placement> sorted = new ArrayList<>(placements);
        sorted.sort(Comparator.comparingInt(Placement::tid));
        placements = List.copyOf(sorted);
        migrations = List.copyOf(migrations);
    }

    /** What the kit compares of a model step: {@link #of}. */
    public static final Projection<Observation> PROJECTION = Observation::of;

    /** The observation of one model step: placements from its state, migrations from its decisions. */
    public static Observation of(ModelStep<? extends SchedulerState> step) {
        return new Observation(placements(step.state()), moves(step.decisions()));
    }

    /** The runnable threads of {@code m} and where they are (read through the policy-neutral view, so any model's state will do). */
    public static List<Placement> placements(SchedulerState m) {
        List<Placement> out = new ArrayList<>();
        for (int t = 0; t < m.threadCount(); t++) {
            RunState st = m.threadState(t);
            if (st == RunState.RUNNING || st == RunState.QUEUED) {
                out.add(new Placement(t, m.threadCpu(t), st == RunState.RUNNING));
            }
        }
        return out;
    }

    static List<Move> moves(List<Decision> decisions) {
        List<Move> out = new ArrayList<>();
        for (Decision d : decisions) {
            if (d instanceof Decision.Migrate) {
                Decision.Migrate mg = (Decision.Migrate) d;
                out.add(new Move(mg.tid(), mg.from(), mg.to()));
            }
        }
        return out;
    }

    /** The placement of {@code tid}, or null when it is not runnable. */
    public Placement of(int tid) {
        for (Placement p : placements) {
            if (p.tid() == tid) {
                return p;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return placements + (migrations.isEmpty() ? "" : " moves " + migrations);
    }
}
