// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ulemodel.trace.Corpus;

/**
 * The Python client (clients/python/ulemodel_oracle.py, standard library only) on both sides of
 * the protocol: its example judges against `ulemodel serve` (a conforming decision and a caught
 * one), it talks to `serve --port`, and `fuzz` drives its FIFO scheduler example (conforming on the
 * events it takes, and refusing the others is reported as a divergence). Python 3 missing fails
 * these tests (.ci/run installs it).
 */
class PythonClientTest {
    private static final Path DIR = Corpus.projectRoot().resolve("clients/python");

    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void theExampleJudgesOneConformingAndOneDivergingDecision() throws Exception {
        Path python = ExternalTools.require("Python 3", "python3");
        String out = run(List.of(python.toString(), DIR.resolve("example.py").toString(), "sh", "-c", ExternalTools.ulemodel("serve")));
        assertThat(out.lines()).containsExactly("conforms",
                "diverges - the trace stops after 0 decision(s); the model goes on with #1 "
                        + "({\"type\":\"switch\",\"cpu\":0,\"from\":0,\"to\":-1,\"reason\":\"sleep\"})");
    }

    @Test
    void theClientTalksToServeOnAPort() throws Exception {
        Path python = ExternalTools.require("Python 3", "python3");
        Process serve = new ProcessBuilder("sh", "-c", "exec " + ExternalTools.ulemodel("serve --port 0")).start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(serve.getErrorStream(), StandardCharsets.UTF_8));
            Matcher m = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(err.readLine());
            assertThat(m.find()).isTrue();
            String script = "import sys; sys.path.insert(0, '" + DIR + "')\n"
                    + "from ulemodel_oracle import Oracle, ProtocolError\n"
                    + "with Oracle.connect(" + m.group(1) + ") as o:\n"
                    + "    h = o.open('ule14', '2x2', mode='predict')\n"
                    + "    print(h['cpus'], h['randomval'])\n"
                    + "    print([d['type'] for d in o.predict({'type': 'create', 'class': 'timeshare', 'nice': 0, 'priority': -1,"
                    + " 'fifo': False, 'cpuset': None, 'on_cpu': 0})])\n"
                    + "    try:\n"
                    + "        o.predict({'type': 'block', 'cpu': 'x', 'sleep_pri': 0})\n"
                    + "    except ProtocolError as e:\n"
                    + "        print(e.reply['field'], e.reply['line'])\n";
            String out = run(List.of(python.toString(), "-c", script));
            assertThat(out.lines()).containsExactly("4 [5, 69074, 138143, 207212]", "['created', 'enqueue', 'switch']", "cpu 3");
        } finally {
            serve.destroy();
            serve.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void fuzzDrivesThePythonSchedulerThroughTheClient() throws Exception {
        Path python = ExternalTools.require("Python 3", "python3");
        String exec = ExternalTools.quote(python.toString()) + " " + ExternalTools.quote(DIR.resolve("fifo_sched.py").toString());
        CliRunner.Outcome ok = CliRunner.run("fuzz", "--exec", exec, "--model", "toy-rr", "--mix", "uniprocessor", "--max-cpus", "4",
                "--examples", "80", "--max-seconds", "0");
        assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("no divergence from toy-rr");
        // with every kind of event, the events it does not take are refusals: divergences, not child failures
        CliRunner.Outcome refused = CliRunner.run("fuzz", "--exec", exec, "--model", "toy-rr", "--max-cpus", "4");
        assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.out()).contains("# why: the implementation refused the event: ValueError: unsupported event");
    }
}
