// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.Scheduler;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.spec.PathProperties;
import org.ulemodel.spec.UleInvariants;

/**
 * The {@link ModelSpec}s of the models this project ships and the registry of every model on the
 * class path ({@link #available()}, {@link #named}): FreeBSD 14's ULE ({@link #ule14()}) built in,
 * every other model found through its {@link ModelProvider} service. Immutable: the registry is
 * read once, on first use.
 */
public final class ModelSpecs {
    private ModelSpecs() {
    }

    /** The id of the model used when none is named: FreeBSD 14's ULE. */
    public static final String DEFAULT_ID = "ule14";

    private static final ModelSpec<Machine> ULE14 = ModelSpec.of(Ule14Model.DEFAULT, UleInvariants.all())
            .withClock(Scheduler::statTicks)
            .withPathProperties(PathProperties.BATCH_WAITS, PathProperties::all)
            .withBugs(PlantedBugs.all());

    /**
     * FreeBSD 14's ULE as the explorer and {@code ulemodel replay} check it: {@link Ule14Model}
     * with FreeBSD's defaults, {@link UleInvariants#all()} (generic and ULE's own, in that
     * order), the stathz clock, {@link PathProperties#all(int) BOUNDED_WAIT and WORK_CONSERVING}
     * over batch-priority waits, and the {@link PlantedBugs}.
     */
    public static ModelSpec<Machine> ule14() {
        return ULE14;
    }

    /**
     * {@code spec} as a spec of ULE machines — the models with a migration hook
     * ({@link org.ulemodel.core.machine.MigrationHook}): ULE 14, ULE 15 and their variants.
     *
     * @throws IllegalArgumentException when the spec's model boots another kind of state
     */
    public static ModelSpec<Machine> uleMachines(ModelSpec<?> spec) {
        if (!(spec.model().boot(Topology.parse("1")) instanceof Machine)) {
            throw new IllegalArgumentException("model " + spec.model().id() + " has no migration hook (the ULE models have one)");
        }
        @SuppressWarnings("unchecked")
        ModelSpec<Machine> ule = (ModelSpec<Machine>) spec;
        return ule;
    }

    /** Holds the registry, read on first use. */
    private static final class Registry {
        static final List<ModelSpec<?>> ALL = load();

        private static List<ModelSpec<?>> load() {
            Map<String, ModelSpec<?>> byId = new TreeMap<>();
            byId.put(DEFAULT_ID, ULE14);
            for (ModelProvider p : ServiceLoader.load(ModelProvider.class, ModelSpecs.class.getClassLoader())) {
                ModelSpec<?> s = p.spec();
                ModelSpec<?> old = byId.putIfAbsent(s.model().id(), s);
                if (old != null && old != s) {
                    throw new IllegalStateException("two models with id " + s.model().id() + ": " + old.model().description() + "; "
                            + s.model().description());
                }
            }
            List<ModelSpec<?>> out = new ArrayList<>();
            out.add(byId.remove(DEFAULT_ID));
            out.addAll(byId.values());
            return List.copyOf(out);
        }
    }

    /** Every model on the class path: ULE 14 first, then the others by id. */
    public static List<ModelSpec<?>> available() {
        return Registry.ALL;
    }

    /**
     * The model with id {@code id} (ignoring case), or the composed model it names
     * ({@link ComposedSpecs#named}: {@code offload:ID}, {@code switch:ID,ID,…}).
     *
     * @throws IllegalArgumentException when no model has that id, listing the ids there are
     */
    public static ModelSpec<?> named(String id) {
        ModelSpec<?> composed = ComposedSpecs.named(id);
        if (composed != null) {
            return composed;
        }
        List<String> ids = new ArrayList<>();
        for (ModelSpec<?> s : available()) {
            if (s.model().id().equalsIgnoreCase(id)) {
                return s;
            }
            ids.add(s.model().id());
        }
        throw new IllegalArgumentException("unknown model '" + id + "': expected one of " + String.join(", ", ids));
    }
}
