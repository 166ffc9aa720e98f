package io.signalbox.forward;

import io.helidon.webserver.http.ServerResponse;
import io.signalbox.common.Json;
import io.signalbox.route.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Anthropic-shaped error bodies: {@code {"type":"error","error":{"type":...,"message":...}}}. */
public final class ErrorReply {
    private ErrorReply() {
    }

    public static byte[] body(String type, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        error.put("message", message);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("type", "error");
        root.put("error", error);
        return Json.MAPPER.writer().withoutFeatures(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(root);
    }

    /** An SSE {@code error} event, for failures after a stream has begun. */
    public static byte[] sseEvent(String type, String message) {
        byte[] json = body(type, message);
        return ("event: error\ndata: " + new String(json, StandardCharsets.UTF_8) + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static void send(ServerResponse res, Rejection r) {
        res.status(r.status());
        res.header("Content-Type", "application/json");
        res.send(body(r.type(), r.getMessage()));
    }
}
