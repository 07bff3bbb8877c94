// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.json;

import java.util.List;

/**
 * A JSON value with the place it starts at, as rt-app's dialect needs it: an object is an
 * ordered list of members in which a key may repeat (document order kept), never a map.
 */
public sealed interface JsonNode {
    /** 1-based line of the value's first character. */
    int line();

    /** 1-based column of the value's first character. */
    int column();

    /** A short name of the value's kind for error messages ("an object", "a string", …). */
    String kind();

    /** One {@code "key" : value} member; {@code line}/{@code column} locate the key. */
    record Member(String key, int line, int column, JsonNode value) {
    }

    /** An object: members in document order, duplicates kept. */
    record Obj(List<Member> members, int line, int column) implements JsonNode {
        @Override
        public String kind() {
            return "an object";
        }
    }

    /** An array. */
    record Arr(List<JsonNode> items, int line, int column) implements JsonNode {
        @Override
        public String kind() {
            return "an array";
        }
    }

    /** A string. */
    record Str(String value, int line, int column) implements JsonNode {
        @Override
        public String kind() {
            return "a string";
        }
    }

    /** A number; {@code integral} when written without fraction or exponent and within long range. */
    record Num(double value, long longValue, boolean integral, int line, int column) implements JsonNode {
        @Override
        public String kind() {
            return "a number";
        }
    }

    /** true or false. */
    record Bool(boolean value, int line, int column) implements JsonNode {
        @Override
        public String kind() {
            return "a boolean";
        }
    }

    /** null. */
    record Null(int line, int column) implements JsonNode {
        @Override
        public String kind() {
            return "null";
        }
    }
}
