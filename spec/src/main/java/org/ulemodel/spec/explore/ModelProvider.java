// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

/**
 * How a scheduler model makes itself known to the tools: a {@link java.util.ServiceLoader}
 * service. A jar registers each provider's class name in
 * {@code META-INF/services/org.ulemodel.spec.explore.ModelProvider}; {@link ModelSpecs#available()}
 * lists them and every command's {@code --model ID} picks one by its model's
 * {@link org.ulemodel.core.model.SchedulerModel#id() id}. A provider needs a public class with a
 * public no-argument constructor.
 *
 * <p>Invariant: {@link #spec()} returns the same spec on every call, and its model's id is unique
 * among the providers on the class path.
 */
public interface ModelProvider {
    /** The model with everything the explorer, the driver and the oracle check it against. */
    ModelSpec<?> spec();
}
