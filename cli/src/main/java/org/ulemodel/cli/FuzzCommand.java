// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.properties.gen.EventMix;
import org.ulemodel.properties.tck.DifferentialFuzzer;
import org.ulemodel.properties.tck.ExternalScheduler;
import org.ulemodel.spec.EventText;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.trace.DecisionTrace;
import org.ulemodel.trace.TextInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ulemodel fuzz --exec COMMAND}: differential fuzzing of an implementation that speaks the
 * answering side of the oracle protocol ({@link DifferentialFuzzer}, {@link ExternalScheduler}).
 * Prints the shrunk divergence as replayable event text ({@link EventText}) with the reason and
 * both decision lists as comments; {@code --replay FILE} sends such a file again. Exit 0: no
 * divergence within the budgets; 1: a divergence; 2: bad usage, or the implementation crashed,
 * hung or broke the protocol.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 2,
        description = {"Run an implementation as a child process speaking docs/protocol.md (it answers events with decisions),",
            "drive it with random event sequences on random machines, and shrink the first divergence from the model.",
            "Exit 0 no divergence, 1 divergence, 2 bad usage or a crashed/hung child."})
public final class FuzzCommand implements Callable<Integer> {
    @Option(names = "--exec", required = true, paramLabel = "COMMAND", description = "the implementation, run with sh -c")
    String exec;

    @Mixin
    ModelOption.Choice model;

    @Option(names = "--seed", paramLabel = "N", description = "random seed (default 1)")
    long seed = 1;

    @Option(names = "--examples", paramLabel = "N", description = "most random scenarios (default 1000; QuickTheories skips a scenario it has generated before, so a clean run may report a few fewer)")
    int examples = 1000;

    @Option(names = "--max-seconds", paramLabel = "S", description = "time budget of the search (default 60; shrinking is not cut short)")
    int maxSeconds = 60;

    @Option(names = "--events", paramLabel = "N", description = "most choices per scenario, each one event or a burst of ticks (default 60)")
    int events = 60;

    @Option(names = "--max-cpus", paramLabel = "N", description = "largest machine generated, 1..64 (default 8)")
    int maxCpus = 8;

    @Option(names = "--mix", paramLabel = "NAME", description = "event mix: mixed (default), uniprocessor (ticks, life cycle, nice: no affinity, "
            + "no offlining), cpuset-churn, offline-churn")
    String mix = "mixed";

    @Option(names = "--timeout", paramLabel = "MS", description = "longest wait for one reply of the implementation (default 5000)")
    long timeoutMillis = 5000;

    @Option(names = "--shrink-cycles", paramLabel = "N", description = "QuickTheories shrink cycles (default 2000)")
    int shrinkCycles = 2000;

    @Option(names = "--replay", paramLabel = "FILE", description = "send the events of FILE (event text, e.g. a printed divergence) "
            + "instead of random ones")
    Path replay;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (examples < 1 || events < 1 || maxSeconds < 0 || timeoutMillis < 1 || shrinkCycles < 0) {
            throw new UsageError("--examples, --events and --timeout must be >= 1, --max-seconds and --shrink-cycles >= 0");
        }
        if (maxCpus < 1 || maxCpus > 64) {
            throw new UsageError("--max-cpus: expected 1..64, got " + maxCpus);
        }
        EventMix m = mix(mix);
        EventText.Scenario fixed = replay == null ? null : readReplay();
        ModelSpec<?> modelSpec = fixed == null ? ModelOption.parse(model) : ModelOption.resolve(model, fixed.model(), replay + ":1");
        DifferentialFuzzer.Result r;
        try (ExternalScheduler child = new ExternalScheduler(exec, timeoutMillis)) {
            r = fixed != null ? DifferentialFuzzer.replay(child, modelSpec.model(), fixed.topology() == null ? "1" : fixed.topology(), fixed.events())
                    : DifferentialFuzzer.run(child, modelSpec.model(),
                            new DifferentialFuzzer.Config(m, maxCpus, events, seed, examples, maxSeconds * 1000L, shrinkCycles));
        } catch (ExternalScheduler.ChildFailure f) {
            throw new UsageError(f.getMessage());
        }
        String id = modelSpec.model().id();
        if (r.divergence() != null) {
            DifferentialFuzzer.Divergence d = r.divergence();
            out.printf(Locale.ROOT, "# fuzz: the implementation diverges from %s at event %d%s%n", id, d.events().size(),
                    fixed != null ? "" : " (scenario " + r.examples() + ", seed " + seed + "; shrunk from " + d.firstLength() + " to "
                            + d.events().size() + " events)");
            out.print(EventText.formatAll(id, d.topology(), d.events()));
            out.println("# why: " + d.why());
            out.println("#   model:          " + list(d.model()));
            out.println("#   implementation: " + (d.implementation() == null ? "(refused the event)" : list(d.implementation())));
            out.println("# replay it: ulemodel fuzz --exec '" + exec + "' --replay FILE   (or on the model alone: ulemodel replay FILE)");
        }
        if (r.childFailure() != null) {
            spec.commandLine().getErr().println("ulemodel: fuzz: " + r.childFailure());
            spec.commandLine().getErr().flush();
            return 2;
        }
        if (r.divergence() != null) {
            return 1;
        }
        out.printf(Locale.ROOT, "fuzz: no divergence from %s in %d scenario%s, %d events (seed %d)%s%n", id, r.examples(),
                r.examples() == 1 ? "" : "s", r.events(), seed, r.timeUp() ? "; the time budget ended the search" : "");
        return 0;
    }

    private EventText.Scenario readReplay() {
        try {
            EventText.Scenario sc = EventText.parseAll(TextInput.read(replay), replay.toString());
            Topology.parse(sc.topology() == null ? "1" : sc.topology());
            return sc;
        } catch (IOException e) {
            throw new UsageError(replay + ": cannot read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }

    /** The event mix named {@code name}. */
    static EventMix mix(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "mixed":
                return EventMix.MIXED;
            case "uniprocessor":
                return EventMix.UNIPROCESSOR;
            case "cpuset-churn":
                return EventMix.CPUSET_CHURN;
            case "offline-churn":
                return EventMix.OFFLINE_CHURN;
            default:
                throw new UsageError("--mix: unknown mix '" + name + "': expected mixed, uniprocessor, cpuset-churn or offline-churn");
        }
    }

    private static String list(List<Decision> ds) {
        List<String> s = new ArrayList<>();
        for (Decision d : ds) {
            s.add(DecisionTrace.format(d));
        }
        return "[" + String.join(",", s) + "]";
    }
}
