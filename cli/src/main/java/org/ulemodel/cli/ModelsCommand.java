// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.explore.ModelSpecs;
import picocli.CommandLine.Command;

/**
 * {@code ulemodel models}: lists the scheduler models on the class path ({@link ModelSpecs#available()}),
 * one per line: the id every command's {@code --model} takes, how many invariants and planted bugs
 * check it, and what it is.
 */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List the scheduler models --model can name.")
public final class ModelsCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (ModelSpec<?> s : ModelSpecs.available()) {
            int bugs = s.bugs().size();
            out.printf(Locale.ROOT, "%-10s %2d invariants, %2d planted bug%s  %s%s%n", s.model().id(), s.invariants().size(), bugs,
                    bugs == 1 ? " " : "s", s.model().description(), s.model().id().equals(ModelSpecs.DEFAULT_ID) ? " (default)" : "");
        }
        return 0;
    }
}
