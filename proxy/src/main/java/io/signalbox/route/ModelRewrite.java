package io.signalbox.route;

import io.signalbox.common.Json;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamFactory;

/**
 * Rewrites the top-level {@code "model"} of a JSON request body without re-serialising the rest:
 * a streaming parser finds the member's byte offsets and only those bytes are replaced, so every
 * other field (and its exact bytes) reaches the upstream as the client sent it.
 */
public final class ModelRewrite {

    /** The rewritten body (the client's array plus the new model, not a copy) and the two model names. */
    public record Result(BodyBytes body, String requestedModel, String upstreamModel) {
    }

    private static final TokenStreamFactory FACTORY = Json.MAPPER.tokenStreamFactory();

    private ModelRewrite() {
    }

    /** {@code s} as a JSON string literal in UTF-8 (quotes, backslashes and control characters escaped). */
    static byte[] jsonString(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Validates that {@code body} is one JSON object with a string {@code model} and applies
     * {@code map} to it.
     *
     * @throws Rejection (400) when the body is not a JSON object, has no model or has more than one
     */
    public static Result apply(byte[] body, UnaryOperator<String> map) {
        int start = -1;
        int end = -1;
        String requested = null;
        // The mapper's own token factory, without a databinding read context: no per-request setup.
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw Rejection.invalidRequest("the request body must be a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("model")) {
                    if (start >= 0) {
                        // Upstreams that keep the last of duplicated keys would use the unmapped one.
                        throw Rejection.invalidRequest("the request body has the key \"model\" more than once;"
                                + " send one \"model\"");
                    }
                    if (v != JsonToken.VALUE_STRING) {
                        throw Rejection.invalidRequest("\"model\" must be a string naming the model");
                    }
                    start = (int) p.currentTokenLocation().getByteOffset();
                    requested = p.getString();
                } else {
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw Rejection.invalidRequest("the request body must be exactly one JSON object");
            }
        } catch (JacksonException e) {
            var loc = e.getLocation();
            throw Rejection.invalidRequest("the request body is not valid JSON"
                    + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")")
                    + "; send a JSON object such as {\"model\": \"...\", \"messages\": [...]}");
        }
        if (requested == null) {
            throw Rejection.invalidRequest("the request body has no \"model\"; name the model to use,"
                    + " e.g. {\"model\": \"claude-sonnet-4-5\", ...}");
        }
        if (requested.length() > MAX_MODEL_CHARS) {
            // No provider names a model this long (inference-profile ARNs, the longest, are ~100); the
            // name would otherwise be written whole into the log line and the usage row.
            throw Rejection.invalidRequest("the request's \"model\" is " + requested.length() + " characters long;"
                    + " a model name has at most " + MAX_MODEL_CHARS + ": send the model's name");
        }
        String upstream = map.apply(requested);
        if (upstream == null || upstream.equals(requested)) {
            return new Result(BodyBytes.of(body), requested, requested);
        }
        end = endOfString(body, start);
        return new Result(BodyBytes.splice(body, start, end, jsonString(upstream)), requested, upstream);
    }

    /** The longest model name a request may carry. */
    public static final int MAX_MODEL_CHARS = 256;

    /** The offset just past the JSON string that starts (with its quote) at {@code start}. */
    static int endOfString(byte[] b, int start) {
        if (start < 0 || start >= b.length || b[start] != '"') {
            throw new IllegalStateException("model token not at a quote: " + start);
        }
        for (int i = start + 1; i < b.length; i++) {
            if (b[i] == '\\') {
                i++;
            } else if (b[i] == '"') {
                return i + 1;
            }
        }
        throw new IllegalStateException("unterminated model string");
    }
}
