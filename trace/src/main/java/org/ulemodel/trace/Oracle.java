// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.RunState;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.RandomChoices;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;

/**
 * The conformance oracle: the one judge of "could the model have decided this?". It follows
 * another implementation event by event and judges what that implementation reported for each
 * event against what the model could have done. {@code ulemodel check} judges the full decision
 * lists of a JSONL trace ({@link #judge(DecisionTrace.Entry)}, i.e. {@link Projection#DECISIONS});
 * the conformance kit ({@code properties.tck.Conformance}) judges placements and migrations. Both
 * go through {@link #judge(Event, Projection, Object)}; only the {@link Projection} differs.
 *
 * <p><b>Exact where the model is deterministic.</b> A step that reads no random number (the
 * model's {@link RandomChoices#drew}) can have one outcome only, so the report must equal the
 * model's projected step.
 *
 * <p><b>Random-tolerant where it is not.</b> A model keeps its randomness in its state and says
 * how to vary it ({@link SchedulerModel#randomChoices()}; ULE 14: every CPU's {@code randomval},
 * which is kernel-internal and, the LCG having full period, can hold any value). When a step drew
 * and its own outcome differs from the report, the oracle re-runs it from the same state with
 * {@link #ALTERNATIVES} alternative random states ({@link RandomChoices#reseed}; ULE: all CPUs'
 * {@code randomval}s at once, so a tick whose outcome depends on two CPUs' draws is covered),
 * seeded by event number and state index so that every run judges alike, and accepts the report
 * if any of them produces it. ULE's jitter only breaks ties between equally loaded CPUs, so the
 * outcomes are few: a tie among n is missed with probability (1 − 1/n)<sup>{@value #ALTERNATIVES}</sup>.
 * When the outcomes are many (the balancer's interval and its choice of thread together: hundreds),
 * outcomes never met before still turn up late in the sample, and the oracle goes on,
 * {@value #ALTERNATIVES} at a time, until the last quarter of its tries brings nothing new or
 * {@link #MAX_ALTERNATIVES} are tried. The search is bounded, so it under-approximates what the
 * model can do: a choice reachable only through a rarer random sequence is reported as a
 * divergence, never silently accepted.
 *
 * <p><b>A bounded set of consistent states.</b> Random choices can differ in what a report does not
 * show (which CPU got an IPI, which thread was asked to re-pick, or simply the random state
 * itself). So the oracle keeps every model state, up to {@link #MAX_STATES} distinct ones apart
 * from their random state ({@link RandomChoices#erase}), that agrees with every report so far, and
 * the next report must be one that some kept state can produce. After a match on a step that drew
 * it tries {@link #VARIANTS} more alternatives to find such hidden variants — unless the report
 * shows every random choice: full decision lists ({@link Projection#showsDecisions()}) of a model
 * whose decisions record its choices ({@link RandomChoices#decisionsShowChoices()}, ULE 14), where
 * a match pins the state down and the set stays one state (the single tracked state of
 * {@code check}'s former oracle is that case). With placements only (the kit) the set does grow.
 * The first kept state is the reference: its own step is what a divergence is reported against,
 * and the events a driver generates are generated from it.
 *
 * <p>After a divergence the oracle continues from the reference state's own step (later reports
 * may be consequences of the first). An event that no kept state can take ends the judging
 * ({@link #stopped()}). Not thread-safe: one oracle follows one run.
 *
 * @param <S> the model's state type
 */
public final class Oracle<S extends SchedulerState> {
    /** Alternative random states tried per kept state before a report on a random step is rejected (at least). */
    public static final int ALTERNATIVES = 2048;
    /**
     * Most alternatives tried per kept state: the search goes on, {@link #ALTERNATIVES} at a time,
     * while outcomes never met before still turn up in the last quarter of the tries.
     */
    public static final int MAX_ALTERNATIVES = 16 * ALTERNATIVES;
    /**
     * Extra alternatives tried after a match, to find other hidden states with the same report;
     * none when the report shows every random choice ({@link Projection#showsDecisions()} and
     * {@link RandomChoices#decisionsShowChoices()}).
     */
    public static final int VARIANTS = 48;
    /** Most model states kept that agree with the reports so far. */
    public static final int MAX_STATES = 8;

