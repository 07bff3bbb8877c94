// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ulemodel.core.machine.CpuState;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.properties.Examples;
import org.ulemodel.properties.PropertyRunner;
import org.ulemodel.properties.gen.EventMix;
import org.ulemodel.properties.gen.Scenario;
import org.ulemodel.properties.gen.Topologies;
import org.ulemodel.properties.tck.Conformance;
import org.ulemodel.properties.tck.Mismatch;
import org.ulemodel.properties.tck.Observation;
import org.ulemodel.properties.tck.SchedulerUnderTest;
import org.ulemodel.spec.explore.PlantedBug;
import org.ulemodel.spec.explore.PlantedBugs;
import org.ulemodel.trace.DecisionTrace;

/**
 * One oracle, two entry points: one scheduler's run, recorded as a JSONL decision trace and given
 * to {@code ulemodel check}, and the same run judged by the conformance kit, get the same verdict —
 * conforming for ULE with other random seeds, divergent for a wrong scheduler (planted bugs that
 * misplace a thread, an adapter that hides migrations). Both go through {@code trace.Oracle};
 * {@code check} projects a step onto its full decision list, the kit onto placements and
 * migrations. So a wrong decision that moves no thread is seen by {@code check} alone
 * ({@link #aWrongDecisionThatMovesNoThreadIsSeenOnlyByCheck}); for a scheduler whose reports are
 * its decisions the converse never happens: when the kit rejects a run, {@code check} rejects it
 * at the same event or earlier. (A scheduler that reports ULE's decisions while its real placements
 * differ — a lying adapter — is seen only by the kit, which reads the placements: a JSONL trace
 * holds only what was reported.)
 */
class CheckKitAgreementTest {
    static final int EXAMPLES = Examples.count(15);
    static final Ule14Model ULE = Ule14Model.DEFAULT;
    private static final Pattern FIRST = Pattern.compile("(?m)^event (\\d+) \\(line ");

    @TempDir
    Path tmp;
    private int files;

    /**
     * A scheduler under test made from a model of ULE's state type, booted with its own random
     * states, that records every event and the decisions it took as a JSONL decision trace while
     * answering the kit. The trace's header claims FreeBSD's boot random states (as another
     * implementation's would: its real ones are not ULE's to know).
     */
    static final class Recorded implements SchedulerUnderTest {
        private final String name;
        private final SchedulerModel<Machine> impl;
        private final int[] randomval;
        private final boolean hideMigrations;
        private Machine state;
        private StringWriter text;
        private DecisionTrace.Writer out;
        private long n;

