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
import org.ulemodel.cli.io.Progress;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.sim.Engine;
import org.ulemodel.sim.FtraceSink;
import org.ulemodel.sim.HtmlReport;
import org.ulemodel.sim.Tables;
import org.ulemodel.sim.WorkloadError;
import org.ulemodel.sim.rtapp.RtAppReader;
import org.ulemodel.sim.rtapp.Workload;
import org.ulemodel.spec.InvariantViolationException;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.trace.DecisionTrace;
import org.ulemodel.trace.InputError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ulemodel simulate WORKLOAD.json --topology …}: runs an rt-app workload on a model
 * ({@code --model}, ULE 14 by default) through
 * the workload driver ({@link Engine}, the one {@code demo} uses too) and prints per-thread and
 * per-CPU tables; optionally takes CPUs offline for a while ({@code --offline}) and writes the
 * JSONL decision trace, an HTML timeline and ftrace text. Output files appear whole or not at all.
 * Exit status: 0 done, 1 an invariant broke (with {@code --check}), 2 bad usage or input.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 2,
        description = {"Simulate an rt-app workload (JSON) on a scheduler model (ULE 14 unless --model says otherwise).",
            "Prints a per-thread table (CPU share, runs, wait p50/p99/max, migrations by reason, priority range) and per-CPU utilisation."})
public final class SimulateCommand implements Callable<Integer> {
    /** The help of the workload parameter and of the options {@code compare} shares with simulate. */
    static final String WORKLOAD_HELP = "rt-app workload file (examples: examples/workloads/ in the source tree)";
    static final String TOPOLOGY_HELP = "machine shape: a spec such as 8, 2x4 or 2x4x2, or a kern.sched.topology_spec XML file";
    static final String DURATION_HELP = "simulated time (e.g. 10s, 250ms); default: the workload's global duration, else 10s";

    @Parameters(index = "0", paramLabel = "WORKLOAD.json", description = WORKLOAD_HELP)
    Path workload;

    @Option(names = "--topology", required = true, paramLabel = "PxCxT|FILE.xml", description = TOPOLOGY_HELP)
    String topology;

    @Mixin
    ModelOption.Choice model;

    @Option(names = "--duration", paramLabel = "TIME", description = DURATION_HELP)
    String duration;

    @Option(names = "--seed", paramLabel = "N", description = "seed for what the workload leaves open: CPUs' boot randomval and the order of simultaneous wakeups (0, the default: FreeBSD's boot values, thread-id order)")
    long seed;

    @Option(names = "--decisions", paramLabel = "FILE.jsonl", description = "write the JSONL decision trace (docs/decisions-jsonl.md)")
    Path decisions;

    @Option(names = "--html", paramLabel = "FILE.html", description = "write a self-contained HTML page with a per-CPU timeline and the tables")
    Path html;

    @Option(names = "--ftrace", paramLabel = "FILE.txt", description = "write sched_switch/sched_wakeup/sched_migrate_task lines as trace-cmd report prints them")
    Path ftrace;

    @Option(names = "--migration-model", paramLabel = "FILE", description = MigrationModelOption.HELP)
    Path migrationModel;

    @Option(names = "--check", description = "check every invariant of the spec after every model step")
    boolean check;

    @Option(names = "--clock", paramLabel = "lock-step|per-cpu", description = "lock-step (the default): each hz tick is one event on "
            + "every CPU, as the golden tables run; per-cpu: each online CPU takes its own tick event (tick cpu=C), in CPU order")
    String clock = "lock-step";

    @Option(names = "--offline", paramLabel = "CPU@FROM..TO",
            description = "take a CPU (1 or above) offline from FROM until TO, for example 7@4s..7s (repeatable)")
    List<String> offline = new ArrayList<>();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private boolean perCpuClock() {
        switch (clock) {
            case "lock-step":
                return false;
            case "per-cpu":
                return true;
            default:
                throw new UsageError("--clock: expected lock-step or per-cpu, got '" + clock + "'");
        }
    }

