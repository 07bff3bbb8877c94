// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ulemodel.trace.InputError;

/**
 * Reads one JSON document of rt-app's dialect ({@code /* *}{@code /} and {@code //} comments,
 * trailing commas, repeated keys) with Jackson's streaming parser into {@link JsonNode}s that keep
 * every member in document order with its line and column. Limits: nesting depth
 * {@link #MAX_DEPTH}, document size {@link #MAX_CHARS}, string length {@link #MAX_STRING},
 * values {@link #MAX_VALUES}; exceeding one is an {@link InputError} naming the limit.
 */
public final class JsonDocReader {
    /** Deepest nesting of objects/arrays accepted. */
    public static final int MAX_DEPTH = 32;
    /** Largest document accepted, in characters. */
    public static final long MAX_CHARS = 8L << 20;
    /** Longest string accepted. */
    public static final int MAX_STRING = 4096;
    /** Most values (scalars, objects, arrays) in one document. */
    public static final int MAX_VALUES = 1_000_000;

    /**
     * What rt-app's dialect adds to JSON, by name, with the parser feature that accepts it; the
     * lenient parser enables exactly these. Repeated keys need no parser feature: every member is
     * kept in document order. The names are part of the rt-app reader's feature vocabulary.
     */
    private static final Map<String, JsonReadFeature> DIALECT = dialect();

    /** The names of what rt-app's dialect adds to JSON ({@code json.block-comment}, …), in a fixed order. */
    public static Set<String> dialectFeatures() {
        return DIALECT.keySet();
    }

    private static Map<String, JsonReadFeature> dialect() {
        Map<String, JsonReadFeature> m = new LinkedHashMap<>();
        m.put("json.block-comment", JsonReadFeature.ALLOW_JAVA_COMMENTS);
        m.put("json.line-comment", JsonReadFeature.ALLOW_JAVA_COMMENTS);
        m.put("json.trailing-comma", JsonReadFeature.ALLOW_TRAILING_COMMA);
        return Collections.unmodifiableMap(m);
    }

    private static final JsonFactory FACTORY = factory(true);
    private static final JsonFactory STRICT = factory(false);

    private static JsonFactory factory(boolean rtapp) {
        com.fasterxml.jackson.core.JsonFactoryBuilder b = new com.fasterxml.jackson.core.JsonFactoryBuilder();
        if (rtapp) {
            DIALECT.values().forEach(b::enable);
        }
        return b.streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH + 1)
                    .maxStringLength(MAX_STRING)
                    .maxNumberLength(64)
                    .maxDocumentLength(MAX_CHARS)
                    .maxNameLength(MAX_STRING)
                    .build())
                .build();
    }

    private final String source;
    private JsonParser p;
    private int values;

    private final JsonFactory factory;

    private JsonDocReader(String source, JsonFactory factory) {
        this.source = source;
        this.factory = factory;
    }

    /** Parses the whole document; anything after its single top-level value is an error. */
    public static JsonNode read(String source, Reader in) {
        return new JsonDocReader(source, FACTORY).parse(in);
    }

    /** Parses strict JSON (no comments, no trailing commas), e.g. one line of a JSONL file. */
    public static JsonNode readStrict(String source, Reader in) {
        return new JsonDocReader(source, STRICT).parse(in);
    }

    /** Parses one strict JSON text held in a string (a JSONL line): {@link #readStrict(String, Reader)} without a reader. */
    public static JsonNode readStrict(String source, String text) {
        JsonDocReader r = new JsonDocReader(source, STRICT);
        try {
            return r.parse(STRICT.createParser(text));
        } catch (IOException e) {
            throw new InputError(source, 0, 0, "cannot read: " + e.getMessage());
        }
    }

    private JsonNode parse(Reader in) {
        try {
            return parse(factory.createParser(in));
        } catch (IOException e) {
            throw new InputError(source, 0, 0, "cannot read: " + e.getMessage());
        }
    }

    private JsonNode parse(JsonParser created) {
        try (JsonParser parser = created) {
            p = parser;
            JsonToken t = p.nextToken();
            if (t == null) {
                throw err(p.currentLocation(), "empty document: expected a JSON object");
            }
            JsonNode root = value(t, 0);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                throw err(p.currentTokenLocation(), "unexpected " + extra.asString() + " after the end of the document");
            }
            return root;
        } catch (StreamConstraintsException e) {
            JsonLocation loc = p == null ? null : p.currentLocation();
            throw err(loc, "input too large or too deep: " + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw err(e.getLocation(), "malformed JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InputError(source, 0, 0, "cannot read: " + e.getMessage());
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private InputError err(JsonLocation loc, String what) {
        if (loc == null) {
            return new InputError(source, 0, 0, what);
        }
        return new InputError(source, Math.max(0, loc.getLineNr()), Math.max(0, loc.getColumnNr()), what);
    }

    private JsonNode value(JsonToken t, int depth) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int col = at.getColumnNr();
        if (++values > MAX_VALUES) {
            throw err(at, "too many values: at most " + MAX_VALUES + " are accepted");
        }
        switch (t) {
            case START_OBJECT: {
                if (depth >= MAX_DEPTH) {
                    throw err(at, "nesting too deep: at most " + MAX_DEPTH + " levels are accepted");
                }
                List<JsonNode.Member> members = new ArrayList<>();
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                    JsonLocation kl = p.currentTokenLocation();
                    String key = p.currentName();
                    JsonNode v = value(p.nextToken(), depth + 1);
                    members.add(new JsonNode.Member(key, kl.getLineNr(), kl.getColumnNr(), v));
                }
                if (k != JsonToken.END_OBJECT) {
                    throw err(p.currentTokenLocation(), "expected a key or '}'");
                }
                return new JsonNode.Obj(List.copyOf(members), line, col);
            }
            case START_ARRAY: {
                if (depth >= MAX_DEPTH) {
                    throw err(at, "nesting too deep: at most " + MAX_DEPTH + " levels are accepted");
                }
                List<JsonNode> items = new ArrayList<>();
                JsonToken n;
                while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (n == null) {
                        throw err(p.currentLocation(), "unexpected end of input: expected ']'");
                    }
                    items.add(value(n, depth + 1));
                }
                return new JsonNode.Arr(List.copyOf(items), line, col);
            }
            case VALUE_STRING:
                return new JsonNode.Str(p.getText(), line, col);
            case VALUE_NUMBER_INT: {
                JsonParser.NumberType type = p.getNumberType();
                if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                    long v = p.getLongValue(); // its double is the same number: no second conversion from text
                    return new JsonNode.Num(v, v, true, line, col);
                }
                return new JsonNode.Num(p.getDoubleValue(), 0, false, line, col);
            }
            case VALUE_NUMBER_FLOAT:
                return new JsonNode.Num(p.getDoubleValue(), 0, false, line, col);
            case VALUE_TRUE:
                return new JsonNode.Bool(true, line, col);
            case VALUE_FALSE:
                return new JsonNode.Bool(false, line, col);
            case VALUE_NULL:
                return new JsonNode.Null(line, col);
            default:
                throw err(at, "unexpected " + t.asString() + ": expected a value");
        }
    }
}
