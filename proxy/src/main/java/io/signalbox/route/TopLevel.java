package io.signalbox.route;

import io.signalbox.common.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamFactory;

/**
 * Finds members of a request body's top-level object by streaming over it (no tree is built), so a
 * request adapter can splice just their bytes; members nested deeper (in the messages, say) are never
 * taken for them.
 */
final class TopLevel {
    private static final TokenStreamFactory FACTORY = Json.MAPPER.tokenStreamFactory();

    /**
     * A member's value: bytes {@code [start, end)}; {@code number} for a whole number (written as an
     * integer, or as {@code 64000.0} / {@code 6.4e4}; saturated at {@link Long#MAX_VALUE}), else 0;
     * {@code repeated} when the object has the member more than once (the offsets are the first's).
     */
    record Member(JsonToken token, int start, int end, long number, boolean repeated) {
        Member(JsonToken token, int start, int end, long number) {
            this(token, start, end, number, false);
        }

        /** True for a whole number, however written. */
        boolean isWholeNumber() {
            return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
        }
    }

    private TopLevel() {
    }

    /**
     * The first occurrence of each of {@code names} whose value is an object or a whole number; an
     * empty map when the body is not one JSON object (the model rewrite has refused such a body already).
     */
    static Map<String, Member> find(byte[] b, Set<String> names) {
        Map<String, Member> out = new HashMap<>();
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), b)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Map.of();
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (names.contains(name) && out.containsKey(name)) {
                    Member first = out.get(name);
                    out.put(name, new Member(first.token(), first.start(), first.end(), first.number(), true));
                    p.skipChildren();
                    continue;
                }
                boolean wanted = names.contains(name);
                int start = (int) p.currentTokenLocation().getByteOffset();
                if (wanted && v == JsonToken.START_OBJECT) {
                    p.skipChildren();
                    out.put(name, new Member(v, start, (int) p.currentTokenLocation().getByteOffset() + 1, 0));
                } else if (wanted && v == JsonToken.VALUE_NUMBER_INT) {
                    long n = p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? Long.MAX_VALUE : p.getLongValue();
                    out.put(name, new Member(v, start, numberEnd(b, start), n));
                } else if (wanted && v == JsonToken.VALUE_NUMBER_FLOAT) {
                    double d = p.getDoubleValue();
                    if (d >= 0 && d == Math.rint(d)) { // a whole number written as 64000.0 or 6.4e4 (or too large: +inf)
                        long n = d >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) d;
                        out.put(name, new Member(v, start, numberEnd(b, start), n));
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (JacksonException e) {
            return Map.of();
        }
        return out;
    }

    /** Where the JSON number starting at {@code start} ends. */
    private static int numberEnd(byte[] b, int start) {
        int end = start;
        while (end < b.length && (b[end] == '-' || b[end] == '+' || b[end] == '.' || b[end] == 'e' || b[end] == 'E'
                || (b[end] >= '0' && b[end] <= '9'))) {
            end++;
        }
        return end;
    }

    /** {@code b} with bytes {@code [from, to)} replaced by {@code insert}. */
    static byte[] splice(byte[] b, int from, int to, String insert) {
        byte[] r = insert.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] out = new byte[b.length - (to - from) + r.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(r, 0, out, from, r.length);
        System.arraycopy(b, to, out, from + r.length, b.length - to);
        return out;
    }
}
