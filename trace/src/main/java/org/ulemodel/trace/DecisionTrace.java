// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IpiKind;
import org.ulemodel.core.machine.MigrateReason;
import org.ulemodel.core.machine.SwitchReason;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.runq.RunqKind;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.core.topo.Topology;
import org.ulemodel.trace.json.JsonDocReader;
import org.ulemodel.trace.json.JsonNode;

/**
 * The JSONL decision trace (docs/decisions-jsonl.md): a header line, then one line per model
 * input with the decisions taken for it, in order. {@link Writer} writes it; {@link #read} reads it
 * back strictly (unknown fields, types or values are errors at FILE:LINE:COLUMN).
 */
public final class DecisionTrace {
    /** The value of the header's {@code format} field. */
    public static final String FORMAT = "ulemodel-decisions";
    /** The version this code writes and reads. */
    public static final int VERSION = 2;
    /** Longest line accepted. */
    public static final int MAX_LINE = 1 << 20;
    /** Most decisions accepted for one event. */
    public static final int MAX_DECISIONS = 100_000;

    private DecisionTrace() {
    }

    /**
     * The header: the model (its {@link org.ulemodel.core.model.SchedulerModel#id id}; version 1
     * files, which have none, are {@code ule14}'s), the machine shape, the clocks and the model's
     * boot random state ({@link org.ulemodel.core.model.RandomChoices#randomWords}: ULE, one
     * {@code randomval} per CPU; empty for a model without randomness).
     */
    public record Header(String model, String topology, int cpus, int hz, int stathz, int[] randomval) {
        /** The header of a trace of {@code model} starting at its boot state {@code boot}, on the machine named {@code topology}. */
        public static <S extends SchedulerState> Header of(SchedulerModel<S> model, String topology, S boot) {
            return new Header(model.id(), topology, boot.cpuCount(), boot.hz(), boot.stathz(), model.randomChoices().randomWords(boot));
        }

        /**
         * {@code model}'s boot state on {@code topology} with this header's random state, after
         * checking that the header describes that machine and model: the model id, the CPU count
         * and the clocks must agree.
         *
         * @throws InputError naming {@code source} line 1 and what differs
         */
        public <S extends SchedulerState> S boot(SchedulerModel<S> m, Topology topology, String source) {
            if (!m.id().equalsIgnoreCase(model)) {
                throw new InputError(source, 1, 1, "the trace is for model " + model + ", not " + m.id());
            }
            S s = m.boot(topology);
            if (cpus != s.cpuCount()) {
                throw new InputError(source, 1, 1, "the trace is for " + cpus + " CPUs (topology " + this.topology + ") but the machine has "
                        + s.cpuCount());
            }
            if (hz != s.hz() || stathz != s.stathz()) {
                throw new InputError(source, 1, 1, "the trace runs hz " + hz + ", stathz " + stathz + "; the model runs hz " + s.hz()
                        + ", stathz " + s.stathz());
            }
            try {
                return m.randomChoices().withRandomWords(s, randomval);
            } catch (IllegalArgumentException e) {
                throw new InputError(source, 1, 1, "\"randomval\": " + e.getMessage());
            }
        }
    }

    /** One input and the decisions taken for it; {@code line} is its line in the file (0 when written). */
    public record Entry(long n, long timeNs, Event event, String comm, List<Decision> decisions, int line) {
    }

    // ------------------------------------------------------------------ writing

    /** Writes the trace line by line. */
    public static final class Writer implements AutoCloseable {
        private static final JsonFactory F = new JsonFactory();
        private final java.io.Writer out;

        /** A writer continuing a trace whose header is already written (a session log). */
        Writer(java.io.Writer out) {
            this.out = out;
        }

        public Writer(java.io.Writer out, Header h) throws IOException {
            this.out = out;
            JsonGenerator g = gen();
            g.writeStartObject();
            header(g, h);
            g.writeEndObject();
            g.flush();
            out.write('\n');
        }

