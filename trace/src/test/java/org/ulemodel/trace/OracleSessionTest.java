// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.Machine;
import org.ulemodel.core.machine.SwitchReason;
import org.ulemodel.core.machine.Ule14Model;
import org.ulemodel.core.model.ModelStep;
import org.ulemodel.core.model.SchedulerModel;
import org.ulemodel.trace.json.JsonDocReader;
import org.ulemodel.trace.json.JsonNode;

/**
 * The model's side of the oracle protocol: judge mode gives the oracle's verdicts (exact, another
 * random choice, a tampered decision caught with the reason and the allowed lists), predict mode
 * the model's decisions; bad messages get an error naming line and field and the session goes on;
 * a session's log is a decision trace that replays to the same verdicts.
 */
class OracleSessionTest {
    private static final Ule14Model ULE = Ule14Model.DEFAULT;

    static OracleSession session(StringWriter log) {
        return new OracleSession(id -> {
            if (!id.equals("ule14")) {
                throw new IllegalArgumentException("unknown model '" + id + "': expected one of ule14");
            }
            return (SchedulerModel<?>) ULE;
        }, log);
    }

    static JsonNode.Obj json(String line) {
        return (JsonNode.Obj) JsonDocReader.readStrict("reply", new StringReader(line));
    }

    static String field(String line, String name) {
        for (JsonNode.Member m : json(line).members()) {
            if (m.key().equals(name)) {
                JsonNode v = m.value();
                return v instanceof JsonNode.Str ? ((JsonNode.Str) v).value()
                        : v instanceof JsonNode.Num ? String.valueOf(((JsonNode.Num) v).longValue()) : v.kind();
            }
        }
        return null;
    }

    /** Judge-mode lines of {@code run} (an implementation's events and decisions), after an open line. */
    static List<String> judgeLines(String topo, List<OracleTest.Reported> run) {
        List<String> lines = new ArrayList<>();
        lines.add("{\"protocol\":1,\"mode\":\"judge\",\"model\":\"ule14\",\"topology\":\"" + topo + "\"}");
        long n = 1;
        for (OracleTest.Reported r : run) {
            lines.add(OracleProtocol.event(n++, r.event(), r.step().decisions()));
        }
        return lines;
    }

