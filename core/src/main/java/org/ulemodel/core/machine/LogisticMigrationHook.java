// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.machine;

import java.util.Arrays;

/**
 * A learned {@link MigrationHook}: logistic regression over the standardised feature vector
 * ({@link MigrationFeatures#vector}). A move may happen when the model's probability that it
 * pays off, {@code 1 / (1 + e^-(bias + Σ weight_i · (x_i − mean_i) / scale_i))}, is at least
 * {@code threshold}. What "pays off" means is the trainer's label (docs/migration-hook.md).
 * {@link StrictMath#exp} makes the answer the same on every JVM.
 *
 * <p>Invariant: immutable (arrays copied in and out); {@code mean}, {@code scale} and
 * {@code weights} have one entry per feature ({@link MigrationFeatures#NAMES}); every scale is
 * positive; the threshold lies in [0, 1]; every number is finite. Value equality.
 */
public final class LogisticMigrationHook implements MigrationHook {
    private final double[] mean;
    private final double[] scale;
    private final double[] weights;
    private final double bias;
    private final double threshold;

    /**
     * A model with the given standardisation, weights, bias and decision threshold.
     *
     * @throws IllegalArgumentException when a length, a scale, the threshold or a number breaks the invariant
     */
    public LogisticMigrationHook(double[] mean, double[] scale, double[] weights, double bias, double threshold) {
        int n = MigrationFeatures.NAMES.size();
        if (mean.length != n || scale.length != n || weights.length != n) {
            throw new IllegalArgumentException("expected " + n + " means, scales and weights (one per feature: " + MigrationFeatures.NAMES
                    + "), got " + mean.length + ", " + scale.length + " and " + weights.length);
        }
        for (int i = 0; i < n; i++) {
            if (!(scale[i] > 0) || !Double.isFinite(scale[i]) || !Double.isFinite(mean[i]) || !Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("feature " + MigrationFeatures.NAMES.get(i) + ": expected a finite mean and weight and a "
                        + "positive finite scale, got " + mean[i] + ", " + weights[i] + " and " + scale[i]);
            }
        }
        if (!Double.isFinite(bias) || !(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("expected a finite bias and a threshold in [0, 1], got " + bias + " and " + threshold);
        }
        this.mean = mean.clone();
        this.scale = scale.clone();
        this.weights = weights.clone();
        this.bias = bias;
        this.threshold = threshold;
    }

    /** The model's probability that the move described by {@code f} pays off. */
    public double probability(MigrationFeatures f) {
        return probability(f.vector());
    }

    /** The model's probability for a raw feature vector ({@link MigrationFeatures#vector}). */
    public double probability(double[] x) {
        double z = bias;
        for (int i = 0; i < weights.length; i++) {
            z += weights[i] * (x[i] - mean[i]) / scale[i];
        }
        return 1 / (1 + StrictMath.exp(-z));
    }

    @Override
    public boolean mayMigrate(MigrationFeatures f) {
        return probability(f) >= threshold;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] scale() {
        return scale.clone();
    }

    public double[] weights() {
        return weights.clone();
    }

    public double bias() {
        return bias;
    }

    public double threshold() {
        return threshold;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogisticMigrationHook h && Arrays.equals(mean, h.mean) && Arrays.equals(scale, h.scale)
                && Arrays.equals(weights, h.weights) && Double.compare(bias, h.bias) == 0 && Double.compare(threshold, h.threshold) == 0;
    }

    @Override
    public int hashCode() {
        return ((Arrays.hashCode(mean) * 31 + Arrays.hashCode(scale)) * 31 + Arrays.hashCode(weights)) * 31 + Double.hashCode(bias) * 7
                + Double.hashCode(threshold);
    }

    @Override
    public String toString() {
        return "LogisticMigrationHook{weights=" + Arrays.toString(weights) + ", bias=" + bias + ", threshold=" + threshold + "}";
    }
}