        private JsonGenerator gen() throws IOException {
            JsonGenerator g = F.createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            return g;
        }

        /** Writes one input line. {@code comm} is the new thread's name for a create event, else null. */
        public void write(long n, long timeNs, Event e, String comm, List<Decision> decisions) throws IOException {
            JsonGenerator g = gen();
            g.writeStartObject();
            g.writeNumberField("n", n);
            g.writeNumberField("t_ns", timeNs);
            g.writeFieldName("event");
            event(g, e, comm);
            g.writeArrayFieldStart("decisions");
            for (Decision d : decisions) {
                decision(g, d);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
            out.write('\n');
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** The header's fields (format, version, model, topology, cpus, hz, stathz, randomval), into an open object. */
    static void header(JsonGenerator g, Header h) throws IOException {
        g.writeStringField("format", FORMAT);
        g.writeNumberField("version", VERSION);
        g.writeStringField("model", h.model());
        g.writeStringField("topology", h.topology());
        g.writeNumberField("cpus", h.cpus());
        g.writeNumberField("hz", h.hz());
        g.writeNumberField("stathz", h.stathz());
        g.writeArrayFieldStart("randomval");
        for (int r : h.randomval()) {
            g.writeNumber(Integer.toUnsignedLong(r));
        }
        g.writeEndArray();
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static void cpuset(JsonGenerator g, String field, CpuSet s) throws IOException {
        if (s == null) {
            g.writeNullField(field);
            return;
        }
        g.writeArrayFieldStart(field);
        for (int c : s.toArray()) {
            g.writeNumber(c);
        }
        g.writeEndArray();
    }

    static void event(JsonGenerator g, Event e, String comm) throws IOException {
        g.writeStartObject();
        if (e instanceof Event.Create) {
            Event.Create c = (Event.Create) e;
            g.writeStringField("type", "create");
            g.writeStringField("class", name(c.priClass()));
            g.writeNumberField("nice", c.nice());
            g.writeNumberField("priority", c.priority());
            g.writeBooleanField("fifo", c.fifo());
            cpuset(g, "cpuset", c.cpuset());
            g.writeNumberField("on_cpu", c.onCpu());
            if (comm != null) {
                g.writeStringField("comm", comm);
            }
        } else if (e instanceof Event.Tick) {
            g.writeStringField("type", "tick");
        } else if (e instanceof Event.CpuTick) {
            g.writeStringField("type", "cpu_tick");
            g.writeNumberField("cpu", ((Event.CpuTick) e).cpu());
        } else if (e instanceof Event.Block) {
            g.writeStringField("type", "block");
            g.writeNumberField("cpu", ((Event.Block) e).cpu());
            g.writeNumberField("sleep_pri", ((Event.Block) e).sleepPri());
        } else if (e instanceof Event.Wake) {
            g.writeStringField("type", "wake");
            g.writeNumberField("tid", ((Event.Wake) e).tid());
            g.writeNumberField("on_cpu", ((Event.Wake) e).onCpu());
        } else if (e instanceof Event.Yield) {
            g.writeStringField("type", "yield");
            g.writeNumberField("cpu", ((Event.Yield) e).cpu());
        } else if (e instanceof Event.Exit) {
            g.writeStringField("type", "exit");
            g.writeNumberField("cpu", ((Event.Exit) e).cpu());
        } else if (e instanceof Event.Fork) {
            g.writeStringField("type", "fork");
            g.writeNumberField("cpu", ((Event.Fork) e).cpu());
        } else if (e instanceof Event.SetNice) {
            g.writeStringField("type", "set_nice");
            g.writeNumberField("tid", ((Event.SetNice) e).tid());
            g.writeNumberField("nice", ((Event.SetNice) e).nice());
        } else if (e instanceof Event.IdleLoop) {
            g.writeStringField("type", "idle_loop");
            g.writeNumberField("cpu", ((Event.IdleLoop) e).cpu());
        } else if (e instanceof Event.DeliverIpi) {
            g.writeStringField("type", "deliver_ipi");
            g.writeNumberField("cpu", ((Event.DeliverIpi) e).cpu());
        } else if (e instanceof Event.SetCpuset) {
            Event.SetCpuset s = (Event.SetCpuset) e;
            g.writeStringField("type", "set_cpuset");
            g.writeNumberField("tid", s.tid());
            cpuset(g, "cpuset", s.cpuset());
            g.writeNumberField("on_cpu", s.onCpu());
        } else if (e instanceof Event.Bind) {
            g.writeStringField("type", "bind");
            g.writeNumberField("cpu", ((Event.Bind) e).cpu());
            g.writeNumberField("target", ((Event.Bind) e).target());
        } else if (e instanceof Event.Unbind) {
            g.writeStringField("type", "unbind");
            g.writeNumberField("cpu", ((Event.Unbind) e).cpu());
        } else if (e instanceof Event.CpuOffline) {
            g.writeStringField("type", "cpu_offline");
            g.writeNumberField("cpu", ((Event.CpuOffline) e).cpu());
            g.writeNumberField("on_cpu", ((Event.CpuOffline) e).onCpu());
        } else if (e instanceof Event.CpuOnline) {
            g.writeStringField("type", "cpu_online");
            g.writeNumberField("cpu", ((Event.CpuOnline) e).cpu());
        } else if (e instanceof Event.Offload) {
            g.writeStringField("type", "offload");
            g.writeNumberField("cpu", ((Event.Offload) e).cpu());
            g.writeNumberField("on_cpu", ((Event.Offload) e).onCpu());
            g.writeStringField("service", ((Event.Offload) e).service());
        } else if (e instanceof Event.Return) {
            g.writeStringField("type", "return");
            g.writeNumberField("cpu", ((Event.Return) e).cpu());
        } else if (e instanceof Event.SwitchPolicy) {
            g.writeStringField("type", "switch_policy");
            g.writeStringField("model", ((Event.SwitchPolicy) e).model());
        } else {
            throw new IllegalArgumentException("unknown event " + e);
        }
        g.writeEndObject();
    }

    static void decision(JsonGenerator g, Decision d) throws IOException {
        g.writeStartObject();
        if (d instanceof Decision.Created) {
            g.writeStringField("type", "created");
            g.writeNumberField("tid", ((Decision.Created) d).tid());
            g.writeNumberField("parent", ((Decision.Created) d).parent());
        } else if (d instanceof Decision.Enqueue) {
            Decision.Enqueue q = (Decision.Enqueue) d;
            g.writeStringField("type", "enqueue");
            g.writeNumberField("tid", q.tid());
            g.writeNumberField("cpu", q.cpu());
            g.writeStringField("queue", name(q.queue()));
            g.writeNumberField("index", q.index());
            g.writeBooleanField("at_head", q.atHead());
        } else if (d instanceof Decision.Switch) {
            Decision.Switch s = (Decision.Switch) d;
            g.writeStringField("type", "switch");
            g.writeNumberField("cpu", s.cpu());
            g.writeNumberField("from", s.from());
            g.writeNumberField("to", s.to());
            g.writeStringField("reason", name(s.reason()));
        } else if (d instanceof Decision.SliceEnd) {
            g.writeStringField("type", "slice_end");
            g.writeNumberField("tid", ((Decision.SliceEnd) d).tid());
            g.writeNumberField("cpu", ((Decision.SliceEnd) d).cpu());
        } else if (d instanceof Decision.PriorityChange) {
            Decision.PriorityChange p = (Decision.PriorityChange) d;
            g.writeStringField("type", "priority_change");
            g.writeNumberField("tid", p.tid());
            g.writeBooleanField("user", p.user());
            g.writeNumberField("from", p.from());
            g.writeNumberField("to", p.to());
        } else if (d instanceof Decision.PreemptRequest) {
            g.writeStringField("type", "preempt_request");
            g.writeNumberField("cpu", ((Decision.PreemptRequest) d).cpu());
            g.writeNumberField("tid", ((Decision.PreemptRequest) d).tid());
        } else if (d instanceof Decision.Migrate) {
            Decision.Migrate mg = (Decision.Migrate) d;
            g.writeStringField("type", "migrate");
            g.writeNumberField("tid", mg.tid());
            g.writeNumberField("from", mg.from());
            g.writeNumberField("to", mg.to());
            g.writeStringField("reason", name(mg.why()));
        } else if (d instanceof Decision.IpiSent) {
            g.writeStringField("type", "ipi_sent");
            g.writeNumberField("cpu", ((Decision.IpiSent) d).cpu());
            g.writeStringField("kind", name(((Decision.IpiSent) d).kind()));
        } else if (d instanceof Decision.RepickRequest) {
            g.writeStringField("type", "repick_request");
            g.writeNumberField("cpu", ((Decision.RepickRequest) d).cpu());
            g.writeNumberField("tid", ((Decision.RepickRequest) d).tid());
        } else if (d instanceof Decision.Balanced) {
            g.writeStringField("type", "balanced");
            g.writeNumberField("next_in", ((Decision.Balanced) d).nextIn());
        } else if (d instanceof Decision.CpuOnline) {
            g.writeStringField("type", "cpu_online");
            g.writeNumberField("cpu", ((Decision.CpuOnline) d).cpu());
            g.writeBooleanField("online", ((Decision.CpuOnline) d).online());
        } else if (d instanceof Decision.Exited) {
            g.writeStringField("type", "exited");
            g.writeNumberField("tid", ((Decision.Exited) d).tid());
        } else {
            throw new IllegalArgumentException("unknown decision " + d);
        }
        g.writeEndObject();
    }

    /** One decision as the trace writes it (for reports). */
    public static String format(Decision d) {
        java.io.StringWriter w = new java.io.StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            decision(g, d);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    /** One event as the trace writes it (for reports). */
    public static String format(Event e) {
        java.io.StringWriter w = new java.io.StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            event(g, e, null);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        return w.toString();
    }

    // ------------------------------------------------------------------ reading

    /** Reads a whole trace: the header (handed to {@code onHeader}), then each entry handed to {@code sink} in order. */
    public static Header read(String source, BufferedReader in, Consumer<Header> onHeader, Consumer<Entry> sink) throws IOException {
        Header h = null;
        int lineNo = 0;
        long expectN = 1;
        StringBuilder buf = new StringBuilder();
        while (true) {
            buf.setLength(0);
            int ch;
            while ((ch = in.read()) != -1 && ch != '\n') {
                if (buf.length() >= MAX_LINE) {
                    throw new InputError(source, lineNo + 1, MAX_LINE, "line too long: at most " + MAX_LINE + " characters are accepted");
                }
                buf.append((char) ch);
            }
            if (ch == -1 && buf.length() == 0) {
                break;
            }
            lineNo++;
            String line = buf.toString();
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isBlank()) {
                throw new InputError(source, lineNo, 1, "empty line: expected one JSON object per line");
            }
            JsonNode.Obj o = parseLine(source, lineNo, line);
            Fields f = new Fields(source, lineNo, o);
            if (h == null) {
                h = header(f);
                onHeader.accept(h);
            } else {
                Entry e = entry(f, lineNo);
                if (e.n() != expectN) {
                    throw new InputError(source, lineNo, f.col("n"), "event number " + e.n() + ": expected " + expectN);
                }
                expectN++;
                sink.accept(e);
            }
        }
        if (h == null) {
            throw new InputError(source, 1, 1, "empty trace: expected a header line {\"format\":\"" + FORMAT + "\", …}");
        }
        return h;
    }

    static JsonNode.Obj parseLine(String source, int lineNo, String line) {
        JsonNode n;
        try {
            n = JsonDocReader.readStrict(source, line);
        } catch (InputError e) {
            throw new InputError(source, lineNo, e.column(), e.detail());
        }
        if (!(n instanceof JsonNode.Obj)) {
            throw new InputError(source, lineNo, n.column(), "expected a JSON object, found " + n.kind());
        }
        return (JsonNode.Obj) n;
    }

    /**
     * Typed access to one object's fields; every field must be used exactly once. The members are
     * looked up by a scan of the object's few members (a hash index only for large objects), so
     * reading a message allocates no map per object.
     */
    static final class Fields {
        /** Objects with more members than this get a hash index; smaller ones are scanned. */
        private static final int SCAN = 12;
        private final String source;
        private final int line;
        private final JsonNode.Obj obj;
        private final List<JsonNode.Member> members;
        private final boolean[] taken;
        private final java.util.Map<String, Integer> index;
        private int left;

        Fields(String source, int line, JsonNode.Obj obj) {
            this.source = source;
            this.line = line;
            this.obj = obj;
            this.members = obj.members();
            this.taken = new boolean[members.size()];
            this.left = members.size();
            this.index = members.size() > SCAN ? new java.util.HashMap<>() : null;
            for (int i = 0; i < members.size(); i++) {
                JsonNode.Member m = members.get(i);
                boolean twice;
                if (index != null) {
                    twice = index.putIfAbsent(m.key(), i) != null;
                } else {
                    twice = false;
                    for (int j = 0; j < i && !twice; j++) {
                        twice = members.get(j).key().equals(m.key());
                    }
                }
                if (twice) {
                    throw err(m.column(), "field \"" + m.key() + "\" given twice");
                }
            }
        }

        /** The position of the member {@code name} not yet taken, or -1. */
        private int find(String name) {
            if (index != null) {
                Integer i = index.get(name);
                return i == null || taken[i] ? -1 : i;
            }
            for (int i = 0; i < members.size(); i++) {
                if (!taken[i] && members.get(i).key().equals(name)) {
                    return i;
                }
            }
            return -1;
        }

        InputError err(int col, String what) {
            return new InputError(source, line, col, what);
        }

        int col(String name) {
            int i = find(name);
            return i < 0 ? obj.column() : members.get(i).column();
        }

        JsonNode take(String name) {
            int i = find(name);
            if (i < 0) {
                throw err(obj.column(), "missing field \"" + name + "\"");
            }
            taken[i] = true;
            left--;
            return members.get(i).value();
        }

        boolean has(String name) {
            return find(name) >= 0;
        }

        long integer(String name, long min, long max) {
            JsonNode v = take(name);
            if (!(v instanceof JsonNode.Num) || !((JsonNode.Num) v).integral() || ((JsonNode.Num) v).longValue() < min
                    || ((JsonNode.Num) v).longValue() > max) {
                throw err(v.column(), "\"" + name + "\": expected an integer in " + min + ".." + max + ", found "
                        + (v instanceof JsonNode.Num ? String.valueOf(((JsonNode.Num) v).value()) : v.kind()));
            }
            return ((JsonNode.Num) v).longValue();
        }

        int integer(String name, int min, int max) {
            return (int) integer(name, (long) min, (long) max);
        }

        String string(String name) {
            JsonNode v = take(name);
            if (!(v instanceof JsonNode.Str)) {
                throw err(v.column(), "\"" + name + "\": expected a string, found " + v.kind());
            }
            return ((JsonNode.Str) v).value();
        }

        boolean bool(String name) {
            JsonNode v = take(name);
            if (!(v instanceof JsonNode.Bool)) {
                throw err(v.column(), "\"" + name + "\": expected true or false, found " + v.kind());
            }
            return ((JsonNode.Bool) v).value();
        }

        <E extends Enum<E>> E enumValue(String name, Class<E> type) {
            int c = col(name);
            String s = string(name);
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(s) && s.equals(s.toLowerCase(Locale.ROOT))) {
                    return e; // the lower-case name only
                }
            }
            List<String> names = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                names.add(e.name().toLowerCase(Locale.ROOT));
            }
            throw err(c, "\"" + name + "\": unknown value \"" + s + "\"; expected one of " + String.join(", ", names));
        }

        CpuSet cpuset(String name) {
            JsonNode v = take(name);
            if (v instanceof JsonNode.Null) {
                return null;
            }
            if (!(v instanceof JsonNode.Arr)) {
                throw err(v.column(), "\"" + name + "\": expected an array of CPU numbers or null, found " + v.kind());
            }
            List<JsonNode> items = ((JsonNode.Arr) v).items();
            int[] cpus = new int[items.size()];
            for (int i = 0; i < cpus.length; i++) {
                JsonNode c = items.get(i);
                if (!(c instanceof JsonNode.Num) || !((JsonNode.Num) c).integral() || ((JsonNode.Num) c).longValue() < 0
                        || ((JsonNode.Num) c).longValue() >= 4096) {
                    throw err(c.column(), "\"" + name + "\": expected CPU numbers 0..4095");
                }
                cpus[i] = (int) ((JsonNode.Num) c).longValue();
            }
            return CpuSet.of(cpus);
        }

        JsonNode.Obj object(String name) {
            JsonNode v = take(name);
            if (!(v instanceof JsonNode.Obj)) {
                throw err(v.column(), "\"" + name + "\": expected an object, found " + v.kind());
            }
            return (JsonNode.Obj) v;
        }

        JsonNode.Arr array(String name) {
            JsonNode v = take(name);
            if (!(v instanceof JsonNode.Arr)) {
                throw err(v.column(), "\"" + name + "\": expected an array, found " + v.kind());
            }
            return (JsonNode.Arr) v;
        }

        void done(String what) {
            done(what, null, null);
        }

        /** {@link #done(String)} of {@code prefix + type + suffix} (e.g. "a " + "tick" + " event"), the text built only for an error. */
        void done(String prefix, String type, String suffix) {
            if (left == 0) {
                return;
            }
            for (int i = 0; i < members.size(); i++) {
                if (!taken[i]) {
                    JsonNode.Member m = members.get(i);
                    throw err(m.column(), "unknown field \"" + m.key() + "\" in " + prefix + (type == null ? "" : type + suffix));
                }
            }
        }

        Fields sub(JsonNode.Obj o) {
            return new Fields(source, line, o);
        }
    }