        /** {@code randomval}: each CPU's boot random state (null: the model's own); {@code hideMigrations}: report none. */
        Recorded(String name, SchedulerModel<Machine> impl, int[] randomval, boolean hideMigrations) {
            this.name = name;
            this.impl = impl;
            this.randomval = randomval;
            this.hideMigrations = hideMigrations;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void boot(Topology topology) {
            Machine m = impl.boot(topology);
            int[] claimed = new int[m.cpuCount()];
            for (int c = 0; c < m.cpuCount(); c++) {
                claimed[c] = m.cpu(c).randomval();
                CpuState.Builder b = m.cpu(c).edit();
                b.randomval = randomval == null ? claimed[c] : randomval[c % randomval.length];
                m = m.withCpu(b.build());
            }
            state = m;
            n = 0;
            text = new StringWriter();
            try {
                out = new DecisionTrace.Writer(text, new DecisionTrace.Header("ule14", "recorded", m.cpuCount(), m.hz(),
                        m.config().params().stathz(), claimed));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Observation apply(Event event) {
            ModelStep<Machine> s = impl.step(state, event);
            state = s.state();
            List<Decision> ds = new ArrayList<>(s.decisions());
            if (hideMigrations) {
                ds.removeIf(d -> d instanceof Decision.Migrate);
            }
            n++;
            try {
                out.write(n, n * 1_000_000L, event, null, ds);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Observation o = Observation.of(s);
            return hideMigrations ? new Observation(o.placements(), List.of()) : o;
        }

        /** The JSONL trace of the run so far. */
        String jsonl() {
            return text.toString();
        }
    }

    /** Random states unlike FreeBSD's boot values (CPU i: i·69069+5); CPU c takes entry c mod 6. */
    static final int[] OTHER_SEEDS = {0x7A3B_91C5 * 7, 0x7A3B_91C5 * 8, 0x7A3B_91C5 * 9, 0x7A3B_91C5 * 10, 0x1234_5679, 0x0BAD_F00D};

    /** Both verdicts on one run: the kit's first mismatch (null: conforming) and check's exit status and first divergent event. */
    record Verdicts(Mismatch kit, int checkExit, long checkFirst, String checkOut) {
        boolean agree() {
            return (kit == null) == (checkExit == 0) && checkExit != 2;
        }
    }

    private Verdicts judgeBoth(Recorded sut, Scenario s) {
        return judgeBoth(sut, Conformance.firstMismatch(sut, s), s.topology());
    }

    private Verdicts judgeBoth(Recorded sut, Mismatch kit, String topology) {
        assertThat(kit == null ? null : kit.kind()).as("the recorded run must have taken every event").isNotEqualTo(Mismatch.Kind.REFUSED);
        try {
            Path f = tmp.resolve("run" + (files++) + ".jsonl");
            Files.writeString(f, sut.jsonl());
            CliRunner.Outcome o = CliRunner.run("check", f.toString(), "--topology", topology);
            Matcher m = FIRST.matcher(o.out());
            return new Verdicts(kit, o.code(), m.find() ? Long.parseLong(m.group(1)) : -1, o.out() + o.err());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertAgree(Verdicts v) {
        assertThat(v.agree()).as("kit: %s%ncheck (exit %d): %s", v.kit() == null ? "conforming" : v.kit().report(), v.checkExit(),
                v.checkOut()).isTrue();
        if (v.kit() != null) {
            assertThat(v.checkFirst()).as(v.checkOut()).isBetween(1L, (long) v.kit().eventNumber());
        }
    }

    /** Judges generated runs of {@code sut} with both entry points and requires the same verdict on each; returns the verdicts. */
    private List<Verdicts> agreeOver(int maxCpus, EventMix mix, java.util.function.Supplier<Recorded> sut) {
        List<Verdicts> all = new ArrayList<>();
        PropertyRunner.check(Scenario.of(Topologies.smpSpecs(maxCpus), mix, 40), EXAMPLES, s -> {
            Verdicts v = judgeBoth(sut.get(), s);
            assertAgree(v);
            all.add(v);
        });
        return all;
    }

    private static long divergent(List<Verdicts> vs) {
        return vs.stream().filter(v -> v.kit() != null).count();
    }

    /**
     * ULE with other random states: both entry points accept every generated run, and the
     * tolerance was really used ({@code check} accepted some decisions only as another random choice).
     */
    @Test
    void reseededUleConformsForBoth() {
        List<Verdicts> vs = agreeOver(16, EventMix.MIXED, () -> new Recorded("ULE, other seeds", ULE, OTHER_SEEDS, false));
        assertThat(divergent(vs)).isZero();
        assertThat(vs).anyMatch(v -> v.checkOut().contains("accepted as another random choice"));
    }

    /**
     * Planted bugs that move a thread where ULE would not (an idle CPU's steal that ignores the
     * thread's cpuset, or its pinning) and report it: both entry points reject the same generated
     * runs, at the same event, and accept the others.
     */
    @Test
    void plantedBugsAreDivergentForBoth() {
        long divergent = 0;
        for (Object[] bug : new Object[][] {{PlantedBugs.CPUSET_IGNORED_BY_STEAL, EventMix.MIXED}, {PlantedBugs.PINNED_THREAD_STOLEN,
            EventMix.CPUSET_CHURN}}) {
            PlantedBug b = (PlantedBug) bug[0];
            List<Verdicts> vs = agreeOver(8, (EventMix) bug[1], () -> new Recorded("ULE with " + b.name(), b, null, false));
            System.out.println("[" + b.name() + "] generated runs: " + vs.size() + ", both entry points judged divergent: " + divergent(vs));
            divergent += divergent(vs);
            assertThat(vs).allMatch(v -> v.kit() == null || v.checkFirst() == v.kit().eventNumber());
        }
        assertThat(divergent).as("runs where a bug shows").isPositive();
    }

    /**
     * Where the two granularities differ. {@code check} reads every decision, the kit only
     * placements and migrations, so a wrong decision that moves no thread is divergent for
     * {@code check} and conforming for the kit: with SLICE_NEVER_ENDS a lone thread's slice end
     * on CPU 0 does not re-queue it and switch back to it as ULE does, but it keeps running there
     * either way. Never the other way round for a scheduler whose reports are its decisions:
     * whenever the kit rejects a run, {@code check} rejects it at the same event or earlier.
     */
    @Test
    void aWrongDecisionThatMovesNoThreadIsSeenOnlyByCheck() {
        Recorded sut = new Recorded("ULE with SLICE_NEVER_ENDS", PlantedBugs.SLICE_NEVER_ENDS, null, false);
        List<Event> events = org.ulemodel.spec.EventText.parseAll("tick 13\ncreate class=TIMESHARE nice=0 pri=-1 cpus=all on=0\n"
                + "tick 169\n", "test").events();
        Verdicts v = judgeBoth(sut, Conformance.firstMismatch(sut, "1x2x1", events), "1x2x1");
        assertThat(v.kit()).isNull();
        assertThat(v.checkExit()).isEqualTo(1);
        assertThat(v.checkOut()).contains("\"type\":\"tick\"").contains("trace: [{\"type\":\"slice_end\",\"tid\":0,\"cpu\":0}]")
                .contains("the trace stops after 1 decision(s); the model goes on with #2 ({\"type\":\"enqueue\"");

        PropertyRunner.check(Scenario.of(Topologies.smpSpecs(8), EventMix.MIXED, 40), EXAMPLES, s -> {
            Verdicts w = judgeBoth(new Recorded("ULE with SLICE_NEVER_ENDS", PlantedBugs.SLICE_NEVER_ENDS, null, false), s);
            assertThat(w.checkExit()).isNotEqualTo(2);
            if (w.kit() != null) {
                assertThat(w.checkFirst()).as(w.checkOut()).isBetween(1L, (long) w.kit().eventNumber());
            }
        });
    }

    /** A wrong adapter (migrations not reported): both entry points reject the same generated runs, at the same event. */
    @Test
    void hiddenMigrationsAreDivergentForBoth() {
        List<Verdicts> vs = agreeOver(8, EventMix.OFFLINE_CHURN, () -> new Recorded("ULE without migrations", ULE, null, true));
        assertThat(divergent(vs)).as("runs with a migration").isPositive();
        assertThat(vs).allMatch(v -> v.kit() == null || v.kit().kind() == Mismatch.Kind.MIGRATION && v.checkFirst() == v.kit().eventNumber());
    }

    /**
     * A longer run from the simulator: {@code simulate --seed 7} makes a ULE run with other boot
     * random states (phases.json on 2x2: 2,357 events, 35 of them steals). {@code check} accepts
     * its JSONL trace once the header claims FreeBSD's boot values, and the kit accepts the
     * scheduler that made it (ULE booted with the trace's real seed-7 states) on the same events —
     * which records the very same decisions. The same
     * scheduler behind a wrong adapter that does not report migrations is rejected by both, at the
     * first steal.
     */
    @Test
    void aSimulatedRunAndAWrongAdapterOfItAgree() throws IOException {
        Path run = tmp.resolve("seeded.jsonl");
        CliRunner.Outcome sim = CliRunner.run("simulate", CliRunner.workload("phases.json").toString(), "--topology", "2x2", "--seed",
                "7", "--decisions", run.toString());
        assertThat(sim.code()).as(sim.err()).isZero();
        List<DecisionTrace.Entry> entries = new ArrayList<>();
        DecisionTrace.Header[] header = {null};
        try (BufferedReader in = Files.newBufferedReader(run, StandardCharsets.UTF_8)) {
            DecisionTrace.read("seeded.jsonl", in, h -> header[0] = h, entries::add);
        }
        List<Event> events = new ArrayList<>();
        entries.forEach(e -> events.add(e.event()));

        Recorded uleSeed7 = new Recorded("ULE, seed 7", ULE, header[0].randomval(), false);
        Verdicts ok = judgeBoth(uleSeed7, Conformance.firstMismatch(uleSeed7, "2x2", events), "2x2");
        assertAgree(ok);
        assertThat(ok.kit()).isNull();
        assertThat(ok.checkOut()).contains(events.size() + " events, conforming").contains("accepted as another random choice");
        List<String> recorded = List.of(uleSeed7.jsonl().split("\n"));
        List<String> simulated = Files.readAllLines(run);
        for (int i = 1; i < simulated.size(); i++) { // the same decisions (simulate also names each new thread: comm)
            assertThat(recorded.get(i).replaceAll(",\"t_ns\":\\d+", "")).isEqualTo(
                    simulated.get(i).replaceAll(",\"t_ns\":\\d+", "").replaceAll(",\"comm\":\"[^\"]*\"", ""));
        }

        Recorded silent = new Recorded("ULE without migrations, seed 7", ULE, header[0].randomval(), true);
        Verdicts bad = judgeBoth(silent, Conformance.firstMismatch(silent, "2x2", events), "2x2");
        assertAgree(bad);
        assertThat(bad.kit()).isNotNull();
        assertThat(bad.kit().kind()).isEqualTo(Mismatch.Kind.MIGRATION);
        assertThat(bad.checkFirst()).isEqualTo(bad.kit().eventNumber());
        int first = bad.kit().eventNumber();
        assertThat(entries.get(first - 1).decisions()).anyMatch(d -> d instanceof Decision.Migrate);
        assertThat(entries.subList(0, first - 1)).allMatch(e -> e.decisions().stream().noneMatch(d -> d instanceof Decision.Migrate));
    }
}
