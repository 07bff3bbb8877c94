// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.LogisticMigrationHook;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.MigrateReason;
import org.ulemodel.core.machine.MigrationFeatures;
import org.ulemodel.core.machine.MigrationPoint;
import org.ulemodel.core.model.ModelStep;

/**
 * Learns a {@link LogisticMigrationHook} from simulated runs ({@code ulemodel train};
 * docs/migration-hook.md). {@link #collector} watches an {@link Engine} run: every migration ULE
 * makes of its own accord (a steal, a balancing move or re-pick, a wakeup placed on another
 * CPU) becomes an example, its features read off the state before the step
 * ({@link MigrationFeatures#of}), and its label is:
 *
 * <blockquote>1 when the moved thread ran on its new CPU within the horizon and no later than
 * the first switch on the CPU it left — the move beat the earliest chance it had at home —,
 * else 0 (its new CPU kept it waiting past the horizon, the old CPU switched first, or it was
 * moved again before running).</blockquote>
 *
 * <p>The first switch at home is a lower bound on the wait the thread would have had there, so a
 * label of 1 means the move shortened its wait for sure; 0 means it may not have. {@link #fit}
 * is plain logistic regression: features standardised, stochastic gradient descent on the
 * log-loss with L2, examples visited in an order drawn from a {@link SplittableRandom} of the
 * given seed, so the same examples and seed give the same model bit for bit.
 *
 * <p>Why our own regression: no Java machine-learning library both resolves here and fits this
 * project — Smile is GPL; Spark MLlib brings Scala and Spark for a 12-weight model; XGBoost fits
 * trees through native code; Apache Commons Math 3 (Apache-2.0) has no logistic regression and
 * has had no release since 2016. Forty lines of gradient descent are easier to review than any of them.
 */
public final class MigrationTrainer {
    private MigrationTrainer() {
    }

    /** One labelled move: its raw feature vector ({@link MigrationFeatures#vector}) and whether it paid off. */
    public record Example(double[] x, boolean label) {
    }

    /**
     * How to fit.
     *
     * @param epochs       passes over the examples (≥ 1)
     * @param learningRate step size of gradient descent (&gt; 0)
     * @param l2           L2 penalty on the weights (≥ 0; the bias is not penalised)
     * @param threshold    the fitted model's decision threshold in [0, 1]
     * @param seed         seed of the visiting order
     */
    public record FitOptions(int epochs, double learningRate, double l2, double threshold, long seed) {
        public FitOptions {
            if (epochs < 1 || !(learningRate > 0) || !(l2 >= 0) || !(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("expected epochs >= 1, learning rate > 0, l2 >= 0 and threshold in [0, 1]");
            }
        }

        /** 50 epochs, rate 0.05, L2 1e-4, threshold 0.5, seed 1. */
        public static FitOptions defaults() {
            return new FitOptions(50, 0.05, 1e-4, 0.5, 1);
        }
    }

    /** A move seen but not yet labelled. */
    private static final class Pending {
        final double[] x;
        final long atNs;
        final int from;
        final int to;

        Pending(double[] x, long atNs, int from, int to) {
            this.x = x;
            this.atNs = atNs;
            this.from = from;
            this.to = to;
        }
    }