    static final int CPU_MAX = 4095;
    /** A model id: a registered one ({@code ule14}) or a composed one ({@code offload:switch:ule14,o1}). */
    static final String MODEL_ID = "[A-Za-z0-9][A-Za-z0-9._:,-]*";
    private static final int TID_MAX = Integer.MAX_VALUE - 1;

    private static Header header(Fields f) {
        String format = f.has("format") ? f.string("format") : null;
        if (!FORMAT.equals(format)) {
            throw f.err(1, "not a decision trace: expected a header line with \"format\":\"" + FORMAT + "\"");
        }
        int version = f.integer("version", 0, 1000);
        if (version != 1 && version != VERSION) {
            throw f.err(f.col("version"), "version " + version + " is not supported: expected 1 or " + VERSION);
        }
        String model = "ule14";
        if (version >= 2) {
            int column = f.col("model");
            model = f.string("model");
            if (!model.matches(MODEL_ID)) {
                throw f.err(column, "\"model\": expected a model id such as \"ule14\", got \"" + model + "\"");
            }
        }
        String topo = f.string("topology");
        int cpus = f.integer("cpus", 1, CPU_MAX + 1);
        int hz = f.integer("hz", 1, 100_000);
        int stathz = f.integer("stathz", 0, 100_000);
        int[] r = randomval(f, cpus);
        f.done("the header");
        return new Header(model, topo, cpus, hz, stathz, r);
    }

