// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ulemodel.cli.io.AtomicOutput;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.spec.EventText;
import org.ulemodel.spec.explore.BugVariant;
import org.ulemodel.spec.explore.ExploreConfig;
import org.ulemodel.spec.explore.ExploreEngine;
import org.ulemodel.spec.explore.ExploreResult;
import org.ulemodel.spec.explore.Explorer;
import org.ulemodel.spec.explore.HookAdversary;
import org.ulemodel.spec.explore.Move;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.explore.ModelSpecs;
import org.ulemodel.spec.explore.ThreadSpec;
import org.ulemodel.trace.TextInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ulemodel explore}: exhaustive breadth-first exploration of event sequences from a small
 * configuration, every invariant and path property checked on every transition. Exit 0: no
 * violation (complete, or stopped at a budget: partial); 1: a violation, with the shortest
 * counterexample in event-text form ({@code ulemodel replay} reads it) and its explanation; 2: bad
 * usage or input. {@code --engine NAME} picks the {@link ExploreEngine} (the single-machine explorer,
 * on {@code --workers} threads, or the Spark engine when explore-spark is on the class path);
 * {@code --report FILE} writes the run as JSON whatever the engine.
 */
@Command(name = "explore", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 2,
        description = {"Explore every event sequence from a small configuration and check every invariant.",
            "Default: 2 CPUs, 3 timeshare threads, moves stat,block,wake,yield,idle,ipi, depth 10.",
            "The 'stat' move ticks until the next stathz tick (one unit of depth for ~8 hz ticks)."})
public final class ExploreCommand implements Callable<Integer> {
    @Option(names = "--topology", paramLabel = "PxCxT|FILE.xml",
            description = {"CPU topology: a spec such as 2, 2x2 or 1x2x2 (default: ${DEFAULT-VALUE}), or a kern.sched.topology_spec",
                "XML file, explored as the PxCxT machine ULE cannot tell from it (the counterexample names that spec)"})
    String topology = "2";

    @Mixin
    ModelOption.Choice model;

    @Option(names = "--threads", paramLabel = "N", description = "N timeshare threads at nice 0 (default 3 unless --thread is given)")
    Integer threads;

    @Option(names = "--thread", paramLabel = "CLASS[:NICE|PRI[:CPUS]]",
            description = "a thread created up front, e.g. timeshare:5:0-1 or realtime:100; repeatable")
    List<String> threadSpecs = new ArrayList<>();

    @Option(names = "--prefix", paramLabel = "FILE", description = "event-text file applied after the creations (e.g. to build up history)")
    Path prefix;

    @Option(names = "--moves", paramLabel = "LIST", description = "enabled moves: tick,stat,cpu_tick (one CPU's tick, for each CPU),block,wake,yield,idle,ipi,exit,"
            + "bind,unbind,offline,online, and offload,return (models offload:ID), switch (models switch:ID,ID) (default: stat,block,wake,yield,idle,ipi)")
    String moves;

    @Option(names = "--depth", paramLabel = "D", description = "depth bound (default: ${DEFAULT-VALUE})")
    int depth = 10;

    @Option(names = "--max-states", paramLabel = "N", description = "stop after N distinct states (default: ${DEFAULT-VALUE})")
    long maxStates = 50_000_000L;

    @Option(names = "--max-seconds", paramLabel = "S", description = "stop after S seconds, 0 for no limit (default: ${DEFAULT-VALUE})")
    double maxSeconds = 0;

    @Option(names = "--memory", paramLabel = "FRACTION", description = "stop when the heap in use passes this fraction of -Xmx "
            + "(default: ${DEFAULT-VALUE})")
    double memory = 0.85;

    @Option(names = "--shard", paramLabel = "i/n", description = "explore shard i of n (0-based); n machines together cover the whole state set")
    String shard;

    @Option(names = "--shard-depth", paramLabel = "D", description = "BFS depth at which shards split the frontier (default: ${DEFAULT-VALUE})")
    int shardDepth = 3;

    @Option(names = "--wait-bound", paramLabel = "TICKS", description = "BOUNDED_WAIT bound in stathz ticks (default: one calendar "
            + "revolution plus a slice per other thread); with --model o1, O1_BOUNDED_WAIT's in jiffies (default: two slices of "
            + "every other task, plus STARVATION_LIMIT per task when one can turn interactive)")
    int waitBound = -1;