    /**
     * A listener of one run that appends an example to {@code out} for every migration it sees
     * labelled (see the class comment), with the given horizon in µs; moves still unlabelled at the
     * end of the run are dropped.
     */
    public static StepListener<Machine> collector(List<Example> out, long horizonUs) {
        long horizonNs = horizonUs * 1000;
        Map<Integer, Pending> pending = new HashMap<>();
        return (long n, long timeNs, Event event, Machine before, ModelStep<? extends Machine> result) -> {
            pending.values().removeIf(p -> {
                if (timeNs - p.atNs > horizonNs) {
                    out.add(new Example(p.x, false));
                    return true;
                }
                return false;
            });
            for (Decision d : result.decisions()) {
                if (d instanceof Decision.Migrate mg && point(mg.why()) != null) {
                    Pending old = pending.remove(mg.tid());
                    if (old != null) {
                        out.add(new Example(old.x, false));
                    }
                    double[] x = MigrationFeatures.of(before, point(mg.why()), mg.tid(), mg.from(), mg.to()).vector();
                    pending.put(mg.tid(), new Pending(x, timeNs, mg.from(), mg.to()));
                } else if (d instanceof Decision.Switch sw) {
                    Pending p = sw.to() >= 0 ? pending.get(sw.to()) : null;
                    if (p != null && sw.cpu() == p.to) {
                        out.add(new Example(p.x, true));
                        pending.remove(sw.to());
                    }
                    pending.values().removeIf(q -> {
                        if (q.from == sw.cpu()) {
                            out.add(new Example(q.x, false));
                            return true;
                        }
                        return false;
                    });
                }
            }
        };
    }

    private static MigrationPoint point(MigrateReason why) {
        switch (why) {
            case STEAL:
                return MigrationPoint.STEAL;
            case BALANCE:
            case PICKCPU:
                return MigrationPoint.BALANCE;
            case WAKEUP:
                return MigrationPoint.WAKEUP;
            default:
                return null; // forced moves (affinity, bind, offline) are never asked
        }
    }

    /**
     * Fits logistic regression to {@code examples}.
     *
     * @throws IllegalArgumentException when there are no examples
     */
    public static LogisticMigrationHook fit(List<Example> examples, FitOptions o) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no migrations to learn from: the runs moved no thread (try a longer run or another workload)");
        }
        int f = MigrationFeatures.NAMES.size();
        int n = examples.size();
        double[] mean = new double[f];
        double[] scale = new double[f];
        for (Example e : examples) {
            for (int i = 0; i < f; i++) {
                mean[i] += e.x()[i] / n;
            }
        }
        for (Example e : examples) {
            for (int i = 0; i < f; i++) {
                scale[i] += (e.x()[i] - mean[i]) * (e.x()[i] - mean[i]) / n;
            }
        }
        for (int i = 0; i < f; i++) {
            scale[i] = scale[i] > 1e-12 ? Math.sqrt(scale[i]) : 1;
        }
        double[][] z = new double[n][f];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < f; i++) {
                z[k][i] = (examples.get(k).x()[i] - mean[i]) / scale[i];
            }
        }
        double[] w = new double[f];
        double b = 0;
        SplittableRandom rnd = new SplittableRandom(o.seed());
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        for (int epoch = 0; epoch < o.epochs(); epoch++) {
            for (int k = n - 1; k > 0; k--) {
                int j = rnd.nextInt(k + 1);
                int t = order[k];
                order[k] = order[j];
                order[j] = t;
            }
            for (int k : order) {
                double s = b;
                for (int i = 0; i < f; i++) {
                    s += w[i] * z[k][i];
                }
                double err = 1 / (1 + StrictMath.exp(-s)) - (examples.get(k).label() ? 1 : 0);
                for (int i = 0; i < f; i++) {
                    w[i] -= o.learningRate() * (err * z[k][i] + o.l2() * w[i]);
                }
                b -= o.learningRate() * err;
            }
        }
        return new LogisticMigrationHook(mean, scale, w, b, o.threshold());
    }

    /** The share of {@code examples} whose label {@code model} predicts (probability ≥ its threshold means 1). */
    public static double accuracy(LogisticMigrationHook model, List<Example> examples) {
        int right = 0;
        for (Example e : examples) {
            right += (model.probability(e.x()) >= model.threshold()) == e.label() ? 1 : 0;
        }
        return examples.isEmpty() ? 0 : (double) right / examples.size();
    }

    /** How many of {@code examples} are labelled 1. */
    public static int positives(List<Example> examples) {
        int pos = 0;
        for (Example e : examples) {
            pos += e.label() ? 1 : 0;
        }
        return pos;
    }
}
