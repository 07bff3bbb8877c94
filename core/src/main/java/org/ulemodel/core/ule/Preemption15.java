// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.core.ule;

/**
 * Whether a newly runnable thread should preempt the thread running on a CPU, FreeBSD 15's rule:
 * V14's ({@link Preemption}) with a strict threshold test and V15's interactive band.
 * FreeBSD 15: sched_shouldpreempt() in sys/kern/sched_ule.c.
 */
public final class Preemption15 {
    private Preemption15() {
    }

    /**
     * In order: no when pri &ge; cpri; yes when cpri &ge; PRI_MIN_IDLE (224, the CPU idles); no
     * when preemptThresh is 0; yes when pri &lt; preemptThresh (V14: &le;); yes when
     * {@code remote} and pri &le; PRI_MAX_INTERACT (114) &lt; cpri; no otherwise.
     * Invariant: never true unless pri &lt; cpri. FreeBSD 15: sched_shouldpreempt().
     *
     * @param pri           priority of the new thread (tdq_lowpri after the add, for a remote CPU)
     * @param cpri          priority of the running thread (old tdq_lowpri, for a remote CPU)
     * @param remote        true when deciding whether to IPI another CPU (tdq_notify)
     * @param preemptThresh kern.sched.ule.preempt_thresh (0, 40 default, 256 full preemption)
     */
    public static boolean shouldPreempt(int pri, int cpri, boolean remote, int preemptThresh) {
        return Preemption.decide(pri, cpri, remote, preemptThresh, pri < preemptThresh, Priorities15.PRI_MAX_INTERACT);
    }
}
