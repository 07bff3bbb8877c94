// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.gen;

import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import org.ulemodel.core.topo.Topology;

/**
 * Generators of machine shapes as {@code PxCxT} specs ({@link Topology#parse}): packages × cores
 * per package × SMT threads per core, so that SMT groups and shared caches appear. Invariant:
 * every generated spec parses and has between 1 and the requested maximum CPUs (at most 64).
 * Shrinks toward {@code 1x1x1}.
 */
public final class Topologies {
    /** The largest machine generated: 64 CPUs, one {@code long} of {@code cpuset_t}. */
    public static final int MAX_CPUS = 64;

    private Topologies() {
    }

    /** Specs with 1..{@value #MAX_CPUS} CPUs: 1–4 packages, 1–8 cores, 1–2 SMT threads. */
    public static Gen<String> specs() {
        return specs(MAX_CPUS);
    }

    /** Specs with at most {@code maxCpus} CPUs (1..64). */
    public static Gen<String> specs(int maxCpus) {
        if (maxCpus < 1 || maxCpus > MAX_CPUS) {
            throw new IllegalArgumentException("maxCpus must be 1.." + MAX_CPUS + ", got " + maxCpus);
        }
        Gen<Integer> packages = SourceDSL.integers().between(1, 4);
        Gen<Integer> cores = SourceDSL.integers().between(1, 8);
        Gen<Integer> threads = SourceDSL.integers().between(1, 2);
        return packages.zip(cores, threads, (p, c, t) -> spec(p, c, t, maxCpus));
    }

    /** Specs with at least two CPUs (SMP paths), at most {@code maxCpus}. */
    public static Gen<String> smpSpecs(int maxCpus) {
        return specs(maxCpus).map(s -> Topology.parse(s).cpuCount() >= 2 ? s : "1x2x1");
    }

    /** {@code p x c x t}, cores then packages reduced until the machine has at most {@code maxCpus} CPUs. */
    static String spec(int p, int c, int t, int maxCpus) {
        while (p * c * t > maxCpus && c > 1) {
            c--;
        }
        while (p * c * t > maxCpus && p > 1) {
            p--;
        }
        if (p * c * t > maxCpus) {
            t = 1;
        }
        return p + "x" + c + "x" + t;
    }
}