    static List<String> handleAll(OracleSession s, List<String> lines) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(s.handle(l));
        }
        return out;
    }

    @Test
    void theModelsOwnDecisionsConformAndAReseededUleAsAnotherRandomChoice() throws IOException {
        List<String> own = handleAll(session(null), judgeLines("2x2x2", OracleTest.run(ULE, OracleTest.boot("2x2x2"), 1, 300)));
        assertThat(field(own.get(0), "reply")).isEqualTo("opened");
        assertThat(own.subList(1, own.size())).allMatch(r -> "conforms".equals(field(r, "verdict")));

        List<String> other = handleAll(session(null), judgeLines("2x4x2", OracleTest.run(ULE, OracleTest.reseeded("2x4x2"), 2, 300)));
        assertThat(other.subList(1, other.size())).allMatch(r -> field(r, "verdict").startsWith("conforms"));
        assertThat(other).anyMatch(r -> "conforms_other_random".equals(field(r, "verdict")));
    }

    /** The planted fault: a switch to the wrong thread is caught, with the model's decisions, what it allows and why. */
    @Test
    void aTamperedDecisionDivergesWithTheReason() throws IOException {
        List<OracleTest.Reported> run = OracleTest.run(ULE, OracleTest.boot("2"), 3, 200);
        List<String> lines = judgeLines("2", run);
        int at = -1;
        for (int i = 0; i < run.size() && at < 0; i++) {
            List<Decision> ds = new ArrayList<>(run.get(i).step().decisions());
            for (int k = 0; k < ds.size(); k++) {
                if (ds.get(k) instanceof Decision.Switch && ((Decision.Switch) ds.get(k)).to() >= 0) {
                    Decision.Switch sw = (Decision.Switch) ds.get(k);
                    ds.set(k, new Decision.Switch(sw.cpu(), sw.from(), 99, sw.reason()));
                    lines.set(i + 1, OracleProtocol.event(i + 1, run.get(i).event(), ds));
                    at = i + 1;
                    break;
                }
            }
        }
        assertThat(at).isPositive();
        List<String> replies = handleAll(session(null), lines);
        String bad = replies.get(at);
        assertThat(field(bad, "verdict")).isEqualTo("diverges");
        assertThat(field(bad, "n")).isEqualTo(String.valueOf(at));
        assertThat(field(bad, "why")).contains("must run the best queued thread").contains("thread 99 (which does not exist)");
        assertThat(bad).contains("\"model\":[").contains("\"allowed\":[[");
        assertThat(replies.subList(1, at)).allMatch(r -> "conforms".equals(field(r, "verdict")));
    }

    @Test
    void predictModeAnswersWithTheModelsDecisions() throws IOException {
        OracleSession s = session(null);
        assertThat(field(s.handle("{\"mode\":\"predict\",\"model\":\"ule14\",\"topology\":\"2\"}"), "mode")).isEqualTo("predict");
        Event create = OracleTest.create(null, 0);
        String r = s.handle(OracleProtocol.event(1, create, null));
        Machine m = ULE.boot(org.ulemodel.core.topo.Topology.parse("2"));
        assertThat(r).isEqualTo(OracleProtocol.decisionsReply(1, ULE.step(m, create).decisions()));
        assertThat(r).contains(DecisionTrace.format(new Decision.Switch(0, -1, 0, SwitchReason.IDLE)));
        // an event the model cannot take: an error naming the field, and the session goes on
        String refused = s.handle(OracleProtocol.event(2, new Event.Wake(5, 0), null));
        assertThat(field(refused, "reply")).isEqualTo("error");
        assertThat(field(refused, "field")).isEqualTo("event");
        assertThat(field(s.handle(OracleProtocol.event(2, new Event.Tick(), null)), "reply")).isEqualTo("decisions");
        // a per-CPU tick travels as cpu_tick and is the model's step
        Machine ticked = ULE.step(ULE.step(m, create).state(), new Event.Tick()).state();
        String cpuTick = OracleProtocol.event(3, new Event.CpuTick(1), null);
        assertThat(cpuTick).contains("{\"type\":\"cpu_tick\",\"cpu\":1}");
        assertThat(s.handle(cpuTick)).isEqualTo(OracleProtocol.decisionsReply(3, ULE.step(ticked, new Event.CpuTick(1)).decisions()));
    }

    @Test
    void badMessagesGetAnErrorNamingLineAndFieldAndTheSessionGoesOn() throws IOException {
        OracleSession s = session(null);
        String noSession = s.handle(OracleProtocol.event(1, new Event.Tick(), List.of()));
        assertThat(field(noSession, "message")).contains("no session");
        assertThat(field(s.handle("{\"model\":\"bfs\",\"topology\":\"2\"}"), "field")).isEqualTo("model");
        assertThat(field(s.handle("{\"model\":\"ule14\",\"topology\":\"2x\"}"), "field")).isEqualTo("topology");
        assertThat(field(s.handle("{\"model\":\"ule14\",\"topology\":\"2\",\"cpus\":3}"), "field")).isEqualTo("cpus");
        assertThat(field(s.handle("{\"protocol\":2,\"model\":\"ule14\",\"topology\":\"2\"}"), "field")).isEqualTo("protocol");
        assertThat(field(s.handle("{\"model\":\"ule14\",\"topology\":\"2\"}"), "reply")).isEqualTo("opened");
        String typo = s.handle("{\"n\":1,\"event\":{\"type\":\"block\",\"cpu\":\"x\",\"sleep_pri\":0},\"decisions\":[]}");
        assertThat(field(typo, "line")).isEqualTo("7");
        assertThat(field(typo, "field")).isEqualTo("cpu");
        assertThat(field(typo, "column")).isEqualTo("38");
        assertThat(field(s.handle("{\"n\":1,\"event\":{\"type\":\"tick\"}}"), "field")).isEqualTo("decisions");
        assertThat(field(s.handle("{\"n\":1,\"event\":{\"type\":\"tick\"},\"decisions\":[],\"extra\":1}"), "field")).isEqualTo("extra");
        assertThat(field(s.handle("{\"n\":2,\"event\":{\"type\":\"tick\"},\"decisions\":[]}"), "field")).isEqualTo("n");
        assertThat(field(s.handle("not json"), "reply")).isEqualTo("error");
        assertThat(field(s.handle("{\"n\":1,\"event\":{\"type\":\"tick\"},\"decisions\":[]}"), "verdict")).isEqualTo("conforms");
        // an event the model cannot take stops the judging, and says so
        assertThat(field(s.handle(OracleProtocol.event(2, new Event.Wake(3, 0), List.of())), "verdict")).isEqualTo("refused");
        assertThat(field(s.handle(OracleProtocol.event(3, new Event.Tick(), List.of())), "message")).contains("stopped at event 2");
    }

    /** The reply lines {@link OracleSession#serve} writes for {@code input} to a new session. */
    static String[] serve(String input) throws IOException {
        StringWriter out = new StringWriter();
        OracleSession.serve(session(null), new BufferedReader(new StringReader(input)), out);
        return out.toString().split("\n");
    }

    @Test
    void serveAnswersEveryLineAndALongOrEmptyLineIsAnError() throws IOException {
        String[] replies = serve("{\"model\":\"ule14\",\"topology\":\"1\"}\n\n" + "x".repeat(DecisionTrace.MAX_LINE + 10) + "\n"
                + OracleProtocol.event(1, new Event.Tick(), List.of()) + "\r\n");
        assertThat(replies).hasSize(4);
        assertThat(field(replies[1], "message")).contains("empty line");
        assertThat(field(replies[2], "message")).contains("line too long");
        assertThat(field(replies[3], "verdict")).isEqualTo("conforms");
    }

    /**
     * Lines are split from blocks of input: a line longer than a block (here padded with leading
     * blanks, which JSON allows) arrives whole, a line of exactly {@link DecisionTrace#MAX_LINE}
     * characters is taken, one more character makes it too long, and a last line without a line
     * end is answered.
     */
    @Test
    void serveJoinsLinesAcrossBlocksAndAnswersALastLineWithoutLineEnd() throws IOException {
        Machine m = ULE.boot(org.ulemodel.core.topo.Topology.parse("1"));
        List<String> ticks = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            ModelStep<Machine> step = ULE.step(m, new Event.Tick());
            ticks.add(OracleProtocol.event(n, new Event.Tick(), step.decisions()));
            m = step.state();
        }
        String exact = " ".repeat(DecisionTrace.MAX_LINE - ticks.get(2).length()) + ticks.get(2);
        String[] replies = serve("{\"model\":\"ule14\",\"topology\":\"1\"}\n" + ticks.get(0) + "\n" + " ".repeat(20_000) + ticks.get(1) + "\n"
                + exact + "\n" + " " + exact + "\n" + ticks.get(3));
        assertThat(replies).hasSize(6);
        assertThat(field(replies[0], "reply")).isEqualTo("opened");
        assertThat(field(replies[1], "verdict")).isEqualTo("conforms");
        assertThat(field(replies[2], "verdict")).isEqualTo("conforms");
        assertThat(field(replies[3], "verdict")).isEqualTo("conforms");
        assertThat(field(replies[4], "message")).contains("line too long");
        assertThat(field(replies[5], "verdict")).isEqualTo("conforms");
    }

    /**
     * Field lookup by scanning a small object and by hashing a large one (more than 12 members)
     * finds the same faults: a repeated key named at its second place, and the first unknown field
     * in document order.
     */
    @Test
    void repeatedAndUnknownFieldsAreNamedInSmallAndLargeObjects() throws IOException {
        for (int extra : new int[] {2, 20}) {
            StringBuilder fields = new StringBuilder();
            for (int i = 0; i < extra; i++) {
                fields.append(",\"f").append(i).append("\":").append(i);
            }
            String base = "{\"model\":\"ule14\",\"topology\":\"1\"" + fields;
            OracleSession s = session(null);
            String unknown = s.handle(base + "}");
            assertThat(field(unknown, "field")).as("%d extra fields", extra).isEqualTo("f0");
            assertThat(field(unknown, "message")).contains("unknown field \"f0\" in an open message");
            String twice = s.handle(base + ",\"f1\":7}");
            assertThat(field(twice, "field")).as("%d extra fields", extra).isEqualTo("f1");
            assertThat(field(twice, "message")).contains("given twice");
            assertThat(field(twice, "column")).isEqualTo(String.valueOf(base.length() + 2));
        }
    }

    /** The log is a decision trace: {@code check} reads it, and a new session fed with it gives the same verdicts. */
    @Test
    void aSessionReplaysFromItsLog() throws IOException {
        List<OracleTest.Reported> run = OracleTest.run(ULE, OracleTest.reseeded("2x2"), 5, 150);
        List<String> lines = judgeLines("2x2", run);
        lines.set(40, OracleProtocol.event(40, run.get(39).event(), List.of(new Decision.Exited(0))));
        StringWriter log = new StringWriter();
        List<String> first = handleAll(session(log), lines);
        StringWriter again = new StringWriter();
        OracleSession.serve(session(null), new BufferedReader(new StringReader(log.toString())), again);
        List<String> second = List.of(again.toString().split("\n"));
        assertThat(second.subList(1, second.size())).isEqualTo(first.subList(1, first.size()));
        assertThat(first).anyMatch(r -> "diverges".equals(field(r, "verdict")));
        List<DecisionTrace.Entry> entries = new ArrayList<>();
        DecisionTrace.read("log", new BufferedReader(new StringReader(log.toString())), h -> { }, entries::add);
        assertThat(entries).hasSize(run.size());
    }

    @Test
    void fieldOfNamesTheFieldOfEveryKindOfMessage() {
        assertThat(OracleProtocol.fieldOf("\"cpu\": expected an integer")).isEqualTo("cpu");
        assertThat(OracleProtocol.fieldOf("missing field \"n\"")).isEqualTo("n");
        assertThat(OracleProtocol.fieldOf("unknown field \"x\" in an event message")).isEqualTo("x");
        assertThat(OracleProtocol.fieldOf("field \"n\" given twice")).isEqualTo("n");
        assertThat(OracleProtocol.fieldOf("unknown event type \"bogus\": expected …")).isEqualTo("type");
        assertThat(OracleProtocol.fieldOf("malformed JSON")).isNull();
    }
}
