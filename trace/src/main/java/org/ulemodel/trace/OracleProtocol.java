// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.trace.json.JsonNode;

/**
 * The messages of the lockstep oracle protocol (docs/protocol.md, schema docs/protocol.schema.json):
 * JSON lines between an implementation under test and the model. A session opens with the
 * decision-trace header's fields ({@link DecisionTrace.Header}: model, topology, boot random
 * state; those the model can supply are optional) plus {@code protocol} and {@code mode}; then
 * each message is one event — with the implementation's decisions in {@link Mode#JUDGE} mode,
 * without in {@link Mode#PREDICT} mode — in the decision trace's event and decision objects.
 * Every message gets one reply line: {@code opened}, {@code verdict}, {@code decisions} or
 * {@code error}. {@link OracleSession} is the model's side; {@code ulemodel fuzz} plays the other.
 *
 * <p>Invariant: what {@link #read} accepts, the writers here can write back, field for field; a
 * message {@link #read} refuses raises an {@link InputError} whose detail names the field
 * ({@link #fieldOf}).
 */
public final class OracleProtocol {
    /** The protocol version this code speaks. */
    public static final int VERSION = 1;
    /** Most distinct decision lists a {@code diverges} verdict lists under {@code allowed}. */
    public static final int MAX_ALLOWED = 8;

    private static final JsonFactory F = new JsonFactory();
    private static final Pattern FIELD = Pattern.compile("^\"([^\"]+)\":|(?:missing|unknown) field \"([^\"]+)\"|^field \"([^\"]+)\" given twice");

    private OracleProtocol() {
    }

    /** Who answers events with decisions: the implementation (judge) or the model (predict). */
    public enum Mode {
        /** The client sends events with its decisions; the model answers with a verdict. */
        JUDGE,
        /** The client sends events; the answering side replies with its decisions. */
        PREDICT
    }

    /** A message to the side that answers: {@link Open} or {@link EventMessage}. */
    public sealed interface Message permits Open, EventMessage {
    }

    /**
     * Opens a session (and ends the previous one). The header fields the model can supply are
     * null / empty when not given: {@code cpus}, {@code hz}, {@code stathz} are then the model's,
     * {@code randomval} (null) its boot random state.
     */
    public record Open(Mode mode, String model, String topology, Integer cpus, Integer hz, Integer stathz, int[] randomval)
            implements Message {
    }

    /** One event; {@code decisions} null in predict mode. */
    public record EventMessage(long n, long timeNs, Event event, List<Decision> decisions) implements Message {
    }

    /**
     * A reply. {@code kind} is {@code opened}, {@code verdict}, {@code decisions} or {@code error};
     * {@code n} the event number (0 when none); {@code decisions} for a {@code decisions} reply;
     * {@code text} the verdict or the error message.
     */
    public record Reply(String kind, long n, List<Decision> decisions, String text) {
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads one message line: an object with an {@code event} field is an {@link EventMessage}
     * ({@code decisions} required in judge mode, refused in predict mode), any other an
     * {@link Open}.
     *
     * @throws InputError at {@code source:line:column}, naming the field
     */
    public static Message read(String source, int line, String text, Mode mode) {
        DecisionTrace.Fields f = new DecisionTrace.Fields(source, line, DecisionTrace.parseLine(source, line, text));
        if (!f.has("event")) {
            return open(f);
        }
        long n = f.integer("n", 1L, Long.MAX_VALUE);
        long t = f.has("t_ns") ? f.integer("t_ns", 0L, Long.MAX_VALUE) : 0L;
        String[] comm = {null};
        Event e = DecisionTrace.readEvent(f.sub(f.object("event")), comm);
        List<Decision> ds = null;
        if (mode == Mode.JUDGE || f.has("decisions")) {
            if (mode == Mode.PREDICT) {
                throw f.err(f.col("decisions"), "\"decisions\": not expected in predict mode (the model answers with its own)");
            }
            ds = DecisionTrace.decisions(f);
        }
        f.done("an event message");
        return new EventMessage(n, t, e, ds);
    }

    private static Open open(DecisionTrace.Fields f) {
        if (f.has("protocol")) {
            int c = f.col("protocol");
            int v = f.integer("protocol", 0, Integer.MAX_VALUE);
            if (v != VERSION) {
                throw f.err(c, "\"protocol\": version " + v + " is not spoken here: expected " + VERSION);
            }
        }
        Mode mode = f.has("mode") ? f.enumValue("mode", Mode.class) : Mode.JUDGE;
        if (f.has("format")) {
            int c = f.col("format");
            if (!DecisionTrace.FORMAT.equals(f.string("format"))) {
                throw f.err(c, "\"format\": expected \"" + DecisionTrace.FORMAT + "\"");
            }
        }
        if (f.has("version")) {
            int c = f.col("version");
            int v = f.integer("version", 0, 1000);
            if (v != DecisionTrace.VERSION) {
                throw f.err(c, "\"version\": expected " + DecisionTrace.VERSION + " (the decision-trace header's)");
            }
        }
        int mc = f.col("model");
        String model = f.string("model");
        if (!model.matches(DecisionTrace.MODEL_ID)) {
            throw f.err(mc, "\"model\": expected a model id such as \"ule14\", got \"" + model + "\"");
        }
        String topology = f.string("topology");
        Integer cpus = f.has("cpus") ? f.integer("cpus", 1, DecisionTrace.CPU_MAX + 1) : null;
        Integer hz = f.has("hz") ? f.integer("hz", 1, 100_000) : null;
        Integer stathz = f.has("stathz") ? f.integer("stathz", 0, 100_000) : null;
        int[] rv = null;
        if (f.has("randomval")) {
            if (cpus == null) {
                throw f.err(f.col("randomval"), "\"randomval\": give \"cpus\" with it");
            }
            rv = DecisionTrace.randomval(f, cpus);
        }
        f.done("an open message");
        return new Open(mode, model, topology, cpus, hz, stathz, rv);
    }

