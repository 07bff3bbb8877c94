// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.tck;

import java.util.ArrayList;
import java.util.List;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.AsString;
import org.quicktheories.core.Reporter;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.properties.gen.EventInterpreter;
import org.ulemodel.properties.gen.EventMix;
import org.ulemodel.properties.gen.Scenario;
import org.ulemodel.properties.gen.Topologies;
import org.ulemodel.trace.DecisionTrace;
import org.ulemodel.trace.Oracle;

/**
 * Differential fuzzing of an implementation run as a process ({@link ExternalScheduler}) against a
 * model: the property suites' random scenarios ({@link Scenario}: a topology from
 * {@link Topologies}, a choice list the {@link EventInterpreter} turns into events valid in the
 * model's state) are sent to the implementation one session each, every answer is judged by the
 * {@link Oracle} on the full decision list, and the first diverging scenario is shrunk by
 * QuickTheories (fewer choices, smaller values, a smaller machine) to a minimal one. Seeded: the
 * same seed, budget and implementation give the same run.
 *
 * <p>Invariant: a divergence is reported only for an answer the oracle rejects or an event the
 * implementation refuses though the model takes it; a child that crashes, hangs or breaks the
 * protocol ends the run with {@link Result#childFailure()} instead.
 */
public final class DifferentialFuzzer {
    private DifferentialFuzzer() {
    }

    /**
     * The budgets and the generator's settings.
     *
     * @param mix          event kinds and their weights
     * @param maxCpus      largest machine generated (1..64)
     * @param maxChoices   most choices per scenario (each one event or a burst of ticks)
     * @param seed         QuickTheories' seed
     * @param examples     most scenarios tried
     * @param maxMillis    time budget for the search in ms (0: none); shrinking is not cut short
     * @param shrinkCycles QuickTheories' shrink cycles
     */
    public record Config(EventMix mix, int maxCpus, int maxChoices, long seed, int examples, long maxMillis, int shrinkCycles) {
    }

    /**
     * A divergence: on {@code topology}, the implementation's answer to the last of {@code events}
     * is not one the model could give.
     *
     * @param topology       the machine, a PxCxT spec
     * @param events         the events sent, the diverging one last
     * @param why            the oracle's reason, or the implementation's refusal
     * @param model          the model's decisions for the last event
     * @param implementation the implementation's (null when it refused the event)
     * @param firstLength    events of the first diverging scenario found, before shrinking
     */
    public record Divergence(String topology, List<Event> events, String why, List<Decision> model, List<Decision> implementation,
            int firstLength) {
    }

    /**
     * How a run ended.
     *
     * @param examples     scenarios tried before the divergence (or in all)
     * @param events       events judged, shrinking included
     * @param divergence   the smallest divergence found, or null
     * @param childFailure what went wrong with the child process, or null
     * @param timeUp       whether the time budget stopped the search
     */
    public record Result(int examples, long events, Divergence divergence, String childFailure, boolean timeUp) {
    }

    /** Fuzzes {@code child} against {@code model} within {@code config}'s budgets. */
    public static Result run(ExternalScheduler child, SchedulerModel<?> model, Config config) {
        Run run = new Run(child, model, config.mix());
        long deadline = config.maxMillis() > 0 ? System.nanoTime() + config.maxMillis() * 1_000_000L : Long.MAX_VALUE;
        QuickTheory.qt().withFixedSeed(config.seed()).withExamples(config.examples()).withShrinkCycles(config.shrinkCycles())
                .withReporter(new Quiet()).forAll(Scenario.of(model, Topologies.specs(config.maxCpus()), config.mix(), config.maxChoices()))
                .checkAssert(s -> {
                    if (run.failure != null) {
                        return;
                    }
                    if (run.first == null) {
                        if (System.nanoTime() > deadline) {
                            run.timeUp = true;
                            return;
                        }
                        run.examples++;
                    }
                    Divergence d = run.scenario(s.topology(), s.choices());
                    if (d != null) {
                        throw new AssertionError(d.why());
                    }
                });
        if (run.best != null && run.failure == null) {
            run.dropEvents();
        }
        Divergence best = run.best == null ? null
                : new Divergence(run.best.topology(), run.best.events(), run.best.why(), run.best.model(), run.best.implementation(),
                        run.first.events().size());
        return new Result(run.examples, run.events, best, run.failure, run.timeUp);
    }

    /** Sends {@code events} on {@code topology} to {@code child} in one session and judges each answer (a fixed list, e.g. a shrunk one). */
    public static Result replay(ExternalScheduler child, SchedulerModel<?> model, String topology, List<Event> events) {
        Run run = new Run(child, model, null);
        Divergence d = run.events(topology, events);
        return new Result(1, run.events, d, run.failure, false);
    }

