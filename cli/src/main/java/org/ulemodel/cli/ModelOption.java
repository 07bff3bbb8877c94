// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.explore.ModelSpecs;

/**
 * The one parser of every command's {@code --model ID} option: a model id from the registry
 * ({@link ModelSpecs#available()}, listed by {@code ulemodel models}), ignoring case; no value
 * means {@link ModelSpecs#DEFAULT_ID}.
 *
 * <p>Invariant: an unknown id is a {@link UsageError} reading {@code --model: unknown model 'X':
 * expected one of …}.
 */
public final class ModelOption {
    /** The option's description, shared by the commands. */
    static final String DESCRIPTION = "the scheduler model (default " + ModelSpecs.DEFAULT_ID + "; see 'ulemodel models')";

    private ModelOption() {
    }

    /** The model named by {@code id}, or the default model when {@code id} is null. */
    public static ModelSpec<?> parse(String id) {
        if (id == null) {
            return ModelSpecs.named(ModelSpecs.DEFAULT_ID);
        }
        try {
            return ModelSpecs.named(id.trim());
        } catch (IllegalArgumentException e) {
            throw new UsageError("--model: " + e.getMessage());
        }
    }

    /**
     * The model of a file that names {@code named} (null: none) run with {@code --model option}
     * (null: not given): the option's, the file's, else the default. {@code where} is the file's
     * {@code SOURCE:LINE} for errors.
     *
     * @throws UsageError when the file names an unknown model, or both name models and they differ
     */
    public static ModelSpec<?> resolve(String option, String named, String where) {
        if (named == null) {
            return parse(option);
        }
        ModelSpec<?> fromFile;
        try {
            fromFile = ModelSpecs.named(named);
        } catch (IllegalArgumentException e) {
            throw new UsageError(where + ": " + e.getMessage());
        }
        if (option != null && parse(option) != fromFile) {
            throw new UsageError(where + ": the file is for model " + named + ", but --model is " + option);
        }
        return fromFile;
    }
}