    /**
     * Reads one reply line of the answering side (what {@code fuzz} reads from an implementation):
     * {@code {"reply":"opened", …}} (other fields ignored), {@code {"reply":"decisions","n":N,
     * "decisions":[…]}} or {@code {"reply":"error","message":"…", …}}.
     *
     * @throws InputError at {@code source:line:column}, naming the field
     */
    public static Reply readReply(String source, int line, String text) {
        DecisionTrace.Fields f = new DecisionTrace.Fields(source, line, DecisionTrace.parseLine(source, line, text));
        int c = f.col("reply");
        String kind = f.string("reply");
        switch (kind) {
            case "opened":
                return new Reply(kind, 0, null, null);
            case "decisions": {
                long n = f.integer("n", 1L, Long.MAX_VALUE);
                List<Decision> ds = DecisionTrace.decisions(f);
                f.done("a decisions reply");
                return new Reply(kind, n, ds, null);
            }
            case "error":
                return new Reply(kind, 0, null, f.string("message"));
            default:
                throw f.err(c, "\"reply\": expected \"opened\", \"decisions\" or \"error\", got \"" + kind + "\"");
        }
    }

    /** The field an {@link InputError}'s detail names ({@code "cpu": expected …}, {@code missing field "n"}, …), or null. */
    public static String fieldOf(String detail) {
        if (detail.startsWith("unknown event type") || detail.startsWith("unknown decision type")) {
            return "type";
        }
        Matcher m = FIELD.matcher(detail);
        if (!m.find()) {
            return null;
        }
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null) {
                return m.group(g);
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ writing

    /** Writes one JSON object as a line (no line end). */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    static String line(Body body) {
        StringWriter w = new StringWriter(128);
        try (JsonGenerator g = F.createGenerator(w)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    static void decisions(JsonGenerator g, String field, List<Decision> ds) throws IOException {
        g.writeArrayFieldStart(field);
        for (Decision d : ds) {
            DecisionTrace.decision(g, d);
        }
        g.writeEndArray();
    }

    /** An open message giving the whole header (what {@code fuzz} sends an implementation). */
    public static String open(Mode mode, DecisionTrace.Header h) {
        return line(g -> {
            g.writeNumberField("protocol", VERSION);
            g.writeStringField("mode", mode.name().toLowerCase(Locale.ROOT));
            DecisionTrace.header(g, h);
        });
    }

    /** The {@code opened} reply: the session's whole header. */
    public static String opened(Mode mode, DecisionTrace.Header h) {
        return line(g -> {
            g.writeStringField("reply", "opened");
            g.writeNumberField("protocol", VERSION);
            g.writeStringField("mode", mode.name().toLowerCase(Locale.ROOT));
            DecisionTrace.header(g, h);
        });
    }

    /** An event message; {@code decisions} null in predict mode. */
    public static String event(long n, Event e, List<Decision> decisions) {
        return line(g -> {
            g.writeNumberField("n", n);
            g.writeFieldName("event");
            DecisionTrace.event(g, e, null);
            if (decisions != null) {
                decisions(g, "decisions", decisions);
            }
        });
    }

    /** A {@code decisions} reply (predict mode). */
    public static String decisionsReply(long n, List<Decision> ds) {
        return line(g -> {
            g.writeStringField("reply", "decisions");
            g.writeNumberField("n", n);
            decisions(g, "decisions", ds);
        });
    }

    /** An {@code error} reply for bad input: line, column, the field named (or null) and the message. */
    public static String error(InputError e) {
        return error(e.line(), e.column(), fieldOf(e.detail()), "line " + e.line() + ", column " + e.column() + ": " + e.detail());
    }

    /**
     * An {@code error} reply for a well-formed message the session cannot take: {@code line} is
     * its line, {@code field} the field at fault (or null).
     */
    public static String error(int line, String field, String message) {
        return error(line, 0, field, "line " + line + ": " + (field == null ? "" : "\"" + field + "\": ") + message);
    }

    private static String error(int line, int column, String field, String message) {
        return line(g -> {
            g.writeStringField("reply", "error");
            g.writeNumberField("line", line);
            g.writeNumberField("column", column);
            if (field == null) {
                g.writeNullField("field");
            } else {
                g.writeStringField("field", field);
            }
            g.writeStringField("message", message);
        });
    }
}
