// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim;

/**
 * A workload that reads well but cannot run as written (unlocking a mutex it does not hold, a CPU
 * the topology lacks, a scheduled CPU change the model refuses, …). The message starts with the
 * step's {@code FILE:LINE:COLUMN}, or names the CPU change ({@code CPU 7 offline at 4.000000 s}).
 */
public final class WorkloadError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WorkloadError(String where, String what) {
        super(where + ": " + what);
    }
}
