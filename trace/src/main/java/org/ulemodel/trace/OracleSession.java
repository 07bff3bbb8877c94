// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.IllegalEventException;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.core.model.SchedulerState;
import org.ulemodel.core.topo.Topology;

/**
 * The model's side of the lockstep oracle protocol ({@link OracleProtocol}, docs/protocol.md):
 * takes message lines one at a time and answers each with exactly one reply line. In judge mode
 * every event is judged by {@link Oracle} — the one judge of {@code ulemodel check} and the
 * conformance kit — on the full decision list ({@link Projection#DECISIONS}); in predict mode the
 * model's own decisions are the reply. {@code ulemodel serve} runs it over stdin/stdout or a socket.
 *
 * <p>Invariants: a bad message gets an {@code error} reply naming its line and field and changes
 * nothing (the session goes on); an open message ends the previous session; with a log, every
 * session is written as a JSONL decision trace (docs/decisions-jsonl.md) — its header as opened,
 * then each accepted event with the implementation's decisions (judge) or the model's (predict) —
 * so that {@code ulemodel check} reads it and feeding it back to a session replays it, verdict for
 * verdict. Not thread-safe: one session follows one client.
 */
public final class OracleSession {
    private final Function<String, SchedulerModel<?>> models;
    private final Writer log;
    private Live<?> live;
    private int line;

    /**
     * A session resolving model ids with {@code models} (throwing {@link IllegalArgumentException}
     * with the reason for an unknown id), logging to {@code log} (null: none).
     */
    public OracleSession(Function<String, SchedulerModel<?>> models, Writer log) {
        this.models = Objects.requireNonNull(models, "models");
        this.log = log;
    }

    /** Lines handled so far. */
    public int lines() {
        return line;
    }

    /** Answers one message line (without its line end) with one reply line (without line end). */
    public String handle(String text) throws IOException {
        line++;
        OracleProtocol.Message m;
        try {
            m = OracleProtocol.read("", line, text, live == null ? OracleProtocol.Mode.JUDGE : live.mode);
        } catch (InputError e) {
            return OracleProtocol.error(e);
        }
        if (m instanceof OracleProtocol.Open) {
            return open((OracleProtocol.Open) m);
        }
        if (live == null) {
            return OracleProtocol.error(line, null, "no session: open one first, e.g. {\"protocol\":1,\"mode\":\"judge\",\"model\":\"ule14\","
                    + "\"topology\":\"2x2\"}");
        }
        return live.event((OracleProtocol.EventMessage) m);
    }

    /** Flushes the log. */
    public void flush() throws IOException {
        if (log != null) {
            log.flush();
        }
    }

    private String open(OracleProtocol.Open o) throws IOException {
        SchedulerModel<?> model;
        try {
            model = models.apply(o.model());
        } catch (IllegalArgumentException e) {
            return OracleProtocol.error(line, "model", e.getMessage());
        }
        Topology topo;
        try {
            topo = Topology.parse(o.topology());
        } catch (IllegalArgumentException e) {
            return OracleProtocol.error(line, "topology", "expected a PxCxT spec such as \"2x4x2\": " + e.getMessage());
        }
        return open(model, topo, o);
    }

    private <S extends SchedulerState> String open(SchedulerModel<S> model, Topology topo, OracleProtocol.Open o) throws IOException {
        S boot = model.boot(topo);
        if (o.cpus() != null && o.cpus() != boot.cpuCount()) {
            return OracleProtocol.error(line, "cpus", o.cpus() + " CPUs given, but topology " + o.topology() + " has " + boot.cpuCount());
        }
        if (o.hz() != null && o.hz() != boot.hz()) {
            return OracleProtocol.error(line, "hz", "the model runs hz " + boot.hz() + ", not " + o.hz());
        }
        if (o.stathz() != null && o.stathz() != boot.stathz()) {
            return OracleProtocol.error(line, "stathz", "the model runs stathz " + boot.stathz() + ", not " + o.stathz());
        }
        if (o.randomval() != null) {
            try {
                boot = model.randomChoices().withRandomWords(boot, o.randomval());
            } catch (IllegalArgumentException e) {
                return OracleProtocol.error(line, "randomval", e.getMessage());
            }
        }
        DecisionTrace.Header h = DecisionTrace.Header.of(model, o.topology(), boot);
        live = new Live<>(o.mode(), model, boot);
        if (log != null) {
            new DecisionTrace.Writer(log, h).close();
        }
        return OracleProtocol.opened(o.mode(), h);
    }

    /** An open session: the mode, the expected event number and the model's side (an oracle, or a state in predict mode). */
    private final class Live<S extends SchedulerState> {
        final OracleProtocol.Mode mode;
        final SchedulerModel<S> model;
        final Oracle<S> oracle;
        S state;
        long next = 1;
        long stoppedAt;

        Live(OracleProtocol.Mode mode, SchedulerModel<S> model, S boot) {
            this.mode = mode;
            this.model = model;
            this.oracle = mode == OracleProtocol.Mode.JUDGE ? new Oracle<>(model, boot) : null;
            this.state = boot;
        }

        String event(OracleProtocol.EventMessage m) throws IOException {
            if (m.n() != next) {
                return OracleProtocol.error(line, "n", "event number " + m.n() + ": expected " + next);
            }
            if (stoppedAt > 0) {
                return OracleProtocol.error(line, null, "the session stopped at event " + stoppedAt
                        + ", which the model could not take; open a new session");
            }
            return mode == OracleProtocol.Mode.JUDGE ? judge(m) : predict(m);
        }

