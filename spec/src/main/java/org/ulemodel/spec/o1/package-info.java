// SPDX-License-Identifier: BSD-2-Clause
/**
 * Registers Linux 2.6's O(1) model ({@link org.ulemodel.core.o1.O1Model}) with the tools
 * ({@code --model o1} on every command): its {@link org.ulemodel.spec.explore.ModelProvider}, its
 * checks and its planted bugs.
 */
package org.ulemodel.spec.o1;
