// SPDX-License-Identifier: BSD-2-Clause
/**
 * Priority bands and classes of FreeBSD 14 ("V14"): the {@code PRI_*} constants of
 * sys/sys/priority.h and the band split macros of sys/kern/sched_ule.c, in one place so that no
 * other code hard-codes a number such as 152.
 */
package org.ulemodel.core.prio;
