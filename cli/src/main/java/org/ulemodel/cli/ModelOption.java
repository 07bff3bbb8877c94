// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import java.util.ArrayList;
import java.util.List;
import org.ulemodel.spec.explore.ModelSpec;
import org.ulemodel.spec.explore.ModelSpecs;
import picocli.CommandLine.Option;

/**
 * The one parser of every command's {@code --model ID} option: a model id from the registry
 * ({@link ModelSpecs#available()}, listed by {@code ulemodel models}), ignoring case; no value
 * means {@link ModelSpecs#DEFAULT_ID}. {@code --ule 14|15} ({@link UleOption}) is a synonym of
 * {@code --model ule14|ule15}: the commands take both through the mixin {@link Choice}.
 * {@code compare}'s {@code --models ID,ID,…} is a list of such ids ({@link #parseList}).
 *
 * <p>Invariant: an unknown id is a {@link UsageError} reading {@code --model: unknown model 'X':
 * expected one of …}.
 */
public final class ModelOption {
    private ModelOption() {
    }

    /**
     * The model options of {@code demo}, {@code simulate}, {@code check}, {@code explore},
     * {@code replay}, {@code eval} and {@code fuzz} (a picocli mixin): {@code --model ID} and its synonym {@code --ule 14|15}.
     * Invariant: {@link #id()} is the one model id they name together, or null when neither is given.
     */
    public static final class Choice {
        @Option(names = "--model", paramLabel = "ID", description = "the scheduler model (default: the model a trace or counterexample "
                + "file names, else " + ModelSpecs.DEFAULT_ID + "; see 'ulemodel models')")
        String model;

        @Option(names = "--ule", paramLabel = "14|15", description = "FreeBSD's ULE version: --ule 15 is --model ule15, "
                + "--ule 14 is --model ule14")
        String ule;

        /**
         * The model id named by {@code --model} or {@code --ule}, or null.
         *
         * @throws UsageError when {@code --ule} is not 14 or 15, or the two name different models
         */
        public String id() {
            if (ule == null) {
                return model;
            }
            String id = UleOption.modelId(UleOption.parse(ule));
            if (model != null && !model.trim().equalsIgnoreCase(id)) {
                throw new UsageError("--ule " + ule.trim() + " names model " + id + ", but --model is " + model.trim()
                        + ": give one of them");
            }
            return id;
        }
    }

    /** The model {@code choice} names, or the default model. */
    public static ModelSpec<?> parse(Choice choice) {
        return parse(choice.id());
    }

    /** {@link #resolve(String, String, String)} with the model {@code choice} names ({@code --ule} named in its errors). */
    public static ModelSpec<?> resolve(Choice choice, String named, String where) {
        String id = choice.id();
        if (choice.ule == null || named == null) {
            return resolve(id, named, where);
        }
        ModelSpec<?> fromFile = resolve((String) null, named, where);
        if (parse(id) != fromFile) {
            throw new UsageError(where + ": the file is for model " + named + ", but --ule " + choice.ule.trim() + " names " + id);
        }
        return fromFile;
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

    /** The prefix of the ids of toy models, which {@link #parseList} leaves out by default. */
    static final String TOY_PREFIX = "toy-";

    /**
     * The models of a comma-separated list of ids ({@code --models}), in order, each as
     * {@link #parse}; null means every registered model but the toys (ids beginning
     * {@code toy-}), in the registry's order.
     *
     * @throws UsageError on an unknown id, an empty list or an id named twice
     */
    public static List<ModelSpec<?>> parseList(String ids) {
        List<ModelSpec<?>> out = new ArrayList<>();
        if (ids == null) {
            for (ModelSpec<?> s : ModelSpecs.available()) {
                if (!s.model().id().startsWith(TOY_PREFIX)) {
                    out.add(s);
                }
            }
            return out;
        }
        for (String id : ids.split(",", -1)) {
            if (id.isBlank()) {
                throw new UsageError("--models " + ids + ": expected model ids separated by commas, such as ule14,o1");
            }
            ModelSpec<?> s = parse(id);
            if (out.contains(s)) {
                throw new UsageError("--models " + ids + ": " + s.model().id() + " is named twice");
            }
            out.add(s);
        }
        return out;
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
