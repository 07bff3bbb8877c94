// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec.explore;

import java.util.Locale;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.spec.EventText;

/**
 * A thread the explorer creates up front: class, nice, fixed priority (-1 = computed, timeshare
 * only) and cpuset (null = every CPU). Created on CPU 0 with {@code sched_add}, as
 * {@code create class=… on=0} in {@link EventText}.
 */
public record ThreadSpec(PriClass priClass, int nice, int priority, CpuSet cpuset) {
    /** A timeshare thread at nice 0 allowed everywhere. */
    public static ThreadSpec timeshare() {
        return new ThreadSpec(PriClass.TIMESHARE, 0, -1, null);
    }

    /** The creating event. */
    public Event.Create create() {
        return new Event.Create(priClass, nice, priority, false, cpuset, 0);
    }

    /**
     * Parses {@code CLASS[:NICE[:CPUS]]} for timeshare or {@code CLASS:PRIORITY[:CPUS]} for the
     * fixed-priority classes, e.g. {@code timeshare}, {@code timeshare:5:0-1}, {@code realtime:100};
     * CPUS is a list such as {@code 0-1,3} or {@code all}.
     */
    public static ThreadSpec parse(String text) {
        String[] f = text.trim().split(":", -1);
        PriClass cls;
        try {
            cls = PriClass.valueOf(f[0].trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("thread '" + text + "': expected a class ITHD, REALTIME, TIMESHARE or IDLE first");
        }
        if (f.length > 3) {
            throw new IllegalArgumentException("thread '" + text + "': expected CLASS[:NICE-or-PRIORITY[:CPUS]]");
        }
        int nice = 0;
        int pri = -1;
        if (f.length >= 2 && !f[1].isEmpty()) {
            int v;
            try {
                v = Integer.parseInt(f[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("thread '" + text + "': expected an integer after the class, got '" + f[1] + "'");
            }
            if (cls == PriClass.TIMESHARE) {
                nice = v;
            } else {
                pri = v;
            }
        } else if (cls != PriClass.TIMESHARE) {
            pri = cls.minPri();
        }
        CpuSet set = null;
        if (f.length == 3 && !f[2].trim().equalsIgnoreCase("all")) {
            Event e = EventText.parse("cpuset tid=0 cpus=" + f[2].trim() + " on=0", "thread '" + text + "': ");
            set = ((Event.SetCpuset) e).cpuset();
        }
        return new ThreadSpec(cls, nice, pri, set);
    }
}
