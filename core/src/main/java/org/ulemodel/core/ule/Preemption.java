// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

import org.ulemodel.core.prio.Priorities;

/**
 * Whether a newly runnable thread should preempt the thread running on a CPU. FreeBSD:
 * sched_shouldpreempt() in sys/kern/sched_ule.c (V14).
 */
public final class Preemption {
    private Preemption() {
    }

    /**
     * V14 rule, in order: no when pri &ge; cpri (not better); yes when cpri &ge; PRI_MIN_IDLE
     * (the CPU idles); no when preemptThresh is 0; yes when pri &le; preemptThresh; yes when
     * {@code remote} and pri &le; PRI_MAX_INTERACT &lt; cpri; no otherwise.
     * Invariant: never true unless pri &lt; cpri. FreeBSD: sched_shouldpreempt().
     *
     * @param pri           priority of the new thread (tdq_lowpri after the add, for a remote CPU)
     * @param cpri          priority of the running thread (old tdq_lowpri, for a remote CPU)
     * @param remote        true when deciding whether to IPI another CPU (tdq_notify)
     * @param preemptThresh kern.sched.preempt_thresh (0, 80 default, 255 full preemption)
     */
    public static boolean shouldPreempt(int pri, int cpri, boolean remote, int preemptThresh) {
        return decide(pri, cpri, remote, preemptThresh, pri <= preemptThresh, Priorities.PRI_MAX_INTERACT);
    }

    /**
     * The order of tests both versions share; they differ only in the threshold test
     * ({@code beatsThresh}) and in PRI_MAX_INTERACT ({@code maxInteract}). PRI_MIN_IDLE is 224
     * in both.
     */
    static boolean decide(int pri, int cpri, boolean remote, int preemptThresh, boolean beatsThresh, int maxInteract) {
        if (pri >= cpri) {
            return false;
        }
        if (cpri >= Priorities.PRI_MIN_IDLE) {
            return true;
        }
        if (preemptThresh == 0) {
            return false;
        }
        if (beatsThresh) {
            return true;
        }
        return remote && pri <= maxInteract && cpri > maxInteract;
    }
}
