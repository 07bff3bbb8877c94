// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.sim.rtapp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ulemodel.sim.rtapp.Workload.Sched;
import org.ulemodel.sim.rtapp.Workload.Step;

/**
 * Writes a {@link Workload} as rt-app JSON that {@link RtAppReader} reads back as the same
 * workload (equal but for the places in the file, the source name and the notes): tab-indented,
 * keys in rt-app's usual order, only what differs from rt-app's defaults (instance 1, delay 0,
 * loop −1, a phase's loop 1), a task of one plain phase written without {@code phases}, a
 * repeated event numbered ({@code run}, {@code run1}, …) so that the file is also plain JSON.
 * Times are µs; the global duration is written in whole seconds and the default policy always.
 * Stateless.
 */
public final class RtAppWriter {
    private RtAppWriter() {
    }

    /** The JSON text of {@code w}, ending with a newline. */
    public static String write(Workload w) {
        StringBuilder b = new StringBuilder("{\n\t\"tasks\" : {\n");
        List<Workload.Task> tasks = w.tasks();
        for (int i = 0; i < tasks.size(); i++) {
            task(b, tasks.get(i));
            b.append(i + 1 < tasks.size() ? ",\n" : "\n");
        }
        b.append("\t},\n\t\"global\" : {\n");
        if (w.durationUs() > 0) {
            if (w.durationUs() % 1_000_000 != 0) {
                throw new IllegalArgumentException("duration " + w.durationUs() + " us: rt-app's global duration is whole seconds");
            }
            b.append("\t\t\"duration\" : ").append(w.durationUs() / 1_000_000).append(",\n");
        }
        if (!w.offloads().isEmpty()) {
            List<String> items = new ArrayList<>();
            for (Workload.Offload o : w.offloads()) {
                items.add("{ \"cpu\" : " + o.cpu() + ", \"service\" : " + quote(o.service()) + ", \"from\" : " + o.fromUs()
                        + (o.toUs() >= 0 ? ", \"to\" : " + o.toUs() : "") + " }");
            }
            b.append("\t\t\"ulemodel_offload\" : [ ").append(String.join(", ", items)).append(" ],\n");
        }
        if (!w.switches().isEmpty()) {
            List<String> items = new ArrayList<>();
            for (Workload.PolicySwitch sw : w.switches()) {
                items.add("{ \"at\" : " + sw.atUs() + ", \"model\" : " + quote(sw.model()) + " }");
            }
            b.append("\t\t\"ulemodel_switch\" : [ ").append(String.join(", ", items)).append(" ],\n");
        }
        b.append("\t\t\"default_policy\" : ").append(quote(w.defaultPolicy().name())).append("\n\t}\n}\n");
        return b.toString();
    }

    private static void task(StringBuilder b, Workload.Task t) {
        Members m = new Members(b, "\t\t\t");
        b.append("\t\t").append(quote(t.name())).append(" : {\n");
        if (t.instances() != 1) {
            m.add("instance", String.valueOf(t.instances()));
        }
        if (t.delayUs() != 0) {
            m.add("delay", String.valueOf(t.delayUs()));
        }
        if (t.loop() != -1) {
            m.add("loop", String.valueOf(t.loop()));
        }
        sched(m, t.sched());
        List<Workload.Phase> phases = t.phases();
        Workload.Phase only = phases.size() == 1 ? phases.get(0) : null;
        if (only != null && only.name().equals(t.name()) && only.loop() == 1 && only.sched().isEmpty()) {
            steps(m, only.steps());
        } else {
            StringBuilder inner = new StringBuilder("{\n");
            for (int i = 0; i < phases.size(); i++) {
                Workload.Phase p = phases.get(i);
                inner.append("\t\t\t\t").append(quote(p.name())).append(" : {\n");
                Members pm = new Members(inner, "\t\t\t\t\t");
                if (p.loop() != 1) {
                    pm.add("loop", String.valueOf(p.loop()));
                }
                sched(pm, p.sched());
                steps(pm, p.steps());
                pm.end();
                inner.append("\t\t\t\t}").append(i + 1 < phases.size() ? ",\n" : "\n");
            }
            inner.append("\t\t\t}");
            m.add("phases", inner.toString());
        }
        m.end();
        b.append("\t\t}");
    }

