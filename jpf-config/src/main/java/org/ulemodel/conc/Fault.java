// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.conc;

/**
 * Concurrency bugs that {@link SmpScheduler} can be built with, so that the checks (the JPF
 * harnesses, the Lincheck tests) can be shown to catch them. {@link #NONE} is the real locking
 * protocol; every other value breaks exactly one rule of it.
 */
public enum Fault {
    /** The correct protocol: release, then take every needed CPU lock in ascending CPU order. */
    NONE,
    /**
     * An operation that finds it needs another CPU keeps the locks it holds and takes the new one
     * on top, whatever its number ({@code TDQ_LOCK(self); TDQ_LOCK(other)} instead of
     * {@code TDQ_LOCK_PAIR}): two CPUs doing this towards each other deadlock.
     */
    UNORDERED_LOCK_PAIR,
    /**
     * The idle steal publishes the victim's new state holding only the thief's lock: a thread
     * can be lost or run twice when the victim changes meanwhile.
     */
    STEAL_WITHOUT_VICTIM_LOCK,
    /**
     * Every operation publishes what its step changed before validating that it holds the lock
     * of each CPU it changed, and a failed validation can no longer undo it: a CPU that was only
     * read without its lock gets a state computed from a stale copy (stale load and lowpri, a
     * CPU offline undone, a thread queued where its CPU no longer lists it). Run alone, every
     * read is current and nothing goes wrong; only a concurrent change shows it.
     */
    PUBLISH_BEFORE_VALIDATE,
    /**
     * The count of operations that took effect ({@link SmpScheduler#applied()}) is a plain int
     * incremented with no lock held instead of an atomic increment: a data race on a plain,
     * non-volatile field, and two CPUs' increments can lose one. JPF's race
     * detector reports the race; the harness checks report a lost increment.
     */
    UNGUARDED_COUNTER
}
