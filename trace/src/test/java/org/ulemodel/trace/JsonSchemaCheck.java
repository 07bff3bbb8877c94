// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace;

import java.util.ArrayList;
import java.util.List;
import org.ulemodel.trace.json.JsonNode;

/**
 * A small JSON Schema (2020-12) checker for the keywords docs/protocol.schema.json uses:
 * {@code $ref} (to {@code #/$defs/…}), {@code type}, {@code const}, {@code enum}, {@code properties},
 * {@code required}, {@code additionalProperties: false}, {@code items}, {@code maxItems},
 * {@code minimum}, {@code maximum}, {@code pattern}, {@code oneOf}. Any other keyword is an error,
 * so the schema cannot use one this checker would silently ignore.
 */
final class JsonSchemaCheck {
    private static final List<String> KNOWN = List.of("$schema", "$comment", "title", "description", "$defs", "$ref", "type", "const",
            "enum", "properties", "required", "additionalProperties", "items", "maxItems", "minimum", "maximum", "pattern", "oneOf");

    private final JsonNode.Obj root;

    JsonSchemaCheck(JsonNode.Obj root) {
        this.root = root;
    }

    /** The problems of {@code value} against the schema's definition {@code def} ("" for the root); empty when it validates. */
    List<String> check(JsonNode value, String def) {
        List<String> out = new ArrayList<>();
        check(value, def.isEmpty() ? root : (JsonNode.Obj) get((JsonNode.Obj) get(root, "$defs"), def), "$", out);
        return out;
    }

    private static JsonNode get(JsonNode.Obj o, String key) {
        for (JsonNode.Member m : o.members()) {
            if (m.key().equals(key)) {
                return m.value();
            }
        }
        return null;
    }

    private void check(JsonNode v, JsonNode.Obj schema, String path, List<String> out) {
        for (JsonNode.Member m : schema.members()) {
            if (!KNOWN.contains(m.key())) {
                throw new IllegalArgumentException("schema keyword not supported by this checker: " + m.key());
            }
        }
        JsonNode ref = get(schema, "$ref");
        if (ref != null) {
            String r = ((JsonNode.Str) ref).value();
            check(v, (JsonNode.Obj) get((JsonNode.Obj) get(root, "$defs"), r.substring("#/$defs/".length())), path, out);
        }
        JsonNode type = get(schema, "type");
        if (type != null) {
            boolean ok = false;
            for (JsonNode t : type instanceof JsonNode.Arr ? ((JsonNode.Arr) type).items() : List.of(type)) {
                ok |= hasType(v, ((JsonNode.Str) t).value());
            }
            if (!ok) {
                out.add(path + ": expected type " + text(type) + ", found " + v.kind());
                return;
            }
        }
        JsonNode c = get(schema, "const");
        if (c != null && !same(c, v)) {
            out.add(path + ": expected " + text(c));
        }
        JsonNode e = get(schema, "enum");
        if (e != null && ((JsonNode.Arr) e).items().stream().noneMatch(x -> same(x, v))) {
            out.add(path + ": expected one of " + text(e));
        }
        if (v instanceof JsonNode.Num) {
            double d = ((JsonNode.Num) v).value();
            JsonNode min = get(schema, "minimum");
            JsonNode max = get(schema, "maximum");
            if (min != null && d < ((JsonNode.Num) min).value() || max != null && d > ((JsonNode.Num) max).value()) {
                out.add(path + ": " + text(v) + " out of range");
            }
        }
        JsonNode pattern = get(schema, "pattern");
        if (pattern != null && v instanceof JsonNode.Str
                && !java.util.regex.Pattern.compile(((JsonNode.Str) pattern).value()).matcher(((JsonNode.Str) v).value()).find()) {
            out.add(path + ": does not match " + text(pattern));
        }
        if (v instanceof JsonNode.Obj) {
            JsonNode.Obj o = (JsonNode.Obj) v;
            JsonNode props = get(schema, "properties");
            JsonNode req = get(schema, "required");
            if (req != null) {
                for (JsonNode r : ((JsonNode.Arr) req).items()) {
                    if (get(o, ((JsonNode.Str) r).value()) == null) {
                        out.add(path + ": missing " + text(r));
                    }
                }
            }
            for (JsonNode.Member m : o.members()) {
                JsonNode sub = props == null ? null : get((JsonNode.Obj) props, m.key());
                if (sub != null) {
                    check(m.value(), (JsonNode.Obj) sub, path + "." + m.key(), out);
                } else if (get(schema, "additionalProperties") instanceof JsonNode.Bool) {
                    out.add(path + ": unexpected field \"" + m.key() + "\"");
                }
            }
        }
        if (v instanceof JsonNode.Arr) {
            List<JsonNode> items = ((JsonNode.Arr) v).items();
            JsonNode maxItems = get(schema, "maxItems");
            if (maxItems != null && items.size() > ((JsonNode.Num) maxItems).longValue()) {
                out.add(path + ": more than " + text(maxItems) + " items");
            }
            JsonNode it = get(schema, "items");
            for (int i = 0; it != null && i < items.size(); i++) {
                check(items.get(i), (JsonNode.Obj) it, path + "[" + i + "]", out);
            }
        }
        JsonNode one = get(schema, "oneOf");
        if (one != null) {
            int matches = 0;
            List<String> closest = null;
            for (JsonNode alt : ((JsonNode.Arr) one).items()) {
                List<String> sub = new ArrayList<>();
                check(v, (JsonNode.Obj) alt, path, sub);
                if (sub.isEmpty()) {
                    matches++;
                } else if (closest == null || sub.size() < closest.size()) {
                    closest = sub;
                }
            }
            if (matches != 1) {
                out.add(path + ": matches " + matches + " of oneOf's alternatives" + (matches == 0 ? ", the closest with " + closest : ""));
            }
        }
    }

    private static boolean hasType(JsonNode v, String t) {
        switch (t) {
            case "object":
                return v instanceof JsonNode.Obj;
            case "array":
                return v instanceof JsonNode.Arr;
            case "string":
                return v instanceof JsonNode.Str;
            case "integer":
                return v instanceof JsonNode.Num && ((JsonNode.Num) v).integral();
            case "number":
                return v instanceof JsonNode.Num;
            case "boolean":
                return v instanceof JsonNode.Bool;
            case "null":
                return v instanceof JsonNode.Null;
            default:
                throw new IllegalArgumentException("unknown type " + t);
        }
    }

    private static boolean same(JsonNode a, JsonNode b) {
        return text(a).equals(text(b));
    }

    /** A value's JSON-ish text without positions (for comparisons and messages). */
    private static String text(JsonNode n) {
        if (n instanceof JsonNode.Str) {
            return "\"" + ((JsonNode.Str) n).value() + "\"";
        } else if (n instanceof JsonNode.Num) {
            JsonNode.Num x = (JsonNode.Num) n;
            return x.integral() ? String.valueOf(x.longValue()) : String.valueOf(x.value());
        } else if (n instanceof JsonNode.Bool) {
            return String.valueOf(((JsonNode.Bool) n).value());
        } else if (n instanceof JsonNode.Null) {
            return "null";
        } else if (n instanceof JsonNode.Arr) {
            List<String> s = new ArrayList<>();
            ((JsonNode.Arr) n).items().forEach(i -> s.add(text(i)));
            return "[" + String.join(",", s) + "]";
        }
        List<String> s = new ArrayList<>();
        ((JsonNode.Obj) n).members().forEach(m -> s.add("\"" + m.key() + "\":" + text(m.value())));
        return "{" + String.join(",", s) + "}";
    }
}