    @Option(names = "--no-symmetry", description = "do not merge states that differ only by a relabelling of threads")
    boolean noSymmetry;

    @Option(names = "--bug", paramLabel = "NAME", description = "explore a planted-bug variant instead of the model (see --list-bugs)")
    String bug;

    @Option(names = "--list-bugs", description = "list the planted bugs and exit")
    boolean listBugs;

    @Mixin
    EngineOption engineOption;

    @Option(names = "--report", paramLabel = "FILE", description = "also write the run as JSON: states per level, time, bytes/state, verdict")
    Path report;

    @Option(names = "--hook-adversary", description = {"treat the migration hook as an adversary: every answer at every question "
        + "(ULE models; safety invariants only,", "since a hook may refuse moves; docs/migration-hook.md)"})
    boolean hookAdversary;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (listBugs) {
            for (BugVariant<?> b : ModelOption.parse(model).bugs()) {
                out.println(b.name() + ": " + b.description());
            }
            return 0;
        }
        ExploreEngine eng = engineOption.engine();
        ExploreConfig cfg = config(spec.commandLine().getErr());
        boolean tty = System.console() != null;
        ExploreResult r;
        try {
            // a distributed engine's lines come once a level: always shown (on stderr)
            r = eng.explore(cfg, engineOption.options(), tty || eng != ExploreEngine.LOCAL ? System.err : null);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--engine " + eng.name() + ": " + e.getMessage());
        }
        if (report != null) {
            writeReport(r, eng.name(), cfg);
        }
        if (r.violation() != null) {
            out.println("# " + r.violation());
            out.println("# shortest counterexample (" + r.counterexample().size() + " events; replay with: ulemodel replay FILE"
                    + (hookAdversary ? "; the hook's answers are not in the text" : "") + ")");
            out.print(r.counterexampleText());
            out.println();
            out.print(prefixLines(r.statistics()));
            return 1;
        }
        out.print(r.statistics());
        if (r.outcome() != ExploreResult.Outcome.COMPLETE) {
            out.println("partial: stopped before the depth bound was explored (" + r.outcome() + "); no violation among the states seen");
        } else {
            out.println("no violation within depth " + cfg.depth());
        }
        return 0;
    }

    /** Writes {@code --report}: the run as one JSON object. */
    private void writeReport(ExploreResult r, String engineName, ExploreConfig cfg) {
        try (AtomicOutput o = AtomicOutput.open(report)) {
            JsonGenerator g = new JsonFactory().createGenerator(o.writer()).useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("engine", engineName);
            if (engineName.equals(ExploreEngine.LOCAL.name())) {
                g.writeNumberField("workers", engineOption.options().localWorkers());
            }
            g.writeStringField("model", r.model());
            g.writeStringField("bug", cfg.bug() == null ? null : cfg.bug().name());
            g.writeStringField("topology", r.topology());
            g.writeNumberField("threads", cfg.threads().size());
            g.writeStringField("moves", String.join(",", cfg.moves().stream().map(Move::cliName).toList()));
            g.writeNumberField("depthBound", cfg.depth());
            g.writeStringField("outcome", r.outcome().name());
            g.writeNumberField("states", r.states());
            g.writeNumberField("transitions", r.transitions());
            g.writeNumberField("maxDepth", r.maxDepth());
            g.writeArrayFieldStart("statesPerLevel");
            for (long n : r.levels()) {
                g.writeNumber(n);
            }
            g.writeEndArray();
            g.writeNumberField("seconds", r.seconds());
            g.writeNumberField("statesPerSecond", r.statesPerSecond());
            g.writeNumberField("visitedBytes", r.visitedBytes());
            g.writeNumberField("bytesPerState", r.bytesPerState());
            g.writeNumberField("peakFrontier", r.peakFrontier());
            g.writeNumberField("maxHeapBytes", Runtime.getRuntime().maxMemory());
            if (r.violation() != null) {
                g.writeObjectFieldStart("violation");
                g.writeStringField("invariant", r.violation().invariant());
                g.writeStringField("step", r.violation().step());
                g.writeStringField("detail", r.violation().detail());
                g.writeEndObject();
                g.writeStringField("counterexample", r.counterexampleText());
            }
            g.writeEndObject();
            g.flush();
            o.commit();
        } catch (IOException e) {
            throw new UsageError(report + ": cannot write: " + e.getMessage());
        }
    }

    /** Whether the event text's topology line {@code line} names the machine of spec {@code topoSpec}. */
    private boolean sameMachine(String line, String topoSpec) {
        try {
            return Topology.parse(line).equals(Topology.parse(topoSpec));
        } catch (IllegalArgumentException e) {
            throw new UsageError(prefix + ":1: topology: " + e.getMessage());
        }
    }

    private static String prefixLines(String s) {
        StringBuilder sb = new StringBuilder();
        for (String line : s.split("\n")) {
            sb.append("# ").append(line).append('\n');
        }
        return sb.toString();
    }

    private ExploreConfig config(PrintWriter err) {
        Topology topo = TopologyOption.parse(topology);
        String topoSpec = TopologyOption.spec("--topology", topology, topo);
        if (!topoSpec.equals(topo.spec())) {
            err.println("ulemodel: note: --topology " + topology + " is explored as " + topoSpec
                    + ", the PxCxT machine ULE cannot tell from it");
        }
        List<ThreadSpec> ts = new ArrayList<>();
        try {
            for (String s : threadSpecs) {
                ts.add(ThreadSpec.parse(s));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageError("--thread: " + e.getMessage());
        }
        if (threads != null) {
            if (threads < 0 || threads > 64) {
                throw new UsageError("--threads: expected 0..64, got " + threads);
            }
            for (int i = 0; i < threads; i++) {
                ts.add(ThreadSpec.timeshare());
            }
        }
        if (threads == null && threadSpecs.isEmpty()) {
            ts = ExploreConfig.defaults().threads();
        }
        List<Event> pre = List.of();
        String prefixModel = null;
        if (prefix != null) {
            String text;
            try {
                text = TextInput.read(prefix);
            } catch (IOException e) {
                throw new UsageError(prefix + ": cannot read: " + e.getMessage());
            }
            try {
                EventText.Scenario sc = EventText.parseAll(text, prefix.toString());
                if (sc.topology() != null && !sameMachine(sc.topology(), topoSpec)) {
                    throw new UsageError(prefix + ":1: topology " + sc.topology() + " differs from --topology " + topology);
                }
                pre = sc.events();
                prefixModel = sc.model();
            } catch (IllegalArgumentException e) {
                throw new UsageError(e.getMessage());
            }
        }
        List<Move> mv = Move.DEFAULTS;
        if (moves != null) {
            try {
                mv = Move.parseList(moves);
            } catch (IllegalArgumentException e) {
                throw new UsageError("--moves: " + e.getMessage());
            }
        }
        int si = 0;
        int sn = 1;
        if (shard != null) {
            String[] f = shard.split("/");
            try {
                si = Integer.parseInt(f[0].trim());
                sn = Integer.parseInt(f[1].trim());
            } catch (RuntimeException e) {
                throw new UsageError("--shard: expected i/n such as 0/4, got '" + shard + "'");
            }
            if (f.length != 2 || sn < 1 || si < 0 || si >= sn) {
                throw new UsageError("--shard: expected i/n with 0 <= i < n, got '" + shard + "'");
            }
        }
        ModelSpec<?> modelSpec = ModelOption.resolve(model, prefixModel, prefix + ":1");
        if (hookAdversary) {
            try {
                modelSpec = HookAdversary.safetyOnly(ModelSpecs.uleMachines(modelSpec));
            } catch (IllegalArgumentException e) {
                throw new UsageError("--hook-adversary: " + e.getMessage());
            }
        }
        BugVariant<?> b = null;
        if (bug != null) {
            b = modelSpec.bug(bug);
            if (b == null) {
                throw new UsageError("--bug: unknown planted bug '" + bug + "' of model " + modelSpec.model().id() + " (see --list-bugs)");
            }
        }
        if (depth < 0 || maxStates < 1 || maxSeconds < 0 || memory <= 0 || memory > 1 || shardDepth < 1) {
            throw new UsageError("--depth >= 0, --max-states >= 1, --max-seconds >= 0, 0 < --memory <= 1 and --shard-depth >= 1 expected");
        }
        ExploreConfig cfg = new ExploreConfig(modelSpec, topoSpec, ts, pre, mv, depth, maxStates, maxSeconds, memory, si, sn, shardDepth, waitBound,
                !noSymmetry, b);
        try {
            // refuse a setup the model refuses before exploring
            new Explorer(cfg.withDepth(0), null).run();
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        return cfg;
    }
}
