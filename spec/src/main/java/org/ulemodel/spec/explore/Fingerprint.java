// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.model.StateSink;
import org.ulemodel.spec.WaitMonitor;

/**
 * The 64-bit fingerprint of an explored state (model state + {@link WaitMonitor}) in canonical
 * form. The model {@linkplain SchedulerModel#encode encodes} its state; every value is fed through
 * an xxHash64-style round and the result through MurmurHash3's 64-bit finaliser, so equal
 * canonical states give equal fingerprints and distinct ones collide with probability about
 * 2<sup>-64</sup> per pair.
 *
 * <p>Thread symmetry: where the model says relabelling threads is sound
 * ({@link SchedulerModel#threadSymmetric}; ULE 14: no thread has a parent), threads are
 * relabelled in the order of a hash of their own state ({@link SchedulerModel#encodeThread}) and
 * monitor counters, ties (only identical threads produce them) broken by id, and the state is
 * encoded under that labelling. Equal encodings imply isomorphic states whatever the tie-break, so
 * the reduction is sound. CPUs are never relabelled (ULE 14 seeds each CPU's random state from its
 * id, and its topology and searches distinguish CPUs).
 *
 * @param <S> the model's state type
 */
final class Fingerprint<S extends SchedulerState> {
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;

    private final SchedulerModel<S> model;
    private final boolean symmetry;
    private int[] label = new int[0];
    private long[] keys = new long[0];
    private int[] order = new int[0];
    private long acc;
    private final StateSink sink = v -> acc = round(acc, v);

    /** A fingerprinter for {@code model}'s states; {@code symmetry} enables the thread relabelling. Not thread-safe (scratch arrays). */
    public Fingerprint(SchedulerModel<S> model, boolean symmetry) {
        this.model = model;
        this.symmetry = symmetry;
    }

    private static long round(long h, long v) {
        return Long.rotateLeft(h ^ (v * P2), 31) * P1 + P3;
    }

    /** MurmurHash3 fmix64. */
    static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        k ^= k >>> 33;
        return k;
    }

    /** The fingerprint of {@code m} with monitor {@code mon}. */
    public long of(S m, WaitMonitor mon) {
        int n = m.threadCount();
        if (label.length < n) {
            label = new int[n];
            keys = new long[n];
            order = new int[n];
        }
        boolean relabel = symmetry && n > 1 && model.threadSymmetric(m);
        for (int t = 0; t < n; t++) {
            order[t] = t;
        }
        if (relabel) {
            for (int t = 0; t < n; t++) {
                acc = 0x61C8864680B583EBL;
                model.encodeThread(m, t, sink);
                keys[t] = mix(round(acc, ((long) mon.waited(t) << 32) | (mon.starved(t) & 0xFFFFFFFFL)));
            }
            // insertion sort: n is small in explorations
            for (int i = 1; i < n; i++) {
                int x = order[i];
                int j = i - 1;
                while (j >= 0 && (keys[order[j]] > keys[x] || (keys[order[j]] == keys[x] && order[j] > x))) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = x;
            }
        }
        for (int i = 0; i < n; i++) {
            label[order[i]] = i;
        }
        acc = 0x27D4EB2F165667C5L;
        model.encode(m, label, sink);
        for (int i = 0; i < n; i++) {
            int t = order[i];
            acc = round(acc, ((long) mon.waited(t) << 32) | (mon.starved(t) & 0xFFFFFFFFL));
        }
        return mix(acc);
    }
}
