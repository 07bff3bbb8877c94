// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.ulemodel.core.machine.CpuState;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.Scheduler;
import org.ulemodel.core.machine.StepResult;
import org.ulemodel.core.machine.ThreadState;

/**
 * The conformance oracle: replays the inputs of another implementation's decision trace through
 * the model and judges each recorded list of decisions.
 *
 * <p>Where ULE is deterministic the decisions must match exactly. ULE draws random numbers only
 * in {@code sched_random()}, from the searching CPU's {@code randomval} (CPU choice jitter in
 * {@code sched_pickcpu}/{@code cpu_search} and the balancer). So when the model's answer differs,
 * the oracle asks whether some random state would have produced the recorded answer: it re-runs
 * the step with the {@code randomval} of the event's CPU (then, for a tick, of each other CPU)
 * replaced by each of {@link #CANDIDATES} states from a fixed pseudo-random sample of all 2^32.
 * A sample, not evenly spaced values: cpu_search draws once per qualifying CPU and keeps
 * {@code draw % 32}, i.e. bits 16..20 of successive LCG states, which depend only on the low 21
 * bits of the start state, so the sample must vary every bit. A candidate whose decisions equal the recorded ones makes the step conforming, and
 * replay continues from that candidate's state. Bounded, so a choice reachable only through a
 * rarer random sequence is reported as a divergence (never silently accepted).
 *
 * <p>After a divergence replay continues from the model's own state; later reports may be
 * consequences of the first. An event the model refuses in its state ends the replay.
 */
public final class Oracle {
    /** Random states tried per CPU when the model's first answer differs. */
    public static final int CANDIDATES = 2048;

    /** One disagreement between the trace and the model. */
    public record Divergence(long n, int line, long timeNs, Event event, List<Decision> model, List<Decision> trace, String why) {
    }

    private Machine m;
    private long events;
    private long randomAccepted;
    private boolean stopped;

    public Oracle(Machine boot) {
        this.m = boot;
    }

    public long events() {
        return events;
    }

    /** Steps the model accepted only with another random state. */
    public long randomAccepted() {
        return randomAccepted;
    }

    /** True once an event could not be replayed at all. */
    public boolean stopped() {
        return stopped;
    }

    /** Judges one trace entry; returns null when it conforms. */
    public Divergence judge(DecisionTrace.Entry e) {
        if (stopped) {
            return null;
        }
        events++;
        StepResult r;
        try {
            r = Scheduler.step(m, e.event());
        } catch (IllegalEventException ex) {
            stopped = true;
            return new Divergence(e.n(), e.line(), e.timeNs(), e.event(), List.of(), e.decisions(),
                    "the model cannot take this event in its state: " + ex.getMessage() + " (replay stops here)");
        }
        if (r.decisions().equals(e.decisions())) {
            m = r.state();
            return null;
        }
        List<Integer> cpus = new ArrayList<>();
        int own = eventCpu(e.event());
        if (own >= 0 && own < m.cpuCount()) {
            cpus.add(own);
        }
        for (int c = 0; c < m.cpuCount(); c++) {
            if (c != own) {
                cpus.add(c);
            }
        }
        TreeSet<Integer> reachable = new TreeSet<>();
        int tried = 0;
        int watched = watchedThread(e.decisions(), r.decisions());
        for (int c : cpus) {
            tried++;
            for (int i = 0; i < CANDIDATES; i++) {
                StepResult alt = withRandom(e.event(), c, candidate(i));
                if (alt == null) {
                    continue;
                }
                if (alt.decisions().equals(e.decisions())) {
                    m = alt.state();
                    randomAccepted++;
                    return null;
                }
                if (c == cpus.get(0) && watched >= 0) {
                    int to = firstCpuOf(alt.decisions(), watched);
                    if (to >= 0) {
                        reachable.add(to);
                    }
                }
            }
            if (c == cpus.get(0) && reachable.size() <= 1) {
                // the event's own CPU gives one answer whatever its random state: other CPUs' states rarely matter
                if (cpus.size() > 1 && !usesOtherRandom(e.event())) {
                    break;
                }
            }
        }
        Divergence d = new Divergence(e.n(), e.line(), e.timeNs(), e.event(), r.decisions(), e.decisions(),
                why(r.decisions(), e.decisions(), reachable, own, tried));
        m = r.state();
        return d;
    }

    private static boolean usesOtherRandom(Event e) {
        return e instanceof Event.Tick;
    }

    private StepResult withRandom(Event e, int cpu, int value) {
        CpuState.Builder b = m.cpu(cpu).edit();
        b.randomval = value;
        try {
            return Scheduler.step(m.withCpu(b.build()), e);
        } catch (IllegalEventException ex) {
            return null;
        }
    }

    /** The i-th candidate randomval: a fixed pseudo-random sample of the 32-bit states (same for every run). */
    static int candidate(int i) {
        return STATES[i];
    }

    private static final int[] STATES = new java.util.SplittableRandom(0x5EEDL).ints(CANDIDATES).toArray();

