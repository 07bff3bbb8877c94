// SPDX-License-Identifier: BSD-2-Clause
/**
 * ULE's formulas as small pure functions with FreeBSD's integer arithmetic: interactivity score
 * and history decay, user priority, time slices and clock constants, the %CPU window, and the
 * preemption test. Each Javadoc names the FreeBSD function it models (sys/kern/sched_ule.c of
 * the FreeBSD 14 generation unless stated otherwise). FreeBSD 15's versions sit beside them with
 * the suffix 15 ({@code Priority15}, {@code PctCpu15}, {@code Preemption15}, its timeshare
 * calendar {@code Calendar15} and its constants {@code Priorities15}); what is unchanged is shared,
 * and {@link org.ulemodel.core.ule.UleVersion} dispatches to either. FreeBSD {@code u_int} values
 * are carried in Java {@code int} and compared and divided with the unsigned helpers of
 * {@link Integer}.
 */
package org.ulemodel.core.ule;