    /** How one event was judged. */
    public enum Outcome {
        /** A kept state's own step gives the report (no other random state needed). */
        EXACT,
        /** Only an alternative random state gives the report. */
        OTHER_RANDOM,
        /** No kept state with any random state tried gives the report. */
        DIVERGENT,
        /** No kept state can take the event at all; judging stops here. */
        REFUSED,
        /** Judging had already stopped; the event was not judged. */
        NOT_JUDGED
    }

    /**
     * The verdict on one event. {@code before} and {@code step} are the reference: the first kept
     * state that could take the event and its own step (null when refused or not judged).
     *
     * @param outcome      how the event was judged
     * @param event        the event
     * @param before       the reference state before the event
     * @param step         the reference state's own step
     * @param expected     {@code step} projected: what the model itself reports
     * @param reported     what the implementation reported
     * @param drewRandom   whether some kept state's step drew random numbers, so that alternatives were tried
     * @param outcomes     every distinct projected outcome the model produced, own steps and alternatives
     *                     tried, in the order met (the reference's own first): what it could have reported
     * @param alternatives alternative random states tried
     * @param refusal      why the model refused the event (REFUSED only), else null
     * @param <S>          the model's state type
     * @param <V>          what is compared
     */
    public record Verdict<S extends SchedulerState, V>(Outcome outcome, Event event, S before, ModelStep<S> step, V expected,
            V reported, boolean drewRandom, List<V> outcomes, int alternatives, String refusal) {
        /** Whether the model could have reported this. */
        public boolean conforms() {
            return outcome == Outcome.EXACT || outcome == Outcome.OTHER_RANDOM;
        }
    }

    /**
     * One disagreement of a JSONL decision trace with the model, as {@code ulemodel check} prints it.
     *
     * @param n      the trace's event number
     * @param line   its line in the file
     * @param timeNs its time
     * @param event  the event
     * @param model  the model's decisions (the reference state's own step; empty when refused)
     * @param trace  the trace's decisions
     * @param why    the most telling difference, in words
     */
    public record Divergence(long n, int line, long timeNs, Event event, List<Decision> model, List<Decision> trace, String why) {
    }

    private final SchedulerModel<S> model;
    private final RandomChoices<S> random;
    private List<S> states;
    private long events;
    private long randomAccepted;
    private boolean stopped;

    /** An oracle following a run of {@code model} from {@code start} (the implementation's boot state as far as it is known). */
    public Oracle(SchedulerModel<S> model, S start) {
        this.model = Objects.requireNonNull(model, "model");
        this.random = Objects.requireNonNull(model.randomChoices(), "randomChoices");
        this.states = List.of(Objects.requireNonNull(start, "start"));
    }

    /** The model judged against. */
    public SchedulerModel<S> model() {
        return model;
    }

    /** The reference state: the first of {@link #states()}. */
    public S state() {
        return states.get(0);
    }

    /** The model states that agree with every report so far (after a divergence: the reference's own step), 1 to {@link #MAX_STATES}. */
    public List<S> states() {
        return Collections.unmodifiableList(states);
    }

    /** Events judged. */
    public long events() {
        return events;
    }

    /** Events the model could produce only with another random state. */
    public long randomAccepted() {
        return randomAccepted;
    }

    /** True once an event could not be taken by any kept state. */
    public boolean stopped() {
        return stopped;
    }

    /**
     * The reference step for {@code event} without judging anything: the own step of the first kept
     * state that can take it (a driver that must show the model's answer before it has a report,
     * e.g. when the implementation refused the event). The kept states may differ in what no
     * report showed (ULE: which CPU has an IPI pending), so this is not always the first state's.
     *
     * @throws IllegalEventException the first state's refusal, when no kept state can take {@code event}
     */
    public ModelStep<S> reference(Event event) {
        IllegalEventException first = null;
        for (S s : states) {
            try {
                return model.step(s, event);
            } catch (IllegalEventException e) {
                first = first == null ? e : first;
            }
        }
        throw first;
    }