    /** The {@code randomval} field: {@code cpus} unsigned 32-bit words, or none. */
    static int[] randomval(Fields f, int cpus) {
        JsonNode.Arr rv = f.array("randomval");
        if (rv.items().size() != cpus && rv.items().size() != 0) {
            throw f.err(rv.column(), "\"randomval\": expected " + cpus + " values (one per CPU), or none for a model without random "
                    + "state, found " + rv.items().size());
        }
        int[] r = new int[rv.items().size()];
        for (int i = 0; i < r.length; i++) {
            JsonNode v = rv.items().get(i);
            if (!(v instanceof JsonNode.Num) || !((JsonNode.Num) v).integral() || ((JsonNode.Num) v).longValue() < 0
                    || ((JsonNode.Num) v).longValue() > 0xFFFF_FFFFL) {
                throw f.err(v.column(), "\"randomval\": expected unsigned 32-bit integers");
            }
            r[i] = (int) ((JsonNode.Num) v).longValue();
        }
        return r;
    }

    private static Entry entry(Fields f, int line) {
        long n = f.integer("n", 1L, Long.MAX_VALUE);
        long t = f.integer("t_ns", 0L, Long.MAX_VALUE);
        Fields ef = f.sub(f.object("event"));
        String[] comm = {null};
        Event e = readEvent(ef, comm);
        List<Decision> list = decisions(f);
        f.done("an event line");
        return new Entry(n, t, e, comm[0], list, line);
    }

