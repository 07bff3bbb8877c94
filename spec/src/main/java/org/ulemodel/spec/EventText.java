// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.topo.CpuSet;

/**
 * The replayable text form of event lists: one event per line, a keyword and {@code key=value}
 * fields, {@code #} comments, and optional {@code model ID} and {@code topology SPEC} lines first
 * (in that order; no model line means FreeBSD 14's ULE, {@code ule14}). Counterexamples
 * of the explorer and shrunk failures of the property suites are printed in it, and
 * {@code ulemodel} replays it. {@link #format} and {@link #parse} are inverses.
 *
 * <pre>
 * model ule14
 * topology 2x2x2
 * create class=TIMESHARE nice=0 pri=-1 cpus=all on=0      # FIFO: add fifo=1
 * tick                                                   # "tick 100": 100 hz ticks
 * tick cpu=1                                             # one hz tick on CPU 1 alone
 * block cpu=0 sleeppri=0
 * wake tid=3 on=0
 * yield cpu=0 | exit cpu=0 | fork cpu=0 | idle cpu=1 | ipi cpu=1 | unbind cpu=0
 * nice tid=3 nice=5
 * cpuset tid=3 cpus=0-3,8 on=0
 * bind cpu=0 target=1
 * offline cpu=1 on=0 | online cpu=1
 * offload cpu=1 on=0 service=nic | return cpu=1                   # OFFSCHED (an offload: model)
 * switch model=o1                                               # policy replaced (a switch: model)
 * </pre>
 */
public final class EventText {
    private EventText() {
    }

    /**
     * A parsed scenario: the model id and the topology spec (each null when the text names none)
     * and the events, ticks expanded.
     */
    public record Scenario(String model, String topology, List<Event> events) {
        /** A scenario that names no model. */
        public Scenario(String topology, List<Event> events) {
            this(null, topology, events);
        }
    }

    /** One event as a line of this format. */
    public static String format(Event e) {
        if (e instanceof Event.Tick) {
            return "tick";
        } else if (e instanceof Event.CpuTick) {
            return "tick cpu=" + ((Event.CpuTick) e).cpu();
        } else if (e instanceof Event.Create) {
            Event.Create c = (Event.Create) e;
            return "create class=" + c.priClass() + " nice=" + c.nice() + " pri=" + c.priority() + (c.fifo() ? " fifo=1" : "")
                    + " cpus=" + (c.cpuset() == null ? "all" : cpus(c.cpuset())) + " on=" + c.onCpu();
        } else if (e instanceof Event.Block) {
            return "block cpu=" + ((Event.Block) e).cpu() + " sleeppri=" + ((Event.Block) e).sleepPri();
        } else if (e instanceof Event.Wake) {
            return "wake tid=" + ((Event.Wake) e).tid() + " on=" + ((Event.Wake) e).onCpu();
        } else if (e instanceof Event.Yield) {
            return "yield cpu=" + ((Event.Yield) e).cpu();
        } else if (e instanceof Event.Exit) {
            return "exit cpu=" + ((Event.Exit) e).cpu();
        } else if (e instanceof Event.Fork) {
            return "fork cpu=" + ((Event.Fork) e).cpu();
        } else if (e instanceof Event.SetNice) {
            return "nice tid=" + ((Event.SetNice) e).tid() + " nice=" + ((Event.SetNice) e).nice();
        } else if (e instanceof Event.IdleLoop) {
            return "idle cpu=" + ((Event.IdleLoop) e).cpu();
        } else if (e instanceof Event.DeliverIpi) {
            return "ipi cpu=" + ((Event.DeliverIpi) e).cpu();
        } else if (e instanceof Event.SetCpuset) {
            Event.SetCpuset s = (Event.SetCpuset) e;
            return "cpuset tid=" + s.tid() + " cpus=" + cpus(s.cpuset()) + " on=" + s.onCpu();
        } else if (e instanceof Event.Bind) {
            return "bind cpu=" + ((Event.Bind) e).cpu() + " target=" + ((Event.Bind) e).target();
        } else if (e instanceof Event.Unbind) {
            return "unbind cpu=" + ((Event.Unbind) e).cpu();
        } else if (e instanceof Event.CpuOffline) {
            return "offline cpu=" + ((Event.CpuOffline) e).cpu() + " on=" + ((Event.CpuOffline) e).onCpu();
        } else if (e instanceof Event.CpuOnline) {
            return "online cpu=" + ((Event.CpuOnline) e).cpu();
        } else if (e instanceof Event.Offload) {
            Event.Offload o = (Event.Offload) e;
            return "offload cpu=" + o.cpu() + " on=" + o.onCpu() + " service=" + o.service();
        } else if (e instanceof Event.Return) {
            return "return cpu=" + ((Event.Return) e).cpu();
        } else if (e instanceof Event.SwitchPolicy) {
            return "switch model=" + ((Event.SwitchPolicy) e).model();
        }
        throw new IllegalArgumentException("no text form for " + e);
    }

