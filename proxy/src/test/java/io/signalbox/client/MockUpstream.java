package io.signalbox.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.signalbox.common.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;

/**
 * A local stand-in for a provider (or for the Signalbox proxy): answers Anthropic Messages
 * (streaming and not) and OpenAI Responses (streaming) with "hi there", and records every request.
 */
final class MockUpstream implements AutoCloseable {
    /** One request as received; header names are lower case. */
    record Seen(String method, String path, Map<String, String> headers, String model) {
    }

    private final HttpServer server;
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    MockUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        JsonNode json = null;
        if (body.length > 0) {
            try {
                json = Json.MAPPER.readTree(body);
            } catch (RuntimeException e) {
                json = null;
            }
        }
        Map<String, String> headers = new java.util.TreeMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
        String model = json != null && json.path("model").isString() ? json.get("model").asString() : null;
        String path = ex.getRequestURI().getRawPath();
        seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().toString(), headers, model));
        if (!ex.getRequestMethod().equals("POST")) {
            send(ex, 200, "application/json", "{\"data\":[]}");
        } else if (path.endsWith("/responses")) {
            send(ex, 200, "text/event-stream", responsesStream(model));
        } else if (path.endsWith("/messages") && json != null && json.path("stream").asBoolean(false)) {
            send(ex, 200, "text/event-stream", messagesStream(model));
        } else if (path.endsWith("/messages")) {
            send(ex, 200, "application/json", "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":"
                    + q(model) + ",\"content\":[{\"type\":\"text\",\"text\":\"hi there\"}],\"stop_reason\":\"end_turn\","
                    + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":2}}");
        } else {
            send(ex, 200, "application/json", "{\"input_tokens\":10}");
        }
    }

    private static String q(String s) {
        return s == null ? "null" : Json.MAPPER.writeValueAsString(s);
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    static String messagesStream(String model) {
        return event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":" + q(model) + ",\"content\":[],\"stop_reason\":null,"
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}")
                + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
                + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"hi there\"}}")
                + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                + event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                        + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":2}}")
                + event("message_stop", "{\"type\":\"message_stop\"}");
    }

    static String responsesStream(String model) {
        String msg = "{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"assistant\",\"status\":\"completed\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":\"hi there\",\"annotations\":[]}]}";
        return event("response.created", "{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\","
                + "\"object\":\"response\",\"status\":\"in_progress\",\"model\":" + q(model) + ",\"output\":[]}}")
                + event("response.output_item.added", "{\"type\":\"response.output_item.added\",\"output_index\":0,"
                        + "\"item\":{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"assistant\","
                        + "\"status\":\"in_progress\",\"content\":[]}}")
                + event("response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"item_id\":\"msg_1\","
                        + "\"output_index\":0,\"content_index\":0,\"delta\":\"hi there\"}")
                + event("response.output_item.done", "{\"type\":\"response.output_item.done\",\"output_index\":0,"
                        + "\"item\":" + msg + "}")
                + event("response.completed", "{\"type\":\"response.completed\",\"response\":{\"id\":\"resp_1\","
                        + "\"object\":\"response\",\"status\":\"completed\",\"model\":" + q(model) + ",\"output\":["
                        + msg + "],\"usage\":{\"input_tokens\":10,\"input_tokens_details\":{\"cached_tokens\":0},"
                        + "\"output_tokens\":2,\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":12}}}");
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
