package io.signalbox.translate;

import io.signalbox.common.Json;
import io.signalbox.route.Rejection;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reading a client's request body for translation: what both request translators share. */
final class RequestJson {
    private RequestJson() {
    }

    /**
     * The body as a JSON object, or a 400 that says what is wrong — with only the line and column of a
     * syntax error, since the parser's own message may quote the prompt. {@code example} shows the
     * shape to send (e.g. {@code {"model": "...", "messages": [...]}}).
     */
    static JsonNode object(byte[] body, String example) {
        JsonNode in;
        try {
            in = body == null ? null : Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            var loc = e.getLocation();
            throw Rejection.invalidRequest("the request body is not valid JSON"
                    + (loc == null || loc.getLineNr() <= 0 ? "" : " (line " + loc.getLineNr() + ", column "
                    + loc.getColumnNr() + ")") + "; send a JSON object such as " + example);
        }
        if (in == null || !in.isObject()) {
            throw Rejection.invalidRequest("the request body must be a JSON object; send one such as " + example);
        }
        return in;
    }

    /** Copies {@code in.from} to {@code out.to} when it is present and not null. */
    static void copyIfPresent(JsonNode in, String from, ObjectNode out, String to) {
        JsonNode v = in.path(from);
        if (!v.isMissingNode() && !v.isNull()) {
            out.set(to, v);
        }
    }

    /** The node's elements when it is an array, else none (a malformed optional member is ignored, not iterated). */
    static Iterable<JsonNode> array(JsonNode node) {
        return node.isArray() ? node : List.of();
    }

    /** A block's, item's or part's "type", or "" when it has none. */
    static String type(JsonNode node) {
        JsonNode t = node.path("type");
        return t.isString() ? t.stringValue() : "";
    }
}
