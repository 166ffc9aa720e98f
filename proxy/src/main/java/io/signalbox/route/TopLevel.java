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
     * A member's value: bytes {@code [start, end)}; {@code number} for a whole number (saturated at
     * {@link Long#MAX_VALUE}), else 0.
     */
    record Member(JsonToken token, int start, int end, long number) {
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
                boolean wanted = names.contains(name) && !out.containsKey(name);
                int start = (int) p.currentTokenLocation().getByteOffset();
                if (wanted && v == JsonToken.START_OBJECT) {
                    p.skipChildren();
                    out.put(name, new Member(v, start, (int) p.currentTokenLocation().getByteOffset() + 1, 0));
                } else if (wanted && v == JsonToken.VALUE_NUMBER_INT) {
                    long n = p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? Long.MAX_VALUE : p.getLongValue();
                    int end = start;
                    while (end < b.length && (b[end] == '-' || (b[end] >= '0' && b[end] <= '9'))) {
                        end++;
                    }
                    out.put(name, new Member(v, start, end, n));
                } else {
                    p.skipChildren();
                }
            }
        } catch (JacksonException e) {
            return Map.of();
        }
        return out;
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
