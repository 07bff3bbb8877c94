// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.model.EventKind;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;

/**
 * The kinds of environment move the explorer may take, each expanding to the concrete events
 * possible in a state. {@link #STAT} is a macro: "tick until the next tick of the scheduler
 * clock" ({@link ModelSpec#clock}; ULE 14: stathz) — the hz ticks in between only advance the
 * clock (stathz 127 fires on about one hz tick in eight), so the macro spends one unit of depth
 * where single {@link #TICK}s would spend about eight; for a model whose clock is the hz clock it
 * is one tick. Its hz ticks are still stepped and checked one by one, and appear one by one in
 * counterexamples.
 */
public enum Move {
    /** One hz tick. */
    TICK(EventKind.TICK),
    /** Hz ticks up to and including the next one where the scheduler clock ticks (ULE 14: stathz; one unit of depth). */
    STAT(EventKind.TICK),
    /** The running thread of a CPU sleeps ({@code block cpu=C}). */
    BLOCK(EventKind.BLOCK),
    /** A sleeping thread is woken by code on a CPU ({@code wake tid=T on=C}), for every online C. */
    WAKE(EventKind.WAKE),
    /** The running thread of a CPU yields. */
    YIELD(EventKind.YIELD),
    /** One pass of an idle CPU's idle loop (switch or steal). */
    IDLE(EventKind.IDLE),
    /** Deliver the IPIs pending on a CPU. */
    IPI(EventKind.IPI),
    /** The running thread of a CPU exits. */
    EXIT(EventKind.EXIT),
    /** The running thread binds itself to a CPU of its cpuset. */
    BIND(EventKind.BIND),
    /** The running bound thread unbinds. */
    UNBIND(EventKind.UNBIND),
    /** Take a CPU other than 0 offline (code on the lowest other online CPU). */
    OFFLINE(EventKind.OFFLINE),
    /** Bring an offline CPU back. */
    ONLINE(EventKind.ONLINE),
    /** Offload a CPU other than 0 to a service (a model with offloaded CPUs only). */
    OFFLOAD(EventKind.OFFLOAD),
    /** Give an offloaded CPU back to the scheduler. */
    RETURN(EventKind.RETURN),
    /** Switch the machine to each other policy of a switching model. */
    SWITCH(EventKind.SWITCH),
    /** One hz tick on one CPU ({@code tick cpu=C}), for every online C: the CPUs' clocks drift apart ({@link Event.CpuTick}). */
    CPU_TICK(EventKind.CPU_TICK);


    /** The moves enabled when none are named: the ones every scheduler must handle. */
    public static final List<Move> DEFAULTS = List.of(STAT, BLOCK, WAKE, YIELD, IDLE, IPI);

    /** The lower-case name used on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a command-line name; null when unknown. */
    public static Move parse(String s) {
        for (Move mv : values()) {
            if (mv.cliName().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return mv;
            }
        }
        return null;
    }

    private final EventKind kind;

    Move(EventKind kind) {
        this.kind = kind;
    }

    /** The event kind this move expands to ({@link #STAT} repeats {@link EventKind#TICK}). */
    public EventKind kind() {
        return kind;
    }

    /** The concrete events of this kind in {@code m} (a {@link #STAT} macro is one {@link Event.Tick} here; the explorer repeats it). Some may still be refused by the scheduler. */
    public <S extends SchedulerState> void events(SchedulerModel<S> model, S m, List<Event> out) {
        model.enabledEvents(m, kind(), out);
    }

    /** Parses a comma-separated list such as {@code stat,block,wake}; throws {@link IllegalArgumentException} naming a bad entry. */
    public static List<Move> parseList(String text) {
        List<Move> out = new ArrayList<>();
        for (String part : text.split(",")) {
            Move mv = parse(part);
            if (mv == null) {
                throw new IllegalArgumentException("unknown move '" + part.trim() + "': expected some of tick, stat, cpu_tick, block, wake, yield, "
                        + "idle, ipi, exit, bind, unbind, offline, online, offload, return, switch");
            }
            if (!out.contains(mv)) {
                out.add(mv);
            }
        }
        return out;
    }
}
