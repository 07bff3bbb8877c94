// SPDX-License-Identifier: BSD-2-Clause
/**
 * SMP CPU selection of FreeBSD 14 ("V14") ULE: the load-weighted topology searches
 * ({@code cpu_search_lowest}/{@code cpu_search_highest} behind {@code sched_lowest}/
 * {@code sched_highest}), the per-CPU {@code sched_random()} generator, and
 * {@code sched_pickcpu}. All functions are pure apart from the caller-owned {@link
 * org.ulemodel.core.smp.Lcg}, which plays the role of the searching CPU's {@code randomval}.
 */
package org.ulemodel.core.smp;
