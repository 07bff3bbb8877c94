// SPDX-License-Identifier: BSD-2-Clause
/**
 * Models built from models, over the model interface only: {@link org.ulemodel.core.compose.OffloadModel}
 * adds offloaded CPUs (OFFSCHED: a CPU taken out of scheduling and held by a dedicated service) to
 * any model, {@link org.ulemodel.core.compose.SwitchingModel} replaces a running machine's policy
 * by another model's at run time (Kerrighed's run-time configurable scheduler). Neither knows a
 * policy: they go through {@link org.ulemodel.core.model.SchedulerModel} and the policy-neutral
 * {@link org.ulemodel.core.model.SchedulerState} view.
 */
package org.ulemodel.core.compose;
