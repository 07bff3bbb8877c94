// SPDX-License-Identifier: BSD-2-Clause
/**
 * Linux 2.6's O(1) scheduler (as it stood in Linux 2.6.12-rc2's {@code kernel/sched.c}): its
 * arithmetic as small pure functions with the kernel's integer types ({@link O1Math}), and the
 * per-CPU model behind {@link org.ulemodel.core.model.SchedulerModel} ({@link O1Model}, states
 * {@link O1State}). Each Javadoc names the kernel macro or function it follows. The kernel's
 * {@code unsigned long} and {@code unsigned long long} values are carried in Java {@code long}
 * and compared and divided with the unsigned helpers of {@link Long}; 64-bit ({@code LP64})
 * unless a method says otherwise.
 */
package org.ulemodel.core.o1;
