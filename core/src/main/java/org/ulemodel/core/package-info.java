// SPDX-License-Identifier: BSD-2-Clause
/**
 * The ULE model: an immutable-state model of FreeBSD's ULE scheduler (FreeBSD 14, "V14").
 * Depends on the JDK only; no reflection, no static mutable state, no I/O.
 */
package org.ulemodel.core;
