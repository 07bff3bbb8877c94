// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim;

import java.io.Writer;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.trace.Oracle;
import org.ulemodel.trace.ftrace.FtraceWriter;

/**
 * Turns the model's decisions into ftrace events: a {@link Decision.Switch} is a
 * {@code sched_switch} (prev_state S for a sleep, x for an exit, R otherwise), a thread made
 * runnable by a create or wake event is a {@code sched_wakeup} from the event's CPU to the CPU whose
 * queue it joined, and a {@link Decision.Migrate} is a {@code sched_migrate_task} printed on the
 * CPU whose code moved it (the event's CPU; the balancer runs on CPU 0). Thread {@code tid} is
 * pid 1000 + tid, its comm the simulation's thread name cut to Linux's 15 characters.
 */
public final class FtraceSink implements StepListener<SchedulerState> {
    /** pid of thread id 0. */
    public static final int PID_BASE = 1000;
    private final FtraceWriter out;
    private final Engine<?> engine;

    /** A sink writing to {@code w} for a machine of {@code cpus} CPUs, naming threads as {@code engine} does. */
    public FtraceSink(Writer w, int cpus, Engine<?> engine) {
        this.out = new FtraceWriter(w, cpus);
        this.engine = engine;
    }

    private FtraceWriter.Task task(int tid, int cpu) {
        if (tid < 0) {
            return FtraceWriter.Task.idle(cpu);
        }
        String comm = engine.comm(tid).replaceAll("\\s", "_");
        if (comm.length() > 15) {
            comm = comm.substring(0, 15);
        }
        return new FtraceWriter.Task(comm, PID_BASE + tid, engine.linuxPrio(tid));
    }

    @Override
    public void step(long n, long timeNs, Event e, SchedulerState before, ModelStep<? extends SchedulerState> r) {
        int cpu = Oracle.eventCpu(e);
        int woken = e instanceof Event.Wake ? ((Event.Wake) e).tid() : e instanceof Event.Create ? before.threadCount() : -1;
        for (Decision d : r.decisions()) {
            if (d instanceof Decision.Enqueue && ((Decision.Enqueue) d).tid() == woken) {
                out.sched_wakeup(timeNs, cpu, task(woken, cpu), ((Decision.Enqueue) d).cpu());
                woken = -1;
            } else if (d instanceof Decision.Switch) {
                Decision.Switch s = (Decision.Switch) d;
                if (woken >= 0 && s.to() == woken) {
                    out.sched_wakeup(timeNs, cpu, task(woken, cpu), s.cpu());
                    woken = -1;
                }
                char state;
                switch (s.reason()) {
                    case SLEEP:
                        state = 'S';
                        break;
                    case EXIT:
                        state = 'x';
                        break;
                    default:
                        state = 'R';
                }
                out.sched_switch(timeNs, s.cpu(), task(s.from(), s.cpu()), state, task(s.to(), s.cpu()));
            } else if (d instanceof Decision.Migrate) {
                Decision.Migrate mg = (Decision.Migrate) d;
                out.sched_migrate_task(timeNs, cpu, task(mg.tid(), cpu), mg.from(), mg.to());
            }
        }
    }
}
