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
     * successors, one per fingerprint, each with its least path) less those already in
     * {@code old}'s visited set; the survivors join the visited set and, when {@code keep}, form
     * the frontier.
     */
    static Part next(Iterator<Tuple2<Long, String>> candidates, Part old, boolean keep) {
        long[] fps = new long[64];
        String[] paths = new String[64];
        int n = 0;
        while (candidates.hasNext()) {
            Tuple2<Long, String> c = candidates.next();
            long fp = c._1();
            if (Arrays.binarySearch(old.visited, fp) >= 0) {
                continue;
            }
            if (n == fps.length) {
                fps = Arrays.copyOf(fps, n * 2);
                paths = Arrays.copyOf(paths, n * 2);
            }
            fps[n] = fp;
            paths[n] = c._2();
            n++;
        }
        long[] fresh = Arrays.copyOf(fps, n);
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
        return new Part(merged, keep ? Arrays.copyOf(paths, n) : new String[0], n);
    }
}
