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
import org.ulemodel.core.machine.LogisticMigrationHook;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MigrationFeatures;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.sim.Engine;
import org.ulemodel.sim.MigrationTrainer;
import org.ulemodel.sim.WorkloadError;
import org.ulemodel.sim.rtapp.Workload;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.explore.ModelSpecs;
import org.ulemodel.trace.MigrationModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ulemodel train}: learns a migration model from simulated runs ({@link MigrationTrainer}:
 * every migration ULE makes in runs of the workloads, seeds 1..N, labelled by whether it beat the
 * thread's earliest chance at home within the horizon) and writes it as a version-1
 * migration-model file ({@link MigrationModelFile}) that {@code simulate} and {@code compare}
 * take with {@code --migration-model}. Exit 0: written; 2: bad usage or input.
 */
@Command(name = "train", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 2,
        description = {"Learn a migration model (logistic regression) from simulated runs of rt-app workloads.",
            "Label: the move beat the moved thread's earliest chance to run on the CPU it left, within --horizon (docs/migration-hook.md)."})
public final class TrainCommand implements Callable<Integer> {
    @Parameters(paramLabel = "WORKLOAD.json", arity = "1..*", description = "rt-app workloads to learn from")
    List<Path> workloads;

    @Option(names = "--topology", required = true, paramLabel = "PxCxT|FILE.xml", description = SimulateCommand.TOPOLOGY_HELP)
    String topology;

    @Mixin
    ModelOption.Choice model;

    @Option(names = "--duration", paramLabel = "TIME", description = SimulateCommand.DURATION_HELP)
    String duration;

    @Option(names = "--seeds", paramLabel = "N", description = "runs per workload, with seeds 1..N (default: ${DEFAULT-VALUE})")
    int seeds = 3;

    @Option(names = "--horizon", paramLabel = "TIME", description = "how soon a moved thread must run for its move to count as paid off "
            + "(default: ${DEFAULT-VALUE})")
    String horizon = "4ms";

    @Option(names = "--epochs", paramLabel = "N", description = "passes of gradient descent (default: ${DEFAULT-VALUE})")
    int epochs = MigrationTrainer.FitOptions.defaults().epochs();

    @Option(names = "--threshold", paramLabel = "P", description = "a move may happen when the model's probability is at least P "
            + "(default: ${DEFAULT-VALUE})")
    double threshold = MigrationTrainer.FitOptions.defaults().threshold();

    @Option(names = "--fit-seed", paramLabel = "N", description = "seed of the order gradient descent visits examples in (default: ${DEFAULT-VALUE})")
    long fitSeed = MigrationTrainer.FitOptions.defaults().seed();

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE.json", description = "where to write the model")
    Path out;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (seeds < 1) {
            throw new UsageError("--seeds: expected at least 1, got " + seeds);
        }
        long horizonUs = DurationOption.micros(horizon);
        MigrationTrainer.FitOptions fit;
        try {
            MigrationTrainer.FitOptions d = MigrationTrainer.FitOptions.defaults();
            fit = new MigrationTrainer.FitOptions(epochs, d.learningRate(), d.l2(), threshold, fitSeed);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--epochs/--threshold: " + e.getMessage());
        }
        Topology topo = TopologyOption.parse(topology);
        ModelSpec<Machine> plain;
        try {
            plain = ModelSpecs.uleMachines(ModelOption.parse(model));
        } catch (IllegalArgumentException e) {
            throw new UsageError("train: " + e.getMessage());
        }
        List<MigrationTrainer.Example> examples = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path file : workloads) {
            Workload w = SimulateCommand.read(file, err);
            long durUs = SimulateCommand.durationUs(duration, w);
            names.add(file.getFileName().toString());
            for (long seed = 1; seed <= seeds; seed++) {
                try {
                    Engine.of(plain, topo, w, new Engine.Options(durUs, seed, false))
                            .listen(MigrationTrainer.collector(examples, horizonUs)).run();
                } catch (WorkloadError e) {
                    throw new UsageError(e.getMessage());
                }
            }
        }
        LogisticMigrationHook m;
        try {
            m = MigrationTrainer.fit(examples, fit);
        } catch (IllegalArgumentException e) {
            throw new UsageError("train: " + e.getMessage());
        }
        int pos = MigrationTrainer.positives(examples);
        String label = "1 when the moved thread ran on its new CPU within " + horizon + " and no later than the first switch on the CPU it left";
        String training = String.format(Locale.ROOT, "{\"model\": \"%s\", \"workloads\": %s, \"topology\": \"%s\", \"seeds\": %d, "
                + "\"duration\": \"%s\", \"horizon\": \"%s\", \"examples\": %d, \"positives\": %d, \"epochs\": %d, \"fit_seed\": %d}",
                plain.model().id(), jsonStrings(names), topo.spec(), seeds, duration == null ? "workload's" : duration, horizon,
                examples.size(), pos, epochs, fitSeed);
        try (AtomicOutput file = AtomicOutput.open(out)) {
            file.writer().write(MigrationModelFile.write(m, label, training));
            file.commit();
        }
        o.printf(Locale.ROOT, "%d migrations from %d run(s) of %d workload(s) on %s: %d paid off (label 1), %d did not%n", examples.size(),
                seeds * workloads.size(), workloads.size(), topo.spec(), pos, examples.size() - pos);
        o.printf(Locale.ROOT, "training accuracy %.3f (always-yes would score %.3f); threshold %.2f%n",
                MigrationTrainer.accuracy(m, examples), (double) pos / examples.size(), m.threshold());
        o.println("weights (standardised features):");
        double[] wts = m.weights();
        for (int i = 0; i < wts.length; i++) {
            o.printf(Locale.ROOT, "  %-16s %+.4f%n", MigrationFeatures.NAMES.get(i), wts[i]);
        }
        o.printf(Locale.ROOT, "  %-16s %+.4f%n", "bias", m.bias());
        o.println("wrote " + out);
        return 0;
    }

    private static String jsonStrings(List<String> names) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < names.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append('"').append(names.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append(']').toString();
    }
}
