// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ulemodel.core.machine.Decision;
import org.ulemodel.core.machine.Event;
import org.ulemodel.core.machine.IpiKind;
import org.ulemodel.core.machine.MigrateReason;
import org.ulemodel.core.machine.SwitchReason;
import org.ulemodel.core.prio.PriClass;
import org.ulemodel.core.runq.RunqKind;
import org.ulemodel.core.topo.CpuSet;
import org.ulemodel.spec.explore.ModelSpecs;
import org.ulemodel.trace.json.JsonDocReader;
import org.ulemodel.trace.json.JsonNode;

/**
 * docs/protocol.md and docs/protocol.schema.json agree with the server: every example transcript
 * on the page is exactly what a session answers, every example line validates against the schema,
 * every reply of long judge and predict sessions and every message the tool writes (events and
 * decisions of every type) validates too, and the schema check rejects a wrong reply.
 */
class ProtocolDocTest {
    private static final Path DOC = Corpus.projectRoot().resolve("docs/protocol.md");

    static JsonSchemaCheck schema() throws IOException {
        String text = Files.readString(Corpus.projectRoot().resolve("docs/protocol.schema.json"), StandardCharsets.UTF_8);
        return new JsonSchemaCheck((JsonNode.Obj) JsonDocReader.readStrict("protocol.schema.json", new StringReader(text)));
    }

    static JsonNode json(String line) {
        return JsonDocReader.readStrict("line", new StringReader(line));
    }

    static OracleSession session() {
        return new OracleSession(id -> ModelSpecs.named(id).model(), null);
    }

    /** The ```protocol blocks of the page: each a list of lines starting with "> " (message), "!> " (invalid message) or "< " (reply). */
    static List<List<String>> blocks() throws IOException {
        List<List<String>> out = new ArrayList<>();
        List<String> cur = null;
        for (String l : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
            if (l.equals("```protocol")) {
                cur = new ArrayList<>();
            } else if (cur != null && l.equals("```")) {
                out.add(cur);
                cur = null;
            } else if (cur != null) {
                cur.add(l);
            }
        }
        return out;
    }

    @Test
    void theExamplesAreWhatTheServerAnswersAndValidate() throws IOException {
        JsonSchemaCheck schema = schema();
        List<List<String>> blocks = blocks();
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(2);
        int lines = 0;
        for (List<String> b : blocks) {
            OracleSession s = session();
            String expected = null;
            for (String l : b) {
                lines++;
                if (l.startsWith("> ") || l.startsWith("!> ")) {
                    String m = l.substring(l.indexOf(' ') + 1);
                    assertThat(schema.check(json(m), "message").isEmpty()).as(l).isEqualTo(l.startsWith("> "));
                    assertThat(expected).as("a message without its reply before " + l).isNull();
                    expected = s.handle(m);
                } else {
                    assertThat(l).startsWith("< ");
                    assertThat(schema.check(json(l.substring(2)), "reply")).as(l).isEmpty();
                    assertThat(l.substring(2)).isEqualTo(expected);
                    expected = null;
                }
            }
        }
        assertThat(lines).isGreaterThan(10);
    }

    @Test
    void everyReplyOfLongSessionsValidates() throws IOException {
        JsonSchemaCheck schema = schema();
        List<OracleTest.Reported> run = OracleTest.run(Ule14ModelHolder.ULE, OracleTest.reseeded("2x4x2"), 11, 400);
        List<String> lines = OracleSessionTest.judgeLines("2x4x2", run);
        lines.set(100, OracleProtocol.event(100, run.get(99).event(), List.of()));
        lines.add("{\"n\":1,\"event\":{\"type\":\"tick\"}}");
        lines.add("{\"mode\":\"predict\",\"model\":\"ule14\",\"topology\":\"2x4x2\"}");
        for (int i = 0; i < run.size(); i++) {
            lines.add(OracleProtocol.event(i + 1, run.get(i).event(), null));
        }
        OracleSession s = session();
        List<String> verdicts = new ArrayList<>();
        for (String l : lines) {
            assertThat(schema.check(json(l), "")).as(l).isEmpty();
            String reply = s.handle(l);
            assertThat(schema.check(json(reply), "reply")).as(reply).isEmpty();
            verdicts.add(OracleSessionTest.field(reply, "verdict") + "/" + OracleSessionTest.field(reply, "reply"));
        }
        assertThat(verdicts).contains("conforms/verdict", "conforms_other_random/verdict", "diverges/verdict", "null/error",
                "null/decisions", "null/opened");
    }

    /** Events and decisions of every type, as the tool writes them, validate; a wrong one does not (the check can fail). */
    @Test
    void everyEventAndDecisionTypeValidatesAndAWrongReplyDoesNot() throws IOException {
        JsonSchemaCheck schema = schema();
        CpuSet two = CpuSet.of(0, 1);
        List<Event> events = List.of(new Event.Create(PriClass.REALTIME, 0, 100, true, two, 0), new Event.Tick(), new Event.CpuTick(1), new Event.Block(0, 80),
                new Event.Wake(1, 0), new Event.Yield(0), new Event.Exit(0), new Event.Fork(0), new Event.SetNice(1, -5),
                new Event.IdleLoop(1), new Event.DeliverIpi(1), new Event.SetCpuset(1, two, 0), new Event.Bind(0, 1), new Event.Unbind(0),
                new Event.CpuOffline(1, 0), new Event.CpuOnline(1));
        List<Decision> decisions = List.of(new Decision.Created(0, -1), new Decision.Enqueue(0, 1, RunqKind.IDLE, 255, true),
                new Decision.Switch(0, -1, 3, SwitchReason.OFFLINE), new Decision.SliceEnd(0, 0), new Decision.PriorityChange(0, true, 120, 130),
                new Decision.PreemptRequest(0, 1), new Decision.Migrate(0, 0, 1, MigrateReason.OFFLINE), new Decision.IpiSent(1, IpiKind.AST),
                new Decision.RepickRequest(0, 1), new Decision.Balanced(5), new Decision.CpuOnline(1, false), new Decision.Exited(0));
        long n = 1;
        for (Event e : events) {
            assertThat(schema.check(json(OracleProtocol.event(n++, e, decisions)), "message")).isEmpty();
        }
        assertThat(schema.check(json(OracleProtocol.decisionsReply(1, decisions)), "reply")).isEmpty();
        assertThat(schema.check(json("{\"reply\":\"decisions\",\"n\":1,\"decisions\":[{\"type\":\"switch\",\"cpu\":0,\"from\":-1,\"to\":0,"
                + "\"reason\":\"nap\"}]}"), "reply")).isNotEmpty();
        assertThat(schema.check(json("{\"reply\":\"verdict\",\"n\":1}"), "reply")).isNotEmpty();
        assertThat(schema.check(json("{\"reply\":\"opened\",\"extra\":1}"), "reply")).isNotEmpty();
        assertThat(schema.check(json("{\"n\":0,\"event\":{\"type\":\"tick\"}}"), "message")).isNotEmpty();
    }

    /** The model registry's ULE 14, without naming the machine package in every test. */
    private static final class Ule14ModelHolder {
        static final org.ulemodel.core.machine.Ule14Model ULE = org.ulemodel.core.machine.Ule14Model.DEFAULT;
    }
}