    /**
     * Judges one event: could the model, from one of the kept states and with some random state,
     * have taken {@code event} and reported {@code reported} as {@code what} projects it? Moves the
     * kept states on past the event.
     */
    public <V> Verdict<S, V> judge(Event event, Projection<V> what, V reported) {
        if (stopped) {
            return new Verdict<>(Outcome.NOT_JUDGED, event, null, null, null, reported, false, List.of(), 0, null);
        }
        events++;
        Found<S> found = new Found<>(random);
        Outcomes<V> outcomes = new Outcomes<>();
        boolean seekVariants = !(what.showsDecisions() && random.decisionsShowChoices());
        S before = null;
        ModelStep<S> reference = null;
        String refusal = null;
        boolean exact = false;
        boolean drew = false;
        int tried = 0;
        for (int i = 0; i < states.size() && found.size() < MAX_STATES; i++) {
            S s = states.get(i);
            ModelStep<S> own;
            try {
                own = model.step(s, event);
            } catch (IllegalEventException hiddenDifference) {
                refusal = refusal == null ? hiddenDifference.getMessage() : refusal;
                continue; // e.g. an IPI this state does not have pending
            }
            if (reference == null) {
                before = s;
                reference = own;
            }
            V v = what.of(own);
            outcomes.add(v);
            if (v.equals(reported)) {
                found.add(own.state());
                exact = true;
            }
            if (!random.drew(s, own.state())) {
                continue; // no random state can change this step
            }
            drew = true;
            boolean matched = found.size() > 0;
            if (matched && !seekVariants) {
                continue; // the report shows every random choice: no hidden variant to look for
            }
            SplittableRandom rnd = new SplittableRandom(events * 0x9E3779B97F4A7C15L + i);
            int limit = matched ? VARIANTS : ALTERNATIVES;
            int lastNew = 0;
            for (int k = 1; k <= limit && found.size() < MAX_STATES; k++) {
                tried++;
                ModelStep<S> alt;
                try {
                    alt = model.step(random.reseed(s, rnd), event);
                } catch (IllegalEventException notHere) {
                    continue;
                }
                V av = what.of(alt);
                if (outcomes.add(av)) {
                    lastNew = k;
                }
                if (av.equals(reported)) {
                    found.add(alt.state());
                    if (!matched) {
                        matched = true;
                        if (!seekVariants) {
                            break;
                        }
                        limit = Math.min(limit, k + VARIANTS);
                    }
                } else if (!matched && k == limit && limit < MAX_ALTERNATIVES && k - lastNew < limit / 4) {
                    limit += ALTERNATIVES; // outcomes never met before still turn up: the sample has not covered them yet
                }
            }
        }
        if (reference == null) {
            stopped = true;
            return new Verdict<>(Outcome.REFUSED, event, null, null, null, reported, false, List.of(), 0, refusal);
        }
        V expected = what.of(reference);
        List<V> seen = outcomes.list();
        if (found.size() > 0) {
            states = found.states();
            if (!exact) {
                randomAccepted++;
            }
            return new Verdict<>(exact ? Outcome.EXACT : Outcome.OTHER_RANDOM, event, before, reference, expected, reported, drew, seen,
                    tried, null);
        }
        states = List.of(reference.state());
        return new Verdict<>(Outcome.DIVERGENT, event, before, reference, expected, reported, drew, seen, tried, null);
    }

    /**
     * Judges one entry of a JSONL decision trace at the finest granularity, its full decision list;
     * returns null when it conforms (or when judging has stopped).
     */
    public Divergence judge(DecisionTrace.Entry e) {
        Verdict<S, List<Decision>> v = judge(e.event(), Projection.DECISIONS, e.decisions());
        switch (v.outcome()) {
            case EXACT:
            case OTHER_RANDOM:
            case NOT_JUDGED:
                return null;
            case REFUSED:
                return new Divergence(e.n(), e.line(), e.timeNs(), e.event(), List.of(), e.decisions(),
                        "the model cannot take this event in its state: " + v.refusal() + " (replay stops here)");
            default:
                return new Divergence(e.n(), e.line(), e.timeNs(), e.event(), v.expected(), e.decisions(), why(v));
        }
    }

