// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ulemodel.cli.Main;

/**
 * {@code ulemodel explore --engine spark} with explore-spark on the class path: the command line
 * finds the engine, runs it in a Spark context of its own, prints what the local engine prints
 * (statistics aside) and writes the same report but for the engine's name and its costs.
 */
class SparkCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String field(String json, String name) {
        return json.replaceAll("(?s).*\"" + name + "\" : (\\[[^\\]]*\\]|\"[^\"]*\"|[^,\\n]*).*", "$1");
    }

    @Test
    void theSparkEngineAnswersAsTheLocalOneOnTheCommandLine() throws Exception {
        Path local = dir.resolve("local.json");
        Path spark = dir.resolve("spark.json");
        Run l = run("explore", "--depth", "4", "--report", local.toString());
        Run s = run("explore", "--depth", "4", "--engine", "spark", "--master", "local[2]", "--partitions", "3", "--report", spark.toString());
        assertThat(s.code()).as(s.err()).isEqualTo(0);
        assertThat(l.code()).isEqualTo(0);
        String lj = Files.readString(local, StandardCharsets.UTF_8);
        String sj = Files.readString(spark, StandardCharsets.UTF_8);
        assertThat(field(sj, "engine")).isEqualTo("\"spark\"");
        for (String f : new String[] {"outcome", "states", "transitions", "maxDepth", "statesPerLevel"}) {
            assertThat(field(sj, f)).as(f).isEqualTo(field(lj, f));
        }
        assertThat(s.out()).contains("outcome: COMPLETE", "no violation within depth 4");
    }

    @Test
    void aViolationPrintsTheLocalEnginesCounterexample() {
        Run l = run("explore", "--depth", "5", "--bug", "stale_lowpri");
        Run s = run("explore", "--depth", "5", "--bug", "stale_lowpri", "--engine", "spark", "--master", "local[2]");
        assertThat(s.code()).as(s.err()).isEqualTo(1);
        String cx = l.out().substring(0, l.out().indexOf("# outcome:"));
        assertThat(s.out()).startsWith(cx);
    }
}