    /** The {@code decisions} field: an array of decision objects, at most {@link #MAX_DECISIONS}. */
    static List<Decision> decisions(Fields f) {
        JsonNode.Arr ds = f.array("decisions");
        if (ds.items().size() > MAX_DECISIONS) {
            throw f.err(ds.column(), "too many decisions: at most " + MAX_DECISIONS + " per event are accepted");
        }
        List<Decision> list = new ArrayList<>();
        for (JsonNode d : ds.items()) {
            if (!(d instanceof JsonNode.Obj)) {
                throw f.err(d.column(), "\"decisions\": expected objects, found " + d.kind());
            }
            list.add(readDecision(f.sub((JsonNode.Obj) d)));
        }
        return List.copyOf(list);
    }

    static Event readEvent(Fields f, String[] comm) {
        int typeCol = f.col("type");
        String type = f.string("type");
        Event e;
        switch (type) {
            case "create":
                e = new Event.Create(f.enumValue("class", PriClass.class), f.integer("nice", -20, 20), f.integer("priority", -1, 255),
                        f.bool("fifo"), f.cpuset("cpuset"), f.integer("on_cpu", 0, CPU_MAX));
                if (f.has("comm")) {
                    comm[0] = f.string("comm");
                }
                break;
            case "tick":
                e = new Event.Tick();
                break;
            case "cpu_tick":
                e = new Event.CpuTick(f.integer("cpu", 0, CPU_MAX));
                break;
            case "block":
                e = new Event.Block(f.integer("cpu", 0, CPU_MAX), f.integer("sleep_pri", 0, 255));
                break;
            case "wake":
                e = new Event.Wake(f.integer("tid", 0, TID_MAX), f.integer("on_cpu", 0, CPU_MAX));
                break;
            case "yield":
                e = new Event.Yield(f.integer("cpu", 0, CPU_MAX));
                break;
            case "exit":
                e = new Event.Exit(f.integer("cpu", 0, CPU_MAX));
                break;
            case "fork":
                e = new Event.Fork(f.integer("cpu", 0, CPU_MAX));
                break;
            case "set_nice":
                e = new Event.SetNice(f.integer("tid", 0, TID_MAX), f.integer("nice", -20, 20));
                break;
            case "idle_loop":
                e = new Event.IdleLoop(f.integer("cpu", 0, CPU_MAX));
                break;
            case "deliver_ipi":
                e = new Event.DeliverIpi(f.integer("cpu", 0, CPU_MAX));
                break;
            case "set_cpuset":
                e = new Event.SetCpuset(f.integer("tid", 0, TID_MAX), f.cpuset("cpuset"), f.integer("on_cpu", 0, CPU_MAX));
                break;
            case "bind":
                e = new Event.Bind(f.integer("cpu", 0, CPU_MAX), f.integer("target", 0, CPU_MAX));
                break;
            case "unbind":
                e = new Event.Unbind(f.integer("cpu", 0, CPU_MAX));
                break;
            case "cpu_offline":
                e = new Event.CpuOffline(f.integer("cpu", 0, CPU_MAX), f.integer("on_cpu", 0, CPU_MAX));
                break;
            case "cpu_online":
                e = new Event.CpuOnline(f.integer("cpu", 0, CPU_MAX));
                break;
            case "offload":
                e = new Event.Offload(f.integer("cpu", 0, CPU_MAX), f.integer("on_cpu", 0, CPU_MAX), f.string("service"));
                break;
            case "return":
                e = new Event.Return(f.integer("cpu", 0, CPU_MAX));
                break;
            case "switch_policy":
                e = new Event.SwitchPolicy(f.string("model"));
                break;
            default:
                throw f.err(typeCol, "unknown event type \"" + type + "\": expected create, tick, cpu_tick, block, wake, yield, exit, fork, "
                        + "set_nice, idle_loop, deliver_ipi, set_cpuset, bind, unbind, cpu_offline, cpu_online, offload, return or "
                        + "switch_policy");
        }
        f.done("a ", type, " event");
        return e;
    }