        private String predict(OracleProtocol.EventMessage m) throws IOException {
            ModelStep<S> step;
            try {
                step = model.step(state, m.event());
            } catch (IllegalEventException e) {
                return OracleProtocol.error(line, "event", "the model cannot take this event in its state: " + e.getMessage());
            }
            state = step.state();
            log(m, step.decisions());
            next++;
            return OracleProtocol.decisionsReply(m.n(), step.decisions());
        }

        private String judge(OracleProtocol.EventMessage m) throws IOException {
            Oracle.Verdict<S, List<Decision>> v = oracle.judge(m.event(), Projection.DECISIONS, m.decisions());
            log(m, m.decisions());
            next++;
            if (v.outcome() == Oracle.Outcome.EXACT) {
                return "{\"reply\":\"verdict\",\"n\":" + m.n() + ",\"verdict\":\"conforms\"}"; // the common reply, written directly
            }
            return OracleProtocol.line(g -> {
                g.writeStringField("reply", "verdict");
                g.writeNumberField("n", m.n());
                switch (v.outcome()) {
                    case OTHER_RANDOM:
                        g.writeStringField("verdict", "conforms_other_random");
                        g.writeNumberField("alternatives", v.alternatives());
                        break;
                    case DIVERGENT: {
                        g.writeStringField("verdict", "diverges");
                        g.writeStringField("why", Oracle.why(v));
                        g.writeBooleanField("random", v.drewRandom());
                        OracleProtocol.decisions(g, "model", v.expected());
                        g.writeArrayFieldStart("allowed");
                        List<List<Decision>> allowed = v.outcomes();
                        for (int i = 0; i < allowed.size() && i < OracleProtocol.MAX_ALLOWED; i++) {
                            g.writeStartArray();
                            for (Decision d : allowed.get(i)) {
                                DecisionTrace.decision(g, d);
                            }
                            g.writeEndArray();
                        }
                        g.writeEndArray();
                        break;
                    }
                    default:
                        stoppedAt = m.n();
                        g.writeStringField("verdict", "refused");
                        g.writeStringField("why", "the model cannot take this event in its state: " + v.refusal()
                                + " (the session stops here)");
                        break;
                }
            });
        }

        private void log(OracleProtocol.EventMessage m, List<Decision> ds) throws IOException {
            if (log != null) {
                new DecisionTrace.Writer(log).write(m.n(), m.timeNs(), m.event(), null, ds);
            }
        }
    }

    /**
     * Serves one client: reads message lines from {@code in} until its end and writes one reply
     * line for each to {@code out}. Replies are flushed whenever no further input is waiting, so a
     * client waiting for each answer gets it at once and a pipelining one is not slowed by
     * flushes. A line longer than {@link DecisionTrace#MAX_LINE} gets an error reply and is skipped.
     */
    public static void serve(OracleSession session, BufferedReader in, Writer out) throws IOException {
        Lines lines = new Lines(in);
        StringBuilder buf = new StringBuilder(256);
        while (true) {
            buf.setLength(0);
            int got = lines.next(buf);
            if (got == Lines.END) {
                break;
            }
            int len = buf.length();
            if (len > 0 && buf.charAt(len - 1) == '\r') {
                buf.setLength(len - 1);
            }
            String reply;
            if (got == Lines.TOO_LONG) {
                session.line++;
                reply = OracleProtocol.error(session.line, null, "line too long: at most " + DecisionTrace.MAX_LINE + " characters are accepted");
            } else if (buf.length() == 0) {
                session.line++;
                reply = OracleProtocol.error(session.line, null, "empty line: expected one JSON object per line");
            } else {
                try {
                    reply = session.handle(buf.toString());
                } catch (RuntimeException bug) {
                    reply = OracleProtocol.error(session.line, null, "internal error (please report it): " + bug);
                }
            }
            out.write(reply);
            out.write('\n');
            if (!lines.ready()) {
                out.flush();
                session.flush();
            }
        }
        out.flush();
        session.flush();
    }

    /**
     * Splits a reader into lines at {@code '\n'}, a block of characters at a time (one call to the
     * reader per block, not per character), keeping at most {@link DecisionTrace#MAX_LINE}
     * characters of a line and skipping the rest.
     */
    private static final class Lines {
        static final int LINE = 0;
        static final int TOO_LONG = 1;
        static final int END = 2;

        private final BufferedReader in;
        private final char[] block = new char[8192];
        private int pos;
        private int lim;

        Lines(BufferedReader in) {
            this.in = in;
        }

        /**
         * Appends the next line's characters (without its {@code '\n'}, at most
         * {@link DecisionTrace#MAX_LINE}) to {@code buf}: {@link #LINE}, {@link #TOO_LONG} when
         * characters were skipped, or {@link #END} at the end of input with nothing read.
         */
        int next(StringBuilder buf) throws IOException {
            boolean tooLong = false;
            while (true) {
                if (pos == lim) {
                    int k = in.read(block, 0, block.length);
                    if (k < 0) {
                        pos = 0;
                        lim = 0;
                        return tooLong ? TOO_LONG : buf.length() == 0 ? END : LINE;
                    }
                    pos = 0;
                    lim = k;
                }
                int end = pos;
                while (end < lim && block[end] != '\n') {
                    end++;
                }
                int keep = Math.min(end - pos, DecisionTrace.MAX_LINE - buf.length());
                buf.append(block, pos, keep);
                tooLong |= keep < end - pos;
                if (end < lim) {
                    pos = end + 1;
                    return tooLong ? TOO_LONG : LINE;
                }
                pos = lim;
            }
        }

        /** Whether more input is waiting: characters left in the block, or in the reader. */
        boolean ready() throws IOException {
            return pos < lim || in.ready();
        }
    }
}
