// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The quick benchmark profile ({@code bench/run.sh}): every benchmark of this module (one fork
 * each, 2 warm-up and 3 measured iterations of 0.5 s — the workload driver and the serve judge,
 * {@link #SLOW_WARMUP}, in a second JMH run with 8 warm-ups of 1 s — fixed pre-touched 2 GB heap,
 * {@code -prof gc}, synchronous JIT compilation), then the deterministic sizes of {@link Footprint}; writes
 * {@code results.json} (JMH's own format), {@code results.md} (the tables of
 * {@link ResultsTable}) and {@code cost-curves.svg} (the picture of {@link CostCurves}) to the output directory, and optionally replaces the table in a README
 * between the lines {@value #BEGIN} and {@value #END}.
 *
 * <p>Usage: {@code QuickRun OUTPUT_DIR [--readme README.md] [--include REGEX]}. Bad arguments:
 * one line on stderr, exit 2.
 */
public final class QuickRun {
    static final String BEGIN = "<!-- bench:begin -->";
    static final String END = "<!-- bench:end -->";
    static final int FOOTPRINT_CPUS = 64;
    static final int FOOTPRINT_THREADS = 10_000;
    static final int EXPLORER_DEPTH = 7;
    /** The picture of the cost curves ({@link CostCurves}), beside {@code results.md}. */
    static final String CURVES = "cost-curves.svg";

    private QuickRun() {
    }

    /**
     * JVM options of every fork. {@code -XX:-BackgroundCompilation} makes the benchmark thread wait
     * for its JIT compilations: on 2 cores, a queued C2 compile of {@code RunQueue.requeueHead}
     * otherwise waited about 5 s behind the compile of the benchmark loop (seen with
     * {@code -XX:+PrintCompilation}), longer than this profile's warm-up, and the mixed pick-next
     * runs measured interpreted code (190–230 ns instead of 30–45 ns). It changes when code is
     * compiled, not what is compiled.
     */
    static final String[] JVM_ARGS = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-XX:+UseTransparentHugePages",
        "-XX:-BackgroundCompilation"};

    /**
     * The benchmarks this profile warms up longer, since they run far more code than the others:
     * the workload driver (the engine, the rt-app model and the scheduler) took about 6 s of
     * warm-up with synchronous compilation to reach its steady rate (0.75–0.83 M steps/s where
     * the 1 s warm-up of the other benchmarks measured 0.01–0.09 M; 2026-12-01), and the serve
     * judge (JSON parsing, the oracle and the model's alternatives) 5–7 s (0.43–0.58 M events/s
     * from the fifth 1 s iteration on, where the 1 s warm-up measured 0.11–0.39 M; 2026-12-02).
     */
    static final String SLOW_WARMUP = "(" + Pattern.quote(DriverBenchmark.class.getName() + ".") + "|"
            + Pattern.quote(ServeBenchmark.class.getName() + ".") + ")";
    /** Excludes every benchmark but {@link #SLOW_WARMUP}'s (JMH excludes a name in which the pattern is found). */
    private static final String ALL_BUT_SLOW_WARMUP = "^(?!" + SLOW_WARMUP + ")";
    static final int SLOW_WARMUP_ITERATIONS = 8;

    /** This profile's options for the benchmarks matching {@code include}: warm-up {@code warmups} × {@code warmupMillis} ms. */
    private static ChainedOptionsBuilder options(String include, int warmups, int warmupMillis) {
        return new OptionsBuilder()
                .include(include)
                .forks(1)
                .warmupIterations(warmups).warmupTime(TimeValue.milliseconds(warmupMillis))
                .measurementIterations(3).measurementTime(TimeValue.milliseconds(500))
                .jvmArgsAppend(JVM_ARGS)
                .addProfiler(GCProfiler.class);
    }

    /** Runs the benchmarks {@code options} select; none when they select none. */
    private static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
        try {
            return new Runner(options.build()).run();
        } catch (NoBenchmarksException none) {
            return List.of();
        }
    }

    public static void main(String[] args) throws IOException, RunnerException {
        if (args.length == 0) {
            usage("expected an output directory");
        }
        Path out = Path.of(args[0]);
        Path readme = null;
        String include = "org\\.ulemodel\\.bench\\..*Benchmark";
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--readme") && i + 1 < args.length) {
                readme = Path.of(args[++i]);
            } else if (args[i].equals("--include") && i + 1 < args.length) {
                include = args[++i];
            } else {
                usage("unexpected argument '" + args[i] + "'");
            }
        }
        if (readme != null && !Files.readString(readme, StandardCharsets.UTF_8).contains(BEGIN)) {
            usage(readme + ": expected a line " + BEGIN + " (and " + END + ") around the results table");
        }
        Files.createDirectories(out);
        List<RunResult> results = new ArrayList<>();
        results.addAll(run(options(include, 2, 500).exclude(SLOW_WARMUP)));
        results.addAll(run(options(include, SLOW_WARMUP_ITERATIONS, 1000).exclude(ALL_BUT_SLOW_WARMUP)));
        if (results.isEmpty()) {
            usage("no benchmark matches --include " + include);
        }
        try (PrintStream json = new PrintStream(Files.newOutputStream(out.resolve("results.json")), false, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, json).writeOut(results);
        }
        Footprint footprint = Footprint.measure(FOOTPRINT_CPUS, FOOTPRINT_THREADS, EXPLORER_DEPTH);
        String machine = System.getProperty("bench.cpu", "unknown CPU") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores; " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + "; " + LocalDate.now(ZoneOffset.UTC);
        ResultsTable tables = new ResultsTable(new ArrayList<>(results), footprint);
        String table = tables.render(machine);
        Files.writeString(out.resolve("results.md"), table, StandardCharsets.UTF_8);
        Files.writeString(out.resolve(CURVES), CostCurves.svg("Cost curves, " + machine, tables.curves()), StandardCharsets.UTF_8);
        System.out.println(table);
        System.out.println("Cost curves: " + out.resolve(CURVES));
        if (readme != null) {
            String text = Files.readString(readme, StandardCharsets.UTF_8);
            int from = text.indexOf(BEGIN) + BEGIN.length();
            int to = text.indexOf(END, from);
            if (to < 0) {
                usage(readme + ": expected " + END + " after " + BEGIN);
            }
            String picture = "![Cost curves: ns per event against CPUs, ns per pick against queued threads]("
                    + readme.toAbsolutePath().getParent().relativize(out.toAbsolutePath().resolve(CURVES)).toString().replace('\\', '/') + ")\n\n";
            Files.writeString(readme, text.substring(0, from) + "\n" + picture + table + text.substring(to), StandardCharsets.UTF_8);
        }
    }

    private static void usage(String message) {
        System.err.println("QuickRun: " + message + "; usage: QuickRun OUTPUT_DIR [--readme README.md] [--include REGEX]");
        System.exit(2);
    }

    /** Benchmark names this profile knows, for the table's order. */
    static List<String> kinds() {
        return List.of("realtime", "calendar", "mixed");
    }
}
