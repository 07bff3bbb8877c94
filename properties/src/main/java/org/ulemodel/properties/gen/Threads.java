// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.properties.gen;

import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.prio.Priorities;
import org.ulemodel.core.topo.CpuSet;

/**
 * Generators of threads ({@link ThreadSpec}) for a machine of {@code cpus} CPUs: every class
 * (mostly timeshare), nice −20..20, fixed priorities inside the class band, SCHED_FIFO for
 * realtime threads, and cpusets that are all CPUs, a single CPU or a random subset. Also creation
 * events that break exactly one rule and must be refused with ULE 14's documented
 * {@link org.ulemodel.core.machine.IllegalEventException} message (another model may word it
 * differently). Every generator is a decoding
 * of one {@code long}, so the event interpreter can use the same decoding on its choice values
 * and a value shrinking toward 0 shrinks toward a nice-0 timeshare thread on every CPU.
 */
public final class Threads {
    private Threads() {
    }

    /** Valid threads for a machine of {@code cpus} CPUs, all online. */
    public static Gen<ThreadSpec> valid(int cpus) {
        CpuSet all = CpuSet.firstN(cpus);
        return SourceDSL.longs().between(0, Long.MAX_VALUE).map(v -> decode(v, cpus, all));
    }

    /** Creation events (on an online CPU 0) that a model must refuse, with ULE 14's message. */
    public static Gen<InvalidEvent> invalidCreates(int cpus) {
        return SourceDSL.longs().between(0, Long.MAX_VALUE).map(v -> invalidCreate(v, cpus));
    }

    /**
     * Decodes {@code v} into a valid thread whose cpuset meets {@code online} (which must not be
     * empty): bits 0–3 class, 4–9 nice, 10–17 priority, 18 FIFO, 19–21 cpuset shape, 22+ CPUs.
     */
    public static ThreadSpec decode(long v, int cpus, CpuSet online) {
        int cls = (int) (v & 15);
        PriClass pc = cls < 10 ? PriClass.TIMESHARE : cls < 13 ? PriClass.REALTIME : cls < 15 ? PriClass.IDLE : PriClass.ITHD;
        int nice = (int) ((v >>> 4) & 63) % 41;
        nice = (nice & 1) == 0 ? nice / 2 : -(nice + 1) / 2; // 0, -1, 1, -2, 2 …: shrinks toward 0
        int priRoll = (int) ((v >>> 10) & 255);
        int priority;
        if (pc == PriClass.TIMESHARE) {
            priority = priRoll < 200 ? -1 : Priorities.PRI_MIN_BATCH + priRoll % (Priorities.PRI_MAX_BATCH - Priorities.PRI_MIN_BATCH + 1);
        } else {
            priority = pc.minPri() + priRoll % (pc.maxPri() - pc.minPri() + 1);
        }
        boolean fifo = pc == PriClass.REALTIME && ((v >>> 18) & 1) != 0;
        CpuSet set = cpuset((v >>> 19) & 7, v >>> 22, cpus, online);
        return new ThreadSpec(pc, nice, priority, fifo, set);
    }

    /** A cpuset: shape 0–3 all CPUs (null), 4–5 one online CPU, 6–7 a random subset meeting {@code online}. */
    static CpuSet cpuset(long shape, long bits, int cpus, CpuSet online) {
        if (shape < 4) {
            return null;
        }
        int[] on = online.toArray();
        if (shape < 6) {
            return CpuSet.of(on[(int) (bits % on.length)]);
        }
        return subset(bits, cpus, online);
    }

    /** A subset of {@code 0..cpus-1} from {@code bits}, widened by one online CPU when it has none. */
    public static CpuSet subset(long bits, int cpus, CpuSet online) {
        long mask = cpus >= 64 ? bits * 0x9E3779B97F4A7C15L : (bits * 0x9E3779B97F4A7C15L) & ((1L << cpus) - 1);
        CpuSet s = CpuSet.ofMask(mask);
        if (!s.intersects(online)) {
            int[] on = online.toArray();
            s = s.with(on[(int) Long.remainderUnsigned(bits, on.length)]);
        }
        return s;
    }

    /** One creation event breaking one documented rule. */
    static InvalidEvent invalidCreate(long v, int cpus) {
        ThreadSpec ok = decode(v >>> 3, cpus, CpuSet.firstN(cpus));
        switch ((int) (v & 7)) {
            case 0: {
                int nice = (v & 8) == 0 ? Priorities.PRIO_MAX + 1 + (int) ((v >>> 4) & 15) : Priorities.PRIO_MIN - 1 - (int) ((v >>> 4) & 15);
                return new InvalidEvent(new Event.Create(ok.priClass(), nice, ok.priority(), ok.fifo(), ok.cpuset(), 0),
                        "nice " + nice + " out of range: expected -20..20");
            }
            case 1: {
                CpuSet set = cpus < 64 ? CpuSet.of(cpus + (int) ((v >>> 4) & 7)) : CpuSet.empty();
                return new InvalidEvent(new Event.Create(ok.priClass(), ok.nice(), ok.priority(), ok.fifo(), set, 0),
                        "create: cpuset " + set + " has no online CPU");
            }
            case 2: {
                PriClass pc = (v & 8) == 0 ? PriClass.TIMESHARE : PriClass.IDLE;
                int pri = pc == PriClass.TIMESHARE ? -1 : pc.minPri();
                return new InvalidEvent(new Event.Create(pc, ok.nice(), pri, true, ok.cpuset(), 0),
                        "create: SCHED_FIFO needs the REALTIME class, got " + pc);
            }
            case 3: {
                int pri = (v & 8) == 0 ? Priorities.PRI_MIN_TIMESHARE - 1 - (int) ((v >>> 4) & 7) : Priorities.PRI_MAX_TIMESHARE + 1;
                return new InvalidEvent(new Event.Create(PriClass.TIMESHARE, ok.nice(), pri, false, ok.cpuset(), 0),
                        "create: timeshare priority " + pri + " outside " + Priorities.PRI_MIN_TIMESHARE + ".." + Priorities.PRI_MAX_TIMESHARE);
            }
            case 4: {
                PriClass pc = (v & 8) == 0 ? PriClass.REALTIME : PriClass.IDLE;
                int pri = (v & 16) == 0 ? pc.minPri() - 1 : pc.maxPri() + 1;
                return new InvalidEvent(new Event.Create(pc, ok.nice(), pri, false, ok.cpuset(), 0),
                        "create: " + pc + " priority " + pri + " outside " + pc.minPri() + ".." + pc.maxPri());
            }
            case 5: {
                int cpu = cpus + (int) ((v >>> 4) & 7);
                return new InvalidEvent(ok.create(cpu), "CPU " + cpu + " does not exist: expected 0.." + (cpus - 1));
            }
            case 6:
                return new InvalidEvent(new Event.Create(null, ok.nice(), -1, false, ok.cpuset(), 0),
                        "create: a scheduling class is required");
            default:
                return new InvalidEvent(ok.create(-1 - (int) ((v >>> 4) & 7)), "does not exist: expected 0.." + (cpus - 1));
        }
    }
}
