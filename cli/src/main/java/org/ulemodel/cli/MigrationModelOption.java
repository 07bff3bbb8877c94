// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ulemodel.core.machine.LogisticMigrationHook;
import org.ulemodel.sim.HookedModel;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.trace.InputError;
import org.ulemodel.trace.MigrationModelFile;

/**
 * {@code --migration-model FILE} of {@code simulate} and {@code compare}: the one parser of a
 * migration-model file on the command line ({@link MigrationModelFile}); the model is installed as
 * the ULE machine's {@link org.ulemodel.core.machine.MigrationHook} ({@link HookedModel}, id
 * {@code MODEL+migration-model}). Bad files are usage errors at FILE:LINE:COLUMN.
 */
final class MigrationModelOption {
    /** The suffix of a hooked model's id. */
    static final String NAME = "migration-model";

    static final String HELP = "a migration model made by 'ulemodel train' (docs/migration-hook.md), asked before every steal, "
            + "balance and wakeup migration (ULE models)";

    private MigrationModelOption() {
    }

    /** The model in {@code file}. */
    static LogisticMigrationHook read(Path file) {
        try (Reader r = Files.newBufferedReader(file)) {
            return MigrationModelFile.read(file.toString(), r);
        } catch (InputError e) {
            throw new UsageError(e.getMessage());
        } catch (IOException e) {
            throw new UsageError("--migration-model: cannot read " + file + ": " + e.getMessage());
        }
    }

    /** {@code spec} running the model in {@code file}. */
    static ModelSpec<?> apply(ModelSpec<?> spec, Path file) {
        LogisticMigrationHook hook = read(file);
        try {
            return HookedModel.of(spec, hook, NAME);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--migration-model: " + e.getMessage());
        }
    }

    /** For {@code compare}: each ULE model of {@code specs} followed by itself running the model in {@code file}; other models as they are. */
    static List<ModelSpec<?>> besideEach(List<ModelSpec<?>> specs, Path file) {
        LogisticMigrationHook hook = read(file);
        List<ModelSpec<?>> out = new ArrayList<>();
        for (ModelSpec<?> s : specs) {
            out.add(s);
            try {
                out.add(HookedModel.of(s, hook, NAME));
            } catch (IllegalArgumentException e) {
                // a model without a migration hook is compared as it is
            }
        }
        return out;
    }
}
