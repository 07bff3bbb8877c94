// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spark;

import org.apache.spark.util.AccumulatorV2;

/**
 * A Spark accumulator holding the least path added (in {@link String#compareTo} order, which is
 * the order the single-machine explorer meets paths of one length in), or null. Taking a minimum
 * is idempotent, so a re-run task does not change the result.
 */
final class LeastPath extends AccumulatorV2<String, String> {
    private static final long serialVersionUID = 1L;
    private String least;

    @Override
    public boolean isZero() {
        return least == null;
    }

    @Override
    public AccumulatorV2<String, String> copy() {
        LeastPath c = new LeastPath();
        c.least = least;
        return c;
    }

    @Override
    public void reset() {
        least = null;
    }

    @Override
    public void add(String path) {
        if (path != null && (least == null || path.compareTo(least) < 0)) {
            least = path;
        }
    }

    @Override
    public void merge(AccumulatorV2<String, String> other) {
        add(other.value());
    }

    @Override
    public String value() {
        return least;
    }
}
