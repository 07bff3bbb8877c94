// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import scala.Tuple2;

/**
 * One partition of the distributed search after a level: the fingerprints this partition owns
 * (every state met so far whose fingerprint hashes here), sorted, and the frontier it owns (the
 * paths of the states first met at the last level, when they are to be expanded). Invariant:
 * {@code visited} is sorted and duplicate-free; each frontier path names a state whose fingerprint
 * is in {@code visited}.
 */
final class Part implements Serializable {
    private static final long serialVersionUID = 1L;

    final long[] visited;
    final String[] frontier;
    /** States first met at the last level. */
    final long fresh;

    Part(long[] visited, String[] frontier, long fresh) {
        this.visited = visited;
        this.frontier = frontier;
        this.fresh = fresh;
    }

    /**
     * The partition after a level: {@code candidates} (this partition's share of the level's
     * successors) reduced to one per fingerprint, the one with the least path, less those already
     * in {@code old}'s visited set; the survivors join the visited set and, when {@code keep}, form
     * the frontier.
     */
    static Part next(Iterator<Tuple2<Long, String>> candidates, Part old, boolean keep) {
        // open addressing, linear probing: fingerprint -> slot of its least path; capacity a power of two, at most half full
        long[] keys = new long[1 << 10];
        String[] paths = new String[keys.length];
        boolean[] used = new boolean[keys.length];
        int n = 0;
        while (candidates.hasNext()) {
            Tuple2<Long, String> c = candidates.next();
            long fp = c._1();
            if (Arrays.binarySearch(old.visited, fp) >= 0) {
                continue;
            }
            if (2 * (n + 1) > keys.length) {
                long[] k2 = new long[keys.length * 2];
                String[] p2 = new String[k2.length];
                boolean[] u2 = new boolean[k2.length];
                for (int i = 0; i < keys.length; i++) {
                    if (used[i]) {
                        int j = slot(k2, u2, keys[i]);
                        k2[j] = keys[i];
                        p2[j] = paths[i];
                        u2[j] = true;
                    }
                }
                keys = k2;
                paths = p2;
                used = u2;
            }
            int j = slot(keys, used, fp);
            if (!used[j]) {
                used[j] = true;
                keys[j] = fp;
                paths[j] = c._2();
                n++;
            } else if (c._2().compareTo(paths[j]) < 0) {
                paths[j] = c._2();
            }
        }
        long[] fresh = new long[n];
        String[] frontier = new String[keep ? n : 0];
        int f = 0;
        for (int i = 0; i < keys.length; i++) {
            if (used[i]) {
                if (keep) {
                    frontier[f] = paths[i];
                }
                fresh[f++] = keys[i];
            }
        }
        Arrays.sort(fresh);
        long[] merged = new long[old.visited.length + n];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < old.visited.length || j < n) {
            if (j == n || (i < old.visited.length && old.visited[i] < fresh[j])) {
                merged[k++] = old.visited[i++];
            } else {
                merged[k++] = fresh[j++];
            }
        }
        return new Part(merged, frontier, n);
    }

    /** The slot of {@code fp} in the table, or the empty slot where it goes. */
    private static int slot(long[] keys, boolean[] used, long fp) {
        int mask = keys.length - 1;
        int j = (int) (fp ^ (fp >>> 29)) & mask;
        while (used[j] && keys[j] != fp) {
            j = (j + 1) & mask;
        }
        return j;
    }
}