    /** Default simulated time when neither --duration nor the workload gives one. */
    static final long DEFAULT_US = 10_000_000L;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Topology topo = TopologyOption.parse(topology);
        Workload w = read(workload, err);
        long durUs = durationUs(duration, w);
        ModelSpec<?> base = ModelOption.parse(model);
        if (migrationModel != null) {
            if (decisions != null) {
                throw new UsageError("--decisions with --migration-model: a decision trace names a registered model, and 'check' could not "
                        + "rebuild one with this migration model; run without one of them");
            }
            base = MigrationModelOption.apply(base, migrationModel);
        }
        boolean perCpu = perCpuClock();
        List<Engine.CpuChange> changes = cpuChanges(offline);
        ModelSpec<?> modelSpec;
        Engine<?> engine;
        try {
            modelSpec = Engine.specFor(base, w);
            if (perCpu && !modelSpec.model().perCpuClocks()) {
                throw new UsageError("--clock per-cpu: " + Engine.noPerCpuClocks(modelSpec.model()));
            }
            engine = Engine.of(modelSpec, topo, w, new Engine.Options(durUs, seed, check, changes).withPerCpuClock(perCpu));
        } catch (WorkloadError e) {
            throw new UsageError(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageError("--offline: " + e.getMessage());
        }
        List<AtomicOutput> outputs = new ArrayList<>();
        try {
            AtomicOutput dec = decisions == null ? null : open(outputs, decisions);
            AtomicOutput page = html == null ? null : open(outputs, html);
            AtomicOutput ft = ftrace == null ? null : open(outputs, ftrace);
            if (dec != null) {
                recordDecisions(engine, topo.spec(), dec.writer());
            }
            if (ft != null) {
                engine.listen(new FtraceSink(ft.writer(), topo.cpuCount(), engine));
            }
            // drawn only for runs that take more than a second of wall time
            Progress progress = Progress.start(err, "simulate", durUs, Progress.terminal(), 1, 1_000_000_000L,
                    (done, total) -> String.format(Locale.ROOT, "%.1f/%.1f s simulated", done / 1e6, total / 1e6));
            engine.onProgress(progress::update);
            Engine.Result<?> r;
            try {
                r = engine.run();
            } catch (WorkloadError e) {
                throw new UsageError(e.getMessage());
            } catch (InvariantViolationException e) {
                progress.finish();
                err.println("ulemodel: invariant violated: " + e.getMessage());
                return 1;
            } finally {
                progress.finish();
            }
            if (page != null) {
                HtmlReport.write(page.writer(), workload.getFileName().toString(), topo.spec(), r);
            }
            for (AtomicOutput o : outputs) {
                o.commit();
            }
            out.printf(Locale.ROOT, "%s on %s (%d CPUs%s): %.3f s simulated, %d model steps%s%n", workload, topo.spec(), topo.cpuCount(),
                    model == null && migrationModel == null ? "" : ", model " + modelSpec.model().id(), r.durationUs() / 1e6, r.steps(),
                    check ? ", " + r.invariantChecks() + " invariant checks" : "");
            out.println();
            out.print(Tables.text(Tables.THREAD_COLUMNS, Tables.threadRows(r)));
            out.println();
            out.print(Tables.text(Tables.CPU_COLUMNS, Tables.cpuRows(r)));
            return 0;
        } finally {
            for (AtomicOutput o : outputs) {
                o.close();
            }
        }
    }

    /** The rt-app workload in {@code file}, its notes printed to {@code err}; bad input is a {@link UsageError}. */
    static Workload read(Path file, PrintWriter err) {
        Workload w;
        try {
            w = RtAppReader.read(file);
        } catch (InputError e) {
            throw new UsageError(e.getMessage());
        }
        for (String note : w.notes()) {
            err.println("ulemodel: note: " + note);
        }
        return w;
    }

    /** The simulated time of {@code --duration duration} (null: not given) for {@code w}: the option's, the workload's, else 10 s. */
    static long durationUs(String duration, Workload w) {
        if (duration != null) {
            return DurationOption.micros(duration);
        }
        return w.durationUs() > 0 ? w.durationUs() : DEFAULT_US;
    }

    /** Writes {@code engine}'s JSONL decision trace to {@code w}: the header of its model and boot state, then a line per step. */
    private static <S extends SchedulerState> void recordDecisions(Engine<S> engine, String topology, java.io.Writer w) throws IOException {
        DecisionTrace.Writer tw = new DecisionTrace.Writer(w, DecisionTrace.Header.of(engine.model(), topology, engine.initialState()));
        engine.listen((n, t, e, before, r) -> tw.write(n, t, e, e instanceof Event.Create ? engine.comm(before.threadCount()) : null,
                r.decisions()));
    }

    /** The CPU changes of the {@code --offline CPU@FROM..TO} values, in the order given. */
    static List<Engine.CpuChange> cpuChanges(List<String> values) {
        List<Engine.CpuChange> out = new ArrayList<>();
        for (String v : values) {
            String expected = "--offline " + v + ": expected CPU@FROM..TO with CPU 1 or above and times such as 4s, 250ms or 500us,"
                    + " FROM before TO (e.g. 7@4s..7s)";
            int at = v.indexOf('@');
            int dots = v.indexOf("..", at + 1);
            if (at <= 0 || dots < 0) {
                throw new UsageError(expected);
            }
            try {
                int cpu = Integer.parseInt(v.substring(0, at).trim());
                String from = v.substring(at + 1, dots).trim();
                long fromUs = from.equals("0") ? 0 : DurationOption.micros(from);
                long toUs = DurationOption.micros(v.substring(dots + 2));
                out.addAll(Engine.CpuChange.offline(cpu, fromUs, toUs));
            } catch (NumberFormatException | UsageError e) {
                throw new UsageError(expected);
            } catch (IllegalArgumentException e) {
                throw new UsageError("--offline " + v + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static AtomicOutput open(List<AtomicOutput> outputs, Path p) {
        try {
            AtomicOutput o = AtomicOutput.open(p);
            outputs.add(o);
            return o;
        } catch (IOException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
