// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.CpuState;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MigrateReason;
import org.ulemodel.core.machine.StepResult;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.model.EventKind;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;

/**
 * The one oracle: exact where ULE is deterministic, any random choice ULE could make accepted,
 * a wrong decision caught (a tampered trace, a planted bug), at two granularities through one
 * code path, with a bounded set of states that agree with what was reported.
 */
class OracleTest {
    private static final Ule14Model ULE = Ule14Model.DEFAULT;

    /** What a run of an implementation reported: each event and its step. */
    record Reported(Event event, ModelStep<Machine> step) {
    }

    /** Coarse projection: the thread each CPU runs (queues and IPIs hidden). */
    static final Projection<List<Integer>> RUNNING = step -> {
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < step.state().cpuCount(); c++) {
            out.add(step.state().running(c));
        }
        return out;
    };

    static Machine boot(String topo) {
        return ULE.boot(Topology.parse(topo));
    }

    /** ULE booted with other per-CPU random states: a legitimate ULE whose random choices differ. */
    static Machine reseeded(String topo) {
        Machine m = boot(topo);
        for (int c = 0; c < m.cpuCount(); c++) {
            CpuState.Builder b = m.cpu(c).edit();
            b.randomval = 0x7A3B_91C5 * (c + 7);
            m = m.withCpu(b.build());
        }
        return m;
    }

    static Event create(CpuSet cpus, int on) {
        return new Event.Create(PriClass.TIMESHARE, 0, -1, false, cpus, on);
    }

    /**
     * {@code n} events chosen at random from those {@code impl} can take in its own state
     * (creates up to 8 threads, then ticks, blocks, wakes, yields, idle loops, IPIs), with its steps.
     */
    static List<Reported> run(SchedulerModel<Machine> impl, Machine start, long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        EventKind[] kinds = {EventKind.TICK, EventKind.TICK, EventKind.BLOCK, EventKind.WAKE, EventKind.WAKE, EventKind.YIELD,
            EventKind.IDLE, EventKind.IPI, EventKind.IPI};
        Machine m = start;
        List<Reported> out = new ArrayList<>();
        while (out.size() < n) {
            List<Event> cands = new ArrayList<>();
            if (m.threadCount() < 8 && r.nextInt(4) == 0) {
                cands.add(create(CpuSet.firstN(m.cpuCount()), r.nextInt(m.cpuCount())));
            } else {
                impl.enabledEvents(m, kinds[r.nextInt(kinds.length)], cands);
            }
            if (cands.isEmpty()) {
                continue;
            }
            Event e = cands.get(r.nextInt(cands.size()));
            ModelStep<Machine> s;
            try {
                s = impl.step(m, e);
            } catch (IllegalEventException notHere) {
                continue;
            }
            out.add(new Reported(e, s));
            m = s.state();
        }
        return out;
    }

    static <V> List<Oracle.Verdict<Machine, V>> judgeAll(Oracle<Machine> o, List<Reported> run, Projection<V> what) {
        List<Oracle.Verdict<Machine, V>> out = new ArrayList<>();
        for (Reported r : run) {
            out.add(o.judge(r.event(), what, what.of(r.step())));
        }
        return out;
    }

    /**
     * The model's own run is judged exactly: one state kept throughout, and at the granularity of
     * decisions (which show every ULE random choice) no alternative is even tried after a match.
     */
    @Test
    void theModelsOwnRunIsExact() {
        Oracle<Machine> o = new Oracle<>(ULE, boot("2x2x2"));
        List<Oracle.Verdict<Machine, List<Decision>>> vs = judgeAll(o, run(ULE, boot("2x2x2"), 1, 400), Projection.DECISIONS);
        for (Oracle.Verdict<Machine, List<Decision>> v : vs) {
            assertThat(v.outcome()).isEqualTo(Oracle.Outcome.EXACT);
            assertThat(v.alternatives()).isZero();
        }
        assertThat(vs).anyMatch(Oracle.Verdict::drewRandom);
        assertThat(o.states()).hasSize(1);
        assertThat(o.randomAccepted()).isZero();
        assertThat(o.events()).isEqualTo(400);
    }

    /**
     * ULE with other boot random states conforms at both granularities, and the tolerance was
     * really used: some decisions differ from the model's own and were accepted as another
     * random choice.
     */
    @Test
    void aReseededUleConformsAtBothGranularities() {
        List<Reported> run = run(ULE, reseeded("2x4x2"), 2, 400);
        Oracle<Machine> fine = new Oracle<>(ULE, boot("2x4x2"));
        assertThat(judgeAll(fine, run, Projection.DECISIONS)).allMatch(Oracle.Verdict::conforms);
        assertThat(fine.randomAccepted()).isPositive();
        Oracle<Machine> coarse = new Oracle<>(ULE, boot("2x4x2"));
        assertThat(judgeAll(coarse, run, RUNNING)).allMatch(Oracle.Verdict::conforms);
    }

    /**
     * Tampered trace: CPU 0 runs thread 0, CPUs 1–3 are idle, so sched_pickcpu's
     * cpu_search_lowest sends a new thread created on CPU 0 to one of CPUs 1–3 (load 0 beats load 1
     * whatever the jitter, which is below one thread's load). A trace that queues it on CPU 0 is
     * rejected, naming the choices ULE has; judging continues from the model's own state.
     */
    @Test
    void aTamperedCpuChoiceIsCaughtWithTheChoicesUleHas() {
        Machine m = boot("4");
        List<Reported> run = new ArrayList<>();
        for (Event e : List.of(create(CpuSet.firstN(4), 0), create(CpuSet.firstN(4), 0), new Event.Tick())) {
            StepResult s = ULE.step(m, e);
            run.add(new Reported(e, s));
            m = s.state();
        }
        List<Decision> tampered = new ArrayList<>();
        for (Decision d : run.get(1).step().decisions()) {
            if (d instanceof Decision.Enqueue) {
                Decision.Enqueue q = (Decision.Enqueue) d;
                d = new Decision.Enqueue(q.tid(), 0, q.queue(), q.index(), q.atHead());
            }
            tampered.add(d);
        }
        Oracle<Machine> o = new Oracle<>(ULE, boot("4"));
        assertThat(o.judge(new DecisionTrace.Entry(1, 0, run.get(0).event(), null, run.get(0).step().decisions(), 2))).isNull();
        Oracle.Divergence d = o.judge(new DecisionTrace.Entry(2, 0, run.get(1).event(), null, tampered, 3));
        assertThat(d).isNotNull();
        assertThat(d.why()).isEqualTo("decision #2: the trace puts the thread on CPU 0; the model's CPU choice here can only be one of [1, 2, 3]"
                + " (tried " + Oracle.ALTERNATIVES + " other random states)");
        assertThat(d.model()).isEqualTo(run.get(1).step().decisions());
        assertThat(o.judge(new DecisionTrace.Entry(3, 0, run.get(2).event(), null, run.get(2).step().decisions(), 4))).isNull();
        assertThat(o.stopped()).isFalse();
    }

    /**
     * Planted bug, as a model of its own: an idle CPU never steals. CPU 0 runs one thread with a
     * second queued behind it (both created pinned to CPU 0, the second then allowed everywhere);
     * CPU 1's idle loop steals it in ULE, not in the buggy scheduler. Both granularities catch it
     * at that event.
     */
    @Test
    void aPlantedBugIsCaughtAtBothGranularities() {
        SchedulerModel<Machine> neverSteals = new InterfaceDefaultsModel(ULE) {
            @Override
            public ModelStep<Machine> step(Machine state, Event event) {
                ModelStep<Machine> s = ULE.step(state, event);
                boolean steals = s.decisions().stream()
                        .anyMatch(d -> d instanceof Decision.Migrate && ((Decision.Migrate) d).why() == MigrateReason.STEAL);
                return event instanceof Event.IdleLoop && steals ? ModelStep.of(state, List.of(), s.cost()) : s;
            }
        };
        List<Event> events = List.of(create(CpuSet.of(0), 0), create(CpuSet.of(0), 0), new Event.SetCpuset(1, CpuSet.firstN(2), 0),
                new Event.IdleLoop(1));
        for (Projection<?> what : List.of(Projection.DECISIONS, RUNNING)) {
            assertThat(firstDivergence(neverSteals, boot("2"), events, what)).as(what.toString()).isEqualTo(4);
            assertThat(firstDivergence(ULE, boot("2"), events, what)).isEqualTo(-1);
        }
    }

    private static <V> int firstDivergence(SchedulerModel<Machine> impl, Machine start, List<Event> events, Projection<V> what) {
        Oracle<Machine> o = new Oracle<>(ULE, boot("2"));
        Machine m = start;
        for (int i = 0; i < events.size(); i++) {
            ModelStep<Machine> s = impl.step(m, events.get(i));
            m = s.state();
            if (!o.judge(events.get(i), what, what.of(s)).conforms()) {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * The model decides how far the tolerance goes: ULE declared without randomness
     * ({@link org.ulemodel.core.model.RandomChoices#none()}) is judged exactly, so a reseeded ULE
     * is rejected at its first differing random choice and no alternative is tried.
     */
    @Test
    void aModelWithoutRandomnessIsJudgedExactly() {
        SchedulerModel<Machine> deterministic = new InterfaceDefaultsModel(ULE);
        Oracle<Machine> o = new Oracle<>(deterministic, boot("2x4x2"));
        List<Oracle.Verdict<Machine, List<Decision>>> vs = judgeAll(o, run(ULE, reseeded("2x4x2"), 2, 400), Projection.DECISIONS);
        assertThat(vs).anyMatch(v -> v.outcome() == Oracle.Outcome.DIVERGENT);
        assertThat(vs).allMatch(v -> v.alternatives() == 0 && v.outcome() != Oracle.Outcome.OTHER_RANDOM);
        assertThat(o.randomAccepted()).isZero();
    }

    /**
     * The kept set: with only the running threads compared, a new thread's CPU (1, 2 or 3, an IPI
     * pending there) is hidden, so the oracle keeps one state per choice; delivering the IPI on
     * CPU 2 shows the choice, the other states cannot take that event, and one state remains.
     * Before that, {@link Oracle#reference} answers an IPI delivery on any of the three CPUs.
     */
    @Test
    void hiddenChoicesAreKeptUntilAReportShowsThem() {
        Machine m = boot("4");
        Oracle<Machine> o = new Oracle<>(ULE, m);
        for (Event e : List.of(create(CpuSet.firstN(4), 0), create(CpuSet.firstN(4), 0))) {
            StepResult s = ULE.step(m, e);
            m = s.state();
            assertThat(o.judge(e, RUNNING, RUNNING.of(s)).outcome()).isEqualTo(Oracle.Outcome.EXACT);
        }
        assertThat(o.states()).hasSize(3);
        assertThat(o.states()).extracting(s -> s.thread(1).cpu()).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(o.state()).isEqualTo(m); // the model's own choice stays the reference
        int chosen = m.thread(1).cpu();
        int other = chosen == 1 ? 2 : 1;
        // a driver asking for the model's answer gets it from a kept state that can take the event
        assertThat(o.reference(new Event.DeliverIpi(other)).state().cpu(other).curthread()).isEqualTo(1);
        assertThatThrownBy(() -> o.reference(new Event.DeliverIpi(0))).isInstanceOf(IllegalEventException.class)
                .hasMessageContaining("no IPI is pending on CPU 0");
        StepResult ipi = ULE.step(m, new Event.DeliverIpi(chosen));
        assertThat(o.judge(new Event.DeliverIpi(chosen), RUNNING, RUNNING.of(ipi)).conforms()).isTrue();
        assertThat(o.states()).containsExactly(ipi.state());
    }

    /** The kept set never exceeds its bound, and does grow beyond one when reports hide choices. */
    @Test
    void theKeptSetIsBounded() {
        Oracle<Machine> o = new Oracle<>(ULE, boot("2x4x2"));
        int most = 0;
        for (Reported r : run(ULE, reseeded("2x4x2"), 3, 300)) {
            assertThat(o.judge(r.event(), RUNNING, RUNNING.of(r.step())).conforms()).isTrue();
            most = Math.max(most, o.states().size());
        }
        assertThat(most).isGreaterThan(1).isLessThanOrEqualTo(Oracle.MAX_STATES);
    }

    /**
     * A rare random choice is found by searching on: a model (ULE plus a test decision) whose tick
     * also draws from CPU 0's randomval a number in 0..4095 and reports it. One alternative in 4,096
     * reproduces a given number, so {@link Oracle#ALTERNATIVES} tries alone would miss it more often
     * than not; while outcomes never met before keep turning up the oracle tries more, up to
     * {@link Oracle#MAX_ALTERNATIVES}, and a reseeded run of that model conforms.
     */
    @Test
    void aRareRandomChoiceIsFoundBySearchingOn() {
        SchedulerModel<Machine> lottery = new InterfaceDefaultsModel(ULE) {
            @Override
            public ModelStep<Machine> step(Machine state, Event event) {
                ModelStep<Machine> s = ULE.step(state, event);
                if (!(event instanceof Event.Tick)) {
                    return s;
                }
                CpuState.Builder b = s.state().cpu(0).edit();
                b.randomval = b.randomval * 69069 + 5;
                List<Decision> ds = new ArrayList<>(s.decisions());
                ds.add(new Decision.Balanced((b.randomval >>> 16) % 4096));
                return ModelStep.of(s.state().withCpu(b.build()), ds, s.cost());
            }

            @Override
            public org.ulemodel.core.model.RandomChoices<Machine> randomChoices() {
                return ULE.randomChoices();
            }
        };
        Machine m = reseeded("2");
        Oracle<Machine> o = new Oracle<>(lottery, boot("2"));
        int searchedOn = 0;
        for (int i = 0; i < 12; i++) {
            ModelStep<Machine> s = lottery.step(m, new Event.Tick());
            m = s.state();
            Oracle.Verdict<Machine, List<Decision>> v = o.judge(new Event.Tick(), Projection.DECISIONS, s.decisions());
            assertThat(v.conforms()).as("tick %d", i).isTrue();
            if (v.alternatives() > Oracle.ALTERNATIVES) {
                searchedOn++;
            }
        }
        assertThat(searchedOn).isPositive();
        assertThat(o.randomAccepted()).isEqualTo(12);
    }

    /** An event no kept state can take ends judging: reported once, later events are not judged. */
    @Test
    void anEventTheModelCannotTakeStopsJudging() {
        Oracle<Machine> o = new Oracle<>(ULE, boot("2"));
        Oracle.Divergence d = o.judge(new DecisionTrace.Entry(1, 0, new Event.Wake(0, 0), null, List.of(), 2));
        assertThat(d.why()).startsWith("the model cannot take this event in its state: ").endsWith("(replay stops here)");
        assertThat(o.stopped()).isTrue();
        assertThat(o.judge(new Event.Tick(), Projection.DECISIONS, List.of()).outcome()).isEqualTo(Oracle.Outcome.NOT_JUDGED);
        assertThat(o.judge(new DecisionTrace.Entry(2, 0, new Event.Tick(), null, List.of(), 3))).isNull();
        assertThat(o.events()).isEqualTo(1);
    }

    /** The alternatives are seeded by event number and state: two oracles judge the same run alike. */
    @Test
    void judgingIsReproducible() {
        List<Reported> run = run(ULE, reseeded("2x2"), 4, 300);
        List<List<Object>> a = new ArrayList<>();
        List<List<Object>> b = new ArrayList<>();
        for (List<List<Object>> into : List.of(a, b)) {
            Oracle<Machine> o = new Oracle<>(ULE, boot("2x2"));
            for (Oracle.Verdict<Machine, List<Integer>> v : judgeAll(o, run, RUNNING)) {
                into.add(List.of(v.outcome(), v.alternatives(), o.states()));
            }
        }
        assertThat(a).isEqualTo(b);
    }
}
