// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.conc.lincheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.verifier.EpsilonVerifier;

/**
 * Runs a harness scenario under Lincheck's model checker from Java: one custom scenario whose
 * threads are the harness's CPU programs (one actor each) and whose validation function is the
 * harness's quiescent check. The model's own code (core, spec) is pure and works on immutable
 * values, so it is treated as atomic: the interleavings explored are those of the facade's shared
 * accesses (volatile cells, CPU locks). Results are not compared with a sequential specification
 * (racy CPU selection is not linearizable, nor is ULE); failures are deadlocks, hangs, exceptions,
 * failed assertions and failed invariants.
 */
public final class Scenarios {
    private Scenarios() {
    }

    /** Test instances created: one per explored interleaving (plus a few Lincheck makes for replay). */
    public static final AtomicInteger INSTANCES = new AtomicInteger();

    private static boolean preloaded;

    /**
     * Loads every class of core, spec and this module before Lincheck runs: Lincheck 3.7 resolves
     * classes first used inside a model-checked run through a loader that cannot see the
     * application class path (it reports {@code NoClassDefFoundError}, e.g. for the
     * {@code Violation} record of a failed invariant), so nothing may be loaded lazily there.
     */
    static synchronized void preloadProjectClasses() {
        if (preloaded) {
            return;
        }
        for (Class<?> anchor : new Class<?>[] {org.ulemodel.core.machine.Machine.class, org.ulemodel.spec.Invariants.class,
                org.ulemodel.conc.SmpScheduler.class}) {
            preloadFrom(anchor);
        }
        preloaded = true;
    }

    private static void preloadFrom(Class<?> anchor) {
        try {
            Path where = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(where)) {
                loadAll(where);
            } else {
                try (FileSystem jar = FileSystems.newFileSystem(where)) {
                    loadAll(jar.getPath("/"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void loadAll(Path root) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().equals("module-info.class"))
                    .forEach(f -> {
                        String rel = root.relativize(f).toString().replace('\\', '/');
                        names.add(rel.substring(0, rel.length() - ".class".length()).replace('/', '.'));
                    });
        }
        for (String n : names) {
            try {
                Class.forName(n, true, Scenarios.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("cannot preload " + n, e);
            }
        }
    }

    /** Model-checks {@code testClass}: {@code threads} name its CPU-program methods, {@code check} its validation. */
    public static int modelCheck(Class<?> testClass, int invocations, String... threads) {
        List<List<Actor>> parallel = new ArrayList<>();
        for (String t : threads) {
            parallel.add(List.of(actor(testClass, t)));
        }
        ExecutionScenario scenario = new ExecutionScenario(List.of(), parallel, List.of(), actor(testClass, "check"));
        preloadProjectClasses();
        INSTANCES.set(0);
        new ModelCheckingOptions()
                .iterations(0)
                .addCustomScenario(scenario)
                .invocationsPerIteration(invocations)
                .addGuarantee(ManagedStrategyGuaranteeKt
                        .forClasses(name -> name.startsWith("org.ulemodel.core.") || name.startsWith("org.ulemodel.spec."))
                        .allMethods().treatAsAtomic())
                .verifier(EpsilonVerifier.class)
                .minimizeFailedScenario(false)
                .check(testClass);
        return INSTANCES.get();
    }

    private static Actor actor(Class<?> c, String method) {
        try {
            return new Actor(c.getMethod(method), List.of(), false, false, false, false, false);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(c.getName() + " has no public method " + method + "()", e);
        }
    }
}
