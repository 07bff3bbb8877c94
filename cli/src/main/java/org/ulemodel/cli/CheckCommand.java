// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.trace.DecisionTrace;
import org.ulemodel.trace.InputError;
import org.ulemodel.trace.Oracle;
import org.ulemodel.trace.TextInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ulemodel check TRACE.jsonl --topology …}: the conformance oracle ({@link Oracle}, the same
 * judge the conformance kit uses) on the header's model (or {@code --model}'s; ULE 14 for a version 1
 * header) booted with the header's random state, judging each
 * event's full decision list ({@link Oracle#judge(DecisionTrace.Entry)}). Prints each divergence
 * with its event number, both decision lists and the reason. Exit status: 0 conforming, 1
 * divergent, 2 bad usage or input.
 */
@Command(name = "check", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 2,
        description = {"Judge another implementation's JSONL decision trace (docs/decisions-jsonl.md) against the model.",
            "Exit 0 conforming, 1 divergent, 2 bad input."})
public final class CheckCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TRACE.jsonl", description = "decision trace")
    Path trace;

    @Option(names = "--topology", required = true, paramLabel = "PxCxT|FILE.xml", description = "the machine the trace was made on: a spec such as 8, 2x4 or 2x4x2, "
            + "or a kern.sched.topology_spec XML file")
    String topology;

    @Mixin
    ModelOption.Choice model;

    @Option(names = "--max-divergences", paramLabel = "N", description = "stop reporting after N divergences (default 20)")
    int maxDivergences = 20;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Topology topo = TopologyOption.parse(topology);
        if (model.id() != null) {
            ModelOption.parse(model);
        }
        String name = trace.toString();
        List<Oracle.Divergence> found = new ArrayList<>();
        List<Oracle<?>> oracle = new ArrayList<>(1);
        long[] total = {0};
        try (BufferedReader in = new BufferedReader(TextInput.open(trace))) {
            DecisionTrace.read(name, in, header -> oracle.add(oracle(ModelOption.resolve(model, header.model(), name + ":1").model(), header,
                    topo, name)), e -> {
                total[0]++;
                Oracle.Divergence d = oracle.get(0).judge(e);
                if (d != null) {
                    found.add(d);
                    if (found.size() <= maxDivergences) {
                        report(out, d);
                    }
                }
            });
        } catch (NoSuchFileException e) {
            throw new UsageError(name + ": no such file");
        } catch (InputError e) {
            throw new UsageError(e.getMessage());
        }
        out.printf(Locale.ROOT, "%s: %d events, %s%s%n", name, total[0],
                found.isEmpty() ? "conforming" : found.size() + " divergent",
                oracle.get(0).randomAccepted() > 0 ? " (" + oracle.get(0).randomAccepted() + " accepted as another random choice)" : "");
        return found.isEmpty() ? 0 : 1;
    }

    /** The oracle of {@code model} booted as the header says (its checks name the file and line 1). */
    private static <S extends SchedulerState> Oracle<S> oracle(SchedulerModel<S> model, DecisionTrace.Header h, Topology topo,
            String name) {
        return new Oracle<>(model, h.boot(model, topo, name));
    }

    private static void report(PrintWriter out, Oracle.Divergence d) {
        out.printf(Locale.ROOT, "event %d (line %d, t=%.6f ms): %s%n", d.n(), d.line(), d.timeNs() / 1e6, DecisionTrace.format(d.event()));
        out.println("  model: " + list(d.model()));
        out.println("  trace: " + list(d.trace()));
        out.println("  why:   " + d.why());
    }

    private static String list(List<Decision> ds) {
        List<String> s = new ArrayList<>();
        for (Decision d : ds) {
            s.add(DecisionTrace.format(d));
        }
        return "[" + String.join(",", s) + "]";
    }
}