    /** An event list as text, consecutive ticks folded into {@code tick N}. */
    public static String formatAll(String topology, List<Event> events) {
        return formatAll(null, topology, events);
    }

    /** An event list as text after a {@code model} line (none when {@code model} is null) and a topology line (likewise). */
    public static String formatAll(String model, String topology, List<Event> events) {
        StringBuilder sb = new StringBuilder();
        if (model != null) {
            sb.append("model ").append(model).append('\n');
        }
        if (topology != null) {
            sb.append("topology ").append(topology).append('\n');
        }
        int ticks = 0;
        for (Event e : events) {
            if (e instanceof Event.Tick) {
                ticks++;
                continue;
            }
            if (ticks > 0) {
                sb.append(ticks == 1 ? "tick" : "tick " + ticks).append('\n');
                ticks = 0;
            }
            sb.append(format(e)).append('\n');
        }
        if (ticks > 0) {
            sb.append(ticks == 1 ? "tick" : "tick " + ticks).append('\n');
        }
        return sb.toString();
    }

    private static String cpus(CpuSet s) {
        String t = s.toString();
        return t.substring(1, t.length() - 1);
    }

    /** Parses a whole scenario; errors are {@link IllegalArgumentException}s reading {@code SOURCE:LINE: what was expected}. */
    public static Scenario parseAll(String text, String source) {
        String model = null;
        String topology = null;
        List<Event> events = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = strip(lines[i]);
            if (line.isEmpty()) {
                continue;
            }
            String where = source + ":" + (i + 1) + ": ";
            if (line.startsWith("model")) {
                String[] f = line.split("\\s+");
                if (f.length != 2 || !f[0].equals("model")) {
                    throw new IllegalArgumentException(where + "expected 'model ID', e.g. 'model ule14'");
                }
                if (model != null || topology != null || !events.isEmpty()) {
                    throw new IllegalArgumentException(where + "the model line must come first, once");
                }
                model = f[1];
                continue;
            }
            if (line.startsWith("topology")) {
                String[] f = line.split("\\s+");
                if (f.length != 2) {
                    throw new IllegalArgumentException(where + "expected 'topology SPEC', e.g. 'topology 2x2x2'");
                }
                if (topology != null || !events.isEmpty()) {
                    throw new IllegalArgumentException(where + "the topology line must come first, once");
                }
                topology = f[1];
                continue;
            }
            if (line.startsWith("tick") && line.indexOf('=') < 0) { // "tick" or "tick N"; "tick cpu=C" is an event line
                String[] f = line.split("\\s+");
                int n = 1;
                if (f.length == 2) {
                    n = integer(where, "tick count", f[1]);
                    if (n < 1) {
                        throw new IllegalArgumentException(where + "tick count must be >= 1, got " + n);
                    }
                } else if (f.length > 2 || !f[0].equals("tick")) {
                    throw new IllegalArgumentException(where + "expected 'tick', 'tick N' or 'tick cpu=C'");
                }
                for (int k = 0; k < n; k++) {
                    events.add(new Event.Tick());
                }
                continue;
            }
            events.add(parseLine(line, where));
        }
        return new Scenario(model, topology, List.copyOf(events));
    }

    /** Parses one line (no tick counts); {@code where} prefixes error messages. */
    public static Event parse(String line, String where) {
        String s = strip(line);
        if (s.equals("tick")) {
            return new Event.Tick();
        }
        return parseLine(s, where);
    }

    private static String strip(String line) {
        int hash = line.indexOf('#');
        return (hash >= 0 ? line.substring(0, hash) : line).trim();
    }

    private static Event parseLine(String line, String where) {
        String[] f = line.split("\\s+");
        String kw = f[0];
        Map<String, String> kv = new LinkedHashMap<>();
        for (int i = 1; i < f.length; i++) {
            int eq = f[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(where + "expected key=value, got '" + f[i] + "'");
            }
            if (kv.put(f[i].substring(0, eq), f[i].substring(eq + 1)) != null) {
                throw new IllegalArgumentException(where + "field '" + f[i].substring(0, eq) + "' given twice");
            }
        }
        Fields x = new Fields(kv, where, kw);
        Event e;
        switch (kw) {
            case "create": {
                String cls = x.str("class");
                PriClass pc;
                try {
                    pc = PriClass.valueOf(cls.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(where + "class: expected ITHD, REALTIME, TIMESHARE or IDLE, got '" + cls + "'");
                }
                String set = x.optional("cpus", "all");
                e = new Event.Create(pc, x.optInt("nice", 0), x.optInt("pri", -1), x.optInt("fifo", 0) == 1,
                        set.equals("all") ? null : cpuList(where, set), x.optInt("on", 0));
                break;
            }
            case "block":
                e = new Event.Block(x.num("cpu"), x.optInt("sleeppri", 0));
                break;
            case "wake":
                e = new Event.Wake(x.num("tid"), x.optInt("on", 0));
                break;
            case "yield":
                e = new Event.Yield(x.num("cpu"));
                break;
            case "exit":
                e = new Event.Exit(x.num("cpu"));
                break;
            case "fork":
                e = new Event.Fork(x.num("cpu"));
                break;
            case "nice":
                e = new Event.SetNice(x.num("tid"), x.num("nice"));
                break;
            case "idle":
                e = new Event.IdleLoop(x.num("cpu"));
                break;
            case "ipi":
                e = new Event.DeliverIpi(x.num("cpu"));
                break;
            case "cpuset":
                e = new Event.SetCpuset(x.num("tid"), cpuList(where, x.str("cpus")), x.optInt("on", 0));
                break;
            case "bind":
                e = new Event.Bind(x.num("cpu"), x.num("target"));
                break;
            case "tick":
                e = new Event.CpuTick(x.num("cpu"));
                break;
            case "unbind":
                e = new Event.Unbind(x.num("cpu"));
                break;
            case "offline":
                e = new Event.CpuOffline(x.num("cpu"), x.num("on"));
                break;
            case "online":
                e = new Event.CpuOnline(x.num("cpu"));
                break;
            case "offload":
                e = new Event.Offload(x.num("cpu"), x.num("on"), x.str("service"));
                break;
            case "return":
                e = new Event.Return(x.num("cpu"));
                break;
            case "switch":
                e = new Event.SwitchPolicy(x.str("model"));
                break;
            default:
                throw new IllegalArgumentException(where + "unknown event '" + kw + "': expected one of create, tick, block, wake, "
                        + "yield, exit, fork, nice, idle, ipi, cpuset, bind, unbind, offline, online, offload, return, switch");
        }
        x.noneLeft();
        return e;
    }

    /** A CPU list such as {@code 0-3,8}. */
    static CpuSet cpuList(String where, String text) {
        CpuSet s = CpuSet.empty();
        for (String part : text.split(",", -1)) {
            int dash = part.indexOf('-');
            if (dash > 0) {
                int lo = integer(where, "CPU range", part.substring(0, dash));
                int hi = integer(where, "CPU range", part.substring(dash + 1));
                if (lo < 0 || hi < lo || hi > 1_000_000) {
                    throw new IllegalArgumentException(where + "bad CPU range '" + part + "'");
                }
                for (int c = lo; c <= hi; c++) {
                    s = s.with(c);
                }
            } else {
                int c = integer(where, "CPU", part);
                if (c < 0) {
                    throw new IllegalArgumentException(where + "CPU ids are >= 0, got " + c);
                }
                s = s.with(c);
            }
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException(where + "empty CPU list");
        }
        return s;
    }

    private static int integer(String where, String what, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(where + what + ": expected an integer, got '" + v + "'");
        }
    }

    private static final class Fields {
        private final Map<String, String> kv;
        private final String where;
        private final String kw;

        Fields(Map<String, String> kv, String where, String kw) {
            this.kv = kv;
            this.where = where;
            this.kw = kw;
        }

        String str(String k) {
            String v = kv.remove(k);
            if (v == null) {
                throw new IllegalArgumentException(where + kw + ": missing field " + k + "=");
            }
            return v;
        }

        String optional(String k, String dflt) {
            String v = kv.remove(k);
            return v == null ? dflt : v;
        }

        int num(String k) {
            return integer(where, kw + " " + k, str(k));
        }

        int optInt(String k, int dflt) {
            String v = kv.remove(k);
            return v == null ? dflt : integer(where, kw + " " + k, v);
        }

        void noneLeft() {
            if (!kv.isEmpty()) {
                throw new IllegalArgumentException(where + kw + ": unknown field(s) " + kv.keySet());
            }
        }
    }
}