    static Decision readDecision(Fields f) {
        int typeCol = f.col("type");
        String type = f.string("type");
        Decision d;
        switch (type) {
            case "created":
                d = new Decision.Created(f.integer("tid", 0, TID_MAX), f.integer("parent", -1, TID_MAX));
                break;
            case "enqueue":
                d = new Decision.Enqueue(f.integer("tid", 0, TID_MAX), f.integer("cpu", 0, CPU_MAX), f.enumValue("queue", RunqKind.class),
                        f.integer("index", 0, 255), f.bool("at_head"));
                break;
            case "switch":
                d = new Decision.Switch(f.integer("cpu", 0, CPU_MAX), f.integer("from", -1, TID_MAX), f.integer("to", -1, TID_MAX),
                        f.enumValue("reason", SwitchReason.class));
                break;
            case "slice_end":
                d = new Decision.SliceEnd(f.integer("tid", 0, TID_MAX), f.integer("cpu", 0, CPU_MAX));
                break;
            case "priority_change":
                d = new Decision.PriorityChange(f.integer("tid", 0, TID_MAX), f.bool("user"), f.integer("from", 0, 255),
                        f.integer("to", 0, 255));
                break;
            case "preempt_request":
                d = new Decision.PreemptRequest(f.integer("cpu", 0, CPU_MAX), f.integer("tid", 0, TID_MAX));
                break;
            case "migrate":
                d = new Decision.Migrate(f.integer("tid", 0, TID_MAX), f.integer("from", 0, CPU_MAX), f.integer("to", 0, CPU_MAX),
                        f.enumValue("reason", MigrateReason.class));
                break;
            case "ipi_sent":
                d = new Decision.IpiSent(f.integer("cpu", 0, CPU_MAX), f.enumValue("kind", IpiKind.class));
                break;
            case "repick_request":
                d = new Decision.RepickRequest(f.integer("cpu", 0, CPU_MAX), f.integer("tid", 0, TID_MAX));
                break;
            case "balanced":
                d = new Decision.Balanced(f.integer("next_in", 0, Integer.MAX_VALUE));
                break;
            case "cpu_online":
                d = new Decision.CpuOnline(f.integer("cpu", 0, CPU_MAX), f.bool("online"));
                break;
            case "exited":
                d = new Decision.Exited(f.integer("tid", 0, TID_MAX));
                break;
            default:
                throw f.err(typeCol, "unknown decision type \"" + type + "\": expected created, enqueue, switch, slice_end, "
                        + "priority_change, preempt_request, migrate, ipi_sent, repick_request, balanced, cpu_online or exited");
        }
        f.done("a ", type, " decision");
        return d;
    }
}
