// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ulemodel.cli.io.AtomicOutput;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.sim.Comparison;
import org.ulemodel.sim.Engine;
import org.ulemodel.sim.WorkloadError;
import org.ulemodel.sim.rtapp.Workload;
import org.ulemodel.spec.InvariantViolationException;
import org.ulemodel.spec.explore.ModelSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ulemodel compare WORKLOAD.json --topology … [--models ID,ID,…]}: the same rt-app workload
 * under several scheduler models ({@link Comparison}, through the one driver {@link Engine}), one
 * table side by side per thread and one per model; {@code --html} writes one page with a timeline
 * per model on one time axis. Models default to every registered model but the toys. Exit
 * status: 0 done, 1 an invariant broke (with {@code --check}), 2 bad usage or input.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 2,
        description = {"Run one rt-app workload (JSON) under several scheduler models and compare them side by side.",
            "Per thread and model: CPU share, wait p50/p99/max, migrations; per model: CPU use, context switches,",
            "and CPU time idle while a thread that could have run there waited."})
public final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "WORKLOAD.json", description = SimulateCommand.WORKLOAD_HELP)
    Path workload;

    @Option(names = "--topology", required = true, paramLabel = "PxCxT|FILE.xml", description = SimulateCommand.TOPOLOGY_HELP)
    String topology;

    @Option(names = "--models", paramLabel = "ID,ID,...",
            description = "the models, in the order of the columns (default: every model 'ulemodel models' lists but the toys, toy-*)")
    String models;

    @Option(names = "--duration", paramLabel = "TIME", description = SimulateCommand.DURATION_HELP)
    String duration;

    @Option(names = "--seed", paramLabel = "N", description = "seed for what the workload leaves open, the same for every model (default 0)")
    long seed;

    @Option(names = "--html", paramLabel = "FILE.html", description = "write a self-contained HTML page with one timeline per model on one time axis, and the tables")
    Path html;

    @Option(names = "--migration-model", paramLabel = "FILE", description = {MigrationModelOption.HELP,
        "; each ULE model is run twice, without and with it (MODEL+migration-model)"})
    Path migrationModel;

    @Option(names = "--check", description = "check every invariant of each model's spec after every step")
    boolean check;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Topology topo = TopologyOption.parse(topology);
        List<ModelSpec<?>> specs = ModelOption.parseList(models);
        if (migrationModel != null) {
            specs = MigrationModelOption.besideEach(specs, migrationModel);
        }
        Workload w = SimulateCommand.read(workload, err);
        long durUs = SimulateCommand.durationUs(duration, w);
        Comparison c;
        try {
            c = Comparison.run(specs, topo, w, new Engine.Options(durUs, seed, check));
        } catch (WorkloadError e) {
            throw new UsageError(e.getMessage());
        } catch (InvariantViolationException e) {
            err.println("ulemodel: invariant violated: " + e.getMessage());
            return 1;
        }
        if (html != null) {
            try (AtomicOutput page = openOutput(html)) {
                c.html(page.writer(), workload.getFileName().toString(), topo.spec());
                page.commit();
            }
        }
        List<String> ids = new ArrayList<>();
        List<String> timed = new ArrayList<>();
        long checks = 0;
        long first = c.runs().get(0).result().durationUs();
        boolean same = true;
        for (Comparison.Run r : c.runs()) {
            ids.add(r.model());
            timed.add(String.format(Locale.ROOT, "%s (%.3f s)", r.model(), r.result().durationUs() / 1e6));
            checks += r.result().invariantChecks();
            same &= r.result().durationUs() == first;
        }
        // a workload that ends before the time is up may end at a different time under each model
        String what = same ? String.format(Locale.ROOT, "%.3f s simulated under %s", first / 1e6, String.join(", ", ids))
                : "simulated under " + String.join(", ", timed);
        out.printf(Locale.ROOT, "%s on %s (%d CPUs): %s%s%n", workload, topo.spec(), topo.cpuCount(), what,
                check ? ", " + checks + " invariant checks" : "");
        out.println();
        out.print(c.text());
        return 0;
    }

    private static AtomicOutput openOutput(Path p) {
        try {
            return AtomicOutput.open(p);
        } catch (IOException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
