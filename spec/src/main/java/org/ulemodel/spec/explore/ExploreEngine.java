// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A search engine for {@code ulemodel explore --engine NAME}: runs an {@link ExploreConfig} to an
 * {@link ExploreResult}. {@link #LOCAL} is the single-machine {@link Explorer}; others (the Spark
 * engine of the explore-spark module) are {@link ServiceLoader} services registered in
 * {@code META-INF/services/org.ulemodel.spec.explore.ExploreEngine}, found only when their jar is on
 * the class path, so the model layer and the command line carry none of their dependencies.
 *
 * <p>Invariant: on every configuration both can finish, an engine reports the same verdict, number
 * of distinct states and maximum depth as {@link #LOCAL}, and for a violation a shortest
 * counterexample in the same form.
 */
public interface ExploreEngine {
    /**
     * Where and how wide an engine runs.
     *
     * @param master     the engine's cluster URL (Spark: {@code local[2]}, {@code spark://host:7077},
     *                   {@code k8s://https://host:443}); null: the engine's default, or what its launcher set
     * @param partitions how many parts the state set is split into (0: the engine's default)
     * @param workers    {@link #LOCAL}: how many threads expand each level (0: one per available processor; 1: the
     *                   single-threaded search); other engines take their width from {@code master}
     */
    record Options(String master, int partitions, int workers) {
        /** No master, the default partitioning, the default number of workers. */
        public static final Options DEFAULT = new Options(null, 0, 0);

        public Options {
            if (workers < 0) {
                throw new IllegalArgumentException("workers must be >= 0, got " + workers);
            }
        }

        /** A master and a partitioning, the default number of workers. */
        public Options(String master, int partitions) {
            this(master, partitions, 0);
        }

        /** The local engine's threads: {@code workers}, or one per available processor when it is 0. */
        public int localWorkers() {
            return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
        }
    }

    /** The engine's name on the command line ({@code --engine NAME}). */
    String name();

    /**
     * Explores {@code config}; {@code progress} gets progress lines (null: silent).
     *
     * @throws IllegalArgumentException when the configuration or the options are invalid for this engine
     */
    ExploreResult explore(ExploreConfig config, Options options, PrintStream progress);

    /** The single-machine explorer ({@link Explorer}) on {@link Options#localWorkers} threads; it takes no master or partitions. */
    ExploreEngine LOCAL = new ExploreEngine() {
        @Override
        public String name() {
            return "local";
        }

        @Override
        public ExploreResult explore(ExploreConfig config, Options options, PrintStream progress) {
            if (options.master() != null || options.partitions() != 0) {
                throw new IllegalArgumentException("the local engine takes no master or partitions");
            }
            return new Explorer(config, progress, options.localWorkers()).run();
        }
    };

    /**
     * The engine called {@code name} (ignoring case): {@link #LOCAL}, or a registered one.
     *
     * @throws IllegalArgumentException when no engine of that name is on the class path, listing those that are
     */
    static ExploreEngine named(String name) {
        List<String> names = new ArrayList<>();
        names.add(LOCAL.name());
        if (LOCAL.name().equalsIgnoreCase(name)) {
            return LOCAL;
        }
        for (ExploreEngine e : ServiceLoader.load(ExploreEngine.class, ExploreEngine.class.getClassLoader())) {
            if (e.name().equalsIgnoreCase(name)) {
                return e;
            }
            names.add(e.name());
        }
        throw new IllegalArgumentException("no explore engine '" + name + "' on the class path (engines here: " + String.join(", ", names)
                + ")");
    }
}