    /** The most telling difference between the model's decisions and the trace's, in words. */
    static String why(Verdict<?, List<Decision>> v) {
        List<Decision> model = v.expected();
        List<Decision> trace = v.reported();
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
                return at + "CPU " + ms.cpu() + " must run the best queued thread: the model picks " + who(v.before(), ms.to())
                        + ", the trace " + who(v.before(), ts.to())
                        + (v.drewRandom() ? " (tried " + v.alternatives() + " other random states)" : " (the step draws no random number: the pick is fixed)");
            }
            return at + "same switch on CPU " + ms.cpu() + " but for another reason: model " + ms.reason() + ", trace " + ts.reason();
        }
        int mc = cpuOf(md);
        int tc = cpuOf(td);
        int watched = watchedThread(trace, model);
        if (mc >= 0 && tc >= 0 && mc != tc && watched >= 0) {
            TreeSet<Integer> reachable = new TreeSet<>();
            for (List<Decision> o : v.outcomes()) {
                int to = firstCpuOf(o, watched);
                if (to >= 0) {
                    reachable.add(to);
                }
            }
            return at + "the trace puts the thread on CPU " + tc + "; the model's CPU choice here can only be one of " + reachable
                    + (v.drewRandom() ? " (tried " + v.alternatives() + " other random states)"
                            : " (the step draws no random number: the choice is fixed)");
        }
        return at + "the model decides " + DecisionTrace.format(md) + ", the trace " + DecisionTrace.format(td)
                + (v.drewRandom() ? " (no random state tried reproduces the trace)" : " (the step draws no random number: ULE is deterministic here)");
    }

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

    private static int cpuOf(Decision d) {
        if (d instanceof Decision.Enqueue) {
            return ((Decision.Enqueue) d).cpu();
        }
        if (d instanceof Decision.Migrate) {
            return ((Decision.Migrate) d).to();
        }
        return -1;
    }

    private static String who(SchedulerState m, int tid) {
        if (tid < 0) {
            return "idle";
        }
        if (tid >= m.threadCount()) {
            return "thread " + tid + " (which does not exist)";
        }
        RunState st = m.threadState(tid);
        return "thread " + tid + " (priority " + m.threadPriority(tid) + ", " + st + (st == RunState.QUEUED ? " on CPU " + m.threadCpu(tid) : "")
                + ")";
    }

    /**
     * The distinct outcomes met, in order. The kept states' own outcomes (usually one, and the
     * only ones when the report matches without a search) are kept in a list and hashed only when
     * alternatives are searched, where telling new outcomes from old ones matters.
     */
    private static final class Outcomes<V> {
        private final List<V> own = new ArrayList<>(2);
        private LinkedHashSet<V> set;

        /** Adds {@code v}; true when it was not met before. */
        boolean add(V v) {
            if (set == null) {
                if (own.isEmpty()) {
                    own.add(v);
                    return true;
                }
                set = new LinkedHashSet<>(own);
            }
            return set.add(v);
        }

        List<V> list() {
            return set == null ? List.copyOf(own) : List.copyOf(set);
        }
    }

    /**
     * The states found to agree with a report, distinct apart from their random state, in the order
     * found. A state's erasure is computed only when a second state is found (the usual single
     * match costs no erasure).
     */
    private static final class Found<S extends SchedulerState> {
        private final RandomChoices<S> random;
        private final List<S> states = new ArrayList<>(2);
        private final List<S> keys = new ArrayList<>(2);

        Found(RandomChoices<S> random) {
            this.random = random;
        }

        int size() {
            return states.size();
        }

        /** Adds {@code s} unless a state equal to it apart from its random state is already there. */
        void add(S s) {
            if (states.isEmpty()) {
                states.add(s);
                keys.add(null);
                return;
            }
            S key = random.erase(s);
            for (int i = 0; i < states.size(); i++) {
                if (keys.get(i) == null) {
                    keys.set(i, random.erase(states.get(i)));
                }
                if (keys.get(i).equals(key)) {
                    return;
                }
            }
            states.add(s);
            keys.add(key);
        }

        List<S> states() {
            return new ArrayList<>(states);
        }
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
        } else if (e instanceof Event.Offload) {
            return ((Event.Offload) e).onCpu();
        }
        return 0;
    }
}