    private static int watchedThread(List<Decision> trace, List<Decision> model) {
        for (Decision d : trace) {
            if (d instanceof Decision.Enqueue) {
                return ((Decision.Enqueue) d).tid();
            }
            if (d instanceof Decision.Migrate) {
                return ((Decision.Migrate) d).tid();
            }
        }
        for (Decision d : model) {
            if (d instanceof Decision.Enqueue) {
                return ((Decision.Enqueue) d).tid();
            }
        }
        return -1;
    }

    private static int firstCpuOf(List<Decision> ds, int tid) {
        for (Decision d : ds) {
            if (d instanceof Decision.Enqueue && ((Decision.Enqueue) d).tid() == tid) {
                return ((Decision.Enqueue) d).cpu();
            }
            if (d instanceof Decision.Migrate && ((Decision.Migrate) d).tid() == tid) {
                return ((Decision.Migrate) d).to();
            }
        }
        return -1;
    }

    private String why(List<Decision> model, List<Decision> trace, TreeSet<Integer> reachable, int own, int tried) {
        int i = 0;
        while (i < model.size() && i < trace.size() && model.get(i).equals(trace.get(i))) {
            i++;
        }
        if (i == model.size()) {
            return "the trace has " + (trace.size() - i) + " more decision(s) from #" + (i + 1) + " (" + DecisionTrace.format(trace.get(i))
                    + "); the model stops after " + model.size();
        }
        if (i == trace.size()) {
            return "the trace stops after " + trace.size() + " decision(s); the model goes on with #" + (i + 1) + " ("
                    + DecisionTrace.format(model.get(i)) + ")";
        }
        Decision md = model.get(i);
        Decision td = trace.get(i);
        String at = "decision #" + (i + 1) + ": ";
        if (md instanceof Decision.Switch && td instanceof Decision.Switch && ((Decision.Switch) md).cpu() == ((Decision.Switch) td).cpu()) {
            Decision.Switch ms = (Decision.Switch) md;
            Decision.Switch ts = (Decision.Switch) td;
            if (ms.to() != ts.to()) {
                return at + "CPU " + ms.cpu() + " must run the best queued thread: the model picks " + who(ms.to())
                        + ", the trace " + who(ts.to()) + " (sched_choose takes the head of the highest-priority non-empty run queue; "
                        + "the choice does not depend on random state)";
            }
            return at + "same switch on CPU " + ms.cpu() + " but for another reason: model " + ms.reason() + ", trace " + ts.reason();
        }
        int mc = cpuOf(md);
        int tc = cpuOf(td);
        if (mc >= 0 && tc >= 0 && mc != tc && !reachable.isEmpty()) {
            return at + "the trace puts the thread on CPU " + tc + "; ULE's CPU choice here can only be one of " + reachable
                    + " (tried " + CANDIDATES + " random states of CPU " + own + "'s randomval" + (tried > 1 ? ", and of " + (tried - 1)
                    + " other CPUs'" : "; it is the only CPU whose random state this choice reads") + ")";
        }
        return at + "the model decides " + DecisionTrace.format(md) + ", the trace " + DecisionTrace.format(td)
                + " (no random state tried reproduces the trace)";
    }

    private static int cpuOf(Decision d) {
        if (d instanceof Decision.Enqueue) {
            return ((Decision.Enqueue) d).cpu();
        }
        if (d instanceof Decision.Migrate) {
            return ((Decision.Migrate) d).to();
        }
        return -1;
    }

    private String who(int tid) {
        if (tid < 0) {
            return "idle";
        }
        if (tid >= m.threadCount()) {
            return "thread " + tid + " (which does not exist)";
        }
        ThreadState t = m.thread(tid);
        return "thread " + tid + " (priority " + t.priority() + ", " + t.state() + (t.state() == org.ulemodel.core.machine.RunState.QUEUED
                ? " on CPU " + t.cpu() : "") + ")";
    }

    /**
     * The CPU whose code handles {@code e}: its random state is the one sched_random() uses, and a
     * trace logs the event there; CPU 0 for a tick (the balancer).
     */
    public static int eventCpu(Event e) {
        if (e instanceof Event.Create) {
            return ((Event.Create) e).onCpu();
        } else if (e instanceof Event.Wake) {
            return ((Event.Wake) e).onCpu();
        } else if (e instanceof Event.Block) {
            return ((Event.Block) e).cpu();
        } else if (e instanceof Event.Yield) {
            return ((Event.Yield) e).cpu();
        } else if (e instanceof Event.Exit) {
            return ((Event.Exit) e).cpu();
        } else if (e instanceof Event.Fork) {
            return ((Event.Fork) e).cpu();
        } else if (e instanceof Event.IdleLoop) {
            return ((Event.IdleLoop) e).cpu();
        } else if (e instanceof Event.DeliverIpi) {
            return ((Event.DeliverIpi) e).cpu();
        } else if (e instanceof Event.SetCpuset) {
            return ((Event.SetCpuset) e).onCpu();
        } else if (e instanceof Event.Bind) {
            return ((Event.Bind) e).cpu();
        } else if (e instanceof Event.Unbind) {
            return ((Event.Unbind) e).cpu();
        } else if (e instanceof Event.CpuOffline) {
            return ((Event.CpuOffline) e).onCpu();
        }
        return 0;
    }
}
