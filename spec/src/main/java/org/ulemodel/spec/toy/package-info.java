// SPDX-License-Identifier: BSD-2-Clause
/**
 * A reference second model, {@link org.ulemodel.spec.toy.RoundRobinModel}: a toy per-CPU round
 * robin that is not ULE and not a model of any real scheduler. It is main code, not test code, so
 * that every checker built on the model interface — the explorer and invariants here, the
 * property suites downstream — can show in its own tests that it judges a model other than ULE
 * 14, and catches the bugs planted in it, without a test-jar or a copy. {@link
 * org.ulemodel.spec.toy.RoundRobinProvider} registers it with the tools ({@code --model toy-rr}),
 * the way any model outside {@code core} plugs in.
 */
package org.ulemodel.spec.toy;
