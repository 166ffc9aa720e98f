package io.signalbox.forward;

import io.helidon.webserver.http.ServerResponse;
import io.signalbox.common.Json;
import io.signalbox.route.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Error bodies in the shape the client's API uses: Anthropic's
 * {@code {"type":"error","error":{"type":...,"message":...}}}, or OpenAI's
 * {@code {"error":{"message":...,"type":...,"param":null,"code":...}}} on the OpenAI routes (Codex, OpenAI SDKs).
 */
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

    /**
     * The last event of a stream the proxy ends itself (the upstream stalled or broke, the proxy shuts
     * down), in the form the client's API reads as a failure with {@code message}: Anthropic's
     * {@code error} event; for Chat Completions an unnamed {@code data: {"error": …}} event (what
     * OpenAI's SDKs raise); for Responses a {@code response.failed} event (what Codex reports, and
     * retries).
     */
    public static byte[] streamEnd(Endpoint endpoint, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        String event;
        switch (endpoint) {
            case CHAT_COMPLETIONS -> {
                error.put("message", message);
                error.put("type", "server_error");
                error.put("param", null);
                error.put("code", "server_error");
                event = "data: " + json(Map.of("error", error));
            }
            case RESPONSES -> {
                error.put("code", "server_error");
                error.put("message", message);
                Map<String, Object> response = new LinkedHashMap<>();
                response.put("status", "failed");
                response.put("error", error);
                Map<String, Object> failed = new LinkedHashMap<>();
                failed.put("type", "response.failed");
                failed.put("response", response);
                event = "event: response.failed\ndata: " + json(failed);
            }
            default -> {
                return sseEvent("api_error", message);
            }
        }
        return (event + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String json(Object o) {
        return Json.MAPPER.writer().withoutFeatures(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(o);
    }

    public static void send(ServerResponse res, Rejection r) {
        send(res, r, Endpoint.ClientApi.ANTHROPIC);
    }

    /** Answers {@code r} in the error shape of {@code api}. */
    public static void send(ServerResponse res, Rejection r, Endpoint.ClientApi api) {
        res.status(r.status());
        res.header("Content-Type", "application/json");
        res.send(api == Endpoint.ClientApi.OPENAI ? openAiBody(r) : body(r.type(), r.getMessage()));
    }

    /**
     * OpenAI's error shape. A wrong local token is OpenAI's {@code invalid_api_key}; a failure of the
     * proxy or the upstream its {@code server_error}. A used-up budget stays {@code budget_exceeded}
     * (HTTP 402): OpenAI's {@code insufficient_quota} would make Codex show its own words about the
     * provider's billing instead of the budget and its fix.
     */
    public static byte[] openAiBody(Rejection r) {
        String type = switch (r.type()) {
            case "authentication_error" -> "invalid_request_error";
            case "api_error" -> "server_error";
            default -> r.type();
        };
        String code = switch (r.type()) {
            case "authentication_error" -> "invalid_api_key";
            default -> r.type();
        };
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", r.getMessage());
        error.put("type", type);
        error.put("param", null);
        error.put("code", code);
        return Json.MAPPER.writer().withoutFeatures(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(Map.of("error", error));
    }
}
