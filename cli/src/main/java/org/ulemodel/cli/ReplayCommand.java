// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.spec.EventText;
import org.ulemodel.spec.explore.BugVariant;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.explore.Replayer;
import org.ulemodel.trace.TextInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ulemodel replay FILE}: replays an event-text file (e.g. an explorer counterexample) from
 * boot with every check on, printing each step's decisions and the violation. Exit 0: no
 * violation; 1: a violation; 2: bad usage, bad input or an event the model refuses.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 2,
        description = "Replay an event-text file with every invariant checked, printing each step's decisions.")
public final class ReplayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "event-text file")
    Path file;

    @Option(names = "--topology", paramLabel = "PxCxT|FILE.xml", description = {"topology when the file names none (default 1), or to "
            + "override it: a spec such as 2x2,", "or a kern.sched.topology_spec XML file (replayed as the PxCxT machine ULE cannot tell from it)"})
    String topology;

    @Mixin
    ModelOption.Choice model;

    @Option(names = "--wait-bound", paramLabel = "TICKS", description = "BOUNDED_WAIT bound in stathz ticks (default: derived)")
    int waitBound = -1;

    @Option(names = "--bug", paramLabel = "NAME", description = "replay under a planted-bug variant")
    String bug;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String text;
        try {
            text = TextInput.read(file);
        } catch (IOException e) {
            throw new UsageError(file + ": cannot read: " + e.getMessage());
        }
        EventText.Scenario sc;
        try {
            sc = EventText.parseAll(text, file.toString());
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        if (topology != null) {
            Topology topo = TopologyOption.parse(topology);
            String topoSpec = TopologyOption.spec("--topology", topology, topo);
            if (!topoSpec.equals(topo.spec())) {
                spec.commandLine().getErr().println("ulemodel: note: --topology " + topology + " is replayed as " + topoSpec
                        + ", the PxCxT machine ULE cannot tell from it");
            }
            sc = new EventText.Scenario(sc.model(), topoSpec, sc.events());
        } else {
            try {
                Topology.parse(sc.topology() == null ? "1" : sc.topology());
            } catch (IllegalArgumentException e) {
                throw new UsageError(file + ":1: topology: " + e.getMessage());
            }
        }
        ModelSpec<?> modelSpec = ModelOption.resolve(model, sc.model(), file + ":1");
        BugVariant<?> b = null;
        if (bug != null) {
            b = modelSpec.bug(bug);
            if (b == null) {
                throw new UsageError("--bug: unknown planted bug '" + bug + "' of model " + modelSpec.model().id()
                        + " (see ulemodel explore --model " + modelSpec.model().id() + " --list-bugs)");
            }
        }
        Replayer.Result r = Replayer.replay(sc, modelSpec.variant(b), waitBound, out);
        if (r.refused() != null) {
            throw new UsageError(file + ": event " + (r.steps() + 1) + " is refused: " + r.refused());
        }
        if (r.violation() != null) {
            return 1;
        }
        out.println("no violation in " + r.steps() + " steps");
        return 0;
    }
}
