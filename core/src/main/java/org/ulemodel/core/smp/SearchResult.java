// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.smp;

/**
 * The outcome of one {@code cpu_search_lowest}/{@code cpu_search_highest} over a group:
 * {@code cpu} and {@code load} are {@code struct cpu_search_res}'s {@code csr_cpu} and
 * {@code csr_load}; {@code total} is the function's return value, the group's weighted load sum
 * (256 per thread, minus 128 for the preferred CPU in the lowest search).
 *
 * <p>Invariant: {@code cpu} is -1 when no CPU qualified; {@code load} is then meaningless (the
 * kernel leaves it unset for lowest and INT_MIN for highest) and must not be read.
 *
 * @param cpu   the chosen CPU, or -1 (csr_cpu)
 * @param load  the winner's jittered load, 256&middot;l &minus; rnd (csr_load)
 * @param total the searched group's load sum (the return value of cpu_search_*)
 */
public record SearchResult(int cpu, int load, int total) {
    /** True when a CPU was found ({@code cpu >= 0}). */
    public boolean found() {
        return cpu >= 0;
    }
}