    private static void sched(Members m, Sched s) {
        if (s.policy() != null) {
            m.add("policy", quote(s.policy().name()));
        }
        if (s.priority() != null) {
            m.add("priority", String.valueOf(s.priority()));
        }
        if (s.cpus() != null) {
            StringBuilder c = new StringBuilder("[");
            for (int i = 0; i < s.cpus().size(); i++) {
                c.append(i == 0 ? "" : ", ").append(s.cpus().get(i));
            }
            m.add("cpus", c.append(']').toString());
        }
    }

    private static void steps(Members m, List<Step> steps) {
        Set<String> used = new HashSet<>();
        for (Step s : steps) {
            String[] kv = event(s);
            String key = kv[0];
            for (int k = 1; !used.add(key); k++) {
                key = kv[0] + k;
            }
            m.add(key, kv[1]);
        }
    }

    /** The event's name and JSON value. */
    private static String[] event(Step s) {
        if (s instanceof Workload.Run) {
            return new String[] {"run", String.valueOf(((Workload.Run) s).us())};
        } else if (s instanceof Workload.Runtime) {
            return new String[] {"runtime", String.valueOf(((Workload.Runtime) s).us())};
        } else if (s instanceof Workload.Sleep) {
            return new String[] {"sleep", String.valueOf(((Workload.Sleep) s).us())};
        } else if (s instanceof Workload.Timer) {
            Workload.Timer t = (Workload.Timer) s;
            return new String[] {"timer", "{ \"ref\" : " + quote(t.ref()) + ", \"period\" : " + t.periodUs() + ", \"mode\" : "
                + quote(t.absolute() ? "absolute" : "relative") + " }"};
        } else if (s instanceof Workload.Suspend) {
            return new String[] {"suspend", quote(((Workload.Suspend) s).ref())};
        } else if (s instanceof Workload.Resume) {
            return new String[] {"resume", quote(((Workload.Resume) s).ref())};
        } else if (s instanceof Workload.Lock) {
            return new String[] {"lock", quote(((Workload.Lock) s).mutex())};
        } else if (s instanceof Workload.Unlock) {
            return new String[] {"unlock", quote(((Workload.Unlock) s).mutex())};
        } else if (s instanceof Workload.Wait) {
            Workload.Wait w = (Workload.Wait) s;
            return new String[] {"wait", "{ \"ref\" : " + quote(w.ref()) + ", \"mutex\" : " + quote(w.mutex()) + " }"};
        } else if (s instanceof Workload.Signal) {
            return new String[] {"signal", quote(((Workload.Signal) s).ref())};
        } else if (s instanceof Workload.Broad) {
            return new String[] {"broad", quote(((Workload.Broad) s).ref())};
        } else if (s instanceof Workload.Sync) {
            Workload.Sync w = (Workload.Sync) s;
            return new String[] {"sync", "{ \"ref\" : " + quote(w.ref()) + ", \"mutex\" : " + quote(w.mutex()) + " }"};
        } else if (s instanceof Workload.Barrier) {
            return new String[] {"barrier", quote(((Workload.Barrier) s).ref())};
        } else if (s instanceof Workload.Yield) {
            return new String[] {"yield", "\"\""};
        } else if (s instanceof Workload.Fork) {
            return new String[] {"fork", quote(((Workload.Fork) s).task())};
        }
        throw new IllegalArgumentException("no rt-app event for " + s);
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** The members of one object, comma-separated, one per line. */
    private static final class Members {
        private final StringBuilder b;
        private final String indent;
        private boolean any;

        Members(StringBuilder b, String indent) {
            this.b = b;
            this.indent = indent;
        }

        void add(String key, String json) {
            if (any) {
                b.append(",\n");
            }
            b.append(indent).append(quote(key)).append(" : ").append(json);
            any = true;
        }

        void end() {
            if (any) {
                b.append('\n');
            }
        }
    }
}
