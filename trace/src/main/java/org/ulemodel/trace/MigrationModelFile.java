// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace;

import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ulemodel.core.machine.LogisticMigrationHook;
import org.ulemodel.core.machine.MigrationFeatures;
import org.ulemodel.trace.json.JsonDocReader;
import org.ulemodel.trace.json.JsonNode;

/**
 * The migration-model file ({@code ulemodel train} writes it, {@code --migration-model} reads it;
 * docs/migration-hook.md): one strict JSON object,
 * <pre>
 * {"format": "ulemodel-migration-model", "version": 1, "kind": "logistic",
 *  "features": [the names of MigrationFeatures.NAMES, in order],
 *  "mean": [...], "scale": [...], "weights": [...], "bias": B, "threshold": T,
 *  "label": "what 1 meant in training", "training": {free-form provenance}}
 * </pre>
 * Unknown members are refused (a newer version would change {@code version}); {@code label} and
 * {@code training} are kept for people and not read back. Every error names FILE:LINE:COLUMN
 * ({@link InputError}). Invariant: {@link #write} and {@link #read} round-trip the model exactly
 * (numbers are written with {@link Double#toString}).
 */
public final class MigrationModelFile {
    private MigrationModelFile() {
    }

    /** The {@code format} member's value. */
    public static final String FORMAT = "ulemodel-migration-model";
    /** The only version there is. */
    public static final int VERSION = 1;

    /**
     * The model in {@code in}, named {@code source} in errors.
     *
     * @throws InputError at FILE:LINE:COLUMN when the text is not a version-1 migration model
     */
    public static LogisticMigrationHook read(String source, Reader in) {
        JsonNode root = JsonDocReader.readStrict(source, in);
        if (!(root instanceof JsonNode.Obj obj)) {
            throw err(source, root, "expected a migration-model object {\"format\": \"" + FORMAT + "\", ...}, got " + root.kind());
        }
        String format = null;
        Integer version = null;
        double[] mean = null;
        double[] scale = null;
        double[] weights = null;
        Double bias = null;
        Double threshold = null;
        for (JsonNode.Member m : obj.members()) {
            JsonNode v = m.value();
            switch (m.key()) {
                case "format" -> {
                    if (!(v instanceof JsonNode.Str s) || !s.value().equals(FORMAT)) {
                        throw err(source, v, "expected \"format\": \"" + FORMAT + "\"");
                    }
                    format = FORMAT;
                }
                case "version" -> {
                    if (!(v instanceof JsonNode.Num num) || !num.integral() || num.longValue() != VERSION) {
                        throw err(source, v, "expected \"version\": " + VERSION + " (the only version this ulemodel reads)");
                    }
                    version = VERSION;
                }
                case "kind" -> {
                    if (!(v instanceof JsonNode.Str s) || !s.value().equals("logistic")) {
                        throw err(source, v, "expected \"kind\": \"logistic\" (the only kind of model there is)");
                    }
                }
                case "features" -> checkFeatures(source, v);
                case "mean" -> mean = numbers(source, v, "mean");
                case "scale" -> scale = numbers(source, v, "scale");
                case "weights" -> weights = numbers(source, v, "weights");
                case "bias" -> bias = number(source, v, "bias");
                case "threshold" -> threshold = number(source, v, "threshold");
                case "label", "training" -> {
                    // provenance for people
                }
                default -> throw new InputError(source, m.line(), m.column(), "unknown member \"" + m.key()
                        + "\": expected format, version, kind, features, mean, scale, weights, bias, threshold, label or training");
            }
        }
        List<String> missing = new ArrayList<>();
        Object[] found = {format, version, mean, scale, weights, bias, threshold};
        String[] names = {"format", "version", "mean", "scale", "weights", "bias", "threshold"};
        for (int i = 0; i < found.length; i++) {
            if (found[i] == null) {
                missing.add(names[i]);
            }
        }
        if (!missing.isEmpty()) {
            throw err(source, root, "missing member(s) " + String.join(", ", missing) + " of a migration model");
        }
        try {
            return new LogisticMigrationHook(mean, scale, weights, bias, threshold);
        } catch (IllegalArgumentException e) {
            throw err(source, root, e.getMessage());
        }
    }

    private static InputError err(String source, JsonNode at, String what) {
        return new InputError(source, at.line(), at.column(), what);
    }

    private static void checkFeatures(String source, JsonNode v) {
        if (!(v instanceof JsonNode.Arr arr) || arr.items().size() != MigrationFeatures.NAMES.size()) {
            throw err(source, v, "expected \"features\": " + quoted(MigrationFeatures.NAMES));
        }
        for (int i = 0; i < arr.items().size(); i++) {
            JsonNode item = arr.items().get(i);
            if (!(item instanceof JsonNode.Str s) || !s.value().equals(MigrationFeatures.NAMES.get(i))) {
                throw err(source, item, "expected feature " + i + " to be \"" + MigrationFeatures.NAMES.get(i) + "\" (features, in order: "
                        + quoted(MigrationFeatures.NAMES) + ")");
            }
        }
    }

    private static double number(String source, JsonNode v, String what) {
        if (!(v instanceof JsonNode.Num num)) {
            throw err(source, v, "expected a number for \"" + what + "\", got " + v.kind());
        }
        return num.value();
    }

    private static double[] numbers(String source, JsonNode v, String what) {
        int n = MigrationFeatures.NAMES.size();
        if (!(v instanceof JsonNode.Arr arr) || arr.items().size() != n) {
            throw err(source, v, "expected \"" + what + "\" to be an array of " + n + " numbers, one per feature");
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = number(source, arr.items().get(i), what + "[" + i + "]");
        }
        return out;
    }

    private static String quoted(List<String> names) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < names.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append('"').append(names.get(i)).append('"');
        }
        return sb.append(']').toString();
    }

    private static String array(double[] a) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(Double.toString(a[i]));
        }
        return sb.append(']').toString();
    }

    /**
     * The file text of {@code model}: {@code label} says what a label of 1 meant, {@code training}
     * is a JSON object of provenance (already JSON text, e.g. {@code {"examples": 120}}).
     */
    public static String write(LogisticMigrationHook model, String label, String training) {
        return String.format(Locale.ROOT, "{%n  \"format\": \"%s\",%n  \"version\": %d,%n  \"kind\": \"logistic\",%n  \"features\": %s,%n"
                + "  \"mean\": %s,%n  \"scale\": %s,%n  \"weights\": %s,%n  \"bias\": %s,%n  \"threshold\": %s,%n  \"label\": \"%s\",%n"
                + "  \"training\": %s%n}%n", FORMAT, VERSION, quoted(MigrationFeatures.NAMES), array(model.mean()), array(model.scale()),
                array(model.weights()), Double.toString(model.bias()), Double.toString(model.threshold()),
                label.replace("\\", "\\\\").replace("\"", "\\\""), training);
    }
}
