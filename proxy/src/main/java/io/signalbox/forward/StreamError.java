package io.signalbox.forward;

import io.signalbox.common.Json;
import tools.jackson.databind.JsonNode;

/**
 * The error a provider reports inside a stream, read from one event's data in any of the three APIs'
 * shapes: Anthropic's {@code {"type":"error","error":{"type":…}}}, a Chat Completions chunk with an
 * {@code "error"} member (wherever it stands, its type or code), the Responses API's {@code error} and
 * {@code response.failed} events. This is the provider's own word, before any translation renames it.
 */
final class StreamError {
    private StreamError() {
    }

    /** The error's type (or code) when {@code data} reports one, {@code "error"} when it names none, else null. */
    static String of(String data) {
        if (data == null || (!data.contains("\"error\"") && !data.contains("response.failed"))) {
            return null; // the cheap test first: most events are not errors
        }
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(data);
        } catch (RuntimeException e) {
            return null;
        }
        if (n == null || !n.isObject()) {
            return null;
        }
        String type = n.path("type").asString("");
        if (type.equals("response.failed")) {
            return named(n.path("response").path("error"));
        }
        JsonNode err = n.path("error");
        if (err.isObject()) {
            return named(err);
        }
        if (type.equals("error")) {
            return named(n); // the Responses API's error event: {"type":"error","code":…,"message":…}
        }
        return err.isMissingNode() || err.isNull() ? null : "error";
    }

    private static String named(JsonNode err) {
        for (String field : new String[] {"type", "code"}) {
            JsonNode v = err.path(field);
            if (v.isString() && !v.asString().isBlank() && !v.asString().equals("error")) {
                return v.asString();
            }
        }
        return "error";
    }
}