    /** The state of one fuzzing run; {@code best} is the shortest divergence seen. */
    private static final class Run {
        final ExternalScheduler child;
        final SchedulerModel<?> model;
        final EventMix mix;
        int examples;
        long events;
        Divergence first;
        Divergence best;
        String failure;
        boolean timeUp;

        Run(ExternalScheduler child, SchedulerModel<?> model, EventMix mix) {
            this.child = child;
            this.model = model;
            this.mix = mix;
        }

        Divergence scenario(String topology, List<Long> choices) {
            EventInterpreter in = new EventInterpreter(mix);
            return session(model, topology, new Feed() {
                int i;

                @Override
                public <S extends SchedulerState> List<Event> next(SchedulerModel<S> m, S state) {
                    return i < choices.size() ? in.next(m, state, choices.get(i++)) : null;
                }
            });
        }

        /**
         * After QuickTheories' shrinking (which shortens the choice list from its end and moves values
         * toward a single tick), drops single events of the shortest divergence while what remains is
         * a list the model takes and still diverges, until no single event can go.
         */
        void dropEvents() {
            boolean dropped = true;
            while (dropped && failure == null) {
                dropped = false;
                List<Event> list = best.events();
                for (int i = list.size() - 2; i >= 0 && !dropped; i--) {
                    List<Event> shorter = new ArrayList<>(list);
                    shorter.remove(i);
                    if (takes(model, best.topology(), shorter) && events(best.topology(), shorter) != null
                            && best.events().size() == shorter.size()) {
                        dropped = true;
                    }
                }
            }
        }

        private static <S extends SchedulerState> boolean takes(SchedulerModel<S> m, String topology, List<Event> list) {
            S s = m.boot(Topology.parse(topology));
            try {
                for (Event e : list) {
                    s = m.step(s, e).state();
                }
                return true;
            } catch (IllegalArgumentException refused) {
                return false;
            }
        }

        Divergence events(String topology, List<Event> list) {
            return session(model, topology, new Feed() {
                int i;

                @Override
                public <S extends SchedulerState> List<Event> next(SchedulerModel<S> m, S state) {
                    return i < list.size() ? List.of(list.get(i++)) : null;
                }
            });
        }

        private <S extends SchedulerState> Divergence session(SchedulerModel<S> m, String topology, Feed feed) {
            try {
                Divergence d = judge(m, topology, feed);
                if (d != null) {
                    first = first == null ? d : first;
                    best = best == null || d.events().size() < best.events().size() ? d : best;
                }
                return d;
            } catch (ExternalScheduler.ChildFailure f) {
                failure = f.getMessage();
                return null;
            }
        }

        private <S extends SchedulerState> Divergence judge(SchedulerModel<S> m, String topology, Feed feed)
                throws ExternalScheduler.ChildFailure {
            S boot = m.boot(Topology.parse(topology));
            child.open(DecisionTrace.Header.of(m, topology, boot));
            Oracle<S> oracle = new Oracle<>(m, boot);
            List<Event> done = new ArrayList<>();
            for (List<Event> batch = feed.next(m, oracle.state()); batch != null; batch = feed.next(m, oracle.state())) {
                for (Event e : batch) {
                    done.add(e);
                    events++;
                    ExternalScheduler.Answer a = child.decide(done.size(), e);
                    if (a.refusal() != null) {
                        return new Divergence(topology, List.copyOf(done), "the implementation refused the event: " + a.refusal(),
                                oracle.reference(e).decisions(), null, done.size());
                    }
                    Oracle.Divergence d = oracle.judge(new DecisionTrace.Entry(done.size(), 0, e, null, a.decisions(), 0));
                    if (d != null) {
                        return new Divergence(topology, List.copyOf(done), d.why(), d.model(), d.trace(), done.size());
                    }
                    if (oracle.stopped()) {
                        return null; // the model refuses a fixed list's event: nothing more to judge
                    }
                }
            }
            return null;
        }
    }

    /** The events of one session, a batch at a time, chosen in the model's current state; null at the end. */
    private interface Feed {
        <S extends SchedulerState> List<Event> next(SchedulerModel<S> m, S state);
    }

    /** QuickTheories reporter that leaves the report to the fuzzer (which keeps the smallest divergence itself). */
    private static final class Quiet implements Reporter {
        @Override
        public void falisification(long seed, int examplesUsed, Object smallest, Throwable cause, List<Object> examples,
                AsString<Object> asString) {
            // kept by Run.best
        }

        @Override
        public void falisification(long seed, int examplesUsed, Object smallest, List<Object> examples, AsString<Object> asString) {
            // kept by Run.best
        }

        @Override
        public void valuesExhausted(int examplesUsed) {
            // the budget ends the run
        }
    }
}
