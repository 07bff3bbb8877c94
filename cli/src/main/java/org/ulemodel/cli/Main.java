// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ulemodel} command. Exit status: 0 success, 1 a check found a problem, 2 bad usage
 * or bad input (with {@code FILE:LINE: what was expected} on stderr, never a stack trace).
 */
@Command(name = "ulemodel", mixinStandardHelpOptions = true, version = "ulemodel 0.1.0 (models: ule14, ule15, o1)",
        description = "Models of CPU schedulers (FreeBSD 14 and 15 ULE, Linux 2.6 O(1)): run them, explore them, and judge other schedulers against them.",
        subcommands = {DemoCommand.class, SimulateCommand.class, CompareCommand.class, CheckCommand.class, ServeCommand.class,
                FuzzCommand.class, ExploreCommand.class, ReplayCommand.class, TrainCommand.class,
                ModelsCommand.class,
                org.ulemodel.cli.AuditCommand.class, EvalCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns the exit status (for tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UsageError || ex instanceof org.ulemodel.trace.InputError) {
                commandLine.getErr().println("ulemodel: " + ex.getMessage());
                commandLine.getErr().flush();
                return 2;
            }
            commandLine.getErr().println("ulemodel: internal error: " + ex);
            commandLine.getErr().flush();
            return 3;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, false, java.nio.charset.StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
        System.exit(run(out, err, args));
    }
}
