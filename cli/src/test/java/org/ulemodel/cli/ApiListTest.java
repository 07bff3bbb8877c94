// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ulemodel.trace.Corpus;

/**
 * The public API is exactly what docs/api.md lists: every public top-level type of the library
 * modules (read from their sources) has a line there, in its module's section, and every type
 * listed there is public. A type made public without a documented role, or a listed type made
 * package-private without updating the page, fails this test.
 */
class ApiListTest {
    static final List<String> LIBRARIES = List.of("core", "spec", "trace", "sim", "properties", "explore-spark");
    private static final Pattern DECLARATION = Pattern.compile(
            "^public (?:(?:final|abstract|sealed|non-sealed) )*(?:class|interface|record|enum) (\\w+)", Pattern.MULTILINE);
    private static final Pattern SECTION = Pattern.compile("^## (\\w[\\w-]*) ");
    private static final Pattern ITEM = Pattern.compile("^- `(\\w+)` — (implement|call|value|ULE 14|ULE 15)\\b");

    /** Module → public top-level types, from the sources. */
    static Map<String, Set<String>> publicTypes(Path root) throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        for (String module : LIBRARIES) {
            Set<String> names = new TreeSet<>();
            try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                    Matcher m = DECLARATION.matcher(Files.readString(f, StandardCharsets.UTF_8));
                    if (m.find()) {
                        names.add(m.group(1));
                    }
                }
            }
            out.put(module, names);
        }
        return out;
    }

    /** Module → types listed in docs/api.md (each line {@code - `Name` — role: …} under {@code ## module — …}). */
    static Map<String, Set<String>> listedTypes(Path doc) throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        String module = null;
        int n = 0;
        for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
            n++;
            Matcher s = SECTION.matcher(line);
            if (s.find()) {
                module = s.group(1);
                out.put(module, new TreeSet<>());
                continue;
            }
            if (line.startsWith("- `") && module != null) {
                Matcher i = ITEM.matcher(line);
                assertThat(i.find()).as(doc + ":" + n + ": expected \"- `Type` — implement|call|value|ULE 14|ULE 15: …\", got " + line).isTrue();
                assertThat(out.get(module).add(i.group(1))).as(doc + ":" + n + ": " + i.group(1) + " listed twice").isTrue();
            }
        }
        return out;
    }

    @Test
    void everyPublicTypeOfTheLibrariesIsListedWithItsRoleAndNothingElseIs() throws IOException {
        Path root = Corpus.projectRoot();
        Map<String, Set<String>> actual = publicTypes(root);
        Map<String, Set<String>> listed = listedTypes(root.resolve("docs/api.md"));
        assertThat(listed.keySet()).containsExactlyInAnyOrderElementsOf(LIBRARIES);
        for (String module : LIBRARIES) {
            Set<String> undocumented = new TreeSet<>(actual.get(module));
            undocumented.removeAll(listed.get(module));
            Set<String> notPublic = new TreeSet<>(listed.get(module));
            notPublic.removeAll(actual.get(module));
            assertThat(undocumented).as(module + ": public types missing from docs/api.md").isEmpty();
            assertThat(notPublic).as(module + ": types docs/api.md lists that are not public").isEmpty();
        }
        assertThat(actual.values().stream().mapToInt(Set::size).sum()).as("the scan found the libraries' types").isGreaterThan(100);
    }
}
